"""Opening the store and acting in one workspace: the unit of work every store service uses.

Services own the transaction (``unit_of_work`` commits once, or rolls back on any error);
repositories under ``leadsieve.store.repositories`` hold the SQL and never commit.

Two ways to open a store: a command (the CLI) opens it with ``open_store`` and migrates a schema
that is behind on the way; a server runs ``upgrade_store`` once, before it starts its workers,
and the workers open the store with ``open_store(url, migrate=False)``, which refuses a schema
that is behind instead of migrating it from every worker at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from leadsieve.errors import WorkspaceAmbiguous, WorkspaceNotFound
from leadsieve.settings import get_settings
from leadsieve.store import db, faults
from leadsieve.store.repositories import workspaces
from leadsieve.store.tables import Workspace


def open_store(url: str | None = None, *, migrate: bool = True) -> Engine:
    """The store at ``url`` (default: ``LEADSIEVE_DATABASE_URL`` or ``./leadsieve.db``), its
    schema at the newest revision: migrated here, or, without ``migrate``, ``StoreUnavailable``
    when it is behind (a server's workers, once ``upgrade_store`` has run)."""
    return db.connect(url or get_settings().database_url, migrate=migrate)


@dataclass(frozen=True, slots=True)
class SchemaUpgrade:
    """What ``upgrade_store`` did: the store (its URL without password) and its schema
    revision before and after (None before: an empty database)."""

    store: str
    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def upgrade_store(url: str | None = None) -> SchemaUpgrade:
    """Migrate the store at ``url`` to the newest schema: the step a server runs once before
    it starts workers (``leadsieve db upgrade`` runs it too).

    Atomic (a process killed meanwhile leaves the previous schema) and safe when several
    processes run it at once: they take turns under the store's migration lock, and the later
    ones find nothing to do."""
    engine = db.make_engine(url or get_settings().database_url)
    try:
        before = db.current_revision(engine)
        after = db.upgrade(engine)
        return SchemaUpgrade(engine.url.render_as_string(hide_password=True), before, after)
    finally:
        engine.dispose()


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises.

    A fault of the database met by a repository that feeds the driver directly (bulk COPY and
    VALUES inserts, which bypass SQLAlchemy's error handling) is ``StoreUnavailable`` here, as
    it is on every SQLAlchemy statement."""
    try:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
    except Exception as error:
        reason = faults.fault_reason(error)
        if reason is None:
            raise
        raise faults.unavailable(engine.url, reason) from None


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
