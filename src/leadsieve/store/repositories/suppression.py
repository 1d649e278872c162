"""Suppression lists and their entries: every SQL statement about them. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl
from sqlalchemy import delete, func, select, tuple_, update
from sqlalchemy.orm import Session

from leadsieve.store.dialect import insert
from leadsieve.store.tables import LeadFit, Organization, Pursuit, Suppression, SuppressionEntry

#: Entries written per statement (SQLite allows 32,766 bound values).
_CHUNK = 5_000


def get_by_name(session: Session, workspace_id: int, name: str) -> Suppression | None:
    statement = select(Suppression).where(
        Suppression.workspace_id == workspace_id, Suppression.name == name
    )
    return session.scalars(statement).one_or_none()


def list_all(session: Session, workspace_id: int) -> list[tuple[Suppression, int]]:
    """The workspace's lists by name, each with its number of entries."""
    counted = (
        select(SuppressionEntry.list_id, func.count().label("n"))
        .group_by(SuppressionEntry.list_id)
        .subquery()
    )
    statement = (
        select(Suppression, func.coalesce(counted.c.n, 0))
        .outerjoin(counted, counted.c.list_id == Suppression.id)
        .where(Suppression.workspace_id == workspace_id)
        .order_by(Suppression.name)
    )
    return [(row, int(n)) for row, n in session.execute(statement).all()]


def names(session: Session, workspace_id: int) -> list[str]:
    statement = (
        select(Suppression.name)
        .where(Suppression.workspace_id == workspace_id)
        .order_by(Suppression.name)
    )
    return list(session.scalars(statement))


def add(session: Session, found: Suppression) -> None:
    session.add(found)
    session.flush()


def touch(session: Session, list_id: int) -> None:
    """Mark the list changed now."""
    session.execute(
        update(Suppression).where(Suppression.id == list_id).values(updated_at=func.now())
    )


def existing(
    session: Session, list_id: int, keys: Sequence[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Which of these (kind, value) pairs the list holds already."""
    found: set[tuple[str, str]] = set()
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        statement = select(SuppressionEntry.kind, SuppressionEntry.value).where(
            SuppressionEntry.list_id == list_id,
            tuple_(SuppressionEntry.kind, SuppressionEntry.value).in_(chunk),
        )
        found |= {(k, v) for k, v in session.execute(statement).all()}
    return found


def add_entries(session: Session, list_id: int, entries: pl.DataFrame) -> int:
    """Insert entries (``kind``, ``value``, ``source``), skipping those the list holds; how
    many were new."""
    added = 0
    rows = entries.select("kind", "value", "source").to_dicts()
    for start in range(0, len(rows), _CHUNK):
        values = [{"list_id": list_id, **row} for row in rows[start : start + _CHUNK]]
        statement = (
            insert(session, SuppressionEntry)
            .values(values)
            .on_conflict_do_nothing(index_elements=["list_id", "kind", "value"])
            .returning(SuppressionEntry.id)
        )
        added += len(session.execute(statement).all())
    return added


def remove_entries(session: Session, list_id: int, keys: Sequence[tuple[str, str]]) -> int:
    """Delete these (kind, value) pairs from the list; how many were there."""
    removed = 0
    for start in range(0, len(keys), _CHUNK):
        statement = delete(SuppressionEntry).where(
            SuppressionEntry.list_id == list_id,
            tuple_(SuppressionEntry.kind, SuppressionEntry.value).in_(keys[start : start + _CHUNK]),
        )
        result: Any = session.execute(statement)
        removed += int(result.rowcount or 0)
    return removed


def entries(session: Session, list_id: int, limit: int | None = None) -> list[Any]:
    """The list's entries (kind, value, source, added_at), by kind and value."""
    statement = (
        select(
            SuppressionEntry.kind,
            SuppressionEntry.value,
            SuppressionEntry.source,
            SuppressionEntry.added_at,
        )
        .where(SuppressionEntry.list_id == list_id)
        .order_by(SuppressionEntry.kind, SuppressionEntry.value)
        .limit(limit)
    )
    return list(session.execute(statement).all())


def values(session: Session, list_ids: Sequence[int]) -> list[tuple[int, str, str]]:
    """Every (list id, kind, value) of these lists."""
    statement = select(
        SuppressionEntry.list_id, SuppressionEntry.kind, SuppressionEntry.value
    ).where(SuppressionEntry.list_id.in_(list_ids))
    return [(int(i), k, v) for i, k, v in session.execute(statement).all()]


def delete_list(session: Session, list_id: int) -> None:
    session.execute(delete(SuppressionEntry).where(SuppressionEntry.list_id == list_id))
    session.execute(delete(Suppression).where(Suppression.id == list_id))


def pursued_organizations(
    session: Session, workspace_id: int, board_id: int, *, won: bool
) -> list[Any]:
    """The organizations of the board's pursuits closed won (``won``) or open (not ``won``),
    once each: id, name, domain, org_no_country, org_no."""
    condition = Pursuit.won.is_(True) if won else Pursuit.closed_at.is_(None)
    statement = (
        select(
            Organization.id,
            Organization.name,
            Organization.domain,
            Organization.org_no_country,
            Organization.org_no,
        )
        .join(Pursuit, Pursuit.organization_id == Organization.id)
        .where(
            Pursuit.workspace_id == workspace_id,
            Pursuit.board_id == board_id,
            Organization.workspace_id == workspace_id,
            condition,
        )
        .distinct()
        .order_by(Organization.id)
    )
    return list(session.execute(statement).all())


def job_exclusions(session: Session, version_id: int, job: str) -> set[str | None]:
    """The suppression-list fingerprints of the fits a job wrote for an ICP version."""
    statement = (
        select(LeadFit.exclusions)
        .where(LeadFit.icp_version_id == version_id, LeadFit.job == job)
        .distinct()
    )
    return set(session.scalars(statement))
