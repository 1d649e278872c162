"""Workspaces: every SQL statement about them. Never commits (the service does)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from leadsieve.store.dialect import insert
from leadsieve.store.tables import LeadList, Membership, Workspace

DEFAULT_SLUG = "default"


def get_by_slug(session: Session, slug: str) -> Workspace | None:
    return session.scalars(select(Workspace).where(Workspace.slug == slug)).one_or_none()


def list_all(session: Session) -> list[Workspace]:
    return list(session.scalars(select(Workspace).order_by(Workspace.slug)))


def ensure(session: Session, slug: str, name: str) -> Workspace:
    """The workspace ``slug``, created if missing; two processes doing this at once make one."""
    statement = insert(session, Workspace).values(slug=slug, name=name)
    session.execute(statement.on_conflict_do_nothing(index_elements=["slug"]))
    found = get_by_slug(session, slug)
    assert found is not None  # inserted above or by a concurrent writer
    return found


def create(session: Session, slug: str, name: str) -> Workspace | None:
    """A new workspace, or None when ``slug`` is taken."""
    statement = insert(session, Workspace).values(slug=slug, name=name)
    done = session.execute(
        statement.on_conflict_do_nothing(index_elements=["slug"]).returning(Workspace.id)
    )
    if done.scalar_one_or_none() is None:
        return None
    return get_by_slug(session, slug)


def list_with_counts(session: Session) -> list[tuple[Workspace, int, int]]:
    """Every workspace by slug, with its number of members and of lead lists."""
    members = (
        select(func.count())
        .where(Membership.workspace_id == Workspace.id)
        .scalar_subquery()
        .correlate(Workspace)
    )
    lists = (
        select(func.count())
        .where(LeadList.workspace_id == Workspace.id)
        .scalar_subquery()
        .correlate(Workspace)
    )
    rows = session.execute(select(Workspace, members, lists).order_by(Workspace.slug))
    return [(workspace, n_members, n_lists) for workspace, n_members, n_lists in rows]
