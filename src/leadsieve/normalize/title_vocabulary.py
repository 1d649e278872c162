"""The job-title vocabulary: canonical values, and ``data/titles.json`` compiled into phrases.

``leadsieve.normalize.titles`` reads titles with it. This module knows words, not titles: what
each term of each language means (`_Term`), and how an unknown word may still be a known one
(a feminine or plural form, a compound: `_resolve`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from leadsieve.normalize.text import fold

# fmt: off
#: Canonical seniorities, highest first.
SENIORITIES: tuple[str, ...] = (
    "owner", "c_suite", "vp", "head", "director", "manager", "senior", "entry", "intern",
)

#: Canonical departments.
DEPARTMENTS: tuple[str, ...] = (
    "executive", "sales", "revenue_operations", "marketing", "customer_success", "support",
    "engineering", "product", "design", "data", "it", "security", "finance", "hr", "legal",
    "operations", "procurement", "other",
)
# fmt: on


_RANK = {name: rank for rank, name in enumerate(SENIORITIES)}
_ENTRY = _RANK["entry"]
#: Ranks at or above this name a boss; an assistant word right after one cancels it.
_BOSS = _RANK["manager"]
_SPECIFIC, _FALLBACK, _EXECUTIVE, _OTHER = range(4)
_DEPARTMENT_TIER = {
    name: _EXECUTIVE if name == "executive" else _OTHER if name == "other" else _SPECIFIC
    for name in DEPARTMENTS
}
_FLAGS = frozenset({"fallback", "stop", "tail", "stem"})
#: Flags that make a term's reading depend on its neighbours (`_in_context`).
_CONTEXT_FLAGS = ("weak", "assistant", "business", "adjective", "past", "past_after", "chief")
#: Segment boundaries become this word, which folding keeps and no phrase contains, so no
#: phrase spans "Director, General Counsel" and "Partner, Marketing" keeps its comma.
_BOUNDARY = " 0 "
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@dataclass(frozen=True, slots=True)
class _Term:
    rank: int | None
    department: str | None
    tier: int
    stop: bool = False
    weak: bool = False
    assistant: bool = False
    business: bool = False
    adjective: bool = False
    past: bool = False
    past_after: bool = False
    chief: bool = False
    officer: bool = False
    special: bool = False  # any of _CONTEXT_FLAGS: `_in_context` looks at its neighbours


@dataclass(frozen=True)
class _Vocabulary:
    phrases: dict[str, _Term]
    longest: dict[str, int]  # first word -> most words in a phrase starting with it
    seconds: dict[str, frozenset[str]]  # first word -> the second words of its phrases
    known: frozenset[str]  # every word of every phrase
    tails: frozenset[str]
    stems: tuple[str, ...]  # longest first
    prepositions: frozenset[str]
    seniority_labels: dict[str, str]
    department_labels: dict[str, str]
    adjectives: frozenset[str]  # one-word terms flagged adjective
    business: frozenset[str]  # one-word terms flagged business
    pasts: frozenset[str]  # one-word terms flagged past
    cut_sensitive: frozenset[str]  # the words of terms whose reading depends on boundaries


@lru_cache(maxsize=1 << 16)
def _resolve(word: str) -> tuple[str, ...] | None:
    """An unknown word as known words (a feminine or plural form, a compound), else None. A past
    word is only ever itself ("Paste" is no form of "Past")."""
    vocabulary = _vocabulary()
    forms = _forms(word)
    for form in forms:
        if form in vocabulary.known and form not in vocabulary.pasts:
            return (form,)
    if len(word) < 6:
        return None
    for form in (word, *forms):
        parts = _compound(form)
        if parts:
            return parts
    return None


def _forms(word: str) -> list[str]:
    """Other spellings of one word: German -in, Romance -a/-e/-trice/-euse, plural -s/-es."""
    forms: list[str] = []
    if word.endswith("in") and len(word) >= 6:
        forms.append(word[:-2])  # Leiterin, Gründerin
    if word.endswith("trice"):
        forms += [word[:-5] + "teur", word[:-5] + "tore"]  # directrice, fondatrice
    if word.endswith("euse"):
        forms.append(word[:-4] + "eur")  # développeuse
    if len(word) >= 4:
        if word.endswith("a"):
            forms += [word[:-1], word[:-1] + "o"]  # directora, ingeniera
        if word.endswith("e"):
            forms.append(word[:-1])  # gérante, avocate
        if word.endswith("s") and len(word) >= 5:
            forms.append(word[:-1])  # partners, vorstands (not "CDOs")
        if word.endswith("es") and len(word) >= 5:
            forms.append(word[:-2])  # directores
    return forms


def _compound(word: str) -> tuple[str, ...]:
    """Split "vertriebsleiter" into ("vertrieb", "leiter"); () when it is no compound."""
    vocabulary = _vocabulary()
    for cut in range(3, len(word) - 2):
        tail = word[cut:]
        if tail in vocabulary.tails:
            return (*_compound_head(word[:cut], vocabulary), tail)
    for stem in vocabulary.stems:
        rest = word[len(stem) :]
        if word.startswith(stem) and len(rest) >= 3:
            return (stem, *_compound_head(rest.removeprefix("s"), vocabulary))
    return ()


def _compound_head(part: str, vocabulary: _Vocabulary) -> tuple[str, ...]:
    for form in (part, part[:-1], part[:-2]):  # linking -s, -n, -e, -en
        if form in vocabulary.known and len(form) >= 2:
            return (form,)
    return (part,)


@cache
def _vocabulary() -> _Vocabulary:
    source = files("leadsieve.normalize").joinpath("data/titles.json").read_text("utf-8")
    data = json.loads(source, object_pairs_hook=_no_duplicates)
    phrases: dict[str, _Term] = {}
    tails: set[str] = set()
    stems: set[str] = set()
    prepositions: set[str] = set()
    for language, block in data["languages"].items():
        prepositions.update(fold(word) for word in block["prepositions"])
        for raw, spec in block["terms"].items():
            for key in {fold(raw), fold(raw.translate(_UMLAUTS))}:
                term = _term(spec, f"{language}: {raw!r}")
                if phrases.setdefault(key, term) != term:
                    raise ValueError(f"titles.json: {language}: {raw!r} means two things")
                if spec.get("tail"):
                    tails.add(key)
                if spec.get("stem"):
                    stems.add(key)
    longest: dict[str, int] = {}
    seconds: dict[str, set[str]] = {}
    for key in phrases:
        first, *rest = key.split()
        if rest:
            longest[first] = max(longest.get(first, 0), len(rest) + 1)
            seconds.setdefault(first, set()).add(rest[0])
    return _Vocabulary(
        phrases=phrases,
        longest=longest,
        seconds={first: frozenset(words) for first, words in seconds.items()},
        known=frozenset({_BOUNDARY.strip()}.union(*(key.split() for key in phrases))),
        tails=frozenset(tails),
        stems=tuple(sorted(stems, key=len, reverse=True)),
        prepositions=frozenset(prepositions),
        seniority_labels=_labels(data["seniority_labels"], _RANK),
        department_labels=_labels(data["department_labels"], _DEPARTMENT_TIER),
        adjectives=frozenset(k for k, t in phrases.items() if t.adjective and " " not in k),
        business=frozenset(k for k, t in phrases.items() if t.business and " " not in k),
        pasts=frozenset(k for k, t in phrases.items() if t.past and " " not in k),
        cut_sensitive=frozenset(
            word
            for key, t in phrases.items()
            if t.past or t.adjective or t.business or t.chief
            for word in key.split()
        ),
    )


def _term(spec: dict[str, Any], where: str) -> _Term:
    unknown = set(spec) - _FLAGS - set(_CONTEXT_FLAGS) - {"officer", "seniority", "department"}
    seniority, department = spec.get("seniority"), spec.get("department")
    if unknown or (seniority is not None and seniority not in _RANK):
        raise ValueError(f"titles.json: {where}: unknown field or seniority")
    if department is not None and department not in _DEPARTMENT_TIER:
        raise ValueError(f"titles.json: {where}: unknown department {department!r}")
    tier = _DEPARTMENT_TIER.get(department or "", _SPECIFIC)
    return _Term(
        rank=_RANK[seniority] if seniority is not None else None,
        department=department,
        tier=_FALLBACK if spec.get("fallback") and tier == _SPECIFIC else tier,
        stop=bool(spec.get("stop")),
        officer=bool(spec.get("officer")),
        special=any(spec.get(flag) for flag in _CONTEXT_FLAGS),
        **{flag: bool(spec.get(flag)) for flag in _CONTEXT_FLAGS},
    )


def _labels(raw: dict[str, str], canonical: dict[str, int]) -> dict[str, str]:
    for label, value in raw.items():
        if value not in canonical:
            raise ValueError(f"titles.json: label {label!r} maps to unknown value {value!r}")
    return {fold(label): value for label, value in raw.items()}


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"titles.json: duplicate key {key!r}")
        result[key] = value
    return result
