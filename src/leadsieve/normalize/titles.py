"""Job titles to canonical seniority and department, in eight languages.

`normalize_title` reads a free-text title ("Sr. Mgr., RevOps", "Leiter Vertrieb", "VD") into a
`Title(seniority, department)` of DESIGN.md's canonical values; `normalize_seniority` and
`normalize_department` read the level and function columns of exports (Apollo, ZoomInfo,
LinkedIn) and fall back to reading the value as a title.

The vocabulary is data (`data/titles.json`: one entry per term and language, English, German,
French, Spanish, Portuguese, Italian, Dutch, Swedish) compiled once into a phrase table, and a
title is read in one pass over its words, so the cost does not grow with the vocabulary:

1. What follows "@" (an employer) is dropped. , ; : / | ( ) [ ] and a spaced dash cut segments:
   no phrase spans one ("Director, General Counsel" is not "Director General").
2. Words are folded (`fold`). An unknown word is tried as a feminine or plural of a known one
   ("Directora", "Leiterin", "Partners"), then as a compound ("Marketing|leiter", "Vertriebs|").
3. At each word the longest phrase wins, so "Account Executive" or "Talent Acquisition Partner"
   are read whole. "at", "bei", "chez", "presso", "bij", "hos" end the title (an employer
   follows: "Founder at Acme Data"), and so does an assistant or advisor word before a
   preposition (a principal follows: "Assistant to the CEO", "Assistente del Direttore").
   Unknown words and boundaries are kept apart in the key the phrases are read from, as far
   as a neighbour's reading depends on them (`_tidy_key`).

Decisions (the tests pin each one):

- Seniority is the highest named anywhere: "Co-Founder & CEO" -> owner, "SVP/GM" -> vp.
- Department is the first function named, by tier: specific (sales ... procurement) beats
  generic ("Project", "Growth", "Technology") beats `executive` (CEO, founder...) beats `other`
  (consultant, analyst...); within a tier the leftmost wins. "VP, Sales & Marketing" -> sales,
  "Co-Founder & CTO" -> engineering, "Founder/CEO" -> executive.
- A role without a level word is `entry`: "Software Engineer", "SDR", and "Account Executive"
  (sales; "Senior Account Executive" is senior). Nothing recognisable gives Title(None, None).
- "Partner" alone or as a rank ("Partner, Tax", "Senior Partner") is owner, as in law, audit and
  consulting firms; not in a role name ("Talent Acquisition Partner", "HR Business Partner" are
  senior, "Channel Partner Manager" is manager) nor before a function ("Partner Marketing").
- "General Manager"/"GM" is director (a site or business-unit lead); "Managing Director"/"MD",
  "Geschäftsführer", "Directeur Général", "VD" and Spanish/Portuguese "Gerente General" c_suite.
- "Account Manager"/"AM"/"Accountmanager", "CSM", "PM" say manager, so manager; account
  management is sales, customer success is customer_success. "Responsable"/"Responsabile"/
  "Coordenador" are manager; "Jefe"/"Chef"/"Hoofd"/"Leiter" head.
- "Executive" alone is never a rank. An assistant never takes the rank of the boss named with
  it ("CEO Assistant", "Assistant to the CEO", "Director's Assistant"); "Assistant Manager" is
  a manager. Ambiguous CCO, CDO, CSO are c_suite in `executive`; CPO is product.
- Read with care, so that a revenue team's "VP+ in sales" means it (the flags of titles.json):
  "Former", "Ex-", "Retired" (and their translations) say what follows is not current
  ("Former VP Sales" names nothing; "CEO (retired)" neither). "Chief" heads a unit ("Fire
  Chief", "Chief Engineer", "Chief of Staff" are head); only "Chief <function> Officer" is
  c_suite. "Commercial", "Revenue" and "Channel" are sales only as nouns: at the end of their
  segment ("Head of Commercial", French "Commercial") or before a bare rank ("Commercial
  Director"), not before another word ("Commercial Pilot", "Revenue Agent"). "Partner" and
  "Founder" right after a word the vocabulary does not know are not ranks ("Nutrition Partner",
  "Iron Founder"; "Audit Partner" and "Startup Founder" are). When a bracket abbreviates the
  rest of the title, or spells it out, and the abbreviation would read as a more senior boss,
  the spelled-out side is read alone ("Medical Doctor (MD)", "Continuous Miner Operator (CMO)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from leadsieve.normalize.text import fold, fold_series, is_missing
from leadsieve.normalize.title_vocabulary import (
    _BOSS,
    _BOUNDARY,
    _DEPARTMENT_TIER,
    _ENTRY,
    _EXECUTIVE,
    _FALLBACK,
    _OTHER,
    _RANK,
    DEPARTMENTS,
    SENIORITIES,
    _resolve,
    _Term,
    _Vocabulary,
    _vocabulary,
)

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "DEPARTMENTS",
    "SENIORITIES",
    "Title",
    "normalize_department",
    "normalize_seniority",
    "normalize_title",
    "read_titles",
]


@dataclass(frozen=True)
class Title:
    """What a job title says: its seniority and department, each None when it names none."""

    seniority: str | None
    department: str | None


#: Python's whitespace, spelled out so that Python's and Polars' regex engines agree on it.
_SPACE = "[" + "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "]"
_SEGMENTS = re.compile(rf"[,;:/|()\[\]{{}}•·]|{_SPACE}[-–—]+{_SPACE}")
#: A boundary in a key (see `_tidy_key`); the reader takes "0" (a title's own words) alike.
_CUT = "|"
_CUTS = frozenset({_CUT, _BOUNDARY.strip()})
#: Every possible answer, built once: a frozen dataclass is slow to construct per call.
_TITLES = {
    (rank, department): Title(SENIORITIES[rank] if rank < len(SENIORITIES) else None, department)
    for rank in range(len(SENIORITIES) + 1)
    for department in (*DEPARTMENTS, None)
}


#: "Chief" in a "Chief ... Officer" title.
_CHIEF_OFFICER = _Term(rank=_RANK["c_suite"], department="executive", tier=_EXECUTIVE)


def normalize_title(text: str | None) -> Title:
    """Read a job title into its highest seniority and its primary department.

    >>> normalize_title("VP, Sales & Marketing")
    Title(seniority='vp', department='sales')
    >>> normalize_title("Co-Founder & CEO")
    Title(seniority='owner', department='executive')
    """
    if text is None or is_missing(text):
        return _TITLES[len(SENIORITIES), None]
    if "@" in text:
        text = text.split("@", 1)[0]
    if "(" in text:
        text = _spelled_out(text)
    words = fold(_SEGMENTS.sub(_BOUNDARY, text)).split()
    return _read_key(_tidy_key(" ".join(part for word in words for part in _canonical_word(word))))


def read_titles(titles: pl.Series) -> pl.DataFrame:
    """``normalize_title`` for a whole column: ``seniority`` and ``department``, row by row.

    Titles have a long tail (a third of them distinct in a large export), so the Python reader
    runs neither per row nor per distinct title: Polars cuts and folds the distinct titles and
    splits them into words, each distinct word is read once (`_canonical_word`), and each
    distinct word sequence once (`_read_key`). A property test holds this to
    ``normalize_title``.
    """
    import polars as pl  # here, not at import: reading an ICP needs no Polars

    frame = titles.cast(pl.String).rename("title").to_frame()
    distinct = frame.unique()
    cut = distinct.get_column("title").str.split_exact("@", 1).struct.field("field_0")
    bracketed = cut.filter(cut.str.contains("(", literal=True)).unique()
    if len(bracketed):
        cut = cut.replace(bracketed, [_spelled_out(text) for text in bracketed])
    words = fold_series(cut.str.replace_all(_SEGMENTS.pattern, _BOUNDARY)).str.split(" ")
    split = distinct.with_columns(words.alias("words"))
    vocabulary = split.get_column("words").explode().drop_nulls().unique()
    parts = [" ".join(_canonical_word(word)) for word in vocabulary]
    keys = split.select(
        "title",
        pl.col("words")
        .list.eval(pl.element().replace_strict(vocabulary, parts, return_dtype=pl.String))
        .list.join(" ")
        .alias("key"),
    )
    keys = keys.with_columns(_tidy_keys(keys.get_column("key")))
    distinct_keys = keys.get_column("key").drop_nulls().unique()
    read = [_read_key(key) for key in distinct_keys]
    table = pl.DataFrame(
        {
            "key": distinct_keys,
            "seniority": [title.seniority for title in read],
            "department": [title.department for title in read],
        },
        schema={"key": pl.String, "seniority": pl.String, "department": pl.String},
    )
    found = keys.join(table, on="key", how="left").drop("key")
    return frame.join(found, on="title", how="left", nulls_equal=True, maintain_order="left").drop(
        "title"
    )


#: A word the vocabulary does not know. Runs of unknown words read alike, and so do runs of
#: unknown words and boundaries (`_CUT`) that start with a boundary, so each becomes one gap or
#: one boundary. Gaps and boundaries at either end are dropped, except a gap a neighbour's reading
#: depends on ("Commercial Pilot", "Nutrition Partner"): "VP Sales (m/w/d) | US West" and
#: "VP Sales, EMEA" share the key "vp sales".
_GAP = "?"
_GAP_RUNS = re.compile(r"\?(?: \?)+")
_CUT_RUNS = re.compile(r"\|(?: [?|])+")
_HEAD = re.compile(r"^[?|](?: [?|])*(?: |$)")
_TAIL = re.compile(r" [?|](?: [?|])*$")


@cache
def _context_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a key with a word whose term reads boundaries, a key ending in an adjective or a past
    word and a gap, a key starting with a gap and a business word)."""
    vocabulary = _vocabulary()
    adjectives = "|".join(sorted(vocabulary.adjectives | vocabulary.pasts))
    business = "|".join(sorted(vocabulary.business))
    return (
        re.compile(rf"(?:^| )(?:{'|'.join(sorted(vocabulary.cut_sensitive))})(?: |$)"),
        re.compile(rf"(?:^| )(?:{adjectives}) \?(?: \|)?$"),
        re.compile(rf"^(?:[?|] )*\? (?:{business})(?: |$)"),
    )


