"""Technologies: a product's name in a lead export or an ICP -> one canonical key.

The vocabulary (``data/technologies.csv``, listed in docs/technologies.md) holds common SaaS and
infrastructure products, each with a canonical key (its usual name, folded: ``salesforce``,
``google analytics``, ``aws``) and the other names exports give it ("Salesforce Sales Cloud",
"SFDC"; "GA4"; "Amazon Web Services"). Names are compared folded (case, accents, punctuation)
and without spaces, so "Sales Force", "HubSpot" and "salesforce.com" (a web suffix is dropped
when the name is not known with it) need no alias.

A name the vocabulary does not know keeps its folded form: a product we do not list may be
real, and it still matches the same name on the other side. ``close_technology`` tells an ICP
author's typo ("salesforse") from such a product: it is the one known product within a typo's
reach of the name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from leadsieve.normalize.text import fold

__all__ = [
    "Technology",
    "close_technology",
    "lookup_technology",
    "normalize_technology",
    "render_technologies_table",
    "suggest_technologies",
    "technologies",
]

#: Typo reach: a name of at least ``length`` letters (spaces aside) is a typo of a known one
#: at most ``edits`` edits away (a swap of two neighbours is one edit); shorter names ("sap",
#: "box") are never called typos.
_TYPO_REACH: tuple[tuple[int, int], ...] = ((8, 2), (5, 1))


@dataclass(frozen=True)
class Technology:
    """A product of the vocabulary: canonical ``key``, display ``name``, ``category``,
    and the ``aliases`` exports use for it."""

    key: str
    name: str
    category: str
    aliases: tuple[str, ...]


@cache
def technologies() -> tuple[Technology, ...]:
    """Every product of the vocabulary, in the file's order (grouped by nothing in particular)."""
    raw = files("leadsieve.normalize").joinpath("data", "technologies.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in raw.splitlines() if not line.startswith("#"))
    return tuple(
        Technology(
            key=row["technology"],
            name=row["name"],
            category=row["category"],
            aliases=tuple(a.strip() for a in (row["aliases"] or "").split(";") if a.strip()),
        )
        for row in rows
    )


def _compact(text: str) -> str:
    return fold(text).replace(" ", "")


@cache
def _index() -> dict[str, Technology]:
    """Every name of every product, compacted (folded, spaces dropped) -> the product."""
    index: dict[str, Technology] = {}
    for tech in technologies():
        for name in (tech.key, tech.name, *tech.aliases):
            index.setdefault(_compact(name), tech)
    return index


#: Web suffixes a product's name may carry in exports ("Gong.io", "salesforce.com").
_WEB_SUFFIXES = (" com", " io", " ai", " co", " app", " so", " net", " org")


def lookup_technology(text: str) -> Technology | None:
    """The product ``text`` names (its key, name or an alias, with or without a web suffix
    such as ".com" or ".io"), or None."""
    index = _index()
    folded = fold(text)
    found = index.get(folded.replace(" ", ""))
    if found is None and folded.endswith(_WEB_SUFFIXES):
        found = index.get(folded.rsplit(" ", 1)[0].replace(" ", ""))
    return found


def normalize_technology(text: str) -> str:
    """The canonical key of a product name: the vocabulary's key when it knows the product,
    else the folded text ("" for text without letters or digits).

    >>> normalize_technology("Salesforce Sales Cloud"), normalize_technology("GA4")
    ('salesforce', 'google analytics')
    >>> normalize_technology("Acme Internal Tool")
    'acme internal tool'
    """
    found = lookup_technology(text)
    return found.key if found is not None else fold(text)


def close_technology(text: str) -> Technology | None:
    """The known product ``text`` is most likely a typo of, when exactly one is within reach
    (``salesforse`` -> Salesforce); None for a known name, a short one, or one far from all."""
    from rapidfuzz.distance import OSA

    compact = _compact(text)
    if lookup_technology(text) is not None:
        return None
    edits = next((e for length, e in _TYPO_REACH if len(compact) >= length), 0)
    if edits == 0:
        return None
    near = {
        tech.key: tech
        for name, tech in _index().items()
        if OSA.distance(compact, name, score_cutoff=edits) <= edits
    }
    return next(iter(near.values())) if len(near) == 1 else None


def suggest_technologies(text: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` canonical keys of products whose names look like ``text``."""
    from rapidfuzz import fuzz, process

    compact = _compact(text)
    if not compact:
        return []
    found = process.extract(compact, list(_index()), scorer=fuzz.ratio, limit=limit * 4)
    keys = [_index()[name].key for name, score, _ in found if score >= 75]
    return list(dict.fromkeys(keys))[:limit]


def render_technologies_table() -> str:
    """The vocabulary as Markdown: one table per category (docs/technologies.md)."""
    by_category: dict[str, list[Technology]] = {}
    for tech in technologies():
        by_category.setdefault(tech.category, []).append(tech)
    parts: list[str] = []
    for category in sorted(by_category):
        parts.append(f"### {category}\n\n| technology | product | also read |\n|---|---|---|")
        for tech in sorted(by_category[category], key=lambda t: t.key):
            aliases = ", ".join(a.replace("|", "\\|") for a in tech.aliases)
            parts[-1] += f"\n| `{tech.key}` | {tech.name} | {aliases} |"
    return "\n\n".join(parts) + "\n"
