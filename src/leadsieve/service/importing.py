"""Import a lead file into the store: organizations and contacts upserted, linked, and added
to a named lead list.

Each batch of rows is one transaction (on PostgreSQL two: its records, then its list entries,
written while the next batch's records are; see ``_Listing``):

1. ``lead_records`` turns the rows into organization and contact records (pure);
2. organizations are matched to stored ones by domain, then by (country, org number); the new
   ones are inserted (a row a concurrent import wrote meanwhile is skipped, never duplicated),
   the matched ones get their empty fields filled (never overwritten unless ``overwrite``);
3. contacts likewise by email, then LinkedIn URL, linked to their row's organization (the
   contact's current employer, since now; with ``overwrite``, the one it replaces goes to the
   employment history);
4. the leads are added to the list.

The upserts are ``leadsieve.service.upserts``, shared with the one-record functions. Every
write is a bulk statement (``store.repositories.records``): on PostgreSQL a COPY into a
staging table and one INSERT ... SELECT, on SQLite multi-row VALUES.

Counts are per record over the whole file: a record is created, else updated, else unchanged,
whatever the number of rows it appears on. Rows are counted too, and add up to the rows in:
each row's lead (its contact, else its organization) was created, updated (it or its
organization changed) or unchanged where it first appears; a later row with the same lead is
merged into it; a row with no value at all is blank; a row with no key is rejected. Importing
the same file twice changes nothing the second time. Consent is never raised by an import.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import Engine, Table
from sqlalchemy.orm import Session

from leadsieve.errors import LeadFileNoRows, NoUsableColumns
from leadsieve.io import (
    LINE_COLUMN,
    LeadFile,
    Reject,
    canonical_frame,
    iter_lead_batches,
    suggest_mapping,
)
from leadsieve.io._delimited import BLANK_ROW
from leadsieve.io._encoding import encoding_for
from leadsieve.io.mapping import ColumnMapping
from leadsieve.service import lists
from leadsieve.service.background import ProcessAhead
from leadsieve.service.lead_records import (
    Records,
    lead_records,
)
from leadsieve.service.opt_outs import OptOutCounts, apply_opt_outs
from leadsieve.service.store import resolve_workspace, unit_of_work
from leadsieve.service.upserts import (
    Counts,
    Known,
    Tally,
    id_of,
    upsert_contacts,
    upsert_organizations,
)
from leadsieve.store.repositories import records
from leadsieve.store.tables import Contact, Organization

_ORG: Table = Organization.__table__  # type: ignore[assignment]
_CONTACT: Table = Contact.__table__  # type: ignore[assignment]
KEY_COLUMNS = (
    "domain",
    "website",
    "email",
    "org_no",
    "linkedin_url",
    "contact_linkedin_url",
    "company_name",
    "full_name",
    "first_name",
    "last_name",
)

Progress = Callable[[int], None]


@dataclass
class RowCounts:
    """What became of each row of the file; the counts add up to the rows in."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    blank: int = 0
    rejected: int = 0

    def total(self) -> int:
        return (
            self.created + self.updated + self.unchanged + self.merged + self.blank + self.rejected
        )

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "merged": self.merged,
            "blank": self.blank,
            "rejected": self.rejected,
        }


