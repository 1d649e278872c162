"""The store's schema: migrations on first use, equal to the models, on SQLite and PostgreSQL;
the workspace a command acts in."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select

from leadsieve.errors import WorkspaceAmbiguous, WorkspaceNotFound
from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
from leadsieve.store import db
from leadsieve.store.repositories import workspaces
from leadsieve.store.tables import Base, Workspace


def test_first_use_migrates_to_the_newest_schema(database_url: str) -> None:
    """An empty database gets every table at the head revision, once."""
    engine = open_store(database_url)
    assert db.current_revision(engine) == db.head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"organizations", "contacts", "icp_versions", "lead_list_items"} <= tables
    assert db.upgrade(engine) == db.head_revision()  # again: nothing to do, no error


def test_migrations_equal_the_models(database_url: str) -> None:
    """Alembic's autogenerate finds nothing to add: the migrations build what tables.py says."""
    engine = open_store(database_url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Two processes can share the file (WAL) and a dangling reference is refused."""
    url = f"sqlite:///{tmp_path_factory.mktemp('wal') / 'x.db'}"
    engine = open_store(url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close(url)


def test_unnamed_workspace_is_the_default_made_on_first_use(database_url: str) -> None:
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        first = resolve_workspace(session, None)
    with unit_of_work(engine) as session:
        again = resolve_workspace(session, None)
    assert first.slug == "default" and again.id == first.id


def test_several_workspaces_and_none_named_is_ambiguous(database_url: str) -> None:
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        workspaces.create(session, "acme", "Acme")
        workspaces.create(session, "globex", "Globex")
    with unit_of_work(engine) as session, pytest.raises(WorkspaceAmbiguous, match="acme, globex"):
        resolve_workspace(session, None)
    with unit_of_work(engine) as session, pytest.raises(WorkspaceNotFound, match="acme, globex"):
        resolve_workspace(session, "initech")


def test_a_slug_taken_is_refused_and_concurrent_creation_makes_one(database_url: str) -> None:
    """``create`` says when a slug is taken; ``ensure`` from many threads at once makes one row."""
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        assert workspaces.create(session, "acme", "Acme") is not None
    with unit_of_work(engine) as session:
        assert workspaces.create(session, "acme", "Acme again") is None

    def ensure(_: int) -> int:
        with unit_of_work(engine) as session:
            return workspaces.ensure(session, "shared", "Shared").id

    with ThreadPoolExecutor(4) as pool:
        ids = set(pool.map(ensure, range(8)))
    assert len(ids) == 1
    with unit_of_work(engine) as session:
        count = session.scalar(select(func.count()).where(Workspace.slug == "shared"))
    assert count == 1


def test_0002_moves_the_current_employer_onto_the_contact_and_back(database_url: str) -> None:
    """Upgrading keeps every employer: the current one becomes the contact's
    ``employer_since``, past ones stay; downgrading restores the current employment rows."""
    engine = db.make_engine(database_url)
    assert db.upgrade(engine, "0001") == "0001"
    with engine.begin() as connection:
        run = connection.exec_driver_sql
        run("INSERT INTO workspaces (id, slug, name) VALUES (1, 'w', 'W')")
        run("INSERT INTO organizations (id, workspace_id, domain) VALUES (1, 1, 'a.com')")
        run("INSERT INTO organizations (id, workspace_id, domain) VALUES (2, 1, 'b.com')")
        run("INSERT INTO contacts (id, workspace_id, organization_id, email) VALUES (1, 1, 2, 'x')")
        run("INSERT INTO contacts (id, workspace_id, email) VALUES (2, 1, 'y')")
        run(
            "INSERT INTO employments (workspace_id, contact_id, organization_id, started_at, "
            "ended_at) VALUES (1, 1, 1, '2024-01-01 00:00:00', '2025-06-01 00:00:00')"
        )
        run(
            "INSERT INTO employments (workspace_id, contact_id, organization_id, started_at) "
            "VALUES (1, 1, 2, '2025-06-01 00:00:00')"
        )
    assert db.upgrade(engine) == db.head_revision()
    with engine.connect() as connection:
        since = connection.exec_driver_sql(
            "SELECT id, employer_since FROM contacts ORDER BY id"
        ).all()
        past = connection.exec_driver_sql(
            "SELECT contact_id, organization_id FROM employments"
        ).all()
    assert [(i, s is not None and str(s).startswith("2025-06-01")) for i, s in since] == [
        (1, True),
        (2, False),
    ]
    assert past == [(1, 1)]
    assert db.downgrade(engine, "0001") == "0001"
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT contact_id, organization_id, ended_at IS NULL FROM employments "
            "ORDER BY organization_id"
        ).all()
    assert [(c, o, bool(current)) for c, o, current in rows] == [(1, 1, False), (1, 2, True)]
    engine.dispose()
