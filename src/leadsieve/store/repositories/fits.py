"""Lead fits and the leads they are scored from: every SQL statement about them. Never commits.

Reads and writes are bulk and go to the driver directly, without SQLAlchemy's per-value work:
a batch of leads is one query, and so are their organizations (PostgreSQL: ``COPY (SELECT ...)
TO STDOUT`` as CSV, SQLite: one text of JSON lines, each read by Polars); a batch of fits is
one write (PostgreSQL: ``COPY`` into the table, or into a staging table and one ``INSERT ...
ON CONFLICT DO UPDATE`` when the batch may replace fits; SQLite: one prepared ``INSERT ... ON
CONFLICT DO UPDATE`` run for every row).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl
import psycopg
from sqlalchemy import Float, Integer, and_, cast, func, or_, select
from sqlalchemy.orm import Session, aliased

from leadsieve.store.repositories import lists
from leadsieve.store.tables import Contact, LeadFit, LeadListItem, Organization

_ORG_ID = lists.ORGANIZATION_ID

#: A contact's stored fields a lead may be scored with, by the name the lead frame gives them.
CONTACT_FIELDS: dict[str, Any] = {
    "contact_country": Contact.country,
    "contact_subdivision": Contact.subdivision,
    "job_title": Contact.job_title,
    "seniority": Contact.seniority,
    "department": Contact.department,
    "email": Contact.email,
}

#: The columns a batch of fits is written with, in order (``scored_at`` is the database's).
FIT_FIELDS: dict[str, pl.DataType] = {
    "icp_version_id": pl.Int64(),
    "lead_key": pl.String(),
    "workspace_id": pl.Int64(),
    "organization_id": pl.Int64(),
    "contact_id": pl.Int64(),
    "score": pl.Int64(),
    "grade": pl.String(),
    "qualified": pl.Boolean(),
    "coverage": pl.Float64(),
    "matched": pl.String(),
    "missed": pl.String(),
    "unknown": pl.String(),
    "reasons": pl.String(),
    "disqualified_by": pl.String(),
    "as_of": pl.String(),  # ISO date: what both databases read as a date
    "leadsieve_version": pl.String(),
    "job": pl.String(),
    "exclusions": pl.String(),
}

_KEY = ("icp_version_id", "lead_key")


def list_span(session: Session, list_id: int) -> tuple[int, int, int]:
    """The list's number of items and its lowest and highest item ids (0 when empty), read
    together."""
    statement = select(
        func.count(),
        func.coalesce(func.min(LeadListItem.id), 0),
        func.coalesce(func.max(LeadListItem.id), 0),
    ).where(LeadListItem.list_id == list_id)
    count, first, last = session.execute(statement).one()
    return int(count), int(first), int(last)


def has_fits(session: Session, version_id: int) -> bool:
    """Whether any lead has a fit of this version."""
    statement = select(LeadFit.lead_key).where(LeadFit.icp_version_id == version_id).limit(1)
    return session.execute(statement).first() is not None


def job_progress(
    session: Session, list_id: int, last_item: int, version_id: int, job: str
) -> tuple[dict[str, int], int]:
    """Of the list's items (up to ``last_item``) with a fit of this version written by
    ``job``: how many per grade, and how many qualify."""
    statement = (
        select(LeadFit.grade, func.count(), func.sum(cast(LeadFit.qualified, Integer)))
        .select_from(LeadListItem)
        .join(LeadFit, _fit_of_item(version_id))
        .where(LeadListItem.list_id == list_id, LeadListItem.id <= last_item, LeadFit.job == job)
        .group_by(LeadFit.grade)
    )
    rows = session.execute(statement).all()
    return {grade: int(n) for grade, n, _ in rows}, sum(int(q or 0) for _, _, q in rows)


def read_leads(
    session: Session,
    list_id: int,
    *,
    first: int,
    last: int,
    fields: Sequence[str],
    skip: tuple[int, str] | None = None,
    reuse: tuple[int, date, str, str | None] | None = None,
) -> pl.DataFrame:
    """The list's items with ``first <= id <= last`` as a frame: ``lead_key``,
    ``organization_id`` (the contact's employer for a contact's lead), ``contact_id`` and the
    contact's ``fields`` (names of ``CONTACT_FIELDS``). With ``skip`` (a version id and a
    job), leads holding a fit of that version written by that job are left out; with
    ``reuse`` (a version id, the as-of day, the leadsieve version, the suppression lists'
    fingerprint), leads whose fit can be reused (``reusable_leads``)."""
    columns = {
        "lead_key": LeadListItem.lead_key,
        "organization_id": _ORG_ID,
        "contact_id": LeadListItem.contact_id,
        **{name: CONTACT_FIELDS[name] for name in fields},
    }
    # ``list_id + 0`` keeps both planners off the (list, lead key) index, which would visit
    # every item of the list for each batch: the id range is walked on the primary key.
    statement = (
        select(*(column.label(name) for name, column in columns.items()))
        .select_from(LeadListItem)
        .outerjoin(Contact, Contact.id == LeadListItem.contact_id)
        .where(
            LeadListItem.list_id + 0 == list_id,
            LeadListItem.id >= first,
            LeadListItem.id <= last,
        )
    )
    if skip is not None:
        version_id, job = skip
        done = select(LeadFit.lead_key).where(_fit_of_item(version_id), LeadFit.job == job)
        statement = statement.where(~done.exists())
    if reuse is not None:
        statement = statement.where(~_reusable(*reuse))
    schema = {name: _dtype(column) for name, column in columns.items()}
    return _read(session, _sql(session, statement), schema)


def read_organizations(session: Session, ids: pl.Series, fields: Sequence[str]) -> pl.DataFrame:
    """The organizations with these ids (a series of integers): ``organization_id`` and
    ``fields`` (columns of the ``organizations`` table)."""
    table = Organization.__table__
    columns = {"organization_id": table.c.id, **{f: table.c[f] for f in fields}}
    schema = {name: _dtype(column) for name, column in columns.items()}
    if ids.is_empty():
        return pl.DataFrame(schema=schema)
    head = _sql(session, select(*(column.label(name) for name, column in columns.items())))
    # the ids as literal text, joined by Polars: one statement however many ids
    wanted = ids.cast(pl.Int64).cast(pl.String).str.join(",").item()
    return _read(session, f"{head} WHERE organizations.id IN ({wanted})", schema)


def _fit_of_item(version_id: int) -> Any:
    return and_(LeadFit.icp_version_id == version_id, LeadFit.lead_key == LeadListItem.lead_key)


def _dtype(column: Any) -> pl.DataType:
    kind = column.type
    if isinstance(kind, Integer):
        return pl.Int64()
    if isinstance(kind, Float):
        return pl.Float64()
    return pl.String()


def _sql(session: Session, statement: Any) -> str:
    """The statement as text for the session's database, its values inlined (ids and job
    keys, quoted by SQLAlchemy)."""
    dialect = session.get_bind().dialect
    return str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def _read(session: Session, sql: str, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The rows of ``sql`` as a frame of ``schema``, fed by the driver directly.

    PostgreSQL sends them as CSV (``COPY ... TO STDOUT``), read by Polars. SQLite builds
    them into one text of JSON lines, read by Polars too: the work happens in C, without the
    GIL, where fetching rows would make a Python object per value while another thread
    writes. Floats go as text with 17 digits, which SQLite's JSON would round to 15."""
    raw: Any = session.connection().connection.driver_connection
    if session.get_bind().dialect.name == "postgresql":
        data = bytearray()
        with raw.cursor() as cursor, cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
            for block in copy:
                data += block
        if not data:
            return pl.DataFrame(schema=schema)
        return pl.read_csv(bytes(data), has_header=False, schema=schema)
    floats = [name for name, kind in schema.items() if kind == pl.Float64()]
    values = {
        name: f"CASE WHEN {name} IS NULL THEN NULL ELSE printf('%!.17g', {name}) END"
        if name in floats
        else name
        for name in schema
    }
    pairs = ", ".join(f"'{name}', {value}" for name, value in values.items())
    cursor = raw.cursor()
    try:
        lines = f"SELECT group_concat(json_object({pairs}), char(10)) FROM ({sql})"
        text = cursor.execute(lines).fetchone()[0]
    finally:
        cursor.close()
    if text is None:
        return pl.DataFrame(schema=schema)
    as_read = {name: pl.String() if name in floats else kind for name, kind in schema.items()}
    found = pl.read_ndjson(text.encode(), schema=as_read)
    return found.with_columns(pl.col(name).cast(pl.Float64) for name in floats)


