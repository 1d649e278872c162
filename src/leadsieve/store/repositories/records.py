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
import psycopg
from sqlalchemy import (
    JSON,
    Table,
    and_,
    any_,
    bindparam,
    cast,
    func,
    select,
    text,
    tuple_,
    update,
)
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
        # the keys as one JSON text, made an array by the server: PostgreSQL plans `= ANY` once
        # and walks the unique index, and the driver sends a string instead of dumping an
        # array element by element
        column = table.c[columns[0]]
        wanted = select(
            cast(func.json_array_elements_text(bindparam("wanted", type_=JSON)), column.type)
        ).scalar_subquery()
        statement = select(*selected).where(
            table.c.workspace_id == workspace_id, column == any_(func.array(wanted))
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
) -> pl.DataFrame:
    """Insert ``rows`` (dicts with the same columns, or a frame); a row that collides with a
    unique key (written meanwhile by another import) is skipped, never duplicated and never
    an error. Returns ``id`` and the ``returning`` columns (columns of ``rows``) of the rows
    inserted, not of the skipped ones.

    The driver is fed directly, without SQLAlchemy's per-value processing, which cost more
    than the database's own work: PostgreSQL gets a COPY into a temporary table and one
    ``INSERT ... SELECT`` whose returned rows come back by COPY too; SQLite multi-row
    ``VALUES`` statements, as many rows per statement as its 32,766 parameters allow.
    """
    found = _insert(session, table, rows, ["id", *returning])
    assert isinstance(found, pl.DataFrame)
    return found


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
) -> pl.DataFrame | int:
    frame = rows if isinstance(rows, pl.DataFrame) else pl.DataFrame(rows, infer_schema_length=None)
    schema: dict[str, pl.DataType] | None = None
    if back is not None:
        schema = {"id": pl.Int64(), **{c: frame.schema[c] for c in back[1:]}}
    if frame.is_empty():
        return 0 if schema is None else pl.DataFrame(schema=schema)
    frame = _json_as_text(table, frame)
    raw = session.connection().connection.driver_connection
    if session.get_bind().dialect.name == "postgresql":
        return _copy_insert(raw, table.name, frame, schema)
    # SQLite keeps times as text, the way SQLAlchemy writes them (UTC, no offset)
    frame = frame.with_columns(
        pl.col(c).dt.convert_time_zone("UTC").dt.strftime("%Y-%m-%d %H:%M:%S%.6f")
        for c, kind in frame.schema.items()
        if isinstance(kind, pl.Datetime) and kind.time_zone is not None
    )
    found = _values_insert(raw, table.name, frame.columns, frame.rows(), back)
    if isinstance(found, int):
        return found
    return pl.DataFrame(found, schema=schema, orient="row")


def _json_as_text(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """JSON columns as their text (a missing value stays NULL)."""
    return frame.with_columns(
        pl.Series(c, [None if v is None else json.dumps(v) for v in frame[c].to_list()], pl.String)
        for c in frame.columns
        if isinstance(table.c[c].type, JSON)
    )


def _copy_insert(
    raw: Any, name: str, frame: pl.DataFrame, back: dict[str, pl.DataType] | None
) -> pl.DataFrame | int:
    """COPY the frame, as CSV written by Polars, into a staging table, then INSERT ... SELECT.

    The insert is first tried plainly, in a savepoint: on a first import nothing collides, and
    a plain insert costs less than ``ON CONFLICT``'s speculative one. Only when a row collides
    (a concurrent import wrote it, or the list already holds the lead) is it redone with
    ``ON CONFLICT DO NOTHING``. The rows inserted (``id`` and the other ``back`` columns)
    come back by ``COPY (INSERT ... RETURNING) TO STDOUT``, read by Polars."""
    cols = ", ".join(frame.columns)
    # every non-numeric value quoted, so an empty string stays one and only NULL is bare
    text = frame.write_csv(include_header=False, quote_style="non_numeric", null_value="")
    # one staging table per table and column set, kept by the connection, emptied at commit
    stage = f"_stage_{name}_{zlib.crc32(cols.encode()):08x}"
    insert = f"INSERT INTO {name} ({cols}) SELECT {cols} FROM {stage}"
    with raw.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {stage} ON COMMIT DELETE ROWS "
            f"AS SELECT {cols} FROM {name} WITH NO DATA"
        )
        cursor.execute(f"TRUNCATE {stage}")
        with cursor.copy(f"COPY {stage} ({cols}) FROM STDIN (FORMAT csv)") as copy:
            copy.write(text.encode())
        cursor.execute("SAVEPOINT leadsieve_insert")
        try:
            found = _run_insert(cursor, insert, back)
        except psycopg.errors.UniqueViolation:
            cursor.execute("ROLLBACK TO SAVEPOINT leadsieve_insert")
            found = _run_insert(cursor, f"{insert} ON CONFLICT DO NOTHING", back)
        cursor.execute("RELEASE SAVEPOINT leadsieve_insert")
        return found


def _run_insert(
    cursor: Any, insert: str, back: dict[str, pl.DataType] | None
) -> pl.DataFrame | int:
    if back is None:
        cursor.execute(insert)
        return int(cursor.rowcount)
    returning = f"{insert} RETURNING {', '.join(back)}"
    data = bytearray()
    with cursor.copy(f"COPY ({returning}) TO STDOUT (FORMAT csv)") as copy:
        for block in copy:
            data += block
    if not data:
        return pl.DataFrame(schema=back)
    # a column of the input that held only nulls is read as text, then given its type back
    readable = {c: pl.String() if kind == pl.Null else kind for c, kind in back.items()}
    found = pl.read_csv(bytes(data), has_header=False, schema=readable)
    return found.cast(back)  # type: ignore[arg-type]


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
