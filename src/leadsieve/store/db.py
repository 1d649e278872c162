"""Connecting to the store: SQLite by default (WAL), PostgreSQL through ``LEADSIEVE_DATABASE_URL``.

``connect(url)`` returns an engine whose schema is at the newest migration: migrations run on
first use, so a fresh machine needs no setup step. A server runs them once, before its workers
start (``upgrade``, what ``leadsieve db upgrade`` calls), and its workers connect with
``migrate=False``: they refuse a store whose schema is behind instead of migrating it.

A migration is atomic and safe to start from several processes at once. It runs in one
transaction holding the store's migration lock (PostgreSQL: an advisory lock; SQLite: the
file's write lock, taken by ``BEGIN IMMEDIATE``), and reads the schema's revision only once it
holds the lock, so the second process finds the work done. A process killed mid-migration
leaves the previous schema: on SQLite too, where the driver would otherwise commit each
``CREATE TABLE`` on its own (see ``_sqlite_migrator``).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import NullPool

from leadsieve.errors import InvalidValue, StoreUnavailable
from leadsieve.store.faults import fault_reason, store_fault, unavailable

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: The PostgreSQL advisory lock every migration holds ("leadsiev" read as a 64-bit number).
MIGRATION_LOCK = int.from_bytes(b"leadsiev", "big")
#: Seconds a process waits for another's migration before giving up.
MIGRATION_WAIT = 600


def normalize_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` go through psycopg 3; other URLs are kept."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get WAL, foreign keys and a busy timeout, so two
    processes can write one file in turn instead of failing with "database is locked"."""
    try:
        url = normalize_url(url)
    except ArgumentError:
        raise InvalidValue(
            f"LEADSIEVE_DATABASE_URL {url!r} is not a database URL; use sqlite:///path.db or "
            "postgresql://user@host/db"
        ) from None
    if not url.startswith(("sqlite", "postgresql")):
        raise InvalidValue(
            f"leadsieve stores on SQLite or PostgreSQL, not {url.split(':')[0]}; set "
            "LEADSIEVE_DATABASE_URL to sqlite:///path.db or postgresql://user@host/db"
        )
    if url.startswith("sqlite"):
        _require_sqlite_file(url)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas(engine.url))
    else:
        engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "handle_error", store_fault)
    return engine


def missing_sqlite_file(url: str) -> Path | None:
    """The file a SQLite ``url`` names when it does not exist yet (None for any other URL)."""
    try:
        parsed = make_url(normalize_url(url))
    except ArgumentError:
        return None
    if not parsed.drivername.startswith("sqlite") or not parsed.database:
        return None
    path = Path(parsed.database)
    if path.exists() or parsed.database == ":memory:" or not path.parent.is_dir():
        return None  # a folder that does not exist is an error for the caller to report
    return path


def _require_sqlite_file(url: str) -> None:
    """Refuse a SQLite URL without a file (``sqlite://``, ``sqlite:///``, ``:memory:``): such a
    store lives in memory, so imports and grants would "succeed" and be gone at exit. An unset
    shell variable (``sqlite:///$DB``) makes exactly this URL."""
    parsed = make_url(url)
    database = (parsed.database or "").strip()
    in_memory = database == ":memory:" or database.startswith("file::memory:")
    if database and not in_memory and parsed.query.get("mode") != "memory":
        return
    raise StoreUnavailable(
        f"LEADSIEVE_DATABASE_URL {url!r} names no database file, so the store would live in "
        "memory and lose everything at exit. Name a file, such as sqlite:///leadsieve.db "
        "(sqlite:////abs/path.db for an absolute path); an unset shell variable in the URL "
        "does this."
    )


def _sqlite_pragmas(url: URL) -> Callable[[Any, Any], None]:
    """The ``connect`` listener of a SQLite engine for ``url``: WAL, foreign keys, a big cache."""

    def pragmas(dbapi_connection: Any, _record: Any) -> None:
        _set_pragmas(dbapi_connection, url)

    return pragmas