def _tidy_key(key: str) -> str:
    """A key with its runs of gaps and boundaries merged and its ends trimmed. Boundaries are
    gaps unless a term that reads them is there, so most titles share fewer keys."""
    sensitive, adjective_tail, business_head = _context_patterns()
    if not sensitive.search(key):
        key = key.replace(_CUT, _GAP)
    key = _CUT_RUNS.sub(_CUT, _GAP_RUNS.sub(_GAP, key))
    key = key.removesuffix(" |") if adjective_tail.search(key) else _TAIL.sub("", key)
    return _HEAD.sub("? " if business_head.search(key) else "", key)


def _tidy_keys(keys: pl.Series) -> pl.Series:
    """``_tidy_key`` for a Polars Series of keys."""
    sensitive, adjective_tail, business_head = _context_patterns()
    keep = keys.str.contains(sensitive.pattern).fill_null(False)
    keys = keys.zip_with(keep, keys.str.replace_all(_CUT, _GAP, literal=True))
    keys = keys.str.replace_all(_GAP_RUNS.pattern, _GAP).str.replace_all(_CUT_RUNS.pattern, _CUT)
    keep = keys.str.contains(adjective_tail.pattern).fill_null(False)
    keys = keys.str.replace(r" \|$", "").zip_with(keep, keys.str.replace(_TAIL.pattern, ""))
    keep = keys.str.contains(business_head.pattern).fill_null(False)
    return keys.str.replace(_HEAD.pattern, "? ").zip_with(keep, keys.str.replace(_HEAD.pattern, ""))


