"""Organizations and contacts upserted in bulk, by the keys and merge rules of DESIGN.md: the
path the import (``leadsieve.service.importing``) and the one-record functions
(``leadsieve.service.contacts``) share.

Organizations are matched by domain, then (country, org number), then their ``match_key``;
contacts by email, then LinkedIn URL, then ``match_key`` (see ``lead_records``). A new record
is inserted (a row a concurrent writer made meanwhile is skipped, never duplicated, and filled
instead); a matched one gets its empty fields filled, never overwritten unless ``overwrite``.
A contact's organization is its current employer, since ``employer_since``; with
``overwrite``, a new one sends the old to the employment history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

import polars as pl
from sqlalchemy import Table
from sqlalchemy.orm import Session

from leadsieve.service.lead_records import CONTACT_FIELDS, ORGANIZATION_FIELDS
from leadsieve.store.repositories import employers, records
from leadsieve.store.tables import Contact, Organization

_ORG: Table = Organization.__table__  # type: ignore[assignment]
_CONTACT: Table = Contact.__table__  # type: ignore[assignment]

ORG_STORED = list(ORGANIZATION_FIELDS)
CONTACT_STORED = [f if f != "phone" else "phones" for f in CONTACT_FIELDS]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


class Tally:
    """Per record id over the whole file: created beats updated beats unchanged.

    ``expect_new`` says whether the last batch written brought only new records: the next
    batch then inserts first and looks up only what collides (see ``_write``)."""

    def __init__(self) -> None:
        # a set per status, filled at C speed (a million ids per import)
        self._ids: dict[str, set[int]] = {"created": set(), "updated": set(), "unchanged": set()}
        self.expect_new = False

    def mark(self, ids: Iterable[int], status: str) -> None:
        self._ids[status].update(ids)

    def ids(self, status: str) -> set[int]:
        """The ids marked ``status`` (a record may be in several: see ``status``)."""
        return self._ids[status]

    def status(self, record_id: int) -> str:
        """The best status ``record_id`` was marked with (KeyError if never)."""
        for status in ("created", "updated", "unchanged"):
            if record_id in self._ids[status]:
                return status
        raise KeyError(record_id)

    def counts(self) -> Counts:
        created, updated, unchanged = (
            self._ids["created"],
            self._ids["updated"],
            self._ids["unchanged"],
        )
        return Counts(
            created=len(created),
            updated=len(updated - created),
            unchanged=len(unchanged - updated - created),
        )


class Known:
    """The organizations one import has written so far: key, id, and a bit per field set."""

    SCHEMA: ClassVar[dict[str, pl.DataType]] = {
        "org_key": pl.String(),
        "id": pl.Int64(),
        "mask": pl.Int64(),
    }

    def __init__(self) -> None:
        self.frame = pl.DataFrame(schema=self.SCHEMA)

    def remember(self, found: pl.DataFrame) -> None:
        """Add or replace the rows of ``found`` (``org_key``, ``id``, ``mask``)."""
        rows = found.select(pl.col(c).cast(kind) for c, kind in self.SCHEMA.items())
        self.frame = pl.concat([self.frame, rows]).unique("org_key", keep="last")


def upsert_organizations(
    session: Session,
    workspace_id: int,
    found: pl.DataFrame,
    tally: Tally,
    overwrite: bool,
    known: Known | None = None,
) -> dict[str, int]:
    """Organization key -> id, after inserting the new ones and filling the known ones.

    ``known`` remembers, across the batches of one import, each organization written and which
    of its fields are set: a record that brings no field beyond those is unchanged without a
    look at the database (an organization recurs on every row of its contacts)."""
    if found.is_empty():
        return {}
    ids: dict[str, int] = {}
    if known is not None and not overwrite:
        probe = found.with_columns(_mask_of(ORG_STORED).alias("_mask")).join(
            known.frame, on="org_key", how="left", maintain_order="left"
        )
        # known, and every field it brings already set
        seen = probe.get_column("id").is_not_null() & (
            (probe.get_column("_mask") | probe.get_column("mask")) == probe.get_column("mask")
        )
        cached = probe.filter(seen)
        ids.update(
            zip(
                cached.get_column("org_key").to_list(),
                cached.get_column("id").to_list(),
                strict=True,
            )
        )
        tally.mark(cached.get_column("id").to_list(), "unchanged")
        found = found.filter(~seen)
        if found.is_empty():
            return ids
    # an organization this import wrote is stored: no use trying to insert it
    stored_before = (
        None if known is None else pl.col("org_key").is_in(known.frame["org_key"].implode())
    )
    written, _, (by_domain, by_number, by_match) = _write(
        session, workspace_id, _ORG, found, "org_key", ORG_STORED, tally, overwrite,
        keys=[["domain"], ["org_no_country", "org_no"], ["match_key"]], looked_up=ORG_STORED,
        stored_before=stored_before,
    )  # fmt: skip
    if known is not None:
        stored = pl.DataFrame(
            {
                "id": [row["id"] for row in (*by_domain, *by_number, *by_match)],
                "_stored": [_mask(row, ORG_STORED) for row in (*by_domain, *by_number, *by_match)],
            },
            schema={"id": pl.Int64, "_stored": pl.Int64},
        ).unique("id")
        fresh = (
            found.select(
                "org_key",
                id_of("org_key", written).alias("id"),
                _mask_of(ORG_STORED).alias("mask"),
            )
            .drop_nulls("id")
            .join(stored, on="id", how="left")
            .with_columns(pl.col("mask") | pl.col("_stored").fill_null(0))
        )
        known.remember(fresh)
    ids.update(written)
    return ids


def id_of(column: str, ids: dict[str, int]) -> pl.Expr:
    """``column``'s record keys as their ids in ``ids`` (null for a key not in it). The
    mapping goes to Polars as two Series: a dict of 100k keys would be converted value by
    value, twice as slow."""
    return pl.col(column).replace_strict(
        pl.Series(list(ids), dtype=pl.String),
        pl.Series(list(ids.values()), dtype=pl.Int64),
        default=None,
        return_dtype=pl.Int64,
    )


def _among(column: str, keys: Iterable[str]) -> pl.Expr:
    """Whether ``column``'s record key is one of ``keys`` (given to Polars as a Series)."""
    return pl.col(column).is_in(pl.Series(list(keys), dtype=pl.String).implode())


