"""Bulk reads and writes shared by organizations and contacts: lookups by key in chunks,
inserts that skip rows a concurrent writer already made, and fills that never overwrite.

Never commits (the service does). Every write is one statement per chunk of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, and_, bindparam, func, select, tuple_, update
from sqlalchemy.orm import Session

from leadsieve.store.dialect import insert

#: Rows per statement: far below SQLite's 32,766 bound parameters for the widest table.
CHUNK = 500


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def find_by(
    session: Session,
    table: Table,
    workspace_id: int,
    columns: Sequence[str],
    keys: Sequence[tuple[Any, ...]],
    fields: Sequence[str],
) -> list[dict[str, Any]]:
    """Rows of ``workspace_id`` whose ``columns`` equal one of ``keys``, with ``id`` and
    ``fields``; looked up in chunks."""
    selected = [table.c.id, *(table.c[f] for f in fields)]
    key = tuple_(*(table.c[c] for c in columns)) if len(columns) > 1 else table.c[columns[0]]
    found: list[dict[str, Any]] = []
    size = 8 * CHUNK // max(len(columns), 1)
    for part in chunks(list(keys), size):
        values = list(part) if len(columns) > 1 else [k[0] for k in part]
        statement = select(*selected).where(table.c.workspace_id == workspace_id, key.in_(values))
        found.extend(dict(row._mapping) for row in session.execute(statement))
    return found


def insert_new(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    returning: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Insert ``rows``; a row that collides with a unique key (written meanwhile by another
    import) is skipped, never duplicated and never an error. Returns ``id`` and the
    ``returning`` columns of the rows inserted (not of the skipped ones)."""
    if not rows:
        return []
    # One statement compiled once, executed over the rows: SQLAlchemy batches them into
    # multi-row VALUES ("insertmanyvalues"), RETURNING included, on SQLite and PostgreSQL.
    statement = insert(session, table).on_conflict_do_nothing()
    statement = statement.returning(table.c.id, *(table.c[c] for c in returning))
    inserted: list[dict[str, Any]] = []
    for part in chunks(list(rows), 10_000):
        result = session.connection().execute(statement, list(part))
        inserted.extend(dict(row._mapping) for row in result)
    return inserted


def fill(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    fields: Iterable[str],
    *,
    overwrite: bool = False,
) -> None:
    """Set ``fields`` of the rows with ``id``: only where the stored field is empty, or, with
    ``overwrite``, wherever the new value is given. Safe against a concurrent fill: the
    condition is evaluated by the database, row by row."""
    fields = list(fields)
    if not rows or not fields:
        return
    values: dict[str, Any] = {
        f: (
            func.coalesce(bindparam(f"new_{f}", type_=table.c[f].type), table.c[f])
            if overwrite
            else func.coalesce(table.c[f], bindparam(f"new_{f}", type_=table.c[f].type))
        )
        for f in fields
    }
    values["updated_at"] = func.now()
    statement = (
        update(table)
        .where(and_(table.c.id == bindparam("row_id")))
        .values(values)
        .execution_options(synchronize_session=False)
    )
    params = [{"row_id": row["id"], **{f"new_{f}": row.get(f) for f in fields}} for row in rows]
    for part in chunks(params, 5_000):
        session.connection().execute(statement, list(part))