@dataclass
class ImportReport:
    """What an import did; ``rows_in == rows_imported + rejected + rows.blank ==
    rows.total()`` (a blank row, every field empty, is neither imported nor rejected)."""

    list_name: str
    workspace: str
    mapping: ColumnMapping | None = None
    #: Where the records came from, for consent events: "import of <file name>".
    source: str = "import"
    rows_in: int = 0
    rows_imported: int = 0
    rejects: list[Reject] = field(default_factory=list)
    #: Rows imported with a value left out (an invalid email or org number), one per value.
    warnings: list[Reject] = field(default_factory=list)
    organizations: Counts = field(default_factory=Counts)
    contacts: Counts = field(default_factory=Counts)
    rows: RowCounts = field(default_factory=RowCounts)
    #: Contacts whose consent the file lowered (it never raises it).
    opt_outs: OptOutCounts = field(default_factory=OptOutCounts)
    leads_added: int = 0
    #: Organizations and contacts written so far, and when the planner's statistics were last
    #: refreshed (``records.refresh_statistics``).
    rows_written: int = 0
    rows_analyzed: int = 0

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    def as_json(self) -> dict[str, Any]:
        """Exactly the shape ``leadsieve import --json`` prints."""
        return {
            "rows": {"in": self.rows_in, **self.rows.as_dict()},
            "organizations": self.organizations.as_dict(),
            "contacts": self.contacts.as_dict(),
            "rejected": self.rejected,
        }


def import_file(
    engine: Engine,
    path: Path,
    *,
    list_name: str,
    workspace: str | None = None,
    overrides: dict[str, str | None] | None = None,
    saved: dict[str, str | None] | None = None,
    overwrite: bool = False,
    batch_size: int = 100_000,
    on_progress: Progress | None = None,
    encoding: str | None = None,
) -> ImportReport:
    """Import ``path`` into ``list_name`` of the workspace (see the module docstring).

    A file that cannot be read, or whose columns identify nothing, fails before the database
    is touched. ``encoding`` overrides the detected encoding of a text file."""
    encoding = encoding_for(encoding)
    batches = iter_lead_batches(path, batch_size=batch_size, encoding=encoding)
    first = next(batches, None)
    if first is None:
        raise LeadFileNoRows(f"{path} has no rows to import")
    headers = [c for c in first.frame.columns if c != LINE_COLUMN]
    mapping = suggest_mapping(headers, overrides, saved)
    _require_keys(mapping, headers)
    with unit_of_work(engine) as session:
        space = resolve_workspace(session, workspace)
        lead_list = lists.ensure_list(session, space.id, list_name)
    report = ImportReport(
        list_name=list_name, workspace=space.slug, mapping=mapping, source=f"import of {path.name}"
    )
    orgs, people = Tally(), Tally()
    known = Known()
    ahead: Iterator[tuple[_Batch, Records | None]]
    rest: ProcessAhead[tuple[_Batch, Records | None]] | None = None
    second = next(batches, None)
    if second is None:  # the whole file in one batch: nothing to read ahead
        ahead = _records(iter([first]), mapping)
    else:
        del batches, second  # the child reads the file again, from its second batch
        # The next batches are read and turned into records by a child process while this
        # one is written. That work is mostly Python per distinct value: on a thread it
        # would hold the GIL that this thread needs between its database round trips.
        # Measured on the 1M-contact benchmark into PostgreSQL: 62.3 s -> 55.8 s. The first
        # batch is prepared here while the child starts and prepares the second.
        rest = ProcessAhead(_prepared_batches, path, mapping, batch_size, 1, encoding)
        ahead = itertools.chain(_records(iter([first]), mapping), rest)
    listing = _Listing(engine, space.id, lead_list.id, report)
    firsts = _FirstRows()
    try:
        for batch, found in ahead:
            leads = _import_batch(
                engine,
                space.id,
                batch,
                found,
                report,
                orgs,
                people,
                overwrite=overwrite,
                known=known,
                listing=listing,
            )
            if leads is not None:
                firsts.add(leads)
            if on_progress is not None:
                on_progress(batch.rows_in)
        listing.wait()
    finally:
        listing.close()
        if rest is not None:
            rest.close()
    report.organizations, report.contacts = orgs.counts(), people.counts()
    firsts.count(report.rows, orgs, people)
    report.rows.rejected = report.rejected
    return report


