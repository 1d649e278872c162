"""The ICP document as one pydantic model (DESIGN.md, "The ICP document").

Values are canonicalized on load: industries become taxonomy slugs or codes, geography becomes
region slugs and ISO codes, seniorities and departments become DESIGN.md's values, and free
terms (keywords, signals) are folded, and technologies become the technology vocabulary's
keys. So a loaded ICP always dumps to its canonical form, and the canonical form loads back to
an equal model. Each validator reports every problem it finds (``icp.values.Issues``).
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
    WithJsonSchema,
    field_validator,
    model_validator,
)

from leadsieve.errors import Problem
from leadsieve.icp import values as v
from leadsieve.icp.revenue_bounds import REVENUE_MAX_USD, revenue_bounds
from leadsieve.normalize.text import fold

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

#: Weights are relative; this range keeps every sum and ratio of them an ordinary number.
WEIGHT_MIN, WEIGHT_MAX = 0.01, 10_000.0
#: No organization employs more (the largest employ about two million).
EMPLOYEES_MAX = 100_000_000

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

StrList = Annotated[list[str], BeforeValidator(v.as_list)]
IndustryList = Annotated[StrList, AfterValidator(v.canonical_industries)]
GeographyList = Annotated[StrList, AfterValidator(v.canonical_geography)]
TermList = Annotated[StrList, AfterValidator(v.canonical_terms)]
SignalList = Annotated[StrList, AfterValidator(v.signal_terms)]
KeywordList = Annotated[StrList, AfterValidator(v.keyword_terms)]
TechnologyList = Annotated[StrList, AfterValidator(v.canonical_technologies)]
Employees = Annotated[int, Field(ge=0, le=EMPLOYEES_MAX)]
#: A revenue bound: a number, or text as lead files write money ("5M", "€5 Mio"), which the
#: rule reads into a number before this type sees it; the published schema shows both.
RevenueAmount = Annotated[
    float,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "description": 'an amount: 5M, "€5 Mio", "$1.2B", "5 Mrd"'},
            ]
        }
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(_Model):
    """Fields every rule has: a relative weight and whether it must match to qualify."""

    weight: float | None = Field(default=None, ge=WEIGHT_MIN, le=WEIGHT_MAX, allow_inf_nan=False)
    required: bool = False


class IndustriesRule(Rule):
    """Matches when a listed industry equals the lead's or is an ancestor; codes by prefix."""

    any_of: IndustryList = Field(min_length=1)


class GeographyRule(Rule):
    """Matches when the lead's country or subdivision is listed or inside a listed region."""

    any_of: GeographyList = Field(min_length=1)


def _check_band(low: float | None, high: float | None, show: Callable[[float], str]) -> None:
    if low is None and high is None:
        v.fail("has neither min nor max", "give min, max or both")
    if low is not None and high is not None and low > high:
        v.fail(f"min ({show(low)}) is greater than max ({show(high)})", "swap them")


class EmployeesRule(Rule):
    """Matches employee counts inside [min, max]; a range counts by its share inside."""

    min: Employees | None = None
    max: Employees | None = None

    @model_validator(mode="after")
    def _ordered(self) -> EmployeesRule:
        _check_band(self.min, self.max, lambda n: f"{n:,.0f}")
        return self


class RevenueRule(Rule):
    """Matches annual revenue inside [min, max] in ``currency`` after fixed-rate conversion.

    A bound may be written as lead files write revenue ("5M", "€5 Mio", "$1.2B", "5 Mrd"):
    an amount in another currency is converted to the rule's at the fixed table, and a rule
    without ``currency`` takes the one its bounds name (USD when they name none, or several).
    """

    min: RevenueAmount | None = Field(default=None, ge=0, allow_inf_nan=False)
    max: RevenueAmount | None = Field(default=None, ge=0, allow_inf_nan=False)
    currency: str = "USD"

    @model_validator(mode="before")
    @classmethod
    def _amounts(cls, data: Any) -> Any:
        return revenue_bounds(data)

    @model_validator(mode="after")
    def _ordered(self) -> RevenueRule:
        from leadsieve.normalize.sizes import format_money, to_usd

        absurd = [
            v.Issue(
                f"{amount:,.4g} {self.currency} is more than any company earns",
                f"use at most the equivalent of {format_money(REVENUE_MAX_USD)}",
                (name,),
            )
            for name in ("min", "max")
            if (amount := getattr(self, name)) is not None
            and (to_usd(amount, self.currency) or 0.0) > REVENUE_MAX_USD
        ]
        if absurd:
            raise v.Issues(absurd)
        _check_band(self.min, self.max, lambda n: format_money(n, self.currency))
        return self

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str) -> str:
        from leadsieve.normalize.sizes import known_currencies

        code = value.strip().upper()
        if code not in known_currencies():
            v.fail(
                f"unknown currency {value!r}",
                "use an ISO 4217 code such as USD or EUR (docs/currencies.md lists them)",
            )
        return code


