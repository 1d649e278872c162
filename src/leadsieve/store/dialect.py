"""The one place that knows SQLite from PostgreSQL: ``INSERT ... ON CONFLICT`` for either."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from leadsieve.errors import InvalidValue


def insert(session: Session, table: Any) -> Any:
    """An ``INSERT`` with ``on_conflict_do_nothing/do_update`` for the session's database."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise InvalidValue(
        f"leadsieve stores on SQLite or PostgreSQL, not {name}; set LEADSIEVE_DATABASE_URL to "
        "sqlite:///path.db or postgresql://user@host/db"
    )
