"""Faults of the database itself are STORE_UNAVAILABLE with what to do, through the library
(``StoreUnavailable``) and the CLI (exit 6, no traceback): a file that is no SQLite database, a
read-only store, a PostgreSQL server that refuses, is missing the database, or drops the
connection mid-transaction. Every other database error passes through unchanged."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from sqlalchemy import Table, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from leadsieve.errors import StoreUnavailable
from leadsieve.service.credits import balance, grant
from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
from leadsieve.store import db
from leadsieve.store.repositories import records, workspaces
from leadsieve.store.tables import Workspace
from tests.cli.test_cli import run
from tests.store_backends import POSTGRES

CSV = "name,domain\nAcme,acme.com\nGlobex,globex.com\n"


def closed_port() -> int:
    """A local TCP port nothing listens on: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_csv_named_like_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    """A CSV named leads.db is "not a SQLite database", in the library and the CLI (exit 6),
    and the file keeps every byte."""
    leads = tmp_path / "leads.db"
    leads.write_text(CSV)
    url = f"sqlite:///{leads}"
    with pytest.raises(StoreUnavailable, match="not a SQLite database") as raised:
        open_store(url)
    assert str(leads) in raised.value.message
    done = run("credits", "grant", "100", env={"LEADSIEVE_DATABASE_URL": url})
    assert done.returncode == 6, done.stdout + done.stderr
    assert "STORE_UNAVAILABLE" in done.stderr and "not a SQLite database" in done.stderr
    assert "bug" not in done.stderr
    assert leads.read_text() == CSV
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leads.db"]


def make_store_with_credits(path: Path) -> None:
    url = f"sqlite:///{path}"
    engine = open_store(url)
    with unit_of_work(engine) as session:
        grant(session, resolve_workspace(session, None).id, 10)
    db.close(url)


def test_a_read_only_store_reads_and_refuses_writes(tmp_path: Path) -> None:
    """A store opened read-only (SQLite's mode=ro, which binds root too) answers reads; a
    write is STORE_UNAVAILABLE saying the file is read-only, in the library and the CLI, and
    the balance is unchanged."""
    path = tmp_path / "store.db"
    make_store_with_credits(path)
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    engine = open_store(read_only)
    with unit_of_work(engine) as session:
        space = resolve_workspace(session, None)
        assert balance(session, space.id) == 10
    with pytest.raises(StoreUnavailable, match="read-only"), unit_of_work(engine) as session:
        grant(session, space.id, 5)
    db.close(read_only)
    env = {"LEADSIEVE_DATABASE_URL": read_only}
    refused = run("credits", "grant", "5", env=env)
    assert refused.returncode == 6, refused.stdout + refused.stderr
    assert "STORE_UNAVAILABLE" in refused.stderr and "read-only" in refused.stderr
    shown = run("credits", "balance", env=env)
    assert shown.returncode == 0 and "10 credits" in shown.stdout, shown.stderr


def test_a_bulk_insert_into_a_read_only_store_is_unavailable(tmp_path: Path) -> None:
    """The bulk insert feeds the driver directly, past SQLAlchemy's error handling: its fault
    is STORE_UNAVAILABLE all the same, and nothing is written."""
    path = tmp_path / "store.db"
    make_store_with_credits(path)
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    engine = open_store(read_only)
    table: Table = Workspace.__table__  # type: ignore[assignment]
    with pytest.raises(StoreUnavailable, match="read-only"), unit_of_work(engine) as session:
        records.insert_new(session, table, [{"slug": "acme", "name": "Acme"}])
    with unit_of_work(engine) as session:
        assert [w.slug for w in workspaces.list_all(session)] == ["default"]
    db.close(read_only)


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="file permissions do not bind root"
)
def test_a_read_only_file_refuses_writes(tmp_path: Path) -> None:
    """A store file without write permission: a write is STORE_UNAVAILABLE (exit 6)."""
    path = tmp_path / "store.db"
    make_store_with_credits(path)
    path.chmod(0o444)
    done = run("credits", "grant", "5", env={"LEADSIEVE_DATABASE_URL": f"sqlite:///{path}"})
    assert done.returncode == 6, done.stdout + done.stderr
    assert "STORE_UNAVAILABLE" in done.stderr and "read-only" in done.stderr


def test_a_folder_that_does_not_exist_is_unavailable(tmp_path: Path) -> None:
    """A SQLite file in a missing folder: STORE_UNAVAILABLE naming the folder check."""
    url = f"sqlite:///{tmp_path / 'missing' / 'store.db'}"
    with pytest.raises(StoreUnavailable, match="folder exists"):
        open_store(url)


def postgres_url(**parts: object) -> str:
    return make_url(POSTGRES).set(**parts).render_as_string(hide_password=False)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("where", "said"),
    [
        pytest.param({"port": "closed"}, "Connection refused", id="closed-port"),
        pytest.param({"database": "ls_no_such_database"}, "does not exist", id="no-database"),
    ],
)
def test_a_postgres_server_that_refuses_is_unavailable(where: dict[str, str], said: str) -> None:
    """A real closed port, and a database the server does not have: STORE_UNAVAILABLE with
    the server's reason and what to check, in the library and the CLI (exit 6)."""
    parts: dict[str, object] = dict(where)
    if parts.get("port") == "closed":
        parts["port"] = closed_port()
    url = postgres_url(**parts)
    with pytest.raises(StoreUnavailable, match=said) as raised:
        open_store(url)
    assert "check" in raised.value.message
    done = run("workspace", "list", env={"LEADSIEVE_DATABASE_URL": url})
    assert done.returncode == 6, done.stdout + done.stderr
    assert "STORE_UNAVAILABLE" in done.stderr and said in done.stderr
    assert "bug" not in done.stderr


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_connection_dropped_mid_transaction_is_unavailable_then_recovers(
    database_url: str,
) -> None:
    """PostgreSQL ends the session's connection (as a restart does): the next statement is
    STORE_UNAVAILABLE, and the next unit of work reconnects and works."""
    engine = open_store(database_url)
    admin = create_engine(make_url(db.normalize_url(database_url)), isolation_level="AUTOCOMMIT")
    with pytest.raises(StoreUnavailable, match="connection"), unit_of_work(engine) as session:
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with admin.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        session.execute(text("SELECT 1"))
    admin.dispose()
    with unit_of_work(engine) as session:
        assert resolve_workspace(session, None).slug == "default"


def test_other_database_errors_pass_through(database_url: str) -> None:
    """A broken constraint is no fault of the store: it stays an IntegrityError."""
    engine = open_store(database_url)
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text("INSERT INTO workspaces (slug, name) VALUES ('a', 'A')"))
        connection.execute(text("INSERT INTO workspaces (slug, name) VALUES ('a', 'B')"))
