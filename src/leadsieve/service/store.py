"""Opening the store and acting in one workspace: the unit of work every store service uses.

Services own the transaction (``unit_of_work`` commits once, or rolls back on any error);
repositories under ``leadsieve.store.repositories`` hold the SQL and never commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from leadsieve.errors import WorkspaceAmbiguous, WorkspaceNotFound
from leadsieve.settings import get_settings
from leadsieve.store import db
from leadsieve.store.repositories import workspaces
from leadsieve.store.tables import Workspace


def open_store(url: str | None = None) -> Engine:
    """The store at ``url`` (default: ``LEADSIEVE_DATABASE_URL`` or ``./leadsieve.db``),
    migrated to the newest schema."""
    return db.connect(url or get_settings().database_url)


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def resolve_workspace(session: Session, slug: str | None) -> Workspace:
    """The workspace named ``slug``; unnamed, the only one (``default``, made on first use).

    Several workspaces and none named: ``WorkspaceAmbiguous`` listing them."""
    if slug is not None:
        found = workspaces.get_by_slug(session, slug)
        if found is None:
            names = ", ".join(w.slug for w in workspaces.list_all(session)) or "none yet"
            raise WorkspaceNotFound(
                f"no workspace {slug!r} (workspaces: {names}); "
                "create it with `leadsieve workspace create`"
            )
        return found
    existing = workspaces.list_all(session)
    if not existing:
        return workspaces.ensure(session, workspaces.DEFAULT_SLUG, "Default workspace")
    if len(existing) > 1:
        names = ", ".join(w.slug for w in existing)
        raise WorkspaceAmbiguous(
            f"there are {len(existing)} workspaces ({names}); name one with --workspace or "
            "LEADSIEVE_WORKSPACE"
        )
    return existing[0]