class _FirstRows:
    """The lead of each row where it first appears in the file (contact and organization id);
    a lead seen again, in this batch or an earlier one, is a merged row."""

    def __init__(self) -> None:
        self.seen = pl.Series("lead", [], dtype=pl.Int64)
        self.merged = 0
        self.frames: list[pl.DataFrame] = []

    def add(self, leads: pl.DataFrame) -> None:
        # contact ids as they are, organizations alone as negative ids: one id per lead
        lead = pl.coalesce(pl.col("contact_id"), -pl.col("organization_id")).alias("lead")
        batch = leads.with_columns(lead)
        new = batch.filter(~pl.col("lead").is_in(self.seen.implode()))
        new = new.unique("lead", keep="first", maintain_order=True)
        self.merged += batch.height - new.height
        self.seen = pl.concat([self.seen, new.get_column("lead")])
        self.frames.append(new.select("organization_id", "contact_id"))

    def count(self, rows: RowCounts, orgs: Tally, people: Tally) -> None:
        """Fill the created, updated, unchanged and merged rows of ``rows``."""
        rows.merged += self.merged
        if not self.frames:
            return
        leads = pl.concat(self.frames)

        def among(column: str, tally: Tally, status: str) -> pl.Expr:
            ids = pl.Series(list(tally.ids(status)), dtype=pl.Int64)
            return pl.col(column).is_in(ids.implode()).fill_null(False)

        person = pl.col("contact_id").is_not_null()
        created = (
            pl.when(person)
            .then(among("contact_id", people, "created"))
            .otherwise(among("organization_id", orgs, "created"))
        )
        changed = (
            among("contact_id", people, "updated")
            | among("organization_id", orgs, "created")
            | among("organization_id", orgs, "updated")
        )
        found = leads.select(
            created.sum().alias("created"), (~created & changed).sum().alias("updated")
        ).row(0)
        rows.created += int(found[0])
        rows.updated += int(found[1])
        rows.unchanged += leads.height - int(found[0]) - int(found[1])


class _Listing:
    """Adds each batch's leads to the list.

    On PostgreSQL the leads of a batch go in by a transaction of their own, on a second
    connection, right after their records are committed (the list entries' foreign keys need
    them committed), while the next batch's records are written: the server works on both at
    once. A crash in between leaves records not yet in the list, the database consistent, and
    a rerun adds them. Measured on the 1M-contact benchmark: 65 s -> 54 s. On SQLite, which
    writes one transaction at a time, the leads go in with their records (``add``)."""

    def __init__(
        self, engine: Engine, workspace_id: int, list_id: int, report: ImportReport
    ) -> None:
        self.engine, self.workspace_id, self.list_id = engine, workspace_id, list_id
        self.report = report
        self.apart = engine.dialect.name == "postgresql"
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="leadsieve-list")
        self._pending: Future[int] | None = None

    def add(self, session: Session, leads: pl.DataFrame) -> None:
        """In the batch's own transaction (SQLite)."""
        self.report.leads_added += lists.add_imported_leads(
            session, self.workspace_id, self.list_id, leads
        )

    def submit(self, leads: pl.DataFrame) -> None:
        """After the batch's records are committed (PostgreSQL); one batch in flight."""
        self.wait()
        self._pending = self._pool.submit(self._add_apart, leads)

    def _add_apart(self, leads: pl.DataFrame) -> int:
        with unit_of_work(self.engine) as session:
            return lists.add_imported_leads(session, self.workspace_id, self.list_id, leads)

    def wait(self) -> None:
        """Until the batch in flight is in the list; its error, if any, is raised here."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self.report.leads_added += pending.result()

    def close(self) -> None:
        # after an error elsewhere, the batch in flight finishes (or fails) before the import
        # returns; that error is not the one to report
        self._pool.shutdown(wait=True)


@dataclass(frozen=True)
class _Batch:
    """What the import needs of a batch read from the file, beside its records."""

    rows_in: int
    kept: int
    rejects: list[Reject]


def _prepared_batches(
    path: Path, mapping: ColumnMapping, batch_size: int, skip: int, encoding: str | None = None
) -> Iterator[tuple[_Batch, Records | None]]:
    """The file's batches after the first ``skip`` with their records (run by
    ``ProcessAhead`` in a child process, which is given the encoding explicitly: it does not
    see the caller's ``reading_encoding``)."""
    batches = itertools.islice(
        iter_lead_batches(path, batch_size=batch_size, encoding=encoding), skip, None
    )
    return _records(batches, mapping)


