"""``leadsieve credits``: the workspace's credit balance, grants and ledger."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import typer

from leadsieve.cli._common import console, user_errors, workspace_option

if TYPE_CHECKING:
    from leadsieve.service.credits import LedgerEntry

# The store (SQLAlchemy, pydantic settings) is imported inside each command: `leadsieve --help`
# must not load it.

app = typer.Typer(
    help="Credits: scoring a row costs LEADSIEVE_PRICE_PER_ROW credits (default 0.5; 0 makes "
    "scoring free), taken from the workspace's balance. The balance is the sum of an "
    "append-only ledger: grants add, a job's charge takes, a job's refund gives back. Amounts "
    "are exact, with at most 6 decimals; --json prints them as strings.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

JSON = typer.Option(False, "--json", help="Print JSON instead of text.")


def register(app_: typer.Typer) -> None:
    """Add the ``credits`` command group to ``app_``."""
    app_.add_typer(app, name="credits")


def _entry(entry: LedgerEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "amount": str(entry.amount),
        "reason": entry.reason,
        "job": entry.job,
        "user": entry.user,
        "created_at": entry.created_at.isoformat(),
    }


@app.command("balance")
def balance(as_json: bool = JSON, workspace: str | None = workspace_option()) -> None:
    """Show the workspace's credit balance, the price of one scored row, and how many rows
    the balance covers."""
    from leadsieve.service.credits import balance as credit_balance
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.settings import get_settings

    with user_errors():
        price = get_settings().price_per_row
        with unit_of_work(open_store()) as session:
            space = resolve_workspace(session, workspace)
            available = credit_balance(session, space.id)
    rows = int(available // price) if price and available > 0 else (0 if price else None)
    if as_json:
        shown = {
            "workspace": space.slug,
            "balance": str(available),
            "price_per_row": str(price),
            "rows_covered": rows,
        }
        typer.echo(json.dumps(shown, indent=2))
        return
    covers = "scoring is free" if rows is None else f"enough for {rows:,} rows"
    console.print(
        f"{space.slug!r}: {available:,} credits; a scored row costs {price} ({covers})",
        markup=False,
    )


@app.command("grant", context_settings={"ignore_unknown_options": True})
def grant(
    # text, not a float: parsed exactly by the service, which says what is wrong with it
    amount: str = typer.Argument(
        ...,
        metavar="N",
        help="Credits to add: a number above 0 with at most 6 decimals, e.g. 100 or 12.5.",
    ),
    reason: str | None = typer.Option(
        None, "--reason", metavar="TEXT", help="Why, for the ledger (e.g. 'invoice 1042')."
    ),
    as_json: bool = JSON,
    workspace: str | None = workspace_option(),
) -> None:
    """Add N credits to the workspace's balance: one grant entry in the ledger, made by
    LEADSIEVE_USER, who must be an owner or admin of the workspace (anyone may while the
    workspace has no members)."""
    from leadsieve.service.credits import balance as credit_balance
    from leadsieve.service.credits import grant as grant_credits
    from leadsieve.service.roles import require_manager
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.settings import get_settings

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        actor = require_manager(session, space.id, get_settings().user, doing="grant credits")
        user_id = None if actor.user is None else actor.user.id
        entry = grant_credits(session, space.id, amount, reason=reason, user_id=user_id)
        available = credit_balance(session, space.id)
    if as_json:
        shown = {"workspace": space.slug, "entry": _entry(entry), "balance": str(available)}
        typer.echo(json.dumps(shown, indent=2, ensure_ascii=False))
        return
    console.print(
        f"granted {entry.amount:,} credits to {space.slug!r}; balance {available:,}",
        markup=False,
    )


@app.command("history")
def history(
    limit: int | None = typer.Option(
        None, "--limit", min=0, metavar="N", help="Show the newest N entries only."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array instead of a table."),
    workspace: str | None = workspace_option(),
) -> None:
    """Show the workspace's credit ledger, newest first: grants, charges and refunds, with the
    job each charge or refund belongs to."""
    from rich.table import Table

    from leadsieve.service.credits import history as credit_history
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        entries = credit_history(session, space.id, limit)
    if as_json:
        typer.echo(json.dumps([_entry(e) for e in entries], indent=2, ensure_ascii=False))
        return
    if not entries:
        console.print(
            f"no credit entries in {space.slug!r} yet; add credits with "
            "`leadsieve credits grant N`",
            markup=False,
        )
        return
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("when")
    table.add_column("kind")
    table.add_column("amount", justify="right")
    table.add_column("job")
    table.add_column("reason")
    table.add_column("by")
    for entry in entries:
        table.add_row(
            f"{entry.created_at:%Y-%m-%d %H:%M}",
            entry.kind,
            f"{entry.amount:+,}",
            entry.job or "",
            entry.reason or "",
            entry.user or "",
        )
    console.print(table)
