"""Canonical values of an ICP document, and the problems a validator finds in them.

Each canonicalizer reads a whole list and reports every unknown value at once, each at its
own index (``rules.roles.seniority.2``) with its own hint, through ``Issues``: a ``ValueError``
that ``icp.problems`` unfolds into one problem per issue. Every message says what is wrong and
every hint what to do, so a problem reads "path: what is wrong (what to do)".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from leadsieve.normalize.geo import resolve_geography, suggest_geography
from leadsieve.normalize.identity import normalize_domain
from leadsieve.normalize.industry import (
    lookup_industry,
    normalize_industry_code,
    suggest_industries,
)
from leadsieve.normalize.technologies import (
    close_technology,
    lookup_technology,
    normalize_technology,
    suggest_technologies,
)
from leadsieve.normalize.text import fold
from leadsieve.normalize.titles import (
    DEPARTMENTS,
    SENIORITIES,
    normalize_department,
    normalize_seniority,
)

Where = tuple[str | int, ...]


@dataclass(frozen=True)
class Issue:
    """One problem below the field a validator checks: ``at`` is the path from that field."""

    message: str
    hint: str | None = None
    at: Where = ()


class Issues(ValueError):
    """Every problem a validator found; ``icp.problems`` reports each with its full path."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        super().__init__("; ".join(i.message for i in issues))
        self.issues = tuple(issues)


def fail(message: str, hint: str | None = None, at: Where = ()) -> NoReturn:
    """Refuse a value with one problem."""
    raise Issues([Issue(message, hint, at)])


def as_list(value: Any) -> Any:
    """Let a single string stand for a one-element list (``any_of: software-development``)."""
    return [value] if isinstance(value, str) else value


def dedupe(items: list[str]) -> list[str]:
    """The items without repeats, in their first order."""
    return list(dict.fromkeys(items))


def _did_you_mean(near: Sequence[str], otherwise: str) -> str:
    return f"did you mean {' or '.join(near)}? {otherwise}" if near else otherwise


def canonical_industries(values: list[str]) -> list[str]:
    """Industry slugs and codes (``naics:5415``); every unknown one reported."""
    out: list[str] = []
    issues: list[Issue] = []
    for index, value in enumerate(values):
        code = normalize_industry_code(value)
        found = None if code is not None else lookup_industry(value)
        if code is not None or found is not None:
            out.append(code if code is not None else found.slug)  # type: ignore[union-attr]
            continue
        issues.append(
            Issue(
                f"unknown industry {value!r}",
                _did_you_mean(
                    suggest_industries(value),
                    "find slugs with `leadsieve icp industries WORD`, or write a code like "
                    "naics:5415",
                ),
                (index,),
            )
        )
    if issues:
        raise Issues(issues)
    return dedupe(out)


def canonical_geography(values: list[str]) -> list[str]:
    """ISO country and subdivision codes and region slugs; every unknown one reported."""
    out: list[str] = []
    issues: list[Issue] = []
    for index, value in enumerate(values):
        targets = resolve_geography([value])
        if targets.unknown:
            issues.append(
                Issue(
                    f"unknown region or country {value!r}",
                    _did_you_mean(
                        suggest_geography(value),
                        "use ISO codes (US, GB, US-CA) or a region from `leadsieve icp regions`",
                    ),
                    (index,),
                )
            )
        elif len(targets.countries) + len(targets.subdivisions) == 1:
            out.append(next(iter(targets.countries | targets.subdivisions)))
        else:
            out.append(fold(value).replace(" ", "-"))
    if issues:
        raise Issues(issues)
    return dedupe(out)


def canonical_terms(values: list[str], joiner: str = " ", *, star: bool = False) -> list[str]:
    """Free terms folded; a term without letters or digits is refused. With ``star``, a
    trailing ``*`` is left out of the term (``keyword_terms`` keeps it apart)."""
    folded = [fold(v.strip().rstrip("*") if star else v).replace(" ", joiner) for v in values]
    issues = [
        Issue(f"{v!r} has no letters or digits", "write a word, or remove the entry", (i,))
        for i, (v, f) in enumerate(zip(values, folded, strict=True))
        if not f
    ]
    if issues:
        raise Issues(issues)
    return dedupe(folded)


def signal_terms(values: list[str]) -> list[str]:
    """Signal types in snake_case (``recent_funding``)."""
    return canonical_terms(values, "_")


