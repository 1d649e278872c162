"""``leadsieve qualify LIST --icp SLUG``: score a stored lead list and keep the fits."""

from __future__ import annotations

import json
import shlex
from datetime import date
from typing import TYPE_CHECKING

import typer

from leadsieve.cli._common import (
    console,
    err_console,
    parse_day,
    progress_bar,
    user_errors,
    warn_unfed,
    workspace_option,
)
from leadsieve.cli.jobs import print_voided
from leadsieve.cli.suppress import EXCLUDE_LIST

if TYPE_CHECKING:
    from leadsieve.service.fits import FitRow
    from leadsieve.service.qualify import QualifyReport

# The store and the engine are imported inside the command: `leadsieve --help` must not load them.

PROGRESS_FROM_LEADS = 50_000


def register(app: typer.Typer) -> None:
    """Add ``qualify`` to ``app``."""
    app.command("qualify")(qualify)


def qualify(
    list_name: str = typer.Argument(..., metavar="LIST", help="The lead list to qualify."),
    icp: str = typer.Option(
        ..., "--icp", metavar="SLUG", help="A saved ICP profile (`leadsieve icp list`)."
    ),
    version: int | None = typer.Option(
        None,
        "--version",
        min=1,
        metavar="N",
        help="Score with version N of the profile (default: its current version).",
    ),
    job: str | None = typer.Option(
        None,
        "--job",
        metavar="KEY",
        help="Name the run, to retry it safely: the same KEY, list and ICP version again is "
        "charged once and resumes where it stopped (default: a new key; a run interrupted on "
        "the same list and version is resumed anyway). The summary prints the key.",
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="DATE",
        help="Date signal ages are measured against (YYYY-MM-DD; default today).",
    ),
    exclude: list[str] = EXCLUDE_LIST,
    as_json: bool = typer.Option(
        False,
        "--json",
        help='Print only {"scored": n, "qualified": n, "charged": "x", "balance": "y"} '
        "(credits as exact strings).",
    ),
    workspace: str | None = workspace_option(),
) -> None:
    """Score every lead of a stored list against a saved ICP and store the fits.

    Each lead gets one fit per ICP version: score, grade, qualified, coverage, the rules
    matched, missed and unknown, a reason per rule, the as-of date and the leadsieve version.
    Qualifying again with the same version replaces the fits; after an ICP edit, the new
    version's fits are added and the old version's stay. See them with
    `leadsieve list show LIST --icp SLUG --sort fit --min-grade B`.

    Cost: LEADSIEVE_PRICE_PER_ROW credits per lead (default 0.5; 0 is free), charged once
    for the whole list before scoring. A balance that falls short fails with
    INSUFFICIENT_CREDITS (exit 6), naming what is required and available; nothing is scored
    or charged. A run that fails midway refunds the leads it did not score; a run killed
    midway is finished, without paying again, by running it again (with the same --job KEY
    if it had one); if the list or the price changed in between, it is refunded for what it
    did not score instead. `leadsieve jobs` lists the runs; `leadsieve jobs cancel KEY`
    refunds an interrupted one.

    Exit codes: 0 ok, 2 usage, 3 ICP problem, 6 stored record problem (list, ICP or
    workspace not found, insufficient credits, refused job).
    """
    from leadsieve.service.qualify import qualify_list
    from leadsieve.service.store import open_store
    from leadsieve.settings import get_settings

    day: date = parse_day(as_of)
    with user_errors():
        settings = get_settings()
        engine = open_store()
        show = not as_json and err_console.is_terminal
        with progress_bar(show) as progress:
            task = progress.add_task("qualifying", total=None, visible=False)

            def advance(done: int) -> None:
                progress.update(task, completed=done)

            def started(total: int) -> None:
                progress.update(task, total=total, visible=total >= PROGRESS_FROM_LEADS)

            report = qualify_list(
                engine,
                list_name,
                icp,
                workspace=workspace,
                user=settings.user,
                version=version,
                job=job,
                as_of=None if as_of is None else day,  # none: a resumed job keeps its day
                on_start=started,
                on_progress=advance,
                exclude=exclude,
            )
    if as_json:
        _warn(report)
        typer.echo(json.dumps(report.as_json()))
        return
    _warn(report)
    _summary(report)
    if report.leads:
        from leadsieve.service.fits import best_leads

        with user_errors():
            best = best_leads(
                engine,
                report.list_name,
                report.icp_slug,
                workspace=workspace,
                user=settings.user,
                version=report.icp_version,
            )
        print_top(best)


def _warn(report: QualifyReport) -> None:
    warn_unfed(
        report.unfed,
        report.icp_slug,
        f"list {report.list_name!r}",
        "import a file that has that data into the list (see `leadsieve columns FILE`)",
    )


def _summary(report: QualifyReport) -> None:
    name = shlex.quote(report.list_name)
    what = f"list {report.list_name!r} against {report.icp_slug!r} v{report.icp_version}"
    if not report.leads:
        console.print(
            f"{what}: the list is empty, nothing was scored or charged; add leads with "
            f"`leadsieve import FILE --list {name}`",
            markup=False,
        )
        return
    print_voided(report.voided)
    resumed = f" ({report.resumed:,} by an earlier try of this job)" if report.resumed else ""
    grades = ", ".join(f"{g} {n:,}" for g, n in report.grades.items())
    console.print(
        f"{what}: {report.scored:,} leads scored{resumed}, {report.qualified:,} qualified "
        f"({grades}); as of {report.as_of:%Y-%m-%d}",
        markup=False,
    )
    console.print(
        f"charged {report.charged:,} credits ({report.price} per lead, job {report.key}); "
        f"balance {report.balance:,}",
        markup=False,
    )
    console.print(
        f"see them with `leadsieve list show {name} --icp {report.icp_slug} --sort fit`",
        markup=False,
    )


def print_top(rows: list[FitRow]) -> None:
    """The list's best leads: score, grade, company, and the person and title when the list
    has people; the rules they met (or what disqualified them). `leadsieve list show` gives
    every reason."""
    from rich.table import Table

    fitted = [(row.fit, row.lead) for row in rows if row.fit is not None]
    if not fitted:
        return
    people = any(lead.contact or lead.job_title for _, lead in fitted)
    table = Table(show_edge=False, pad_edge=False, title=f"top {len(fitted)} by fit")
    columns = ("company", "person", "title") if people else ("company",)
    for column in ("score", "grade", *columns, "matched"):
        table.add_column(column, justify="right" if column == "score" else "left")
    for fit, lead in fitted:
        why = f"disqualified: {fit.disqualified_by}" if fit.disqualified_by else fit.matched
        who = (lead.contact or "", lead.job_title or "") if people else ()
        table.add_row(str(fit.score), fit.grade, lead.organization or "", *who, why)
    console.print(table)
