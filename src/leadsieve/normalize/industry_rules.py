"""The industry reader's rules for a label no table knows, tried in the order of docs/industries.md.

A label that is no key of the taxonomy (``industry_vocabulary``) is read by its words: a typo of a
key (fuzzy), "<Sector> Technology", the known label sharing most of its weighted word stems, its
head word (the trade a label ends in: "Furniture Stores" is furniture retail), and last the US
Census NAICS index (``industry_index``). Each rule returns a slug or None; ``industry`` chains
them. See docs/industries.md, steps 7 to 12.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from leadsieve.normalize.industry_index import index_slugs
from leadsieve.normalize.industry_vocabulary import (
    common_slug,
    industry_key,
    label_heads,
    label_words,
    load_taxonomy,
    stem,
)
from leadsieve.normalize.text import fold

#: Fuzzy matches must score at least this (rapidfuzz ratio, 0-100) on keys this long or longer.
FUZZY_CUTOFF = 90

FUZZY_MIN_LENGTH = 5

#: A label no table knows resolves by its words when it shares this much with a known one.
WORDS_CUTOFF = 0.5

#: A label's last word that says nothing of the industry alone ("Event Management").
_WEAK_HEADS = frozenset(
    {"management", "service", "services", "system", "systems", "solution", "solutions",
     "technology", "technologies", "tech", "development", "product", "products", "platform",
     "platforms", "network", "networks", "data", "search", "sharing", "processing", "testing",
     "industry", "industries", "activities", "company", "companies", "group", "business",
     "planning", "design", "engineering", "consulting", "research", "support", "care", "work"}
)  # fmt: skip

_OF = re.compile(r" (?:of|von|mit|de|d|du|des|di|del|della|van|av|do|da|dos|das) ")

#: Words of a description, not of an industry label: the head fallback leaves such text alone.
_SENTENCE = re.compile(r"\b(?:for|with|using|into|to|by|that|from|your|our|we|you|on|in)\b")

#: German and Swedish compounds end in their trade: "Möbelherstellung", "Möbeltillverkning".
_TRADE_ENDINGS = (("herstellung", "manufacturing"), ("tillverkning", "manufacturing"),
                  ("einzelhandel", "retail"), ("grosshandel", "wholesale"),
                  ("detaljhandel", "retail"), ("partihandel", "wholesale"))  # fmt: skip

#: Words that name no industry whatever they are combined with.
_EMPTY_WORDS = frozenset(
    {"service", "services", "product", "products", "activities", "industry", "industries",
     "business", "company", "companies", "solution", "solutions", "system", "systems"}
)  # fmt: skip

#: A last word naming a trade, and the branch of the taxonomy the other words are read in:
#: "Furniture Stores" is furniture retail, "Meat Packing Plants" food manufacturing.
_TRADE_HEADS = {
    "store": "retail", "stores": "retail", "shop": "retail", "shops": "retail",
    "retailer": "retail", "retailers": "retail", "dealer": "retail", "dealers": "retail",
    "wholesaler": "wholesale", "wholesalers": "wholesale", "distributor": "wholesale",
    "distributors": "wholesale", "manufacturer": "manufacturing", "manufacturers": "manufacturing",
    "mill": "manufacturing", "mills": "manufacturing", "plant": "manufacturing",
    "plants": "manufacturing", "wholesale": "wholesale", "retail": "retail",
    "manufacture": "manufacturing", "manufacturing": "manufacturing",
    "herstellung": "manufacturing", "fabbricazione": "manufacturing",
    "reit": "real-estate", "reits": "real-estate",
}  # fmt: skip

VENDOR_SLUG = "software-development"


def _head(words: list[str], text: str) -> str:
    """A label's head word: its last, or the last before "of" ("Wholesale of fruit"; also
    "von", "de", "di", "van", "av": "Herstellung von Möbeln", "Fabrication de meubles")."""
    before = _OF.split(fold(text), maxsplit=1)
    return ((len(before) > 1 and label_words(before[0])) or words)[-1]


def by_words(text: str, under: str | None = None) -> str | None:
    """Slug of the known label sharing most of ``text``'s words, weighted by rarity.

    The score is a weighted Jaccard index over word stems; a word no label has weighs the
    most, so a label with one unknown word rarely passes. The shared words must include the
    text's last word, its head ("Auto Insurance" is insurance, never a car maker). None below
    WORDS_CUTOFF or when the best score is shared by two slugs. ``under`` keeps only the
    slugs of that branch.
    """
    taxonomy = load_taxonomy()
    words = label_words(text)
    query = frozenset(map(stem, words))
    candidates = {i for word in query for i in taxonomy.by_word.get(word, ())}
    if not candidates or _EMPTY_WORDS.issuperset(words):  # "Services, NEC" names nothing
        return None
    head = stem(_head(words, text))
    unseen = math.log(len(taxonomy.phrases)) + 1
    best, slugs = 0.0, set()
    for index in candidates:
        content, slug = taxonomy.phrases[index]
        common = query & content
        if len(common) < min(2, len(content)):  # one word in common says little
            continue
        if len(common) == 1 and len(query) > 2:  # one word of a long label, likewise
            continue
        if head not in common or (under and under not in taxonomy.nodes[slug].path):
            continue
        shared = sum(taxonomy.weight[w] for w in common)
        score = shared / sum(taxonomy.weight.get(w, unseen) for w in query | content)
        if score > best + 1e-9:
            best, slugs = score, {slug}
        elif score > best - 1e-9:
            slugs.add(slug)
    return common_slug(slugs) if best >= WORDS_CUTOFF else None


def by_index(text: str) -> str | None:
    """Slug of the NAICS 2022 index entries nearest to ``text`` (``industry_index``); None for
    text that reads as a sentence, or when the entries disagree across branches."""
    words = label_words(text)
    if not words or _SENTENCE.search(fold(text)) or _EMPTY_WORDS.issuperset(words):
        return None
    if len(words) == 1 and (
        len(words[0]) < 5 or words[0] in _WEAK_HEADS or text.rstrip().endswith(("'s", "’s"))
    ):
        return None  # as for the head rule: "lots", "Services", a possessive "Women's"
    query = frozenset(map(stem, words))
    first = label_words(text.split(",")[0]) or words
    heads = frozenset({stem(_head(words, text)), stem(first[-1])})
    slugs = index_slugs(query, heads)
    return None if not slugs else common_slug(slugs)


def fuzzy_slug(key: str) -> str | None:
    """Slug of the one alias within FUZZY_CUTOFF of ``key``; None when none or ambiguous."""
    taxonomy = load_taxonomy()
    if len(key) < FUZZY_MIN_LENGTH:
        return None
    from rapidfuzz import fuzz, process  # only misses get here

    hits = process.extract(
        key, taxonomy.keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5
    )
    if not hits:
        return None
    best = hits[0][1]
    slugs = {taxonomy.aliases[hit[0]] for hit in hits if hit[1] == best}
    return slugs.pop() if len(slugs) == 1 else None


def tech_for(text: str) -> str | None:
    """A "<Sector> Technology" label read as the "<sector>tech" it spells out: a vendor to it
    ("Government Technology", "Insurance Technology" -> software-development), unless the
    company is in the sector itself, as for fintech, edtech, agtech and a product's technology
    ("Food Technology" -> food manufacturing). None when the sector is unknown.
    """
    taxonomy = load_taxonomy()
    words = fold(text).split()
    if len(words) < 2 or words[-1] not in ("technology", "technologies"):
        return None
    sector = " ".join(words[:-1])
    if (slug := taxonomy.aliases.get(industry_key(sector) + "tech")) is not None:
        return slug  # "Legal Technology" is legaltech
    found = taxonomy.aliases.get(industry_key(sector))
    if found is None:
        return None
    root = taxonomy.nodes[found].path[0]
    if found == "financial-services" or root in ("manufacturing", "farming-ranching-forestry"):
        return found
    return "e-learning-providers" if root == "education" else VENDOR_SLUG


def by_head(text: str) -> str | None:
    """Slug named by a label's last word when its words as a whole name none.

    A trade word ("Stores", "Wholesalers", "Mills") reads the other words in its branch
    ("Furniture Stores" -> furniture retail, else plain retail); any other last word must be a
    known industry alone, and not a weak one ("Commercial Insurance" -> insurance, "Event
    Management" -> None).
    """
    taxonomy = load_taxonomy()
    words = label_words(text)
    if not words or _SENTENCE.search(fold(text)):
        return None  # a sentence ("AI receptionist for dentists") is no industry label
    head = _head(words, text)
    rest = " ".join(word for word in words if word != head)
    branch = _TRADE_HEADS.get(head)
    for ending, trade in _TRADE_ENDINGS:  # a compound: "Möbelherstellung"
        if head.endswith(ending) and len(head) > len(ending):
            branch, rest = trade, f"{head.removesuffix(ending)} {rest}"
    if len(words) == 1 and head not in _TRADE_HEADS:  # heads one branch only: "Nightclubs"
        slugs = taxonomy.heads.get(stem(head))
        if branch is None and (slugs is None or head in _WEAK_HEADS or len(head) < 5):
            return None  # "lots" is no "Parking Lots"
        return branch if branch is not None else common_slug(slugs or frozenset())
    if branch is not None:
        return by_words(f"{branch} {rest}", under=branch) or by_words(rest, under=branch) or branch
    if head in _WEAK_HEADS or len(label_heads(text)) > 1 or len(words) > 4:
        return None  # "Creation and Distribution" has no one head; a long text is no label
    for form in dict.fromkeys((head, head + "s", head.removesuffix("s"))):
        if (slug := taxonomy.aliases.get(industry_key(form))) is not None:
            return slug
    return None


#: What joins the items of a conjunction label ("Pulp & Paper Products", "Meat, Poultry & Dairy").
_ITEMS = re.compile(r"\s*(?:,|&|\+|\band\b)\s*", re.IGNORECASE)


def label_items(text: str) -> list[str]:
    """The items a conjunction label names, a shared head or modifier spelled out:
    "Pulp & Paper Products" -> ["Pulp Products", "Paper Products"], "Heavy Machinery &
    Vehicles" -> ["Heavy Machinery", "Heavy Vehicles"]; [] when it names fewer than two."""
    items = [item for item in _ITEMS.split(text) if item.strip()]
    if len(items) < 2:
        return []
    first, last = items[0].split(), items[-1].split()
    middle = [len(item.split()) == 1 for item in items[1:-1]]
    if len(last) > 1 and len(first) == 1 and all(middle):  # the last item's head is shared
        return [f"{item} {' '.join(last[1:])}" for item in items[:-1]] + [items[-1]]
    if len(first) > 1 and len(last) == 1 and all(middle):  # the first item's modifier is
        return [items[0]] + [f"{' '.join(first[:-1])} {item}" for item in items[1:]]
    return items


def by_items(
    items: list[str], resolve: Callable[[str], str | None], *, partial: bool = False
) -> str | None:
    """Slug of a label whose items each name an industry: their deepest common node, a root
    included ("Distillers & Wineries" -> beverage manufacturing, "Textiles & Leather Goods"
    -> manufacturing). None when an item names none, or the items share no root. ``partial``
    (the last resort) reads only the items that name one, when they are at least half of them
    ("Footwear & Accessories" is footwear)."""
    found = [resolve(item) for item in items]
    slugs = [slug for slug in found if slug is not None]
    if not slugs or (len(slugs) < len(found) and not partial) or 2 * len(slugs) < len(found):
        return None
    taxonomy = load_taxonomy()
    paths = [taxonomy.nodes[slug].path for slug in slugs]
    shared = [step[0] for step in zip(*paths, strict=False) if len(set(step)) == 1]
    return shared[-1] if shared else None


def by_word_alone(text: str) -> str | None:
    """Slug of a one-word label ("Doctor", "Apartments") that every known label holding the
    word lies under: their deepest common node below a root; None for a weak word, or one that
    labels of several branches hold ("Jewelry" is made, sold and wholesaled). A word under five
    letters counts only in the labels it begins ("Coal" in "Coal Mining"; "lots" is no
    "Parking Lots")."""
    words = label_words(text)
    if len(words) != 1 or len(words[0]) < 3 or words[0] in _WEAK_HEADS | _EMPTY_WORDS:
        return None
    taxonomy, word = load_taxonomy(), stem(words[0])
    if len(words[0]) < 5:
        slugs = {slug for label, slug in taxonomy.words if stem(label.split()[0]) == word}
    else:
        slugs = {taxonomy.phrases[i][1] for i in taxonomy.by_word.get(word, ())}
    return common_slug(slugs) if slugs else None
