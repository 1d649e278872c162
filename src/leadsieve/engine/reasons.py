"""The texts of reasons: what the lead has, and whether it fits, naming the ICP only as needed.

A reason is one short line per rule: the lead's value, then a phrase of fixed text that says
how it fits ("Software Development, in software-development"; "2 employees, outside 10–500";
"mentions none of b2b, saas, api, +2 more"; "unknown (wanted software-development, +2
more)"). A matched rule names only the listed value the lead matched; a missed one at most
three listed values and "+N more"; an unknown one the first and "+N more".

The phrase functions here take the verdict and what the lead matched, and return the text that
follows the lead's values. The engine calls them once per (verdict, pick) code while compiling,
into a lookup table (``lookup``), so a row's reasons are one concatenation of the lead's values
and a few looked-up texts; the per-row reference calls them for each row. Disqualifier hits read
the same way ("keywords: mentions crypto, web3; geography: in RU").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import narwhals as nw

#: Verdict codes: the rule is unknown, matched in full, mostly (still matched), partly, or not;
#: ``BROADER``, a rule's own code past ``VERDICTS``: unknown because the lead's data is coarser
#: than the rule ("Technology" for ``software-development``), its value shown.
UNKNOWN, WITHIN, MOSTLY, PARTLY, OUTSIDE, BROADER = range(6)
#: How a band reads each verdict ("240 employees, within 10–500"), indexed by code.
VERDICTS: Final[tuple[str, ...]] = (
    "unknown",
    "within",
    "mostly within",
    "partly within",
    "outside",
)

#: Listed values a miss names before "+N more"; an unknown rule names one.
SHOWN = 3


def verdict_code(match: nw.Expr, matched: float) -> nw.Expr:
    """The verdict code of a match in [0, 1] or null; ``matched`` is the rule's ``matched_at``."""
    return (
        nw.when(match.is_null())
        .then(nw.lit(UNKNOWN))
        .when(match >= 1.0)
        .then(nw.lit(WITHIN))
        .when(match >= matched)
        .then(nw.lit(MOSTLY))
        .when(match > 0.0)
        .then(nw.lit(PARTLY))
        .otherwise(nw.lit(OUTSIDE))
    )


def lookup(code: nw.Expr, texts: Sequence[str | None], default: str | None = None) -> nw.Expr:
    """``texts[code]``, or ``default`` when the code is null.

    A when/then chain of texts broadcasts each text to a full column before picking one; a
    lookup copies only the chosen one, which is what makes long texts cheap. (Polars' streaming
    engine runs a lookup on whole columns rather than per morsel, and it is still cheaper.)
    """
    return code.replace_strict(
        range(len(texts)),
        list(texts),
        default=nw.lit(default, nw.String),
        return_dtype=nw.String,
    )


@dataclass(frozen=True)
class Lead:
    """The lead's side of a reason: its ``values`` (pieces, nulls skipped), then the phrase
    ``say(verdict, pick)``.

    ``pick`` (an integer in ``range(picks)``, null for the last) tells the phrase what it needs
    of the lead beyond the verdict: which listed value it matched, whether a value is present.
    Phrases are looked up in a table of every (verdict, pick) built once, and values are pieces
    of the one concatenation of all reasons, so no rule builds a string column of its own.
    """

    values: tuple[nw.Expr, ...]
    say: Callable[[int, int], str]
    pick: nw.Expr | None = None
    picks: int = 1


def shortlist(values: Sequence[str], limit: int = SHOWN) -> str:
    """The first ``limit`` values and how many more: "b2b, saas, api, +2 more"."""
    shown = ", ".join(values[:limit])
    return shown + (f", +{len(values) - limit} more" if len(values) > limit else "")


def unknown(values: Sequence[str]) -> str:
    """An unknown rule: "unknown (wanted software-development, +2 more)"."""
    return f"unknown (wanted {shortlist(values, 1)})"


