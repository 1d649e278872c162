"""Stored fits, read back: a list's leads with their fit against one ICP version, in the order
they were added or best first, filtered by grade. The caller owns the transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from leadsieve.errors import InvalidValue
from leadsieve.service.lists import ListRow, get_list, get_list_by_id, list_row
from leadsieve.service.profiles import visible_version
from leadsieve.service.store import resolve_workspace, unit_of_work
from leadsieve.store.repositories import fits as repo
from leadsieve.store.tables import Workspace

#: Grades best first; ``--min-grade G`` keeps G and those before it (DQ ranks below D).
GRADE_ORDER = ("A", "B", "C", "D", "DQ")


@dataclass(frozen=True, slots=True)
class Fit:
    """A lead's stored fit against one ICP version (rule names joined by commas)."""

    score: int
    grade: str
    qualified: bool
    coverage: float
    matched: str
    missed: str
    unknown: str
    reasons: str
    disqualified_by: str | None
    as_of: date


@dataclass(frozen=True, slots=True)
class FitRow:
    """A lead as ``show_list`` gives it, with its fit (None when it has none)."""

    lead: ListRow
    fit: Fit | None


@dataclass(frozen=True)
class FitListing:
    """The rows shown, and counts: the list's ``leads``, those with a fit of this version
    (``fitted``) and those passing the grade filter (``matching``, all leads without one)."""

    icp_slug: str
    icp_version: int
    rows: list[FitRow]
    leads: int
    fitted: int
    matching: int


def grades_from(min_grade: str | None) -> list[str] | None:
    """The grades ``--min-grade`` keeps (A first), None for no filter; A, B, C or D."""
    if min_grade is None:
        return None
    grade = min_grade.strip().upper()
    if grade not in GRADE_ORDER[:4]:
        raise InvalidValue(f"the minimum grade is A, B, C or D, not {min_grade!r}")
    return list(GRADE_ORDER[: GRADE_ORDER.index(grade) + 1])


def show_list_fits(
    session: Session,
    space: Workspace,
    list_id: int,
    icp_slug: str,
    *,
    version: int | None = None,
    user: str | None = None,
    by_fit: bool = False,
    min_grade: str | None = None,
    limit: int | None = None,
) -> FitListing:
    """The list's leads with their fit against version ``version`` (default: current) of the
    profile ``icp_slug`` as ``user`` sees it: in the order added, or ``by_fit`` best score
    first (leads without a fit last); with ``min_grade``, only leads graded at least that
    (a lead without a fit never passes). The first ``limit`` rows."""
    lead_list = get_list_by_id(session, space.id, list_id)
    if limit is not None and limit < 0:
        raise InvalidValue(f"the limit must be 0 or more, not {limit}")
    grades = grades_from(min_grade)
    found, version_id = visible_version(session, space, icp_slug, version, user)
    rows, matching = repo.rows_with_fits(
        session, lead_list.id, version_id, by_fit=by_fit, grades=grades, limit=limit
    )
    leads, _, _ = repo.list_span(session, lead_list.id)
    return FitListing(
        icp_slug=found.profile.slug,
        icp_version=found.number,
        rows=[_row(row) for row in rows],
        leads=leads,
        fitted=repo.count_fits(session, lead_list.id, version_id),
        matching=matching,
    )


def best_leads(
    engine: Engine,
    list_name: str,
    icp_slug: str,
    *,
    workspace: str | None = None,
    user: str | None = None,
    version: int | None = None,
    limit: int = 10,
) -> list[FitRow]:
    """The ``limit`` best leads of a list by their fit against ``icp_slug`` (version
    ``version``, default current), in a transaction of their own: what a run that just
    qualified the list shows."""
    with unit_of_work(engine) as session:
        space = resolve_workspace(session, workspace)
        lead_list = get_list(session, space.id, list_name)
        listing = show_list_fits(
            session,
            space,
            lead_list.id,
            icp_slug,
            version=version,
            user=user,
            by_fit=True,
            limit=limit,
        )
    return listing.rows


def _row(row: Any) -> FitRow:
    lead = list_row(row)
    if row.score is None:
        return FitRow(lead, None)
    fit = Fit(
        score=row.score,
        grade=row.grade,
        qualified=bool(row.qualified),
        coverage=row.coverage,
        matched=row.matched,
        missed=row.missed,
        unknown=row.unknown,
        reasons=row.reasons,
        disqualified_by=row.disqualified_by,
        as_of=row.as_of,
    )
    return FitRow(lead, fit)
