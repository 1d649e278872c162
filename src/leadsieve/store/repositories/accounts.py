"""Users, memberships and API keys: every SQL statement about them. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from leadsieve.store.dialect import insert
from leadsieve.store.tables import ApiKey, Membership, User

# --- users ---------------------------------------------------------------------------------


def get_user_by_email(session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(User.email == email)).one_or_none()


def ensure_user(session: Session, email: str, name: str | None) -> tuple[User, bool]:
    """The user with ``email`` and whether this call created it; a given ``name`` replaces the
    stored one. Two writers adding the same email at once make one user."""
    statement = insert(session, User).values(email=email, name=name)
    done = session.execute(
        statement.on_conflict_do_nothing(index_elements=["email"]).returning(User.id)
    )
    created = done.scalar_one_or_none() is not None
    if not created and name is not None:
        session.execute(update(User).where(User.email == email).values(name=name))
    user = session.scalars(
        select(User).where(User.email == email).execution_options(populate_existing=True)
    ).one()
    return user, created


# --- memberships ---------------------------------------------------------------------------


def get_role(session: Session, workspace_id: int, user_id: int) -> str | None:
    return session.scalar(
        select(Membership.role).where(
            Membership.workspace_id == workspace_id, Membership.user_id == user_id
        )
    )


def lock_owners(session: Session, workspace_id: int) -> list[int]:
    """The ids of the workspace's owners, locked until the transaction ends, so two demotions
    at once cannot leave no owner. PostgreSQL takes row locks; SQLite has none, but its
    transactions are serializable: of two that read the owners and then write, the second to
    write fails (database locked) instead of acting on what it read."""
    statement = (
        select(Membership.user_id)
        .where(Membership.workspace_id == workspace_id, Membership.role == "owner")
        .order_by(Membership.user_id)
        .with_for_update()
    )
    return list(session.scalars(statement))


def set_role(session: Session, workspace_id: int, user_id: int, role: str) -> None:
    """Add the user to the workspace with ``role``, or change the role it has there."""
    statement = insert(session, Membership).values(
        workspace_id=workspace_id, user_id=user_id, role=role
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["workspace_id", "user_id"], set_={"role": role}
        )
    )


def members(session: Session, workspace_id: int) -> list[tuple[User, str]]:
    """The workspace's users with their roles, by email."""
    statement = (
        select(User, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.workspace_id == workspace_id)
        .order_by(User.email)
    )
    return [(user, role) for user, role in session.execute(statement)]


# --- API keys ------------------------------------------------------------------------------


def add_key(
    session: Session,
    *,
    workspace_id: int,
    user_id: int | None,
    name: str,
    prefix: str,
    digest: str,
    scopes: Sequence[str],
) -> ApiKey:
    key = ApiKey(
        workspace_id=workspace_id,
        user_id=user_id,
        name=name,
        prefix=prefix,
        hash=digest,
        scopes=list(scopes),
    )
    session.add(key)
    session.flush()
    session.refresh(key)  # the server's created_at
    return key


def get_key_by_hash(session: Session, digest: str) -> ApiKey | None:
    return session.scalars(select(ApiKey).where(ApiKey.hash == digest)).one_or_none()


def keys_by_prefix(session: Session, workspace_id: int, prefix: str) -> list[ApiKey]:
    statement = select(ApiKey).where(ApiKey.workspace_id == workspace_id, ApiKey.prefix == prefix)
    return list(session.scalars(statement))


def list_keys(session: Session, workspace_id: int) -> list[tuple[ApiKey, str | None]]:
    """The workspace's keys, oldest first, with their user's email (None for workspace keys)."""
    statement = (
        select(ApiKey, User.email)
        .outerjoin(User, User.id == ApiKey.user_id)
        .where(ApiKey.workspace_id == workspace_id)
        .order_by(ApiKey.id)
    )
    return [(key, email) for key, email in session.execute(statement)]


def revoke_key(session: Session, key_id: int, at: datetime) -> bool:
    """Mark the key revoked at ``at``; False when it already was (nothing changes then)."""
    statement = (
        update(ApiKey)
        .where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))
        .values(revoked_at=at)
        .returning(ApiKey.id)
    )
    return session.execute(statement).scalar_one_or_none() is not None
