"""Connecting to the store: SQLite by default (WAL), PostgreSQL through ``LEADSIEVE_DATABASE_URL``.

``connect(url)`` returns an engine whose schema is at the newest migration: migrations run on
first use (and by ``leadsieve db upgrade``), so a fresh machine needs no setup step.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from leadsieve.errors import InvalidValue, StoreUnavailable

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


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
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


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


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
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
    """A database that cannot be reached or opened is the user's to fix: say which and why."""
    try:
        yield
    except OperationalError as error:
        engine.dispose()
        where = engine.url.render_as_string(hide_password=True)
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise StoreUnavailable(
            f"cannot open the database {where}: {reason}. Check LEADSIEVE_DATABASE_URL and "
            "that the server is running"
        ) from None


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Apply every migration not yet applied, up to ``revision``; return the one now current."""
    with _opened(engine), engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return current_revision(engine)


def downgrade(engine: Engine, revision: str) -> str | None:
    """Undo the migrations after ``revision``; return the one now current."""
    with _opened(engine), engine.begin() as connection:
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


def connect(url: str) -> Engine:
    """The engine for ``url``, migrated to the newest schema (once per process and URL)."""
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            engine = make_engine(url)
            if current_revision(engine) != head_revision():
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