#: "X (Y)": a title and its bracket, the bracket last.
_BRACKETED = re.compile(r"^(?P<out>[^()]+?)\s*\((?P<in>[^()]+)\)\s*$")
#: Words an abbreviation may skip ("AP BD+C" for "Accredited Professional in Building Design and
#: Construction"); "s" is what folding leaves of "Driver's".
_SKIPPABLE = frozenset({"and", "of", "the", "for", "in", "on", "to", "s"})


@lru_cache(maxsize=1 << 14)
def _spelled_out(text: str) -> str:
    """What to read of a title whose bracket abbreviates it, or spells it out: the spelled-out
    side alone when the abbreviation would read as a more senior boss ("Medical Doctor (MD)" and
    "MD (Medical Doctor)" are "Medical Doctor", "Continuous Miner Operator (CMO)" is not a
    CMO), else the whole title, as any other ("EDP Sales Representative (Electronic Data
    Processing Sales Representative)" keeps the vocabulary's reading of "EDP")."""
    match = _BRACKETED.match(text)
    if match is None:
        return text
    outside, inside = match["out"], match["in"]
    if fold(outside)[:1] != fold(inside)[:1]:
        return text  # "(m/w/d)", "(Acting)", "(DACH)": an abbreviation starts as it spells
    for short, long in ((inside, outside), (outside, inside)):
        letters, words = fold(short).replace(" ", ""), fold(long).split()
        if 2 <= len(letters) < sum(map(len, words)) and _abbreviates(letters, tuple(words)):
            boss = _rank(normalize_title(short))
            return long if boss <= _BOSS and boss < _rank(normalize_title(long)) else text
    return text