def _mask_of(fields: list[str]) -> pl.Expr:
    """Per record, a bit per field that has a value."""
    return pl.sum_horizontal(
        pl.col(f).is_not_null().cast(pl.Int64) * (1 << i) for i, f in enumerate(fields)
    )


def _mask(row: dict[str, Any], fields: list[str]) -> int:
    return sum(1 << i for i, f in enumerate(fields) if row.get(f) is not None)


def upsert_contacts(
    session: Session,
    workspace_id: int,
    found: pl.DataFrame,
    org_ids: dict[str, int],
    tally: Tally,
    overwrite: bool,
) -> dict[str, int]:
    """Contact key -> id: contacts matched by email, then LinkedIn URL, inserted or filled,
    linked to the organization of their record (``org_ids``), employers recorded."""
    if found.is_empty():
        return {}
    now = datetime.now(UTC)
    rows = found.with_columns(
        id_of("org_key", org_ids).alias("organization_id"),
        pl.when(pl.col("phone").is_not_null()).then(pl.concat_list("phone")).alias("phones"),
    ).drop("phone", "org_key")
    stored = [*CONTACT_STORED, "organization_id"]
    ids, created, (by_email, by_linkedin, by_match) = _write(
        session,
        workspace_id,
        _CONTACT,
        rows,
        "contact_key",
        stored,
        tally,
        overwrite,
        keys=[["email"], ["linkedin_url"], ["match_key"]],
        looked_up=[*stored, "employer_since"],
        # a contact created with an employer works there from now on
        created_with=[
            pl.when(pl.col("organization_id").is_not_null())
            .then(pl.lit(now, pl.Datetime("us", "UTC")))
            .alias("employer_since")
        ],
    )
    before = {
        r["id"]: (r["organization_id"], r["employer_since"])
        for r in (*by_email, *by_linkedin, *by_match)
    }
    _record_employers(session, workspace_id, rows, ids, created, before, overwrite, now)
    return ids


def _existing(
    session: Session,
    workspace_id: int,
    table: Table,
    found: pl.DataFrame,
    columns: list[str],
    stored: list[str],
) -> list[dict[str, Any]]:
    keys = found.select(columns).drop_nulls().unique().rows()
    if not keys:
        return []
    return records.find_by(session, table, workspace_id, columns, keys, stored)


