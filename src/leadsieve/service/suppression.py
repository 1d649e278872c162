"""Suppression lists: named sets of domains, emails and org numbers (existing customers, open
deals, competitors) whose leads ``score --exclude``, ``qualify --exclude`` and ``board ingest
--exclude`` disqualify, with the reason "excluded: existing customer (list customers)".

Values are normalized as the store keys leads (``normalize.suppression_keys``): a website,
URL or host becomes its registrable domain, an email its normalized address, an org number
``<country>:<number>`` checked for its country. A list is filled from typed values, from a
lead file (read with leadsieve's reader and column mapping: its domain, website, email and org
number columns; every row counted as added, duplicate or rejected with its reason), or from a
board's won (or open) pursuits. ``load_lists`` gives the lists a run applies, as the engine's
``SuppressionList``; ``read_list_file`` reads a file as one, without a store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import polars as pl
from sqlalchemy.orm import Session

from leadsieve.engine.exclusions import SuppressionList
from leadsieve.errors import AlreadyExists, InvalidValue, NotFound
from leadsieve.normalize.suppression_keys import Entry, normalize_entry, org_key
from leadsieve.service import boards
from leadsieve.service.suppression_files import FileEntries, read_entries
from leadsieve.store.repositories import suppression as repo
from leadsieve.store.tables import Suppression

#: The kinds of list and the label each gives its reason by default.
KINDS: dict[str, str] = {
    "customer": "existing customer",
    "open-deal": "open deal",
    "competitor": "competitor",
    "other": "on a suppression list",
}


@dataclass(frozen=True)
class SuppressionSummary:
    """A list as ``suppress list`` shows it."""

    name: str
    kind: str
    label: str
    entries: int
    updated_at: datetime | None = None


@dataclass(frozen=True)
class EntryRow:
    """One entry as ``suppress show`` shows it."""

    kind: str
    value: str
    source: str | None
    added_at: datetime | None


@dataclass
class AddReport:
    """What adding to a list did: ``rows`` (values typed, rows of a file, organizations of a
    board) = ``added`` + ``duplicates`` + ``rejected``; ``entries_added`` new entries (a row
    may give several); ``rejects`` (line or value, reason) and ``warnings`` (a cell left
    out of a row that gave another)."""

    list_name: str
    created: bool = False
    rows: int = 0
    added: int = 0
    duplicates: int = 0
    entries_added: int = 0
    rejects: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.rejects)


def _label(kind: str, label: str | None) -> tuple[str, str]:
    if kind not in KINDS:
        raise InvalidValue(f"a suppression list's kind is one of {', '.join(KINDS)}, not {kind!r}")
    text = (label or KINDS[kind]).strip()
    if not text or len(text) > 200:
        raise InvalidValue(f"a list's label is 1 to 200 characters, not {label!r}")
    return kind, text


def create_list(
    session: Session, workspace_id: int, name: str, kind: str, label: str | None = None
) -> SuppressionSummary:
    """Create an empty list; ``AlreadyExists`` when the name is taken."""
    clean = _name(name)
    kind, text = _label(kind, label)
    if repo.get_by_name(session, workspace_id, clean) is not None:
        raise AlreadyExists(
            f"a suppression list named {clean!r} exists; add to it with `leadsieve suppress "
            f"add {clean} VALUE...` or choose another name"
        )
    repo.add(session, Suppression(workspace_id=workspace_id, name=clean, kind=kind, label=text))
    return SuppressionSummary(clean, kind, text, 0)


def _name(name: str) -> str:
    clean = name.strip()
    if not clean or len(clean) > 200 or "," in clean:
        raise InvalidValue(
            f"a suppression list's name is 1 to 200 characters without commas, not {name!r}"
        )
    return clean


def get_list(session: Session, workspace_id: int, name: str) -> Suppression:
    """The list ``name``; ``NotFound`` listing the saved ones."""
    found = repo.get_by_name(session, workspace_id, name.strip())
    if found is None:
        saved = ", ".join(repr(n) for n in repo.names(session, workspace_id))
        raise NotFound(
            f"no suppression list {name!r} in this workspace; saved: {saved or 'none yet'} "
            "(create one with `leadsieve suppress create NAME --kind customer`)"
        )
    return found


def list_lists(session: Session, workspace_id: int) -> list[SuppressionSummary]:
    """The workspace's lists by name, with their number of entries."""
    return [
        SuppressionSummary(s.name, s.kind, s.label, n, s.updated_at)
        for s, n in repo.list_all(session, workspace_id)
    ]


