"""``leadsieve board ingest BOARD``: score leads against an ICP and open a pursuit for each
organization that qualifies."""

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
    from leadsieve.service.ingest import IngestReport

# The store and the engine are imported inside the command: `leadsieve --help` must not load them.

PROGRESS_FROM_LEADS = 50_000


def register(board_app: typer.Typer) -> None:
    """Add ``ingest`` to the ``board`` command group."""
    board_app.command("ingest")(ingest)


def ingest(
    board: str = typer.Argument(..., metavar="BOARD", help="The board to open pursuits on."),
    icp_id: int | None = typer.Option(
        None, "--icp-id", metavar="ID", help="The ICP profile's id (as pursuits show it)."
    ),
    icp_slug: str | None = typer.Option(
        None,
        "--icp",
        "--icp-slug",
        metavar="SLUG",
        help="The ICP profile's slug (`leadsieve icp list`), as `qualify --icp` takes it.",
    ),
    list_name: str | None = typer.Option(
        None,
        "--list",
        metavar="LIST",
        help="Score this list's leads (default: every lead of the workspace).",
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="DATE",
        help="Date signal ages are measured against (YYYY-MM-DD; default today).",
    ),
    reopen_after: int = typer.Option(
        90,
        "--reopen-after",
        min=0,
        metavar="DAYS",
        help="Reopen an organization whose pursuit was closed lost more than DAYS ago (one "
        "closed won is never reopened).",
    ),
    dry_run: bool = typer.Option(
        False,
        "--dry-run",
        help="Score and say what would be charged and opened, writing nothing: no charge, no "
        "fit stored, no pursuit opened.",
    ),
    exclude: list[str] = EXCLUDE_LIST,
    job: str | None = typer.Option(
        None,
        "--job",
        metavar="KEY",
        help="Name the run, to retry it safely: the same KEY, board, leads and ICP version "
        "again is charged once and resumes where it stopped (default: a new key; a run "
        "interrupted on the same board, leads and version is resumed anyway).",
    ),
    as_json: bool = typer.Option(
        False,
        "--json",
        help='Print only {"scored": n, "qualified": n, "opened": n, "already_open": n, '
        '"skipped_do_not_contact": n, "skipped_closed": n, "reused": n}.',
    ),
    workspace: str | None = workspace_option(),
) -> None:
    """Score leads against a saved ICP (its current version) and open a pursuit on BOARD for
    each organization that qualifies.

    The leads are --list's, or every lead of the workspace: each contact with its company,
    and each company without contacts. The ICP is --icp-id or --icp-slug; when neither is
    given, the workspace's only ICP (several: SALES_ICP_AMBIGUOUS, listing their slugs).

    Each qualifying organization gets one pursuit at the board's first stage (source icp,
    with the ICP version and the best fit score), with its qualifying contacts; contacts
    marked do-not-contact are never put on it and are counted. An organization with an open
    pursuit on the board already is counted as already open and gets nothing new, so running
    it again opens nothing new. The fits are stored as `leadsieve qualify` stores them.

    Cost: LEADSIEVE_PRICE_PER_ROW credits per lead scored (default 0.5), charged before
    scoring; a balance that falls short fails with INSUFFICIENT_CREDITS and nothing is scored,
    opened or charged. A list's leads whose fit of this ICP version, as of this day, is still
    current are reused, not charged again. A run that fails refunds what it did not score; a
    run killed midway is resumed unpaid by running it again (see `leadsieve jobs`).

    Exit codes: 0 ok, 2 usage, 3 ICP problem (ICP_NOT_FOUND, SALES_ICP_AMBIGUOUS), 6 stored
    record problem (board, list or workspace not found, insufficient credits, JOB_RUNNING).
    """
    from leadsieve.service.ingest import ingest_icp_matches
    from leadsieve.service.store import open_store
    from leadsieve.settings import get_settings

    if icp_id is not None and icp_slug is not None:
        raise typer.BadParameter(
            "name the ICP once: --icp-id or --icp-slug, not both", param_hint="'--icp-id'"
        )
    day: date = parse_day(as_of)
    with user_errors():
        settings = get_settings()
        engine = open_store()
        show = not as_json and err_console.is_terminal
        with progress_bar(show) as progress:
            task = progress.add_task("ingesting", total=None, visible=False)

            def advance(done: int) -> None:
                progress.update(task, completed=done)

            def started(total: int) -> None:
                progress.update(task, total=total, visible=total >= PROGRESS_FROM_LEADS)

            report = ingest_icp_matches(
                engine,
                board,
                icp_id=icp_id,
                icp_slug=icp_slug,
                list_name=list_name,
                workspace=workspace,
                user=settings.user,
                as_of=None if as_of is None else day,  # none: a resumed job keeps its day
                on_start=started,
                on_progress=advance,
                reopen_after=reopen_after,
                dry_run=dry_run,
                exclude=exclude,
                job=job,
            )
    leads = "every lead" if report.list_name is None else f"list {report.list_name!r}"
    warn_unfed(
        report.unfed,
        report.icp_slug,
        leads,
        "import a file that has that data (see `leadsieve columns FILE`)",
    )
    if as_json:
        typer.echo(json.dumps(report.as_json()))
        return
    _summary(report)


def _summary(report: IngestReport) -> None:
    leads = "every lead" if report.list_name is None else f"list {report.list_name!r}"
    if report.dry_run:
        console.print(
            "dry run: nothing was charged, stored or opened; this is what the run would do",
            markup=False,
        )
    console.print(
        f"{leads} against {report.icp_slug!r} v{report.icp_version} into board "
        f"{report.board!r}: {report.scored:,} leads scored, {report.qualified:,} qualified"
        + (
            f" ({report.reused:,} fits of this version reused, not scored nor charged again)"
            if report.reused
            else ""
        ),
        markup=False,
    )
    skipped, closed = report.skipped_do_not_contact, report.skipped_closed
    console.print(
        f"{report.opened:,} pursuits opened, {report.already_open:,} already open"
        + (f", {closed:,} closed (won, or lost recently) not reopened" if closed else "")
        + (f", {skipped:,} do-not-contact or opted-out contacts not attached" if skipped else ""),
        markup=False,
    )
    if report.without_organization:
        console.print(
            f"{report.without_organization:,} qualified leads have no organization: no pursuit",
            markup=False,
        )
    print_voided(report.voided)
    resumed = f"resumed job {report.key}: {report.resumed:,} leads scored by its earlier try; "
    console.print(
        (resumed if report.resumed else "")
        + f"charged {report.charged:,} credits ({report.price} per lead, job {report.key}); "
        f"balance {report.balance:,}; see the board with "
        f"`leadsieve board show {shlex.quote(report.board)}`",
        markup=False,
    )