def _write(
    session: Session,
    workspace_id: int,
    table: Table,
    found: pl.DataFrame,
    key: str,
    stored: list[str],
    tally: Tally,
    overwrite: bool,
    *,
    keys: list[list[str]],
    looked_up: list[str],
    created_with: Sequence[pl.Expr] = (),
    stored_before: pl.Expr | None = None,
) -> tuple[dict[str, int], set[int], list[list[dict[str, Any]]]]:
    """Match each record to a stored row by the first key that finds one, insert the rest
    (with ``stored`` and the ``created_with`` columns), fill the matched ones; return record
    key -> id, the ids inserted, and the stored rows found by each key (``id`` and
    ``looked_up``).

    When the last batch brought only new records (``tally.expect_new``), the order is
    reversed: the records (but those ``stored_before`` says are stored) are inserted at once,
    a row that collides with a unique key skipped, and only the skipped ones are looked up.
    On a first import that saves a lookup per record (1M contacts into PostgreSQL: about
    5 s of the server's work); a batch that does collide sends the next one back to looking
    up first, and the result is the same either way."""
    created: dict[str, int] = {}
    pending = found
    if tally.expect_new:
        ahead = found if stored_before is None else found.filter(~stored_before)
        created = _insert_fresh(
            session, workspace_id, table, ahead, key, stored, keys, created_with
        )
        pending = found.filter(~_among(key, created))
    existing = [_existing(session, workspace_id, table, pending, cols, looked_up) for cols in keys]
    matched: dict[str, dict[str, Any]] = {}
    changed: list[dict[str, Any]] = []
    unchanged: list[int] = []
    fresh = pending
    if any(existing):  # records already stored: classify them (none on a first import)
        index = [
            {tuple(row[c] for c in cols): row for row in rows}
            for cols, rows in zip(keys, existing, strict=True)
        ]
        for record in pending.select(key, *stored).iter_rows(named=True):
            for cols, lookup in zip(keys, index, strict=True):
                value = tuple(record[c] for c in cols)
                if all(v is not None for v in value) and value in lookup:
                    row = lookup[value]
                    matched[record[key]] = row
                    if any(_fills(row.get(f), record[f], overwrite) for f in stored):
                        changed.append({"id": row["id"], **{f: record[f] for f in stored}})
                    else:
                        unchanged.append(row["id"])
                    break
        fresh = pending.filter(~_among(key, matched))
    records.fill(session, table, changed, stored, overwrite=overwrite)
    created.update(
        _insert_fresh(session, workspace_id, table, fresh, key, stored, keys, created_with)
    )
    ids = {k: row["id"] for k, row in matched.items()}
    ids.update(created)
    tally.mark(list(created.values()), "created")
    tally.expect_new = len(created) == found.height
    raced = fresh.filter(~_among(key, created))
    if not raced.is_empty():
        # rows a concurrent import inserted first: theirs now, filled with what this file knows;
        # updated only if this file adds something, else unchanged (nothing changed for it)
        racing = raced.to_dicts()
        theirs = _rows_of(session, workspace_id, table, racing, key, keys, looked_up)
        filled: list[dict[str, Any]] = []
        same: list[int] = []
        for r in racing:
            stored_row = theirs.get(r[key])
            if stored_row is None:
                continue
            if any(_fills(stored_row.get(f), r[f], overwrite) for f in stored):
                filled.append({"id": stored_row["id"], **{f: r[f] for f in stored}})
            else:
                same.append(stored_row["id"])
        records.fill(session, table, filled, stored, overwrite=overwrite)
        ids.update({k: row["id"] for k, row in theirs.items()})
        tally.mark([f["id"] for f in filled], "updated")
        tally.mark(same, "unchanged")
    tally.mark([c["id"] for c in changed], "updated")
    tally.mark(unchanged, "unchanged")
    return ids, set(created.values()), existing


def _insert_fresh(
    session: Session,
    workspace_id: int,
    table: Table,
    fresh: pl.DataFrame,
    key: str,
    stored: list[str],
    keys: list[list[str]],
    created_with: Sequence[pl.Expr],
) -> dict[str, int]:
    """Insert the records, skipping any that collides with a unique key; record key -> id of
    the inserted ones."""
    if fresh.is_empty():
        return {}
    inserted = records.insert_new(
        session,
        table,
        # in key order, each unique index grows at its end instead of splitting pages at random
        fresh.select(
            pl.lit(workspace_id, pl.Int64).alias("workspace_id"), *stored, *created_with
        ).sort(keys[0], nulls_last=True),
        returning=sorted({c for cols in keys for c in cols}),
    )
    return _keyed(inserted, fresh, key, keys)