def show_list(
    session: Session, workspace_id: int, name: str, limit: int | None = None
) -> tuple[SuppressionSummary, list[EntryRow]]:
    """The list and its entries (the first ``limit``, by kind and value)."""
    found = get_list(session, workspace_id, name)
    count = next(n for s, n in repo.list_all(session, workspace_id) if s.id == found.id)
    rows = [EntryRow(*row) for row in repo.entries(session, found.id, limit)]
    return SuppressionSummary(found.name, found.kind, found.label, count, found.updated_at), rows


def delete_list(session: Session, workspace_id: int, name: str) -> int:
    """Delete the list and its entries; how many entries it held."""
    found = get_list(session, workspace_id, name)
    count = next(n for s, n in repo.list_all(session, workspace_id) if s.id == found.id)
    repo.delete_list(session, found.id)
    return count


def add_values(
    session: Session,
    workspace_id: int,
    name: str,
    values: Sequence[str],
    *,
    country: str | None = None,
) -> AddReport:
    """Add typed values (domains, websites, emails, org numbers ``SE:556036-0793`` or with
    ``country``) to the list."""
    found = get_list(session, workspace_id, name)
    report = AddReport(found.name, rows=len(values))
    keyed: list[tuple[str, list[Entry]]] = []
    for value in values:
        entry = normalize_entry(value, country)
        if isinstance(entry, str):
            report.rejects.append((value, entry))
        else:
            keyed.append((value, [entry]))
    _store(session, found, keyed, "typed", report)
    return report


def remove_values(
    session: Session,
    workspace_id: int,
    name: str,
    values: Sequence[str],
    *,
    country: str | None = None,
) -> tuple[int, list[tuple[str, str]]]:
    """Remove values from the list (normalized as they are added): how many entries went,
    and the values that name no entry of the list, with why."""
    found = get_list(session, workspace_id, name)
    missing: list[tuple[str, str]] = []
    keys: dict[tuple[str, str], str] = {}
    for value in values:
        entry = normalize_entry(value, country)
        if isinstance(entry, str):
            missing.append((value, entry))
        else:
            keys[(entry.kind, entry.value)] = value
    held = repo.existing(session, found.id, list(keys))
    missing += [(v, f"{k[1]} is not on the list") for k, v in keys.items() if k not in held]
    removed = repo.remove_entries(session, found.id, sorted(held))
    if removed:
        repo.touch(session, found.id)
    return removed, missing


def add_file(
    session: Session,
    workspace_id: int,
    name: str,
    entries: FileEntries,
) -> AddReport:
    """Add the entries read from a file (``read_entries``) to the list, counting its rows."""
    found = get_list(session, workspace_id, name)
    report = AddReport(found.name, rows=entries.rows_in)
    report.rejects += entries.rejects
    report.warnings += entries.warnings
    by_line: dict[str, list[Entry]] = {}
    for line, kind, value in entries.entries.iter_rows():
        by_line.setdefault(str(line), []).append(Entry(kind, value))
    _store(session, found, list(by_line.items()), f"file {entries.path.name}", report)
    return report


