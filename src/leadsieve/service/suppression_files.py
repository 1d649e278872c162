"""A file of suppression values, read with leadsieve's reader: a lead file (CSV, XLSX, Parquet,
JSONL) whose domain, website, email and org number columns are found by the column mapping,
or a plain list of values, one a line (with or without a header).

Every row is accounted for: it gives entries, or it is rejected with its line and why (a cell
that is no domain, no email address, an org number without its country or failing its check
digit, or nothing at all). A row that gives an entry and has another cell that gives none
keeps its entry and gets a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from leadsieve.errors import LeadFileNoRows, NoUsableColumns
from leadsieve.io import LINE_COLUMN, LeadFile, canonical_frame, read_leads, suggest_mapping
from leadsieve.normalize.suppression_keys import identity_keys, normalize_entry

#: The canonical columns a suppression value is read from.
VALUE_COLUMNS = ("domain", "website", "email", "org_no")
_ENTRY_SCHEMA = {"line": pl.Int64, "kind": pl.String, "value": pl.String}


@dataclass
class FileEntries:
    """What a file gave: ``entries`` (``line``, ``kind``, ``value``; a row may give several),
    ``rejects`` and ``warnings`` (line, reason), and ``rows_in`` (rows read, those the reader
    rejected included)."""

    path: Path
    entries: pl.DataFrame
    rows_in: int
    rejects: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    #: How the values were found: the columns used, or "one value a line".
    read_as: str = ""


def read_entries(
    path: Path,
    *,
    overrides: dict[str, str | None] | None = None,
    saved: dict[str, str | None] | None = None,
    sheet: str | int | None = None,
    country: str | None = None,
) -> FileEntries:
    """The entries of a file (module docstring). ``country`` is the country of org numbers in
    a file without a country column. A file whose columns hold no value
    (several columns, none a domain, website, email or org number) is ``NoUsableColumns``."""
    try:
        read = read_leads(path, sheet=sheet)
    except LeadFileNoRows:
        # a file of one value is all header to the reader
        one = _one_value(path)
        if one is None:
            raise
        read = LeadFile(
            pl.DataFrame(
                {LINE_COLUMN: [], one: []}, schema={LINE_COLUMN: pl.Int64, one: pl.String}
            ),
            "csv",
        )
    frame = read.frame
    rejects = [(str(r.line), r.reason) for r in read.rejects]
    headers = [c for c in frame.columns if c != LINE_COLUMN]
    if len(headers) == 1 and not overrides and not isinstance(normalize_entry(headers[0]), str):
        return _plain(path, read.rows_in, frame, headers[0], rejects, country, header_is_value=True)
    mapping = suggest_mapping(headers, overrides, saved)
    used = [t for t in VALUE_COLUMNS if t in mapping.targets.values()]
    if not used:
        if len(headers) == 1:
            return _plain(
                path, read.rows_in, frame, headers[0], rejects, country, header_is_value=False
            )
        seen = ", ".join(repr(h) for h in headers) or "none"
        raise NoUsableColumns(
            f"no column of {path.name} holds domains, websites, emails or org numbers "
            f'(columns: {seen}); map one with --map, e.g. --map "Account Domain=domain", or '
            "give a file of values, one a line"
        )
    canonical = canonical_frame(frame, mapping)
    if country is not None and "country" not in canonical.columns:
        canonical = canonical.with_columns(pl.lit(country).alias("country"))
    keys = identity_keys(canonical).with_columns(frame.get_column(LINE_COLUMN).alias("line"))
    found = pl.concat(
        [
            keys.select("line", pl.lit(kind).alias("kind"), pl.col(column).alias("value"))
            for kind, column in (
                ("domain", "site_domain"),
                ("email", "email"),
                ("org_no", "org_key"),
            )
        ]
    ).drop_nulls("value")
    with_entry = set(found.get_column("line").to_list())
    for line, problems in keys.select("line", "problems").iter_rows():
        if line not in with_entry:
            rejects.append((str(line), problems or "no domain, website, email or org number"))
    warnings = [
        (str(line), f"{problems}; left out")
        for line, problems in keys.select("line", "problems").iter_rows()
        if problems and line in with_entry
    ]
    sources = [mapping.canonical_for(t) for t in used]
    return FileEntries(
        path,
        found.sort("line").cast(_ENTRY_SCHEMA),  # type: ignore[arg-type]
        read.rows_in,
        sorted(rejects, key=lambda r: _line_order(r[0])),
        warnings,
        "columns " + ", ".join(f"{s} ({t})" for s, t in zip(sources, used, strict=True)),
    )


def _plain(
    path: Path,
    rows_in: int,
    frame: pl.DataFrame,
    header: str,
    rejects: list[tuple[str, str]],
    country: str | None,
    *,
    header_is_value: bool,
) -> FileEntries:
    """A file of one value a line: each distinct value normalized once."""
    cells = frame.select(pl.col(LINE_COLUMN).alias("line"), pl.col(header).alias("cell"))
    if header_is_value:
        first = pl.DataFrame({"line": [1], "cell": [header]}, schema=cells.schema)
        cells = pl.concat([first, cells])
    cells = cells.with_columns(pl.col("cell").str.strip_chars().replace("", None))
    distinct = cells.get_column("cell").drop_nulls().unique().to_list()
    normalized = {v: normalize_entry(v, country) for v in distinct}
    rows: list[tuple[int, str, str]] = []
    for line, cell in cells.iter_rows():
        entry = normalized.get(cell) if cell is not None else "a blank value"
        if entry is None or isinstance(entry, str):
            rejects.append((str(line), entry or "a blank value"))
        else:
            rows.append((line, entry.kind, entry.value))
    entries = pl.DataFrame(rows, schema=_ENTRY_SCHEMA, orient="row")
    return FileEntries(
        path,
        entries,
        rows_in + int(header_is_value),
        sorted(rejects, key=lambda r: _line_order(r[0])),
        [],
        "one value a line",
    )


def _one_value(path: Path) -> str | None:
    """The value of a text file of one line, when it is one (else None)."""
    if path.suffix.lower() not in {".csv", ".tsv", ".txt"}:
        return None
    lines = [
        t for t in path.read_text(encoding="utf-8-sig", errors="replace").splitlines() if t.strip()
    ]
    if len(lines) != 1 or isinstance(normalize_entry(lines[0]), str):
        return None
    return lines[0].strip()


def _line_order(line: str) -> int:
    return int(line) if line.isdigit() else 0
