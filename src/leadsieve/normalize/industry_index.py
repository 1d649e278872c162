"""Industry labels read against the US Census NAICS 2022 index: about 20,000 phrases.

The Census "2022 NAICS Index File" lists the activities each 6-digit NAICS code holds, in the
words businesses use ("Ferry services, coastal", "Jewelry stores, precious", "Dental
laboratories"). A label no table knows is matched against those phrases by its word stems (the
same stems and filler words as the rest of the industry reader): the entry that shares most of
its weighted words, including the label's head, gives its code, and the code's crosswalk row the
slug. Entries that tie vote; a split vote answers with the slugs' deepest common node, or None.
Below ``INDEX_CUTOFF`` the answer is None.

The table is package data (``data/naics_index.tsv.gz``, built by ``scripts/build_naics_index.py``)
and is read on the first label that needs it, never at import. See docs/industries.md.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from leadsieve.normalize.industry_codes import code_to_slug
from leadsieve.normalize.industry_vocabulary import content_words

#: An index entry must share at least this weighted share of words with a label (0-1).
INDEX_CUTOFF = 0.6
#: Of the entries that tie for the best score, this share must name one slug.
VOTE_SHARE = 0.6
#: Word stems that turn an entry into a trade done to or with what its other words name ("Fire
#: station construction", "Boat dealers"): such an entry never answers for a label without them.
#: (Making a product is left out: "Point of Sale" is the terminals' maker.)
_TRADES = frozenset(
    {"construction", "wholesal", "repair", "installation", "rental", "leas", "deal", "merchant"}
)
#: "(except leather)", "(e.g., jewelers)": what an entry excludes or exemplifies is not it.
_ASIDE = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class _Index:
    entries: tuple[tuple[frozenset[str], str], ...]  # (content stems, slug)
    by_word: dict[str, tuple[int, ...]]  # stem -> indexes into entries
    weight: dict[str, float]  # stem -> inverse document frequency


def entry_stems(entry: str) -> frozenset[str]:
    """An index entry's word stems, as the industry reader stems a label, asides left out
    (``scripts/build_naics_index.py`` stores them; a test checks they are current)."""
    return content_words(_ASIDE.sub(" ", entry))


@lru_cache(maxsize=1)
def _index() -> _Index:
    """The index entries as stem sets with their slugs, read once (the stems are stored)."""
    import gzip  # only a label no table knows gets here

    raw = (files("leadsieve.normalize") / "data" / "naics_index.tsv.gz").read_bytes()
    slug_of: dict[str, str | None] = {}
    seen: dict[tuple[frozenset[str], str], None] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line[:1] == "#":
            continue
        code, _, stems = line.split("\t")
        if code not in slug_of:
            slug_of[code] = code_to_slug(f"naics:{code}")
        slug = slug_of[code]
        if slug is not None and stems:
            seen[(frozenset(stems.split()), slug)] = None
    entries = tuple(seen)
    by_word: dict[str, list[int]] = {}
    for position, (content, _) in enumerate(entries):
        for word in content:
            by_word.setdefault(word, []).append(position)
    return _Index(
        entries=entries,
        by_word={word: tuple(found) for word, found in by_word.items()},
        weight={w: math.log(len(entries) / len(found)) + 1 for w, found in by_word.items()},
    )


def index_slugs(query: frozenset[str], heads: frozenset[str]) -> set[str] | None:
    """Slugs of the index entries nearest to a label's stems ``query`` headed by ``heads``.

    The score is a weighted Jaccard index over stems (rare words weigh more; a word the index
    lacks weighs most), over entries that contain a head (a label's last word, or the last of
    its first part in the index's inverted form: "Railroads, Line-Haul Operating"). The
    entries at the best score vote; the slugs that carry ``VOTE_SHARE`` of the vote are
    returned (one when the vote is clear). None below ``INDEX_CUTOFF``. A one-word label is
    what the short entries (two words at most) holding it mostly name, else None.
    """
    index = _index()
    candidates = sorted({i for head in heads for i in index.by_word.get(head, ())})
    if not candidates:
        return None
    if len(query) == 1:  # one word: what the short entries holding it mostly name
        short = (index.entries[i] for i in candidates if len(index.entries[i][0]) <= 2)
        votes = Counter(slug for _, slug in short)
        if not votes:
            return None
        slug, count = votes.most_common(1)[0]
        return {slug} if count >= VOTE_SHARE * sum(votes.values()) else None
    unseen = math.log(len(index.entries)) + 1
    query_weight = {w: index.weight.get(w, unseen) for w in query}
    best, votes = 0.0, Counter[str]()
    for position in candidates:
        content, slug = index.entries[position]
        common = query & content
        if len(common) < min(2, len(query)) or (content - query) & _TRADES:
            continue  # "Fire station construction" builds fire stations, it is none
        shared = sum(query_weight[w] for w in common)
        total = shared + sum(query_weight[w] for w in query - content)
        total += sum(index.weight[w] for w in content - query)
        score = shared / total
        if score > best + 1e-9:
            best, votes = score, Counter({slug: 1})
        elif score > best - 1e-9:
            votes[slug] += 1
    if best < INDEX_CUTOFF:
        return None
    slug, count = votes.most_common(1)[0]
    return {slug} if count >= VOTE_SHARE * sum(votes.values()) else set(votes)