@dataclass(frozen=True)
class EncodedFits:
    """A batch of fits in the form its database's bulk write takes, made by ``encode_fits``
    (on whichever thread has time) and written by ``write_fits``: CSV for PostgreSQL's COPY;
    for SQLite, an INSERT with the batch's constant columns written in and the rows of the
    others."""

    count: int
    csv: bytes | None = None
    insert: str | None = None
    rows: list[tuple[Any, ...]] | None = None


def encode_fits(dialect: str, fits: pl.DataFrame) -> EncodedFits:
    """A batch of fits (the columns of ``FIT_FIELDS``) encoded for ``dialect``'s write."""
    fits = fits.select(list(FIT_FIELDS))
    if dialect == "postgresql":
        # every non-numeric value quoted, so an empty string stays one and only NULL is bare
        text = fits.write_csv(include_header=False, quote_style="non_numeric", null_value="")
        return EncodedFits(fits.height, csv=text.encode())
    # Binding values is Python's work, holding the GIL: the batch's constants go into the
    # statement instead of each row.
    constant = {c for c in _CONSTANT if fits.height and fits.get_column(c).n_unique() == 1}
    values = [_literal(fits.get_column(c)[0]) if c in constant else "?" for c in FIT_FIELDS]
    insert = (
        f"INSERT INTO lead_fits ({_COLUMNS}) VALUES ({', '.join(values)}) "
        f"{_UPSERT} CURRENT_TIMESTAMP"
    )
    varying = [c for c in FIT_FIELDS if c not in constant]
    return EncodedFits(fits.height, insert=insert, rows=fits.select(varying).rows())


