"""Sales boards, their stages and pursuits: every SQL statement about them. Never commits.

Amounts here are whole millionths (``Pursuit.amount_micro``) and probabilities basis points
(``BoardStage.probability_bp``); the service converts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session, aliased

from leadsieve.store.dialect import insert
from leadsieve.store.tables import (
    Board,
    BoardStage,
    Contact,
    IcpProfile,
    IcpVersion,
    Organization,
    Pursuit,
    PursuitContact,
    PursuitMove,
    User,
)

#: The predicate of the partial unique index ``uq_pursuits_open_organization``.
OPEN = text("closed_at IS NULL")


# --- boards and stages ---------------------------------------------------------------------


def get_by_name(session: Session, workspace_id: int, name: str) -> Board | None:
    statement = select(Board).where(Board.workspace_id == workspace_id, Board.name == name)
    return session.scalars(statement).one_or_none()


def get_by_id(session: Session, board_id: int) -> Board | None:
    return session.get(Board, board_id)


def names(session: Session, workspace_id: int) -> list[str]:
    statement = select(Board.name).where(Board.workspace_id == workspace_id)
    return list(session.scalars(statement.order_by(Board.name)))


def create(
    session: Session, workspace_id: int, name: str, stages: Sequence[dict[str, Any]]
) -> Board | None:
    """A new board with ``stages`` (key, label, position, probability_bp, closed, won), or
    None when the workspace has a board by that name (nothing written)."""
    statement = insert(session, Board).values(workspace_id=workspace_id, name=name)
    done = session.execute(
        statement.on_conflict_do_nothing(index_elements=["workspace_id", "name"]).returning(
            Board.id
        )
    )
    board_id = done.scalar_one_or_none()
    if board_id is None:
        return None
    session.execute(insert(session, BoardStage), [{**s, "board_id": board_id} for s in stages])
    return get_by_id(session, board_id)


def stages(session: Session, board_id: int) -> list[BoardStage]:
    """The board's stages in order."""
    statement = select(BoardStage).where(BoardStage.board_id == board_id)
    return list(session.scalars(statement.order_by(BoardStage.position, BoardStage.id)))


def with_counts(session: Session, workspace_id: int) -> list[tuple[Board, int, int]]:
    """The workspace's boards by name, each with its number of stages and open pursuits."""
    n_stages = (
        select(func.count())
        .where(BoardStage.board_id == Board.id)
        .scalar_subquery()
        .correlate(Board)
    )
    n_open = (
        select(func.count())
        .where(Pursuit.board_id == Board.id, Pursuit.closed_at.is_(None))
        .scalar_subquery()
        .correlate(Board)
    )
    statement = (
        select(Board, n_stages, n_open)
        .where(Board.workspace_id == workspace_id)
        .order_by(Board.name)
    )
    return [(board, s, o) for board, s, o in session.execute(statement)]


# --- the records a pursuit names -----------------------------------------------------------


def organization(session: Session, workspace_id: int, organization_id: int) -> Organization | None:
    """The workspace's organization with this id (another workspace's is None)."""
    statement = select(Organization).where(
        Organization.workspace_id == workspace_id, Organization.id == organization_id
    )
    return session.scalars(statement).one_or_none()


def contacts_in(session: Session, workspace_id: int, ids: Sequence[int]) -> set[int]:
    """Those of ``ids`` that are contacts of the workspace."""
    if not ids:
        return set()
    statement = select(Contact.id).where(Contact.workspace_id == workspace_id, Contact.id.in_(ids))
    return set(session.scalars(statement))


def icp_version_exists(session: Session, workspace_id: int, profile_id: int, number: int) -> bool:
    """Whether the workspace has ICP profile ``profile_id`` with a version ``number``."""
    statement = (
        select(IcpVersion.id)
        .join(IcpProfile, IcpProfile.id == IcpVersion.profile_id)
        .where(
            IcpProfile.workspace_id == workspace_id,
            IcpProfile.id == profile_id,
            IcpVersion.number == number,
        )
    )
    return session.scalar(statement) is not None


def icp_profile_in(session: Session, workspace_id: int, profile_id: int) -> bool:
    statement = select(IcpProfile.id).where(
        IcpProfile.workspace_id == workspace_id, IcpProfile.id == profile_id
    )
    return session.scalar(statement) is not None


# --- pursuits ------------------------------------------------------------------------------


def insert_open(session: Session, values: dict[str, Any]) -> int | None:
    """A new open pursuit (``values``: its columns), or None when the board already has an
    open pursuit for the organization: ``INSERT ... ON CONFLICT DO NOTHING`` on the partial
    unique index, so two writers at once make one (the second waits for the first to end)."""
    statement = (
        insert(session, Pursuit)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["board_id", "organization_id"], index_where=OPEN)
        .returning(Pursuit.id)
    )
    return session.execute(statement).scalar_one_or_none()


def find_open(session: Session, board_id: int, organization_id: int) -> Pursuit | None:
    """The board's open pursuit for the organization, if any."""
    statement = select(Pursuit).where(
        Pursuit.board_id == board_id,
        Pursuit.organization_id == organization_id,
        Pursuit.closed_at.is_(None),
    )
    return session.scalars(statement.execution_options(populate_existing=True)).one_or_none()