def _rank(title: Title) -> int:
    return _RANK[title.seniority] if title.seniority is not None else len(SENIORITIES)


def _abbreviates(letters: str, words: tuple[str, ...]) -> bool:
    """Whether ``letters`` are a prefix of each word in turn (at least one letter of each,
    none of a skippable word): "md" of "medical doctor", "obgyn" of "obstetrics gynecology"."""

    @cache
    def rest(at: int, word: int) -> bool:
        if word == len(words):
            return at == len(letters)
        if words[word] in _SKIPPABLE and rest(at, word + 1):
            return True
        candidate = words[word]
        return any(
            rest(at + size, word + 1)
            for size in range(min(len(candidate), len(letters) - at), 0, -1)
            if letters[at : at + size] == candidate[:size]
        )

    return rest(0, 0)


@lru_cache(maxsize=1 << 16)
def _canonical_word(word: str) -> tuple[str, ...]:
    """A folded word as the words the reader acts on: itself when known, its parts when it is
    a form or compound of known words, else a gap (prepositions and "s" are kept: an assistant
    before a preposition, and "Director's", depend on them). A boundary is `_CUT`."""
    vocabulary = _vocabulary()
    if word in vocabulary.known:
        return (word,) if word != _BOUNDARY.strip() else (_CUT,)
    parts = _resolve(word) or (word,)
    kept = vocabulary.known.union(vocabulary.prepositions, {"s"})
    return tuple(p if p in kept and p != _BOUNDARY.strip() else _GAP for p in parts)


@lru_cache(maxsize=1 << 16)
def _read_key(key: str) -> Title:
    """The title a canonical word sequence names."""
    words = key.split()
    rank, tier, department = len(SENIORITIES), _OTHER + 1, None
    for term in _scan(words, _vocabulary()):
        if term.rank is not None and term.rank < rank:
            rank = term.rank
        if term.department is not None and term.tier < tier:
            tier, department = term.tier, term.department
    if rank == len(SENIORITIES) and department is not None:
        rank = _ENTRY
    return _TITLES[rank, department]


def normalize_seniority(text: str | None) -> str | None:
    """Map an exported seniority value to a canonical one; canonical values pass through.

    Knows Apollo ("c_suite", "founder", "partner"...), ZoomInfo Management Level ("C-Level",
    "VP-Level", "Non-Manager", "Board Member") and LinkedIn ("CXO", "In Training"); anything else
    is read as a job title. None when nothing says a level.

    >>> normalize_seniority("VP-Level")
    'vp'
    """
    if text is None or is_missing(text):
        return None
    if text in _RANK:
        return text
    label = _vocabulary().seniority_labels.get(fold(text))
    return label if label is not None else normalize_title(text).seniority


def normalize_department(text: str | None) -> str | None:
    """Map an exported department or job function to a canonical one; canonical values pass.

    Knows Apollo ("master_sales", "master_engineering_technical", "c_suite"...) and ZoomInfo
    ("Engineering & Technical", "Medical & Health"...); anything else is read as a job title. A
    value that names no known function is `other` (a department was given, just not one of
    ours). A list ("master_sales, master_marketing") gives its first function, by the tiers of
    `normalize_title`.

    >>> normalize_department("master_engineering_technical")
    'engineering'
    """
    if text is None or is_missing(text):
        return None
    if text in _DEPARTMENT_TIER:
        return text
    found = [_one_department(part) for part in re.split(r"[,;|]", text) if not is_missing(part)]
    return min(found, key=_DEPARTMENT_TIER.__getitem__) if found else None


def _one_department(value: str) -> str:
    if value.strip() in _DEPARTMENT_TIER:
        return value.strip()
    folded = fold(value).removeprefix("master ")
    label = _vocabulary().department_labels.get(folded)
    if label is None:
        label = normalize_title(folded).department
    return label if label is not None else "other"


def _scan(words: list[str], vocabulary: _Vocabulary) -> list[_Term]:
    """The terms a title names, in order: longest phrase first at each word."""
    found: list[_Found] = []
    special = False
    start, count = 0, len(words)
    phrases, longest, seconds = vocabulary.phrases, vocabulary.longest, vocabulary.seconds
    while start < count:
        word = words[start]
        term: _Term | None = None
        span = 1
        if start + 1 < count and words[start + 1] in seconds.get(word, ()):
            for span in range(min(longest[word], count - start), 1, -1):
                term = phrases.get(" ".join(words[start : start + span]))
                if term is not None:
                    break
        if term is None:
            span = 1
            term = phrases.get(word)
            if term is None:
                start += 1
                continue
        end = start + span
        found.append((start, end, term))
        if term.stop:
            break
        if term.special:
            special = True
            if term.assistant and end < count and words[end] in vocabulary.prepositions:
                break  # "Assistant to the CEO", "Assistente del Direttore"
        start = end
    if special:
        return _in_context(found, words, vocabulary.prepositions)
    return [term for _, _, term in found]