class RolesRule(Rule):
    """Matches contact seniority and department, or a title keyword."""

    seniority: Annotated[StrList, AfterValidator(v.canonical_seniority)] = Field(
        default_factory=list
    )
    departments: Annotated[StrList, AfterValidator(v.canonical_departments)] = Field(
        default_factory=list
    )
    titles: TermList = Field(default_factory=list)

    @model_validator(mode="after")
    def _something(self) -> RolesRule:
        if not (self.seniority or self.departments or self.titles):
            v.fail("lists no role", "list at least one of seniority, departments or titles")
        return self


class SignalsRule(Rule):
    """Matches when a listed signal is present and, with ``max_age_days``, recent enough."""

    any_of: SignalList = Field(min_length=1)
    max_age_days: int | None = Field(default=None, gt=0, le=36500)


class TermsRule(Rule):
    """Matches when any listed term is present."""

    any_of: TermList = Field(min_length=1)


class TechnologiesRule(TermsRule):
    """Matches when the lead uses a listed technology. Names are read through the technology
    vocabulary (docs/technologies.md), as leads' are: "SFDC" and "Salesforce Sales Cloud" are
    ``salesforce``. A name a letter or two away from a known product is refused as a typo unless
    it is also listed under ``unlisted``: the products the author means as written."""

    any_of: TechnologyList = Field(min_length=1)
    # left out of dumps when empty, so documents stored before it existed stay unchanged
    unlisted: TermList = Field(default_factory=list, exclude_if=lambda value: not value)

    @model_validator(mode="before")
    @classmethod
    def _typos(cls, data: Any) -> Any:
        if isinstance(data, dict):
            listed, unlisted = v.as_list(data.get("any_of")), v.as_list(data.get("unlisted", []))
            if isinstance(listed, list) and isinstance(unlisted, list):
                issues = v.technology_typos(listed, unlisted)
                if issues:
                    raise v.Issues(issues)
        return data

    @model_validator(mode="after")
    def _unlisted_are_listed(self) -> TechnologiesRule:
        issues = v.unlisted_issues(self.any_of, self.unlisted)
        if issues:
            raise v.Issues(issues)
        return self


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
    technologies: TechnologiesRule | None = None
    keywords: KeywordsRule | None = None

    def present(self) -> dict[str, Rule]:
        """The rules this ICP uses, in DESIGN.md's order."""
        return {n: r for n in RULE_NAMES if (r := getattr(self, n)) is not None}


class EmployeeLimits(_Model):
    """Disqualify organizations below a floor or above a ceiling of employees."""

    below: Employees | None = None
    above: Employees | None = None

    @model_validator(mode="after")
    def _ordered(self) -> EmployeeLimits:
        if self.below is not None and self.above is not None and self.below > self.above:
            v.fail(
                f"below ({self.below:,}) is greater than above ({self.above:,})",
                "swap them: below is the floor, above the ceiling",
            )
        return self


class Disqualifiers(_Model):
    """Any hit gives score 0, grade DQ, not qualified."""

    keywords: KeywordList = Field(default_factory=list)
    industries: IndustryList = Field(default_factory=list)
    geography: GeographyList = Field(default_factory=list)
    domains: Annotated[StrList, AfterValidator(v.canonical_domains)] = Field(default_factory=list)
    employees: EmployeeLimits | None = None

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
            v.fail(
                f"grades must descend: A ({self.A}) >= B ({self.B}) >= C ({self.C})",
                "give A the highest threshold and C the lowest",
            )
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
            v.fail(
                f"slug {value!r} is not lowercase letters, digits and dashes (up to 64)",
                f"try {suggestion!r}",
            )
        return value

    @model_validator(mode="after")
    def _rules_and_weights(self) -> Icp:
        present = self.rules.present()
        if not present:
            v.fail(
                "an ICP needs at least one rule under `rules`",
                "add one, e.g. `keywords: {any_of: [b2b]}`; `leadsieve icp init` writes them all",
            )
        explicit = sum(r.weight for r in present.values() if r.weight is not None)
        weightless = [n for n, r in present.items() if r.weight is None]
        if weightless and explicit >= 100:
            v.fail(
                f"rules {', '.join(weightless)} have no weight but the explicit weights already "
                f"sum to {explicit:g}",
                "give them weights (weights are relative)",
            )
        return self

    def weights(self) -> dict[str, float]:
        """Each present rule's weight; weightless rules share what is left of 100 equally."""
        present = self.rules.present()
        explicit = sum(r.weight for r in present.values() if r.weight is not None)
        weightless = [n for n, r in present.items() if r.weight is None]
        share = (100.0 - explicit) / len(weightless) if weightless else 0.0
        return {n: (r.weight if r.weight is not None else share) for n, r in present.items()}

    def warnings(self) -> list[Problem]:
        """What is valid but probably not meant: technologies the vocabulary does not know
        (a typo is an error; a product we do not list may be real). ``icp validate`` and
        ``score`` print them; ``unlisted`` silences one."""
        rule = self.rules.technologies
        if rule is None:
            return []
        return [
            Problem(
                "rules.technologies.any_of",
                f"{name!r} is not in the technology vocabulary",
                hint,
            )
            for name, hint in v.unknown_technologies(rule.any_of, rule.unlisted)
        ]

    def fingerprint(self) -> str:
        """A short content hash: the version of an ICP that lives in a file, not the store."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()[:12]

    @property
    def title(self) -> str:
        """The display name, falling back to the slug."""
        return self.name or self.slug