def get_pursuit(session: Session, pursuit_id: int) -> Pursuit | None:
    statement = select(Pursuit).where(Pursuit.id == pursuit_id)
    return session.scalars(statement.execution_options(populate_existing=True)).one_or_none()


def lock_pursuit(session: Session, pursuit_id: int) -> Pursuit | None:
    """The pursuit, read after taking its lock, which is held until the transaction ends: two
    moves or closes of one pursuit take turns, the second seeing what the first did.

    PostgreSQL locks the row (``FOR NO KEY UPDATE``). SQLite has no row locks, and its driver
    opens a transaction only at the first write, so an ``UPDATE`` that changes nothing comes
    first: it takes the database's write lock (as ``store.repositories.credits`` does)."""
    if session.get_bind().dialect.name == "sqlite":
        touched = (
            update(Pursuit)
            .where(Pursuit.id == pursuit_id)
            .values(stage_id=Pursuit.stage_id)
            .execution_options(synchronize_session=False)
        )
        session.execute(touched)
        return get_pursuit(session, pursuit_id)
    statement = select(Pursuit).where(Pursuit.id == pursuit_id).with_for_update(key_share=True)
    return session.scalars(statement.execution_options(populate_existing=True)).one_or_none()


def set_stage(
    session: Session,
    pursuit_id: int,
    stage_id: int,
    *,
    closed: bool,
    won: bool | None = None,
    reason: str | None = None,
) -> None:
    """Put an open pursuit at ``stage_id``; ``closed``: close it now as won or lost."""
    values: dict[str, Any] = {"stage_id": stage_id}
    if closed:
        values.update(closed_at=func.now(), won=won, close_reason=reason)
    statement = (
        update(Pursuit)
        .where(Pursuit.id == pursuit_id, Pursuit.closed_at.is_(None))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.execute(statement)


def add_contacts(session: Session, pursuit_id: int, contact_ids: Sequence[int]) -> int:
    """Put contacts on the pursuit, each once; returns how many were new."""
    if not contact_ids:
        return 0
    statement = (
        insert(session, PursuitContact)
        .values([{"pursuit_id": pursuit_id, "contact_id": c} for c in contact_ids])
        .on_conflict_do_nothing(index_elements=["pursuit_id", "contact_id"])
        .returning(PursuitContact.contact_id)
    )
    return len(session.execute(statement).all())


def contact_ids(session: Session, pursuit_id: int) -> list[int]:
    """The pursuit's contacts in the order they were added."""
    statement = select(PursuitContact.contact_id).where(PursuitContact.pursuit_id == pursuit_id)
    return list(
        session.scalars(statement.order_by(PursuitContact.added_at, PursuitContact.contact_id))
    )


def record_move(
    session: Session,
    pursuit_id: int,
    from_stage_id: int | None,
    to_stage_id: int,
    user_id: int | None,
) -> None:
    """Append a move to the pursuit's stage history."""
    session.execute(
        insert(session, PursuitMove).values(
            pursuit_id=pursuit_id,
            from_stage_id=from_stage_id,
            to_stage_id=to_stage_id,
            user_id=user_id,
        )
    )


def moves(session: Session, pursuit_id: int) -> list[tuple[str | None, str, str | None, datetime]]:
    """The pursuit's stage history, oldest first: (from stage key, to stage key, the mover's
    email, when)."""
    source, target = aliased(BoardStage), aliased(BoardStage)
    statement = (
        select(source.key, target.key, User.email, PursuitMove.at)
        .select_from(PursuitMove)
        .outerjoin(source, source.id == PursuitMove.from_stage_id)
        .join(target, target.id == PursuitMove.to_stage_id)
        .outerjoin(User, User.id == PursuitMove.user_id)
        .where(PursuitMove.pursuit_id == pursuit_id)
        .order_by(PursuitMove.id)
    )
    return [(a, b, email, at) for a, b, email, at in session.execute(statement)]


def open_cards(session: Session, board_id: int) -> Sequence[Any]:
    """The board's open pursuits, oldest first, with their organization, owner's email and
    number of contacts."""
    n_contacts = (
        select(func.count())
        .where(PursuitContact.pursuit_id == Pursuit.id)
        .scalar_subquery()
        .correlate(Pursuit)
    )
    statement = (
        select(
            Pursuit.id,
            Pursuit.stage_id,
            Pursuit.organization_id,
            Organization.name.label("organization"),
            Organization.domain,
            Pursuit.amount_micro,
            Pursuit.currency,
            User.email.label("owner"),
            n_contacts.label("contacts"),
            Pursuit.opened_at,
        )
        .join(Organization, Organization.id == Pursuit.organization_id)
        .outerjoin(User, User.id == Pursuit.owner_id)
        .where(Pursuit.board_id == board_id, Pursuit.closed_at.is_(None))
        .order_by(Pursuit.id)
    )
    return session.execute(statement).all()


def closed_counts(session: Session, board_id: int) -> dict[int, int]:
    """The number of closed pursuits per stage of the board (stages with none left out)."""
    statement = (
        select(Pursuit.stage_id, func.count())
        .where(Pursuit.board_id == board_id, Pursuit.closed_at.is_not(None))
        .group_by(Pursuit.stage_id)
    )
    return {row[0]: row[1] for row in session.execute(statement)}


def email(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    user = session.get(User, user_id)
    return None if user is None else user.email
