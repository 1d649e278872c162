"""``leadsieve list show LIST --icp SLUG``: a list's leads with their stored fits."""

from __future__ import annotations

import json
import shlex
from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any

import typer

from leadsieve.cli._common import console, err_console, user_errors
from leadsieve.cli.lists import LEAD_COLUMNS, Format, csv_writer, empty_message, lead_cells

if TYPE_CHECKING:
    from leadsieve.service.fits import FitListing, FitRow

FIT_COLUMNS = (
    "fit_score",
    "fit_grade",
    "fit_qualified",
    "fit_coverage",
    "fit_matched",
    "fit_missed",
    "fit_unknown",
    "fit_reasons",
    "fit_disqualified_by",
    "fit_as_of",
)


def show_fits(
    name: str,
    format_: Format,
    limit: int | None,
    icp: str,
    version: int | None,
    by_fit: bool,
    min_grade: str | None,
    workspace: str | None,
    *,
    raw: bool = False,
) -> None:
    """Render ``list show --icp``: the leads with their fits, or say how to make them
    (CSV cells neutralized against formulas unless ``raw``)."""
    from leadsieve.service.fits import show_list_fits
    from leadsieve.service.lists import get_list
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.settings import get_settings

    with user_errors():
        user = get_settings().user
        with unit_of_work(open_store()) as session:
            space = resolve_workspace(session, workspace)
            found = get_list(session, space.id, name)
            listing = show_list_fits(
                session,
                space,
                found.id,
                icp,
                version=version,
                user=user,
                by_fit=by_fit,
                min_grade=min_grade,
                limit=limit,
            )
    which = f"ICP {listing.icp_slug!r} v{listing.icp_version}"
    unscored = None
    if listing.leads and not listing.fitted:
        command = f"leadsieve qualify {shlex.quote(found.name)} --icp {listing.icp_slug}"
        if version is not None:
            command += f" --version {version}"
        unscored = f"list {found.name!r} has no fits for {which} yet; score it with `{command}`"
    if format_ is not Format.table:
        if unscored:
            err_console.print(unscored, markup=False)
        records = [_fit_record(row) for row in listing.rows]
        if format_ is Format.json:
            typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
        else:
            writer = csv_writer(raw=raw)
            writer.writerow(_fit_header())
            for record in records:
                writer.writerow("" if v is None else v for v in record.values())
        return
    if not listing.leads:
        console.print(empty_message(found.name), markup=False)
        return
    if unscored:
        console.print(unscored, markup=False)
        return
    _fit_table(found.name, which, listing, min_grade)


def _fit_header() -> list[str]:
    from leadsieve.service.lists import ListRow

    return [field.name for field in fields(ListRow)] + list(FIT_COLUMNS)


def _fit_record(row: FitRow) -> dict[str, Any]:
    fit = row.fit
    values: list[Any] = [None] * len(FIT_COLUMNS)
    if fit is not None:
        values = [
            fit.score,
            fit.grade,
            fit.qualified,
            fit.coverage,
            fit.matched,
            fit.missed,
            fit.unknown,
            fit.reasons,
            fit.disqualified_by,
            fit.as_of.isoformat(),
        ]
    return {**asdict(row.lead), **dict(zip(FIT_COLUMNS, values, strict=True))}


def _fit_table(name: str, which: str, listing: FitListing, min_grade: str | None) -> None:
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for column in ("score", "grade", "qualified", *LEAD_COLUMNS):
        table.add_column(column, justify="right" if column == "score" else "left")
    for row in listing.rows:
        fit = row.fit
        cells = ("", "", "") if fit is None else (str(fit.score), fit.grade, _yes(fit.qualified))
        table.add_row(*cells, *lead_cells(row.lead))
    console.print(table)
    counts = f"{listing.leads:,} leads, {listing.fitted:,} with a fit of {which}"
    if min_grade is not None:
        counts += f", {listing.matching:,} graded {min_grade.strip().upper()} or better"
    more = f" (first {len(listing.rows):,} shown)" if len(listing.rows) < listing.matching else ""
    console.print(f"list {name!r}: {counts}{more}", markup=False)


def _yes(value: bool) -> str:
    return "yes" if value else "no"
