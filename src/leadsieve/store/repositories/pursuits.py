"""Pursuits opened in bulk (the ICP-match ingest): every SQL statement about them. Never
commits. One pursuit at a time is ``store.repositories.boards``' business.

Opening is an insert that skips what collides (``records.insert_new``): the partial unique
index ``uq_pursuits_open_organization`` keeps one open pursuit per (board, organization), so a
pursuit opened meanwhile, by hand or by another run, is skipped, never duplicated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import polars as pl
from sqlalchemy import Table, or_, select, update
from sqlalchemy.orm import Session

from leadsieve.store.repositories import contacts, records
from leadsieve.store.tables import Board, Contact, Pursuit, PursuitContact, PursuitMove

#: Contact ids per lookup: far below SQLite's 32,766 bound parameters.
LOOKUP = 10_000

_PURSUITS: Table = Pursuit.__table__  # type: ignore[assignment]
_CONTACTS: Table = PursuitContact.__table__  # type: ignore[assignment]
_MOVES: Table = PursuitMove.__table__  # type: ignore[assignment]


def lock_board(session: Session, board_id: int) -> bool:
    """Make this transaction the only one opening pursuits in bulk on the board until it ends;
    False when there is no such board.

    Two runs opening overlapping organizations would otherwise each hold some of the index's
    keys while waiting for the other's (a deadlock on PostgreSQL); taking turns, the second
    finds the first's pursuits committed and skips them. PostgreSQL locks the board's row
    ``FOR NO KEY UPDATE``, which an insert merely referencing the board (``pursuit open``)
    does not wait for. SQLite's first statement is a write (an ``UPDATE`` that changes
    nothing), which takes the database's write lock before anything is read, as
    ``store.repositories.credits.lock_workspace`` does."""
    if session.get_bind().dialect.name == "postgresql":
        locked = select(Board.id).where(Board.id == board_id).with_for_update(key_share=True)
        return session.scalar(locked) is not None
    touched = (
        update(Board)
        .where(Board.id == board_id)
        .values(name=Board.name)
        .returning(Board.id)
        .execution_options(synchronize_session=False)
    )
    return session.scalar(touched) is not None


def open_pursuits(session: Session, rows: pl.DataFrame) -> pl.DataFrame:
    """Insert open pursuits (``rows``: columns of ``pursuits``, ``organization_id`` among
    them, one row per organization); those whose board has an open pursuit for the
    organization already are skipped. Returns ``id`` and ``organization_id`` of the pursuits
    inserted."""
    return records.insert_new(session, _PURSUITS, rows, returning=["organization_id"])


def add_contacts(session: Session, rows: pl.DataFrame) -> int:
    """Put contacts on pursuits (``rows``: ``pursuit_id``, ``contact_id``), each once; how
    many were new."""
    return records.insert_count(session, _CONTACTS, rows)


def record_openings(
    session: Session, pursuit_ids: pl.Series, stage_id: int, user_id: int | None
) -> int:
    """Append each pursuit's opening to its stage history: a move from no stage to
    ``stage_id``, made by ``user_id`` (None: no one named)."""
    frame = pursuit_ids.cast(pl.Int64).alias("pursuit_id").to_frame()
    frame = frame.with_columns(pl.lit(stage_id, pl.Int64).alias("to_stage_id"))
    if user_id is not None:
        frame = frame.with_columns(pl.lit(user_id, pl.Int64).alias("user_id"))
    return records.insert_count(session, _MOVES, frame)


def do_not_contact(session: Session, workspace_id: int, contact_ids: pl.Series) -> pl.Series:
    """Those of ``contact_ids`` that are the workspace's contacts marked do-not-contact, or
    whose current consent to be contacted for sales, by any channel, is a no (an opted-out
    email or a do-not-call): a pursuit never puts them in front of a seller."""
    wanted = contact_ids.drop_nulls().unique().sort().cast(pl.Int64).to_list()
    found: set[int] = set()
    for part in records.chunks(wanted, LOOKUP):
        statement = select(Contact.id).where(
            Contact.workspace_id == workspace_id,
            Contact.id.in_(part),
            Contact.do_not_contact.is_(True),
        )
        found.update(session.scalars(statement))
    opted_out = contacts.current_opt_outs(session, workspace_id, wanted)
    found.update(c for c, _, purpose in opted_out if purpose == "sales")
    return pl.Series("contact_id", sorted(found), pl.Int64)


def closed_not_to_reopen(
    session: Session, board_id: int, organization_ids: Sequence[int], lost_since: datetime
) -> set[int]:
    """Those of ``organization_ids`` whose pursuit on the board was closed won (ever), or
    closed lost at ``lost_since`` or later, and that have no open pursuit there."""
    found: set[int] = set()
    for part in records.chunks(sorted(set(organization_ids)), LOOKUP):
        statement = select(Pursuit.organization_id).where(
            Pursuit.board_id == board_id,
            Pursuit.organization_id.in_(list(part)),
            Pursuit.closed_at.is_not(None),
            or_(Pursuit.won.is_(True), Pursuit.closed_at >= lost_since),
        )
        found.update(int(org) for org in session.scalars(statement))
    if not found:
        return found
    still_open = select(Pursuit.organization_id).where(
        Pursuit.board_id == board_id,
        Pursuit.organization_id.in_(sorted(found)),
        Pursuit.closed_at.is_(None),
    )
    return found - {int(org) for org in session.scalars(still_open)}


def open_organizations(
    session: Session, board_id: int, organization_ids: Sequence[int]
) -> set[int]:
    """Those of ``organization_ids`` with an open pursuit on the board."""
    found: set[int] = set()
    for part in records.chunks(sorted(set(organization_ids)), LOOKUP):
        statement = select(Pursuit.organization_id).where(
            Pursuit.board_id == board_id,
            Pursuit.organization_id.in_(list(part)),
            Pursuit.closed_at.is_(None),
        )
        found.update(int(org) for org in session.scalars(statement))
    return found
