"""Faults of the database itself, told as ``StoreUnavailable`` with what to do.

A read-only SQLite file, a file that is no SQLite database (a CSV named ``leads.db``), a full
disk, a PostgreSQL server that is down, refuses the connection or is a read-only standby: none
is a bug, and each needs the user to act on the store, not on their command. Every engine
``make_engine`` builds sends its driver errors through ``store_fault`` (SQLAlchemy's
``handle_error`` event), so a fault is reported the same way wherever it strikes: opening the
store, a migration, or the hundredth batch of an import. Every other error (a constraint, a
bug in a statement) passes through unchanged.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy.engine import URL, ExceptionContext

from leadsieve.errors import StoreUnavailable

#: SQLite's messages for faults of the file, each with what to do.
SQLITE_FAULTS = {
    "file is not a database": (
        "the file is not a SQLite database (another kind of file with a .db name?); point "
        "LEADSIEVE_DATABASE_URL at a leadsieve store, or at a file name not yet taken to make one"
    ),
    "attempt to write a readonly database": (
        "the database file (or its folder) is read-only for this user; make it writable, or "
        "copy the store to a place you can write"
    ),
    "unable to open database file": (
        "the file cannot be opened or created: check that its folder exists and that this user "
        "may read and write there"
    ),
    "database disk image is malformed": (
        "the database file is damaged; restore it from a backup (sqlite3's .recover may save "
        "its rows)"
    ),
    "database or disk is full": "the disk is full; free some space and run the command again",
    "disk i/o error": "the disk failed to read or write the file; check the disk and free space",
    "database is locked": (
        "another process has held the database's write lock for too long (a migration or a "
        "large import?); run the command again when it has finished"
    ),
}

#: PostgreSQL SQLSTATE classes and codes that mean the server, not the statement: connection
#: exceptions, operator intervention (shutdown, restart), insufficient resources, a database
#: or role that does not exist, a wrong password, a read-only standby.
POSTGRES_FAULTS = {
    "08": "the connection to the server failed or was lost",
    "57P": "the server is shutting down or restarting",
    "53": "the server is out of resources (disk, memory or connections)",
    "3D000": "the database does not exist on that server",
    "28": "the server refused the user or password",
    "25006": "the server is read-only (a standby replica?); connect to the primary",
}


def store_fault(context: ExceptionContext) -> None:
    """``handle_error`` listener: raise ``StoreUnavailable`` for a fault of the database; let
    any other error through. A failed pre-ping is left alone: the pool reconnects."""
    if context.is_pre_ping:
        return
    reason = fault_reason(context.original_exception, during_connect=context.connection is None)
    if reason is not None:
        url = context.engine.url if context.engine is not None else None
        raise unavailable(url, reason) from None


def fault_reason(error: BaseException, *, during_connect: bool = False) -> str | None:
    """What a driver error says about the store, with what to do; None when it is no fault of
    the database (a constraint, a syntax error)."""
    if isinstance(error, sqlite3.DatabaseError):
        text = str(error).lower()
        for message, reason in SQLITE_FAULTS.items():
            if message in text:
                return reason
        return None
    sqlstate = getattr(error, "sqlstate", None)
    if isinstance(sqlstate, str):
        for prefix, reason in POSTGRES_FAULTS.items():
            if sqlstate.startswith(prefix):
                return f"{reason} ({_first_line(error)})"
    if _is_postgres_operational(error) and (during_connect or sqlstate is None):
        # no SQLSTATE: the client could not reach the server at all (refused, no such host)
        return f"{_first_line(error)}; check the host and port and that the server is running"
    return None


def unavailable(url: URL | None, reason: str) -> StoreUnavailable:
    """The error to raise: which store (no password) and why."""
    where = "the store" if url is None else f"the store {url.render_as_string(hide_password=True)}"
    return StoreUnavailable(f"cannot use {where}: {reason}")


def _is_postgres_operational(error: BaseException) -> bool:
    import psycopg  # here, not at import: a SQLite store never loads the PostgreSQL driver

    return isinstance(error, psycopg.OperationalError)


def _first_line(error: Any) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