def _fills(old: Any, new: Any, overwrite: bool) -> bool:
    if new is None:
        return False
    return old is None or (overwrite and old != new)


def _keyed(
    rows: pl.DataFrame, fresh: pl.DataFrame, key: str, keys: list[list[str]]
) -> dict[str, int]:
    """Record key -> id of the inserted ``rows``, each record matched by the first key it has
    (the one its record key is made of). A record whose row was skipped is not matched by a
    later key to a row another record inserted: it is looked up and fills that row, as it
    would if the row had been stored before."""
    if rows.is_empty():
        return {}
    out: dict[str, int] = {}
    pending = fresh
    for cols in keys:
        has = pl.all_horizontal(pl.col(c).is_not_null() for c in cols)
        hits = pending.filter(has).select(key, *cols).join(rows, on=cols, how="inner")
        out.update(
            zip(hits.get_column(key).to_list(), hits.get_column("id").to_list(), strict=True)
        )
        pending = pending.filter(~has)
    return out


def _rows_of(
    session: Session,
    workspace_id: int,
    table: Table,
    new: list[dict[str, Any]],
    key: str,
    keys: list[list[str]],
    fields: list[str],
) -> dict[str, dict[str, Any]]:
    """Record key -> the stored row (``id`` and ``fields``) of records a concurrent import
    inserted first, found by the first key that finds one."""
    out: dict[str, dict[str, Any]] = {}
    pending = new
    for cols in keys:
        wanted = [r for r in pending if all(r[c] is not None for c in cols)]
        found = records.find_by(
            session, table, workspace_id, cols, [tuple(r[c] for c in cols) for r in wanted],
            sorted({*cols, *fields}),
        )  # fmt: skip
        lookup = {tuple(row[c] for c in cols): row for row in found}
        for r in wanted:
            hit = lookup.get(tuple(r[c] for c in cols))
            if hit is not None:
                out[r[key]] = hit
        pending = [r for r in pending if r[key] not in out]
    return out


def _record_employers(
    session: Session,
    workspace_id: int,
    rows: pl.DataFrame,
    ids: dict[str, int],
    created: set[int],
    before: dict[int, tuple[int | None, datetime | None]],
    overwrite: bool,
    now: datetime,
) -> None:
    """Stored contacts linked to an organization for the first time work there from ``now``;
    with ``overwrite``, one linked to another organization leaves the previous one to its
    history, ended ``now``. A contact created with its employer got ``employer_since`` as it
    was inserted: on a first import there is nothing to do."""
    if len(created) == len(ids):
        return
    stored = pl.DataFrame(
        {
            "contact_id": list(before),
            "old_organization_id": [org for org, _ in before.values()],
            "old_since": [since for _, since in before.values()],
        },
        schema={
            "contact_id": pl.Int64,
            "old_organization_id": pl.Int64,
            "old_since": pl.Datetime("us", "UTC"),
        },
    )
    linked = (
        rows.select(
            id_of("contact_key", ids).alias("contact_id"),
            "organization_id",
        )
        .drop_nulls()
        .filter(~pl.col("contact_id").is_in(list(created)))
        .unique("contact_id", keep="first", maintain_order=True)
        # a contact found neither stored nor created was made meanwhile by a concurrent import
        .join(stored, on="contact_id", how="left")
    )
    first = linked.filter(pl.col("old_organization_id").is_null()).get_column("contact_id")
    employers.mark_first_employers(session, first.to_list(), now)
    if not overwrite:
        return
    moved = linked.filter(pl.col("old_organization_id") != pl.col("organization_id"))
    if moved.is_empty():
        return
    history = moved.select(
        pl.lit(workspace_id, pl.Int64).alias("workspace_id"),
        "contact_id",
        pl.col("old_organization_id").alias("organization_id"),
        # never null while an employer is set (0002 filled it for older rows): a guard only
        pl.col("old_since").fill_null(pl.lit(now, pl.Datetime("us", "UTC"))).alias("started_at"),
        pl.lit(now, pl.Datetime("us", "UTC")).alias("ended_at"),
    )
    employers.move_employers(session, history, moved.get_column("contact_id").to_list(), now)