def write_fits(session: Session, fits: pl.DataFrame | EncodedFits, *, replacing: bool) -> None:
    """Write a batch of fits (the columns of ``FIT_FIELDS``, or ``encode_fits``' encoding of
    them): a fit of the same (ICP version, lead) is replaced, and gets a new ``scored_at``.
    ``replacing`` says some of them may exist; without it PostgreSQL first tries a plain COPY
    into the table, the cheapest write, and falls back to the upsert only if a concurrent run
    wrote one of them meanwhile."""
    dialect = session.get_bind().dialect.name
    encoded = encode_fits(dialect, fits) if isinstance(fits, pl.DataFrame) else fits
    if not encoded.count:
        return
    raw: Any = session.connection().connection.driver_connection
    if encoded.csv is not None:
        _copy_fits(raw, encoded.csv, replacing=replacing)
    else:
        assert encoded.insert is not None and encoded.rows is not None
        # one prepared statement run per row: twice as fast here as multi-row VALUES, whose
        # long statements SQLite parses and plans anew each time
        cursor = raw.cursor()
        try:
            cursor.executemany(encoded.insert, encoded.rows)
        finally:
            cursor.close()


_COLUMNS = ", ".join(FIT_FIELDS)
_UPDATE = ", ".join(f"{c} = excluded.{c}" for c in FIT_FIELDS if c not in _KEY)
_UPSERT = f"ON CONFLICT ({', '.join(_KEY)}) DO UPDATE SET {_UPDATE}, scored_at = "
_STAGE = "_stage_lead_fits"
#: Columns that hold one value for a whole batch of a run.
_CONSTANT = ("icp_version_id", "workspace_id", "as_of", "leadsieve_version", "job", "exclusions")


def _copy_fits(raw: Any, data: bytes, *, replacing: bool) -> None:
    with raw.cursor() as cursor:
        if not replacing:
            cursor.execute("SAVEPOINT leadsieve_fits")
            try:
                with cursor.copy(f"COPY lead_fits ({_COLUMNS}) FROM STDIN (FORMAT csv)") as copy:
                    copy.write(data)
            except psycopg.errors.UniqueViolation:
                cursor.execute("ROLLBACK TO SAVEPOINT leadsieve_fits")
            else:
                cursor.execute("RELEASE SAVEPOINT leadsieve_fits")
                return
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {_STAGE} ON COMMIT DELETE ROWS "
            f"AS SELECT {_COLUMNS} FROM lead_fits WITH NO DATA"
        )
        cursor.execute(f"TRUNCATE {_STAGE}")
        with cursor.copy(f"COPY {_STAGE} ({_COLUMNS}) FROM STDIN (FORMAT csv)") as copy:
            copy.write(data)
        cursor.execute(
            f"INSERT INTO lead_fits ({_COLUMNS}) SELECT {_COLUMNS} FROM {_STAGE} {_UPSERT} now()"
        )


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def count_fits(session: Session, list_id: int, version_id: int) -> int:
    """How many of the list's leads have a fit of this version."""
    statement = (
        select(func.count())
        .select_from(LeadListItem)
        .join(LeadFit, _fit_of_item(version_id))
        .where(LeadListItem.list_id == list_id)
    )
    return int(session.scalar(statement) or 0)


