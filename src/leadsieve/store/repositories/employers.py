"""Contacts' current employers, set in bulk by an import: when each began working where it
works now, and the employers they left, kept as history. Never commits (the service does)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import polars as pl
from sqlalchemy import Table, update
from sqlalchemy.orm import Session

from leadsieve.store.repositories import records
from leadsieve.store.tables import Contact, Employment

_CONTACT: Table = Contact.__table__  # type: ignore[assignment]
_EMPLOYMENT: Table = Employment.__table__  # type: ignore[assignment]
#: Contacts per statement: ids are the only parameters.
CHUNK = 5_000


def mark_first_employers(session: Session, contact_ids: Sequence[int], now: datetime) -> None:
    """The contacts linked to an organization that had no ``employer_since`` work there from
    ``now``; one already dated keeps its date (a concurrent import may have set it)."""
    for part in records.chunks(contact_ids, CHUNK):
        session.execute(
            update(_CONTACT)
            .where(
                _CONTACT.c.id.in_(list(part)),
                _CONTACT.c.organization_id.is_not(None),
                _CONTACT.c.employer_since.is_(None),
            )
            .values(employer_since=now)
        )


def move_employers(
    session: Session, history: pl.DataFrame, contact_ids: Sequence[int], now: datetime
) -> None:
    """Keep the employers the contacts left (``history``: workspace_id, contact_id,
    organization_id, started_at, ended_at) and date their new one from ``now``."""
    records.insert_count(session, _EMPLOYMENT, history)
    for part in records.chunks(contact_ids, CHUNK):
        session.execute(
            update(_CONTACT).where(_CONTACT.c.id.in_(list(part))).values(employer_since=now)
        )
