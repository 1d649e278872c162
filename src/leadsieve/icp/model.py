"""The ICP document as one pydantic model (DESIGN.md, "The ICP document").

Values are canonicalized on load: industries become taxonomy slugs or codes, geography becomes
region slugs and ISO codes, seniorities and departments become DESIGN.md's values, and free
terms (technologies, keywords, signals) are folded. So a loaded ICP always dumps to its
canonical form, and the canonical form loads back to an equal model.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from leadsieve.normalize.geo import resolve_geography, suggest_geography
from leadsieve.normalize.identity import normalize_domain
from leadsieve.normalize.industry import (
    lookup_industry,
    normalize_industry_code,
    suggest_industries,
)
from leadsieve.normalize.text import fold
from leadsieve.normalize.titles import (
    DEPARTMENTS,
    SENIORITIES,
    normalize_department,
    normalize_seniority,
)

RULE_NAMES: tuple[str, ...] = (
    "industries",
    "geography",
    "employees",
    "revenue",
    "roles",
    "signals",
    "technologies",
    "keywords",
)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def _as_list(value: Any) -> Any:
    """Let a single string stand for a one-element list (``any_of: software-development``)."""
    return [value] if isinstance(value, str) else value


StrList = Annotated[list[str], BeforeValidator(_as_list)]


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _canonical_industries(values: list[str]) -> list[str]:
    out: list[str] = []
    unknown: list[str] = []
    for value in values:
        code = normalize_industry_code(value)
        if code is not None:
            out.append(code)
            continue
        found = lookup_industry(value)
        if found is None:
            unknown.append(value)
        else:
            out.append(found.slug)
    if unknown:
        hints = "; ".join(
            f"{u!r}: did you mean {', '.join(suggest_industries(u)) or 'nothing close'}?"
            for u in unknown
        )
        raise ValueError(
            f"unknown industry {', '.join(map(repr, unknown))} ({hints}); "
            "use a slug from `leadsieve icp industries` or a code like naics:5415"
        )
    return _dedupe(out)


def _canonical_geography(values: list[str]) -> list[str]:
    out: list[str] = []
    unknown: list[str] = []
    for value in values:
        targets = resolve_geography([value])
        if targets.unknown:
            unknown.append(value)
        elif len(targets.countries) + len(targets.subdivisions) == 1:
            out.append(next(iter(targets.countries | targets.subdivisions)))
        else:
            out.append(fold(value).replace(" ", "-"))
    if unknown:
        hints = "; ".join(
            f"{u!r}: did you mean {', '.join(suggest_geography(u)) or 'nothing close'}?"
            for u in unknown
        )
        raise ValueError(
            f"unknown region or country {', '.join(map(repr, unknown))} ({hints}); "
            "use ISO codes (US, GB, US-CA) or a region slug (emea, nordics, ...)"
        )
    return _dedupe(out)


def _canonical_terms(values: list[str], joiner: str = " ") -> list[str]:
    folded = [fold(v).replace(" ", joiner) for v in values]
    empty = [v for v, f in zip(values, folded, strict=True) if not f]
    if empty:
        raise ValueError(f"terms must contain letters or digits, got {empty!r}")
    return _dedupe(folded)


def _signal_terms(values: list[str]) -> list[str]:
    return _canonical_terms(values, "_")


def _keyword_terms(values: list[str]) -> list[str]:
    """Keywords folded like other terms; a trailing ``*`` is kept: it asks for a prefix."""
    terms: dict[str, bool] = {}
    for value in values:
        star = value.strip().endswith("*")
        key = _canonical_terms([value.strip().rstrip("*")])[0]
        terms[key] = terms.get(key, False) or star
    return [f"{key}*" if star else key for key, star in terms.items()]


IndustryList = Annotated[StrList, AfterValidator(_canonical_industries)]
GeographyList = Annotated[StrList, AfterValidator(_canonical_geography)]
TermList = Annotated[StrList, AfterValidator(_canonical_terms)]
SignalList = Annotated[StrList, AfterValidator(_signal_terms)]
KeywordList = Annotated[StrList, AfterValidator(_keyword_terms)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(_Model):
    """Fields every rule has: a relative weight and whether it must match to qualify."""

    weight: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    required: bool = False


class IndustriesRule(Rule):
    """Matches when a listed industry equals the lead's or is an ancestor; codes by prefix."""

    any_of: IndustryList = Field(min_length=1)