def rows_with_fits(
    session: Session,
    list_id: int,
    version_id: int,
    *,
    by_fit: bool = False,
    grades: Sequence[str] | None = None,
    limit: int | None = None,
) -> tuple[Sequence[Any], int]:
    """The list's leads joined with their contact, organization and fit of this version (fit
    columns null for a lead without one), in insertion order or, ``by_fit``, best score first
    (disqualified leads below others of their score, leads without a fit last); with
    ``grades``, only leads whose fit has one of them. Also the number of leads that pass
    ``grades`` (all of them without it)."""
    statement = (
        lists.select_rows(
            LeadFit.score,
            LeadFit.grade,
            LeadFit.qualified,
            LeadFit.coverage,
            LeadFit.matched,
            LeadFit.missed,
            LeadFit.unknown,
            LeadFit.reasons,
            LeadFit.disqualified_by,
            LeadFit.as_of,
        )
        .outerjoin(LeadFit, _fit_of_item(version_id))
        .where(LeadListItem.list_id == list_id)
    )
    counted = select(func.count()).select_from(LeadListItem).where(LeadListItem.list_id == list_id)
    if grades is not None:
        statement = statement.where(LeadFit.grade.in_(grades))
        counted = counted.join(LeadFit, _fit_of_item(version_id)).where(LeadFit.grade.in_(grades))
    order: list[Any] = [LeadListItem.id]
    if by_fit:  # a disqualified lead (score 0) ranks below a D of score 0
        order = [LeadFit.score.desc().nulls_last(), LeadFit.grade == "DQ", LeadListItem.id]
    rows = session.execute(statement.order_by(*order).limit(limit)).all()
    return rows, int(session.scalar(counted) or 0)


def _reusable(version_id: int, day: date, version: str, exclusions: str | None = None) -> Any:
    """Whether the list item's lead holds a fit of this ICP version that is still what scoring
    would give: as of ``day``, by this leadsieve ``version``, with the same suppression lists
    (``exclusions``, their fingerprint: none, none), with the employer the lead has
    now, and scored no earlier than its organization and contact last changed (SQLite keeps
    those times to the second: a change in the very second of the scoring counts as before
    it)."""
    organization = aliased(Organization)
    return (
        select(LeadFit.lead_key)
        .outerjoin(organization, organization.id == _ORG_ID)
        .where(
            _fit_of_item(version_id),
            LeadFit.as_of == day,
            LeadFit.leadsieve_version == version,
            # ``IS NOT DISTINCT FROM`` a value is not rendered inline (``read_leads``' text)
            LeadFit.exclusions.is_(None)
            if exclusions is None
            else LeadFit.exclusions == exclusions,
            LeadFit.organization_id.is_not_distinct_from(_ORG_ID),
            or_(organization.id.is_(None), LeadFit.scored_at >= organization.updated_at),
            or_(Contact.id.is_(None), LeadFit.scored_at >= Contact.updated_at),
        )
        .exists()
    )


def reusable_leads(
    session: Session,
    list_id: int,
    version_id: int,
    day: date,
    version: str,
    exclusions: str | None = None,
    other_than_job: str | None = None,
) -> pl.DataFrame:
    """The list's leads whose fit of this version can be reused (``_reusable``; scored with
    the suppression lists of fingerprint ``exclusions``), with that fit's
    ``organization_id``, ``contact_id``, ``score`` and ``qualified``; not those written by
    the job ``other_than_job`` (a resumed job counts its own fits apart)."""
    statement = (
        select(LeadFit.organization_id, LeadFit.contact_id, LeadFit.score, LeadFit.qualified)
        .select_from(LeadListItem)
        .outerjoin(Contact, Contact.id == LeadListItem.contact_id)
        .join(LeadFit, _fit_of_item(version_id))
        .where(LeadListItem.list_id == list_id, _reusable(version_id, day, version, exclusions))
    )
    if other_than_job is not None:
        statement = statement.where(LeadFit.job != other_than_job)
    rows = session.execute(statement).all()
    schema = {
        "organization_id": pl.Int64(),
        "contact_id": pl.Int64(),
        "score": pl.Int64(),
        "qualified": pl.Boolean(),
    }
    return pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row")


def job_matches(session: Session, version_id: int, job: str) -> pl.DataFrame:
    """The qualified leads holding a fit of this version written by ``job``: their
    ``organization_id``, ``contact_id`` and ``score`` (what an interrupted ingest had found)."""
    statement = select(LeadFit.organization_id, LeadFit.contact_id, LeadFit.score).where(
        LeadFit.icp_version_id == version_id, LeadFit.job == job, LeadFit.qualified
    )
    rows = session.execute(statement).all()
    schema = {"organization_id": pl.Int64(), "contact_id": pl.Int64(), "score": pl.Int64()}
    return pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row")


def job_lead_keys(session: Session, version_id: int, job: str) -> pl.Series:
    """The keys of the leads holding a fit of this version written by ``job``."""
    statement = select(LeadFit.lead_key).where(
        LeadFit.icp_version_id == version_id, LeadFit.job == job
    )
    return pl.Series("lead_key", session.scalars(statement).all(), dtype=pl.String)
