"""``leadsieve jobs``: the workspace's paid runs (qualify, board ingest, pre-scored imports),
and the refund of an interrupted one."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import typer

from leadsieve.cli._common import console, user_errors, workspace_option

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from leadsieve.service.jobs import JobView

# The store is imported inside each command: `leadsieve --help` must not load it.

app = typer.Typer(
    help="Paid runs as jobs. Every qualify, board ingest and pre-scored import is a job: "
    "charged once, refunded for what it did not do. A run killed midway (kill -9, a crash) "
    "is 'interrupted': rerunning the same command resumes it without paying again (with "
    "its --job KEY, or with none on the same list and ICP version); `leadsieve jobs cancel "
    "KEY` refunds its unscored leads instead.",
    invoke_without_command=True,
    rich_markup_mode=None,
)


def register(app_: typer.Typer) -> None:
    """Add the ``jobs`` command group to ``app_``."""
    app_.add_typer(app, name="jobs")


@app.callback()
def jobs(
    ctx: typer.Context,
    limit: int = typer.Option(20, "--limit", min=1, metavar="N", help="Show the latest N jobs."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
    workspace: str | None = workspace_option(),
) -> None:
    """List the workspace's latest jobs, newest first: key, kind, status (interrupted ones
    marked), leads done of charged, credits charged and refunded."""
    if ctx.invoked_subcommand is not None:
        return
    from leadsieve.service.jobs import recent
    from leadsieve.service.store import open_store

    with user_errors():
        views = recent(open_store(), workspace=workspace, limit=limit)
    if as_json:
        typer.echo(json.dumps([_json(view) for view in views], indent=2))
        return
    if not views:
        console.print("no jobs yet: `leadsieve qualify` and `board ingest` make them")
        return
    # a line per job, not a table: a narrow terminal must not cut the key --job takes
    for view in views:
        status = "interrupted" if view.interrupted else view.status
        console.print(
            f"{view.key}  {view.kind:<7}  {status:<11}  {view.done:,} of {view.total:,} leads  "
            f"{view.charged:,} charged, {view.refunded:,} refunded  "
            f"started {view.created_at:%Y-%m-%d %H:%M}",
            markup=False,
            soft_wrap=True,
        )
    stuck = [view for view in views if view.interrupted]
    for view in stuck:
        console.print(
            f"job {view.key} was interrupted: rerun the same command (with --job {view.key}) "
            f"to finish it unpaid, or `leadsieve jobs cancel {view.key}` to be refunded",
            markup=False,
        )


@app.command("cancel")
def cancel(
    key: str = typer.Argument(..., metavar="KEY", help="The interrupted job's key."),
    workspace: str | None = workspace_option(),
) -> None:
    """Refund an interrupted job for the leads it did not score, and close it (its scored
    leads keep their fits and their charge). A job running now is refused (JOB_RUNNING)."""
    from leadsieve.service.jobs import cancel as cancel_job
    from leadsieve.service.store import open_store

    with user_errors():
        refunded = cancel_job(open_store(), key, workspace=workspace)
    for ledger, amount in refunded:
        console.print(f"job {ledger} cancelled; {amount:,} credits refunded", markup=False)


def print_voided(voided: Sequence[tuple[str, Decimal]]) -> None:
    """Say which interrupted jobs a run refunded and closed (its work begun anew)."""
    for key, amount in voided:
        console.print(
            f"interrupted job {key} was refunded {amount:,} credits for the leads it did not "
            "score and closed: this run does its work",
            markup=False,
        )


def _json(view: JobView) -> dict[str, Any]:
    return {
        "key": view.key,
        "kind": view.kind,
        "status": view.status,
        "interrupted": view.interrupted,
        "done": view.done,
        "total": view.total,
        "charged": str(view.charged),
        "refunded": str(view.refunded),
        "params": view.params,
        "problem": view.problem,
        "created_at": view.created_at.isoformat(),
        "finished_at": None if view.finished_at is None else view.finished_at.isoformat(),
    }