class GeographyRule(Rule):
    """Matches when the lead's country or subdivision is listed or inside a listed region."""

    any_of: GeographyList = Field(min_length=1)


def _check_band(low: float | None, high: float | None) -> None:
    if low is None and high is None:
        raise ValueError("give min, max or both")
    if low is not None and high is not None and low > high:
        raise ValueError(f"min ({low:,}) is greater than max ({high:,}); swap them")


class EmployeesRule(Rule):
    """Matches employee counts inside [min, max]; a range counts by its share inside."""

    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> EmployeesRule:
        _check_band(self.min, self.max)
        return self


class RevenueRule(Rule):
    """Matches annual revenue inside [min, max] in ``currency`` after fixed-rate conversion."""

    min: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    max: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    currency: str = "USD"

    @model_validator(mode="after")
    def _ordered(self) -> RevenueRule:
        _check_band(self.min, self.max)
        return self

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str) -> str:
        from leadsieve.normalize.sizes import known_currencies

        code = value.strip().upper()
        if code not in known_currencies():
            raise ValueError(f"unknown currency {value!r}; use an ISO 4217 code such as USD, EUR")
        return code


class RolesRule(Rule):
    """Matches contact seniority and department, or a title keyword."""

    seniority: StrList = Field(default_factory=list)
    departments: StrList = Field(default_factory=list)
    titles: TermList = Field(default_factory=list)

    @field_validator("seniority")
    @classmethod
    def _seniority(cls, values: list[str]) -> list[str]:
        return _canonical_vocabulary(values, normalize_seniority, SENIORITIES, "seniority")

    @field_validator("departments")
    @classmethod
    def _departments(cls, values: list[str]) -> list[str]:
        return _canonical_vocabulary(values, normalize_department, DEPARTMENTS, "department")

    @model_validator(mode="after")
    def _something(self) -> RolesRule:
        if not (self.seniority or self.departments or self.titles):
            raise ValueError("list at least one of seniority, departments or titles")
        return self


def _canonical_vocabulary(
    values: list[str], guess: Callable[[str], str | None], allowed: tuple[str, ...], what: str
) -> list[str]:
    """Canonical values only (case and spacing aside); the normalizer's reading is the hint."""
    from rapidfuzz import process

    out: list[str] = []
    for value in values:
        key = fold(value).replace(" ", "_")
        if key in allowed:
            out.append(key)
            continue
        near = [guessed] if (guessed := guess(value)) in allowed else []
        near = near or [m[0] for m in process.extract(value, allowed, limit=2)]
        raise ValueError(
            f"unknown {what} {value!r}; did you mean {' or '.join(near)}? "
            f"valid: {', '.join(allowed)}"
        )
    return _dedupe(out)


class SignalsRule(Rule):
    """Matches when a listed signal is present and, with ``max_age_days``, recent enough."""

    any_of: SignalList = Field(min_length=1)
    max_age_days: int | None = Field(default=None, gt=0, le=36500)


class TermsRule(Rule):
    """Matches when any listed term is present."""

    any_of: TermList = Field(min_length=1)


class KeywordsRule(TermsRule):
    """Matches when any listed keyword is mentioned: as whole words or their plural, or by
    prefix for a term ending in ``*`` (``crypto*``)."""

    any_of: KeywordList = Field(min_length=1)


class Rules(_Model):
    """The eight rules, each optional."""

    industries: IndustriesRule | None = None
    geography: GeographyRule | None = None
    employees: EmployeesRule | None = None
    revenue: RevenueRule | None = None
    roles: RolesRule | None = None
    signals: SignalsRule | None = None
    technologies: TermsRule | None = None
    keywords: KeywordsRule | None = None

    def present(self) -> dict[str, Rule]:
        """The rules this ICP uses, in DESIGN.md's order."""
        return {n: r for n in RULE_NAMES if (r := getattr(self, n)) is not None}


