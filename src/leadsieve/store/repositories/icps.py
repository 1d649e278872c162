"""ICP profiles and their versions: every SQL statement about them. Never commits.

Concurrency: a new profile is inserted with ``ON CONFLICT DO NOTHING`` on (workspace, slug), so
two first saves of one slug make one profile; a new version is added only after ``lock`` has
taken the profile's row (PostgreSQL) or the database's write lock (SQLite), so two edits at once
get consecutive numbers. The unique (profile, number) constraint is the backstop.

The acting user's lookup lives here too: it is the one question about users profiles need.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, true, update
from sqlalchemy.orm import Session

from leadsieve.store.dialect import insert
from leadsieve.store.tables import IcpProfile, IcpVersion, Membership, User


def visible_to(user_id: int | None) -> ColumnElement[bool]:
    """Profiles a user sees: those shared with the workspace, and their own private ones."""
    shared = IcpProfile.visibility == "workspace"
    if user_id is None:
        return shared
    return or_(shared, IcpProfile.owner_id == user_id)


def get(session: Session, workspace_id: int, slug: str) -> IcpProfile | None:
    """The profile ``slug`` of the workspace, whoever may see it."""
    statement = select(IcpProfile).where(
        IcpProfile.workspace_id == workspace_id, IcpProfile.slug == slug
    )
    return session.scalars(statement).one_or_none()


def get_by_id(session: Session, profile_id: int) -> IcpProfile | None:
    return session.get(IcpProfile, profile_id)


def list_visible(session: Session, workspace_id: int, user_id: int | None) -> list[IcpProfile]:
    """The workspace's profiles ``user_id`` may see (None: only shared ones), by slug."""
    statement = (
        select(IcpProfile)
        .where(IcpProfile.workspace_id == workspace_id, visible_to(user_id))
        .order_by(IcpProfile.slug)
    )
    return list(session.scalars(statement))


def create(
    session: Session,
    *,
    workspace_id: int,
    slug: str,
    name: str,
    owner_id: int | None,
    visibility: str,
    source_profile_id: int | None = None,
    source_version: int | None = None,
) -> IcpProfile | None:
    """A new profile with no version yet (``current_version`` 0), or None when the slug is taken
    in the workspace (also by a concurrent transaction: that one wins, this one waits)."""
    statement = insert(session, IcpProfile).values(
        workspace_id=workspace_id,
        slug=slug,
        name=name[:200],
        owner_id=owner_id,
        visibility=visibility,
        source_profile_id=source_profile_id,
        source_version=source_version,
        current_version=0,
    )
    done = session.execute(
        statement.on_conflict_do_nothing(index_elements=["workspace_id", "slug"]).returning(
            IcpProfile.id
        )
    )
    new_id = done.scalar_one_or_none()
    return None if new_id is None else session.get(IcpProfile, new_id)


def lock(session: Session, profile_id: int) -> IcpProfile:
    """Take the profile for writing and return it as committed by any writer before us.

    A no-op ``UPDATE`` is the one lock both databases share: a row lock on PostgreSQL, the
    write lock on SQLite (taken with the busy timeout, as the transaction's first write)."""
    session.execute(
        update(IcpProfile)
        .where(IcpProfile.id == profile_id)
        .values(current_version=IcpProfile.current_version)
        .execution_options(synchronize_session=False)
    )
    statement = (
        select(IcpProfile)
        .where(IcpProfile.id == profile_id)
        .execution_options(populate_existing=True)
    )
    return session.scalars(statement).one()


def add_version(
    session: Session,
    profile: IcpProfile,
    *,
    document: dict[str, Any],
    name: str,
    author_id: int | None,
    note: str | None,
) -> IcpVersion:
    """Append version ``current_version + 1`` and make it current. Call ``lock`` (or ``create``)
    first in the same transaction: the number is read from the locked row."""
    number = profile.current_version + 1
    version = IcpVersion(
        profile_id=profile.id, number=number, document=document, author_id=author_id, note=note
    )
    session.add(version)
    profile.current_version = number
    profile.name = name[:200]
    session.flush()
    return version


def get_version(session: Session, profile_id: int, number: int) -> IcpVersion | None:
    statement = select(IcpVersion).where(
        IcpVersion.profile_id == profile_id, IcpVersion.number == number
    )
    return session.scalars(statement).one_or_none()


def versions(session: Session, profile_id: int) -> list[IcpVersion]:
    """Every version of the profile, oldest first."""
    statement = (
        select(IcpVersion).where(IcpVersion.profile_id == profile_id).order_by(IcpVersion.number)
    )
    return list(session.scalars(statement))


def latest_versions(session: Session, profile_ids: list[int]) -> dict[int, IcpVersion]:
    """The current version of each profile, by profile id."""
    if not profile_ids:
        return {}
    statement = (
        select(IcpVersion)
        .join(IcpProfile, IcpProfile.id == IcpVersion.profile_id)
        .where(
            IcpVersion.profile_id.in_(profile_ids),
            IcpVersion.number == IcpProfile.current_version,
        )
    )
    return {v.profile_id: v for v in session.scalars(statement)}


def set_visibility(
    session: Session, profile: IcpProfile, visibility: str, owner_id: int | None
) -> None:
    profile.visibility = visibility
    profile.owner_id = owner_id
    session.flush()


def find_user(session: Session, email: str) -> User | None:
    """The user with that email, compared case-insensitively."""
    statement = select(User).where(func.lower(User.email) == email.strip().lower())
    return session.scalars(statement).one_or_none()


def is_member(session: Session, workspace_id: int, user_id: int) -> bool:
    statement = select(true()).where(
        Membership.workspace_id == workspace_id, Membership.user_id == user_id
    )
    return session.execute(statement).first() is not None


def emails(session: Session, user_ids: set[int | None]) -> dict[int, str]:
    """The emails of the given users, by id (None ids are skipped)."""
    wanted = [i for i in user_ids if i is not None]
    if not wanted:
        return {}
    statement = select(User.id, User.email).where(User.id.in_(wanted))
    return {row.id: row.email for row in session.execute(statement)}