_Found = tuple[int, int, _Term]  # (first word, word after the last, term)


def _in_context(found: list[_Found], words: list[str], prepositions: frozenset[str]) -> list[_Term]:
    """Apply the rules that depend on a neighbour (the flags of `titles.json`)."""
    found = _past(_chief_officers(found, words, prepositions), words)
    ends = {end for _, end, _ in found}
    kept: list[_Found] = []
    for index, (start, end, term) in enumerate(found):
        # the term right after this one, when no word comes between them
        nxt = found[index + 1][2] if index + 1 < len(found) and found[index + 1][0] == end else None
        if term.business and start > 0 and words[start - 1] not in _CUTS and start not in ends:
            continue  # "Nutrition Partner", "Iron Founder": an unknown word before it
        if term.weak and nxt is not None and nxt.tier <= _FALLBACK and nxt.department:
            continue  # "Partner Marketing Manager": the partner programme, not a partner
        noun = end == len(words) or words[end] in _CUTS or (nxt is not None and _bare_rank(nxt))
        if term.adjective and not noun:
            term = replace(term, department=None)  # "Commercial Pilot", not "... Director"
        if term.assistant and kept:
            before_start, before_end, before = kept[-1]
            possessive = before_end + 1 == start and words[before_end] == "s"
            adjacent_before = before_end == start or possessive
            if adjacent_before and before.rank is not None and before.rank <= _BOSS:
                boss = replace(before, rank=None)  # "CEO Assistant", "Director's Assistant"
                if boss.tier == _EXECUTIVE:
                    boss = replace(boss, department=None)
                kept[-1] = (before_start, before_end, boss)
        kept.append((start, end, term))
    return [term for _, _, term in kept]


def _bare_rank(term: _Term) -> bool:
    """A level word naming no function ("Director", "Head", "Lead")."""
    return (
        term.department is None
        and term.rank is not None
        and term.rank <= _RANK["senior"]
        and not term.assistant
    )


def _chief_officers(
    found: list[_Found], words: list[str], prepositions: frozenset[str]
) -> list[_Found]:
    """'Chief' with an 'Officer' later in its segment, a word between and no preposition, is
    c_suite, and the words between name its function ("Chief Commercial Officer"). Alone,
    'Chief' heads a unit ("Fire Chief", "Chief Engineer")."""
    result = list(found)
    for index, (start, end, term) in enumerate(found):
        if not term.chief:
            continue
        for later in range(index + 1, len(found)):
            officer_start, _, officer = found[later]
            between = words[end:officer_start]
            if any(word in _CUTS or word in prepositions for word in between):
                break
            if officer.officer and between:
                result[index] = (start, end, _CHIEF_OFFICER)
                for inner in range(index + 1, later):
                    inner_start, inner_end, function = result[inner]
                    result[inner] = (inner_start, inner_end, replace(function, adjective=False))
                break
    return result


def _past(found: list[_Found], words: list[str]) -> list[_Found]:
    """Drop what a past word ("Former", "Ex", "Retired") says is no longer so: the terms after
    it in its segment ("Former VP Sales, CEO" is CEO); with no word after it in its segment, as
    a segment of its own, every term before it ("CEO (retired)", but "CEO (ex-Google)" is a
    CEO); a past_after word ending its segment, the terms before it there ("VP Sales Retired")."""
    if not any(term.past for _, _, term in found):
        return found
    segments = list(accumulate(word in _CUTS for word in words))
    dropped: set[int] = set()
    for index, (start, end, term) in enumerate(found):
        if not term.past:
            continue
        dropped.add(index)
        same = [k for k, (s, _, _) in enumerate(found) if segments[s] == segments[start]]
        after = [k for k in same if k > index]
        last = end == len(words) or words[end] in _CUTS
        if after:
            dropped.update(after)
        elif last and start > 0 and words[start - 1] in _CUTS:
            dropped.update(range(index))
        elif last and term.past_after:
            dropped.update(k for k in same if k < index)
    return [item for k, item in enumerate(found) if k not in dropped]