def _records(
    batches: Iterator[LeadFile], mapping: ColumnMapping
) -> Iterator[tuple[_Batch, Records | None]]:
    for batch in batches:
        summary = _Batch(batch.rows_in, batch.frame.height, batch.rejects)
        if not batch.frame.height:
            yield summary, None
            continue
        frame = canonical_frame(batch.frame, mapping).with_columns(
            batch.frame.get_column(LINE_COLUMN)
        )
        yield summary, lead_records(frame, mapping.source)


def _import_batch(
    engine: Engine,
    workspace_id: int,
    batch: _Batch,
    found: Records | None,
    report: ImportReport,
    orgs: Tally,
    people: Tally,
    *,
    overwrite: bool,
    known: Known,
    listing: _Listing,
) -> pl.DataFrame | None:
    """One batch: organizations, contacts, then the list (on PostgreSQL apart, see
    ``_Listing``); returns the batch's leads (``organization_id``, ``contact_id``) per row
    that gave one, in file order."""
    report.rows_in += batch.rows_in
    # the reader rejects a row whose every field is empty; the import counts it as blank
    blank = [r for r in batch.rejects if r.reason == BLANK_ROW]
    report.rows.blank += len(blank)
    report.rejects.extend(r for r in batch.rejects if r.reason != BLANK_ROW)
    if found is None:
        return None
    report.rejects.extend(found.rejects)
    report.warnings.extend(found.warnings)
    report.rows_imported += batch.kept - len(found.rejects)
    with unit_of_work(engine) as session:
        org_ids = upsert_organizations(
            session, workspace_id, found.organizations, orgs, overwrite, known
        )
        contact_ids = upsert_contacts(
            session, workspace_id, found.contacts, org_ids, people, overwrite
        )
        leads = found.leads.select(
            id_of("org_key", org_ids).alias("organization_id"),
            id_of("contact_key", contact_ids).alias("contact_id"),
        )
        rows = found.rows.select(
            id_of("org_key", org_ids).alias("organization_id"),
            id_of("contact_key", contact_ids).alias("contact_id"),
        )
        if not found.consent.is_empty():
            flags = found.consent.with_columns(
                id_of("contact_key", contact_ids).alias("contact_id")
            )
            report.opt_outs.add(apply_opt_outs(session, workspace_id, flags, report.source))
        if not listing.apart:
            listing.add(session, leads)
    if listing.apart:
        listing.submit(leads)
    report.rows_written += len(org_ids) + len(contact_ids)
    if report.rows_written and not report.rows_analyzed:
        # Once, after the first batch that wrote: a table filled from empty has no statistics
        # yet, and the planner would take its key lookups for scans of a tiny table. After
        # that it scales the rows per page it has learnt by the table's current size, so
        # more ANALYZE (0.7 s each on the 1M-contact benchmark) would not change a plan.
        with unit_of_work(engine) as session:
            records.refresh_statistics(session, [_ORG, _CONTACT])
        report.rows_analyzed = report.rows_written
    return rows


def _require_keys(mapping: ColumnMapping, headers: list[str]) -> None:
    if set(mapping.targets.values()) & set(KEY_COLUMNS):
        return
    seen = ", ".join(repr(h) for h in headers) or "none"
    raise NoUsableColumns(
        f"No column of this file identifies an organization or a contact. Columns seen: {seen}. "
        f"Map one of them to one of: {', '.join(KEY_COLUMNS)} (--map 'Column=target')."
    )