def keyword_terms(values: list[str]) -> list[str]:
    """Keywords folded like other terms; a trailing ``*`` is kept: it asks for a prefix."""
    keys = canonical_terms(values, star=True)
    stars: dict[str, bool] = dict.fromkeys(keys, False)
    for value in values:
        key = fold(value.strip().rstrip("*"))
        stars[key] = stars[key] or value.strip().endswith("*")
    return [f"{key}*" if star else key for key, star in stars.items()]


def canonical_technologies(values: list[str]) -> list[str]:
    """Technologies as the vocabulary's keys ("SFDC" -> ``salesforce``); others folded."""
    canonical_terms(values)  # refuses an entry without letters or digits
    return dedupe([normalize_technology(v) for v in values])


def technology_typos(values: Sequence[Any], unlisted: Sequence[Any]) -> list[Issue]:
    """An issue for each technology that is a typo of a known product (``salesforse``), unless
    the document lists it under ``unlisted`` (a real product the vocabulary lacks)."""
    accepted = {fold(u) for u in unlisted if isinstance(u, str)}
    issues: list[Issue] = []
    for index, value in enumerate(values):
        if not isinstance(value, str) or fold(value) in accepted:
            continue
        near = close_technology(value)
        if near is not None:
            issues.append(
                Issue(
                    f"unknown technology {value!r}",
                    f"did you mean {near.key}? If {value!r} is another product, "
                    "also list it under `unlisted`",
                    ("any_of", index),
                )
            )
    return issues


def unlisted_issues(listed: Sequence[str], unlisted: Sequence[str]) -> list[Issue]:
    """An issue for each ``unlisted`` entry that is not in ``any_of`` or is a known product."""
    issues: list[Issue] = []
    for index, value in enumerate(unlisted):
        known = lookup_technology(value)
        if known is not None:
            issues.append(
                Issue(
                    f"{value!r} is a known technology ({known.key})",
                    "remove it from unlisted",
                    ("unlisted", index),
                )
            )
        elif value not in listed:
            issues.append(
                Issue(
                    f"{value!r} is not in any_of",
                    "list it under any_of too, or remove it",
                    ("unlisted", index),
                )
            )
    return issues


def unknown_technologies(values: Sequence[str], unlisted: Sequence[str]) -> list[tuple[str, str]]:
    """(technology, hint) for each canonical technology the vocabulary does not know and the
    document does not declare ``unlisted``: it matches only leads naming it the same way."""
    out: list[tuple[str, str]] = []
    for value in values:
        if value in unlisted or lookup_technology(value) is not None:
            continue
        near = suggest_technologies(value)
        lead = f"did you mean {' or '.join(near)}? " if near else ""
        out.append(
            (
                value,
                f"{lead}it matches only leads that name it so; docs/technologies.md lists the "
                "known products; list it under `unlisted` too if it is meant",
            )
        )
    return out


def canonical_vocabulary(
    values: list[str], guess: Callable[[str], str | None], allowed: tuple[str, ...], what: str
) -> list[str]:
    """Canonical values only (case and spacing aside); the normalizer's reading is the hint."""
    from rapidfuzz import process

    out: list[str] = []
    issues: list[Issue] = []
    for index, value in enumerate(values):
        key = fold(value).replace(" ", "_")
        if key in allowed:
            out.append(key)
            continue
        guessed = guess(value)
        near = [guessed] if guessed in allowed and guessed != "other" else []
        near = near or [m[0] for m in process.extract(value, allowed, limit=2, score_cutoff=60)]
        issues.append(
            Issue(
                f"unknown {what} {value!r}",
                _did_you_mean(near, f"use one of {', '.join(allowed)}"),
                (index,),
            )
        )
    if issues:
        raise Issues(issues)
    return dedupe(out)


def canonical_seniority(values: list[str]) -> list[str]:
    """Seniorities of DESIGN.md (``c_suite``); every unknown one reported."""
    return canonical_vocabulary(values, normalize_seniority, SENIORITIES, "seniority")


def canonical_departments(values: list[str]) -> list[str]:
    """Departments of DESIGN.md (``revenue_operations``); every unknown one reported."""
    return canonical_vocabulary(values, normalize_department, DEPARTMENTS, "department")


def canonical_domains(values: list[str]) -> list[str]:
    """Registrable hosts (``acme.com``); every entry that is not one reported."""
    issues = [
        Issue(f"{v!r} is not a domain", "write a host such as acme.com", (i,))
        for i, v in enumerate(values)
        if normalize_domain(v) is None
    ]
    if issues:
        raise Issues(issues)
    return dedupe([d for v in values if (d := normalize_domain(v))])