def from_board(
    session: Session,
    workspace_id: int,
    board: str,
    name: str,
    *,
    won: bool = True,
    label: str | None = None,
) -> AddReport:
    """Add the domains and org numbers of the organizations of ``board``'s pursuits closed
    won (``won``) or open to the list ``name``, created (kind customer for won pursuits,
    open-deal for open ones) if it does not exist."""
    found_board = boards.get_board(session, workspace_id, board)
    created = False
    found = repo.get_by_name(session, workspace_id, name.strip())
    if found is None:
        create_list(session, workspace_id, name, "customer" if won else "open-deal", label)
        found = get_list(session, workspace_id, name)
        created = True
    organizations = repo.pursued_organizations(session, workspace_id, found_board.id, won=won)
    report = AddReport(found.name, created=created, rows=len(organizations))
    keyed: list[tuple[str, list[Entry]]] = []
    for org_id, org_name, domain, country, number in organizations:
        entries = [Entry("domain", domain)] if domain else []
        if country and number:
            entries.append(Entry("org_no", org_key(country, number)))
        what = f"organization {org_id} ({org_name or 'no name'})"
        if entries:
            keyed.append((what, entries))
        else:
            report.rejects.append((what, "has no domain or org number to suppress it by"))
    source = f"board {found_board.name} {'won' if won else 'open'}"
    _store(session, found, keyed, source, report)
    return report


def _store(
    session: Session,
    found: Suppression,
    keyed: list[tuple[str, list[Entry]]],
    source: str,
    report: AddReport,
) -> None:
    """Write the rows' entries: a row is added when one of its entries is new to the list
    (and first in ``keyed``), else a duplicate."""
    keys = sorted({(e.kind, e.value) for _, entries in keyed for e in entries})
    held = repo.existing(session, found.id, keys)
    seen: set[tuple[str, str]] = set(held)
    new: list[tuple[str, str]] = []
    for _, entries in keyed:
        fresh = [(e.kind, e.value) for e in entries if (e.kind, e.value) not in seen]
        seen.update(fresh)
        new += fresh
        if fresh:
            report.added += 1
        else:
            report.duplicates += 1
    if new:
        rows = pl.DataFrame(
            {"kind": [k for k, _ in new], "value": [v for _, v in new], "source": source},
            schema={"kind": pl.String, "value": pl.String, "source": pl.String},
        )
        report.entries_added = repo.add_entries(session, found.id, rows)
        repo.touch(session, found.id)


def load_lists(
    session: Session, workspace_id: int, names: Sequence[str]
) -> tuple[SuppressionList, ...]:
    """The saved lists ``names`` (each once) as the engine applies them; ``NotFound`` listing
    the saved ones for a name that is not."""
    found = [get_list(session, workspace_id, n) for n in dict.fromkeys(n.strip() for n in names)]
    values: dict[int, dict[str, set[str]]] = {f.id: {} for f in found}
    for list_id, kind, value in repo.values(session, [f.id for f in found]):
        values[list_id].setdefault(kind, set()).add(value)
    return tuple(
        SuppressionList(
            name=f.name,
            label=f.label,
            domains=frozenset(values[f.id].get("domain", ())),
            emails=frozenset(values[f.id].get("email", ())),
            org_numbers=frozenset(values[f.id].get("org_no", ())),
        )
        for f in found
    )


def read_list_file(
    path: Path,
    *,
    overrides: dict[str, str | None] | None = None,
    saved: dict[str, str | None] | None = None,
    sheet: str | int | None = None,
    country: str | None = None,
) -> tuple[SuppressionList, FileEntries]:
    """A file of values (one a line) or a lead file (its domain, website, email and org number
    columns) as a list the engine applies, named after the file; with what was read of it."""
    entries = read_entries(path, overrides=overrides, saved=saved, sheet=sheet, country=country)
    frame = entries.entries

    def of(kind: str) -> frozenset[str]:
        return frozenset(frame.filter(pl.col("kind") == kind).get_column("value").to_list())

    listed = SuppressionList(
        name=path.name,
        label=KINDS["other"],
        domains=of("domain"),
        emails=of("email"),
        org_numbers=of("org_no"),
        source="file",
    )
    return listed, entries