def _set_pragmas(dbapi_connection: Any, url: URL) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # the first statement to read the file: a file that is no database fails here, before
        # SQLAlchemy has a connection whose errors it reports through ``store_fault``
        cursor.execute("PRAGMA journal_mode=WAL")
    except sqlite3.DatabaseError as error:
        cursor.close()
        reason = fault_reason(error, during_connect=True)
        if reason is None:
            raise
        raise unavailable(url, reason) from None
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # 256 MiB of page cache instead of 2: imports insert keys in random order into several
    # indexes, and a small cache turns each insert into page reads
    cursor.execute("PRAGMA cache_size=-262144")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


@contextmanager
def _opened(engine: Engine) -> Iterator[None]:
    """A database that cannot be reached or opened is the user's to fix: say which and why
    (``store_fault`` tells the faults it knows; this catches the rest of the driver's)."""
    try:
        yield
    except OperationalError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise unavailable(
            engine.url, f"{reason}; check LEADSIEVE_DATABASE_URL and that the server is running"
        ) from None
    except CommandError as error:  # a revision this leadsieve does not know: a newer schema
        raise StoreUnavailable(
            f"the store {engine.url.render_as_string(hide_password=True)} has a schema this "
            f"version of leadsieve does not know ({error}); upgrade leadsieve to the version "
            "that migrated it"
        ) from None


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """One transaction that holds the store's migration lock until it commits."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            # a bounded wait, as on SQLite: a migration stuck elsewhere is reported, not waited on
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{MIGRATION_WAIT}s'")
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            yield connection
        return
    migrator = _sqlite_migrator(engine)
    try:
        with migrator.begin() as connection:
            yield connection
    finally:
        migrator.dispose()


def _sqlite_migrator(engine: Engine) -> Engine:
    """An engine for one migration of a SQLite file, on its own connection.

    Python's sqlite3 driver opens a transaction only before INSERT, UPDATE and DELETE, so
    Alembic's ``CREATE TABLE``, ``DROP`` and ``ALTER`` would each commit alone, and a process
    killed between two leaves half a schema ("table ... already exists" on every later start).
    As SQLAlchemy's pysqlite notes advise, the driver's own transaction handling is turned off
    and the transaction begun by hand; ``BEGIN IMMEDIATE`` takes the file's write lock at once,
    so a second process waits here (up to ``MIGRATION_WAIT``) instead of migrating too."""
    migrator = create_engine(
        engine.url, connect_args={"timeout": MIGRATION_WAIT}, poolclass=NullPool
    )

    @event.listens_for(migrator, "connect")
    def _connect(dbapi_connection: Any, record: Any) -> None:
        _set_pragmas(dbapi_connection, engine.url)
        dbapi_connection.isolation_level = None

    @event.listens_for(migrator, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(migrator, "handle_error", store_fault)
    return migrator


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Apply every migration not yet applied, up to ``revision``, in one transaction under the
    migration lock; return the revision now current. Safe to call from several processes at
    once: the ones that wait find the work done. This is the step a server runs before it
    starts workers (``leadsieve.service.store.upgrade_store``)."""
    with _opened(engine), _migrating(engine) as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return current_revision(engine)


def downgrade(engine: Engine, revision: str) -> str | None:
    """Undo the migrations after ``revision``, as ``upgrade`` applies them; return the one now
    current."""
    with _opened(engine), _migrating(engine) as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    return current_revision(engine)


def current_revision(engine: Engine) -> str | None:
    with _opened(engine), engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def connect(url: str, *, migrate: bool = True) -> Engine:
    """The engine for ``url`` (one per process and URL), its schema at the newest migration.

    With ``migrate`` (the CLI), a schema behind is migrated here; without (a server's
    workers, once the server has run ``upgrade``), it is ``StoreUnavailable``."""
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            engine = make_engine(url)
            current, head = current_revision(engine), head_revision()
            if current != head:
                if not migrate:
                    engine.dispose()
                    raise StoreUnavailable(
                        f"the store {engine.url.render_as_string(hide_password=True)} is at "
                        f"schema revision {current or 'none'}, and this leadsieve needs {head}: "
                        "upgrade it first (`leadsieve db upgrade`) and start again"
                    )
                upgrade(engine)
            _ENGINES[url] = engine
        return engine


def close(url: str | None = None) -> None:
    """Close the pooled connections of ``url`` (or of every store) and forget the engine."""
    with _LOCK:
        for key in [url] if url is not None else list(_ENGINES):
            engine = _ENGINES.pop(key, None) if key is not None else None
            if engine is not None:
                engine.dispose()