class EmployeeLimits(_Model):
    """Disqualify organizations below a floor or above a ceiling of employees."""

    below: int | None = Field(default=None, ge=0)
    above: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> EmployeeLimits:
        if self.below is not None and self.above is not None and self.below > self.above:
            raise ValueError(f"below ({self.below:,}) is greater than above ({self.above:,})")
        return self


class Disqualifiers(_Model):
    """Any hit gives score 0, grade DQ, not qualified."""

    keywords: KeywordList = Field(default_factory=list)
    industries: IndustryList = Field(default_factory=list)
    geography: GeographyList = Field(default_factory=list)
    domains: StrList = Field(default_factory=list)
    employees: EmployeeLimits | None = None

    @field_validator("domains")
    @classmethod
    def _domains(cls, values: list[str]) -> list[str]:
        bad = [v for v in values if normalize_domain(v) is None]
        if bad:
            raise ValueError(f"not a domain: {', '.join(map(repr, bad))} (write acme.com)")
        return _dedupe([d for v in values if (d := normalize_domain(v))])

    def any(self) -> bool:
        """True when at least one disqualifier is set."""
        return bool(
            self.keywords or self.industries or self.geography or self.domains or self.employees
        )


class Grades(_Model):
    """Score thresholds for grades A, B and C; anything lower is D."""

    A: int = Field(default=80, ge=0, le=100)
    B: int = Field(default=60, ge=0, le=100)
    C: int = Field(default=40, ge=0, le=100)

    @model_validator(mode="after")
    def _descending(self) -> Grades:
        if not self.A >= self.B >= self.C:
            raise ValueError(f"grades must descend: A ({self.A}) >= B ({self.B}) >= C ({self.C})")
        return self


class Icp(_Model):
    """An Ideal Customer Profile: rules as data (DESIGN.md, "ICP semantics")."""

    leadsieve: Literal[1] = 1
    slug: str
    name: str = ""
    description: str = ""
    min_score: int = Field(default=60, ge=0, le=100)
    match_mode: Literal["weighted", "all", "any"] = "weighted"
    unknown: Literal["miss", "neutral"] = "miss"
    grades: Grades = Field(default_factory=Grades)
    rules: Rules = Field(default_factory=Rules)
    disqualifiers: Disqualifiers = Field(default_factory=Disqualifiers)

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            suggestion = fold(value).replace(" ", "-")[:64] or "my-icp"
            raise ValueError(
                f"slug {value!r} must be lowercase letters, digits and dashes (try {suggestion!r})"
            )
        return value

    @model_validator(mode="after")
    def _rules_and_weights(self) -> Icp:
        present = self.rules.present()
        if not present:
            raise ValueError("an ICP needs at least one rule under `rules`")
        explicit = sum(r.weight for r in present.values() if r.weight is not None)
        weightless = [n for n, r in present.items() if r.weight is None]
        if weightless and explicit >= 100:
            raise ValueError(
                f"rules {', '.join(weightless)} have no weight but the explicit weights already "
                f"sum to {explicit:g}; give them weights (weights are relative)"
            )
        return self

    def weights(self) -> dict[str, float]:
        """Each present rule's weight; weightless rules share what is left of 100 equally."""
        present = self.rules.present()
        explicit = sum(r.weight for r in present.values() if r.weight is not None)
        weightless = [n for n, r in present.items() if r.weight is None]
        share = (100.0 - explicit) / len(weightless) if weightless else 0.0
        return {n: (r.weight if r.weight is not None else share) for n, r in present.items()}

    def fingerprint(self) -> str:
        """A short content hash: the version of an ICP that lives in a file, not the store."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()[:12]

    @property
    def title(self) -> str:
        """The display name, falling back to the slug."""
        return self.name or self.slug
