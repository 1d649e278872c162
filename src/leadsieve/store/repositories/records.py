"""Bulk reads and writes shared by organizations and contacts: lookups by key in chunks,
inserts that skip rows a concurrent writer already made, and fills that never overwrite.

Never commits (the service does). Every write is one statement per chunk of rows.
"""

from __future__ import annotations

import itertools
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import polars as pl
from sqlalchemy import JSON, Table, and_, any_, bindparam, func, select, text, tuple_, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

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
    found: list[dict[str, Any]] = []
    if len(columns) == 1 and session.get_bind().dialect.name == "postgresql":
        # one array parameter instead of thousands: PostgreSQL plans `= ANY($1)` once, fast
        column = table.c[columns[0]]
        wanted = bindparam("wanted", type_=postgresql.ARRAY(column.type))
        statement = select(*selected).where(
            table.c.workspace_id == workspace_id, column == any_(wanted)
        )
        for part in chunks(list(keys), 50_000):
            rows = session.execute(statement, {"wanted": [k[0] for k in part]})
            found.extend(dict(row._mapping) for row in rows)
        return found
    key = tuple_(*(table.c[c] for c in columns)) if len(columns) > 1 else table.c[columns[0]]
    size = 8 * CHUNK // max(len(columns), 1)
    for part in chunks(list(keys), size):
        values = list(part) if len(columns) > 1 else [k[0] for k in part]
        statement = select(*selected).where(table.c.workspace_id == workspace_id, key.in_(values))
        found.extend(dict(row._mapping) for row in session.execute(statement))
    return found


def insert_new(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]] | pl.DataFrame,
    returning: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Insert ``rows`` (dicts with the same columns, or a frame); a row that collides with a
    unique key (written meanwhile by another import) is skipped, never duplicated and never
    an error. Returns ``id`` and the ``returning`` columns of the rows inserted, not of the
    skipped ones.

    The driver is fed directly, without SQLAlchemy's per-value processing, which cost more
    than the database's own work: PostgreSQL gets a COPY into a temporary table and one
    ``INSERT ... SELECT ... ON CONFLICT DO NOTHING``; SQLite multi-row ``VALUES`` statements,
    as many rows per statement as its 32,766 parameters allow.
    """
    back = ["id", *returning]
    found = _insert(session, table, rows, back)
    assert isinstance(found, list)
    return [dict(zip(back, row, strict=True)) for row in found]


def insert_count(
    session: Session, table: Table, rows: Sequence[Mapping[str, Any]] | pl.DataFrame
) -> int:
    """``insert_new`` without returning rows: how many were inserted."""
    found = _insert(session, table, rows, None)
    assert isinstance(found, int)
    return found


def _insert(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]] | pl.DataFrame,
    back: list[str] | None,
) -> list[tuple[Any, ...]] | int:
    if len(rows) == 0:
        return 0 if back is None else []
    if isinstance(rows, pl.DataFrame):
        columns = rows.columns
        values = _frame_rows(table, rows)
    else:
        columns = list(rows[0])
        values = _frame_rows(table, pl.DataFrame(list(rows), infer_schema_length=None))
    raw = session.connection().connection.driver_connection
    if session.get_bind().dialect.name == "postgresql":
        return _copy_insert(raw, table.name, columns, values, back)
    return _values_insert(raw, table.name, columns, values, back)


def _frame_rows(table: Table, frame: pl.DataFrame) -> list[tuple[Any, ...]]:
    """The frame's rows as tuples, JSON columns as their text (a missing value as NULL)."""
    encoded = frame.with_columns(
        pl.Series(c, [None if v is None else json.dumps(v) for v in frame[c].to_list()], pl.String)
        for c in frame.columns
        if isinstance(table.c[c].type, JSON)
    )
    return encoded.rows()


def _copy_insert(
    raw: Any, name: str, columns: list[str], values: list[tuple[Any, ...]], back: list[str] | None
) -> list[tuple[Any, ...]] | int:
    cols = ", ".join(columns)
    # one staging table per table and column set, kept by the connection, emptied at commit
    stage = f"_stage_{name}_{zlib.crc32(cols.encode()):08x}"
    with raw.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {stage} ON COMMIT DELETE ROWS "
            f"AS SELECT {cols} FROM {name} WITH NO DATA"
        )
        cursor.execute(f"TRUNCATE {stage}")
        with cursor.copy(f"COPY {stage} ({cols}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        returned = "" if back is None else f" RETURNING {', '.join(back)}"
        cursor.execute(
            f"INSERT INTO {name} ({cols}) SELECT {cols} FROM {stage} "
            f"ON CONFLICT DO NOTHING{returned}"
        )
        return int(cursor.rowcount) if back is None else list(cursor.fetchall())


def _values_insert(
    raw: Any, name: str, columns: list[str], values: list[tuple[Any, ...]], back: list[str] | None
) -> list[tuple[Any, ...]] | int:
    per_statement = max(1, min(2_000, 32_766 // len(columns)))
    one = "(" + ", ".join("?" * len(columns)) + ")"
    head = f"INSERT INTO {name} ({', '.join(columns)}) VALUES "
    tail = " ON CONFLICT DO NOTHING" + ("" if back is None else f" RETURNING {', '.join(back)}")
    found: list[tuple[Any, ...]] = []
    inserted = 0
    cursor = raw.cursor()
    try:
        for part in chunks(values, per_statement):
            sql = head + ", ".join([one] * len(part)) + tail
            cursor.execute(sql, list(itertools.chain.from_iterable(part)))
            if back is None:
                inserted += cursor.rowcount
            else:
                found.extend(cursor.fetchall())
    finally:
        cursor.close()
    return inserted if back is None else found


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


def refresh_statistics(session: Session, tables: Sequence[Table]) -> None:
    """Let PostgreSQL's planner see how the tables grew: without fresh statistics a table
    filled by this import still looks empty, and key lookups scan it whole. SQLite's planner
    uses the unique indexes either way."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"ANALYZE {', '.join(t.name for t in tables)}"))