def in_list(values: Sequence[str], verdict: int, hit: int | None) -> str:
    """After the lead's value (industries, geography): ", in <the listed value it matched>" or
    ", not in <listed values>"."""
    if verdict == UNKNOWN:
        return unknown(values)
    if verdict == BROADER:
        return f", broader than {shortlist(values)} (too coarse to tell)"
    if hit is not None:
        return f", in {values[hit]}"
    return f", not in {shortlist(values)}"


def terms(verb: str, values: Sequence[str], verdict: int, hit: int | None, after: str = "") -> str:
    """A list the lead has items of (technologies, keywords, signals): "uses salesforce",
    "mentions none of b2b, saas, api, +2 more"; ``after`` qualifies either."""
    if verdict == UNKNOWN:
        return unknown(values)
    if hit is not None:
        return f"{verb} {values[hit]}{after}"
    return f"{verb} none of {shortlist(values)}{after}"


def band(expected: str, verdict: int, noun: str) -> str:
    """After the lead's amount (employees, revenue): "<noun>, within 10–500"."""
    if verdict == UNKNOWN:
        return f"unknown (wanted {expected})"
    return f"{noun}, {VERDICTS[verdict]} {expected}"


def roles(
    listed: tuple[Sequence[str], Sequence[str], Sequence[str]],
    verdict: int,
    lead: tuple[str | None, str | None, str | None],
    *,
    titled: bool,
) -> str:
    """After the lead's title, when it has one: "': vp in sales", "': in sales, not a listed
    seniority", "': not a listed seniority or department", "': mentions "revops"".

    ``listed`` is the rule's (seniority, departments, titles); ``lead`` the lead's seniority
    and department when listed (else None) and the first listed title its title mentions.
    ``titled``: the lead's title is shown before, after an opening quote this closes.
    """
    seniorities, departments, titles = listed
    quoted = [f'"{t}"' for t in titles]
    if verdict == UNKNOWN:
        return unknown([*seniorities, *departments, *quoted])
    seniority, department, title = lead
    opened = "': " if titled else ""
    full = bool(seniorities or departments) and (
        (seniority is not None or not seniorities) and (department is not None or not departments)
    )
    if title is not None and not full:
        return f'{opened}mentions "{title}"'
    return opened + _reading(listed, seniority, department)


def _reading(
    listed: tuple[Sequence[str], Sequence[str], Sequence[str]],
    seniority: str | None,
    department: str | None,
) -> str:
    """The listed seniority and department the lead has, and what it lacks."""
    seniorities, departments, titles = listed
    if seniority is not None and department is not None:
        return f"{seniority} in {department}"
    if seniority is not None:
        return seniority + (", not a listed department" if departments else "")
    if department is not None:
        return f"in {department}" + (", not a listed seniority" if seniorities else "")
    if not (seniorities or departments):
        return "mentions none of " + shortlist([f'"{t}"' for t in titles])
    dimensions = (("seniority", seniorities), ("department", departments), ("title", titles))
    names = [name for name, values in dimensions if values]
    return "not a listed " + (f"{', '.join(names[:-1])} or {names[-1]}" if names[1:] else names[0])


#: How each kind of disqualifier names its hits: "keywords: mentions crypto, web3".
DISQUALIFIER_KINDS: Final[dict[str, str]] = {
    "keywords": "keywords: mentions ",
    "industries": "industries: in ",
    "geography": "geography: in ",
    "domains": "domains: on ",
    "employees": "employees: ",
}

#: Disqualifiers of one kind named in one clause, at most ("keywords: mentions a, b, ...").
CLAUSE = 10


def disqualified(hits: Sequence[tuple[str, Sequence[str]]]) -> str | None:
    """The clauses of the hits, each (kind, the values it hit), joined by "; "; None for none."""
    clauses = [DISQUALIFIER_KINDS[kind] + ", ".join(values) for kind, values in hits if values]
    return "; ".join(clauses) or None
