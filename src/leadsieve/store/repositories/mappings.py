"""Saved column mappings: every SQL statement about them. Never commits."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from leadsieve.store.tables import SavedMapping


def get_by_name(session: Session, workspace_id: int, name: str) -> SavedMapping | None:
    statement = select(SavedMapping).where(
        SavedMapping.workspace_id == workspace_id, SavedMapping.name == name
    )
    return session.scalars(statement).one_or_none()


def list_all(session: Session, workspace_id: int) -> list[SavedMapping]:
    statement = (
        select(SavedMapping)
        .where(SavedMapping.workspace_id == workspace_id)
        .order_by(SavedMapping.name)
    )
    return list(session.scalars(statement))


def add(session: Session, mapping: SavedMapping) -> None:
    session.add(mapping)
    session.flush()
