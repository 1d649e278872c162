"""Migrations are atomic and safe to start from several processes at once: a process killed
mid-migration leaves the previous schema and its rows (SQLite, whose driver would commit each
``CREATE TABLE`` alone), and three processes starting on a new store all succeed."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from leadsieve.errors import StoreUnavailable
from leadsieve.service.store import open_store, upgrade_store
from leadsieve.store import db
from leadsieve.store.tables import Base
from tests.cli.test_cli import EXE

#: A child that runs a migration and kills itself (SIGKILL, as ``kill -9``) just before its
#: Nth SQL statement; with N = 0 it runs to the end and prints how many statements it ran.
KILLED_CHILD = """
import os, signal, sys
from sqlalchemy import Engine, event
from leadsieve.store import db

url, kill_at = sys.argv[1], int(sys.argv[2])
statements = 0

@event.listens_for(Engine, "before_cursor_execute")
def count(*_):
    global statements
    statements += 1
    if statements == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

db.upgrade(db.make_engine(url))
print(statements)
"""

KILL_POINTS = 6


def migrate_in_child(url: str, kill_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", KILLED_CHILD, url, str(kill_at)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def seed_at_0001(path: Path) -> None:
    """A store at revision 0001 holding a workspace, organizations, contacts and employments,
    so that the migrations after it move rows (0002 moves current employers)."""
    engine = db.make_engine(f"sqlite:///{path}")
    assert db.upgrade(engine, "0001") == "0001"
    with engine.begin() as connection:
        run = connection.exec_driver_sql
        run("INSERT INTO workspaces (id, slug, name) VALUES (1, 'w', 'W')")
        run("INSERT INTO organizations (id, workspace_id, domain) VALUES (1, 1, 'a.com')")
        run("INSERT INTO organizations (id, workspace_id, domain) VALUES (2, 1, 'b.com')")
        run("INSERT INTO contacts (id, workspace_id, organization_id, email) VALUES (1, 1, 2, 'x')")
        run("INSERT INTO contacts (id, workspace_id, email) VALUES (2, 1, 'y')")
        run(
            "INSERT INTO employments (workspace_id, contact_id, organization_id, started_at) "
            "VALUES (1, 1, 2, '2025-06-01 00:00:00')"
        )
    engine.dispose()  # the last connection checkpoints the WAL into the file: one file to copy


def schema_of(engine: Engine) -> tuple[str | None, set[str]]:
    return db.current_revision(engine), set(inspect(engine).get_table_names())


def rows_of(engine: Engine) -> list[tuple[str, int]]:
    with engine.connect() as connection:
        return [
            (table, connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())
            for table in ("workspaces", "organizations", "contacts")
        ]


@pytest.mark.parametrize("holding_data", [True, False], ids=["upgrade-with-rows", "first-use"])
def test_a_migration_killed_anywhere_leaves_the_previous_schema(
    tmp_path: Path, holding_data: bool
) -> None:
    """A child migrating a SQLite store is killed (SIGKILL) before a statement picked at random;
    each time the store is at its old revision with its old tables and rows, or migrated
    whole, and the next start migrates it to a schema equal to the models."""
    original = tmp_path / "original.db"
    if holding_data:
        seed_at_0001(original)
    else:
        original.touch()  # first use of a new file
    reference = db.make_engine(f"sqlite:///{original}")
    before = schema_of(reference)
    old_rows = rows_of(reference) if holding_data else []
    reference.dispose()

    measured = tmp_path / "measured.db"
    shutil.copy(original, measured)
    done = migrate_in_child(f"sqlite:///{measured}", 0)
    assert done.returncode == 0, done.stderr
    statements = int(done.stdout)
    measured_engine = db.make_engine(f"sqlite:///{measured}")
    after = schema_of(measured_engine)
    measured_engine.dispose()
    assert after[0] == db.head_revision() and statements > 10

    seed = int.from_bytes(os.urandom(4), "big")
    points = sorted(random.Random(seed).sample(range(1, statements + 1), KILL_POINTS))
    for point in points:
        store = tmp_path / f"killed_{point}.db"
        shutil.copy(original, store)
        url = f"sqlite:///{store}"
        killed = migrate_in_child(url, point)
        assert killed.returncode == -9, (seed, point, killed.stderr)
        engine = db.make_engine(url)
        left = schema_of(engine)
        assert left in (before, after), (seed, point, left)
        if holding_data:
            assert rows_of(engine) == old_rows, (seed, point)
        # the next command starts as if nothing had happened
        assert db.upgrade(engine) == db.head_revision(), (seed, point)
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        if holding_data:
            assert rows_of(engine) == old_rows, (seed, point)
        engine.dispose()


def test_three_processes_starting_on_a_new_store_all_succeed(database_url: str) -> None:
    """Three commands started at once on an empty database (each migrates on first use) all
    exit 0, and the store ends at the newest revision, migrated once."""
    assert EXE is not None
    env = {**os.environ, "LEADSIEVE_DATABASE_URL": database_url}
    children = [
        subprocess.Popen(
            [EXE, "workspace", "list"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [(child.wait(timeout=120), *child.communicate()) for child in children]
    assert [code for code, _, _ in results] == [0, 0, 0], results
    assert all("no workspaces yet" in out for _, out, _ in results), results
    engine = db.make_engine(database_url)
    with engine.connect() as connection:
        versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    engine.dispose()
    assert versions == [(db.head_revision(),)]


def test_a_server_upgrades_once_and_its_workers_refuse_a_schema_behind(
    database_url: str,
) -> None:
    """``upgrade_store`` is the explicit step; ``open_store(migrate=False)`` (a worker) on a
    store behind is STORE_UNAVAILABLE naming the revisions and changes nothing; after the
    upgrade it opens, and a second upgrade has nothing to do."""
    engine = db.make_engine(database_url)
    assert db.upgrade(engine, "0001") == "0001"
    engine.dispose()
    with pytest.raises(StoreUnavailable, match="revision 0001") as refused:
        open_store(database_url, migrate=False)
    assert "leadsieve db upgrade" in refused.value.message
    engine = db.make_engine(database_url)
    assert db.current_revision(engine) == "0001"
    engine.dispose()

    first = upgrade_store(database_url)
    assert (first.before, first.after, first.changed) == ("0001", db.head_revision(), True)
    assert db.current_revision(open_store(database_url, migrate=False)) == db.head_revision()
    again = upgrade_store(database_url)
    assert (again.before, again.after, again.changed) == (db.head_revision(),) * 2 + (False,)
