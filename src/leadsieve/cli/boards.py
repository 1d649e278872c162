"""``leadsieve board``: sales boards, their stages and the pursuits on them (``leadsieve
pursuit`` is ``cli.pursuits``)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import typer

from leadsieve.cli import board_ingest
from leadsieve.cli._common import console, user_errors, workspace_option
from leadsieve.cli._sales import JSON, echo_json, exact

if TYPE_CHECKING:
    from leadsieve.service.pipeline import BoardView, Money

# The store (SQLAlchemy, pydantic settings) is imported inside each command: `leadsieve --help`
# must not load it.

board_app = typer.Typer(
    help="Sales boards: pipelines of ordered stages (inbox, researching, qualified, contacted, "
    "meeting, proposal, negotiation, won, lost), each with a win probability. Every card is a "
    "pursuit; `board show` prints them with the stage-weighted forecast.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    """Add the ``board`` command group to ``app``."""
    board_ingest.register(board_app)
    app.add_typer(board_app, name="board")


def _money(value: Money) -> dict[str, str | None]:
    return {currency: exact(amount) for currency, amount in value.items()}


def _shown(value: Money) -> str:
    return "; ".join(f"{currency} {amount:,f}" for currency, amount in value.items()) or "0"


def _percent(probability: Decimal) -> str:
    return f"{(probability * 100).normalize():f}%"


# --- board ---------------------------------------------------------------------------------


@board_app.command("create")
def board_create(
    name: str = typer.Argument(..., help="The board's name, unique in the workspace."),
    workspace: str | None = workspace_option(),
) -> None:
    """Create a sales board with the default stages."""
    from leadsieve.service.boards import board_stages, create_board
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        board = create_board(session, space.id, name)
        stages = board_stages(session, space.id, board.id)
    keys = ", ".join(stage.key for stage in stages)
    console.print(f"created board {board.name!r} in {space.slug!r}: {keys}", markup=False)


@board_app.command("list")
def board_list(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array instead of a table."),
    workspace: str | None = workspace_option(),
) -> None:
    """List the workspace's boards with their number of open pursuits."""
    from rich.table import Table

    from leadsieve.service.boards import list_boards
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        found = list_boards(session, space.id)
    if as_json:
        echo_json(
            [
                {
                    "name": b.name,
                    "stages": b.stages,
                    "open_pursuits": b.open_pursuits,
                    "created_at": b.created_at.isoformat(),
                }
                for b in found
            ]
        )
        return
    if not found:
        console.print(
            f"no boards in {space.slug!r} yet; create one with `leadsieve board create NAME`",
            markup=False,
        )
        return
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("name")
    table.add_column("stages", justify="right")
    table.add_column("open pursuits", justify="right")
    table.add_column("created")
    for board in found:
        table.add_row(
            board.name,
            str(board.stages),
            f"{board.open_pursuits:,}",
            f"{board.created_at:%Y-%m-%d %H:%M}",
        )
    console.print(table)


@board_app.command("show")
def board_show(
    name: str = typer.Argument(..., help="The board's name."),
    as_json: bool = JSON,
    workspace: str | None = workspace_option(),
) -> None:
    """Show a board: its stages in order, each with its open pursuits (organization, amount,
    contacts) and the stage-weighted forecast (amount x stage probability), per stage and in
    total, per currency."""
    from leadsieve.service.boards import get_board, show_board
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        view = show_board(session, space.id, get_board(session, space.id, name).id)
    if as_json:
        echo_json(_board(view, space.slug))
        return
    _board_table(view)


def _board(view: BoardView, workspace: str) -> dict[str, Any]:
    stages = []
    for column in view.columns:
        stage = column.stage
        cards = [
            {
                "id": card.id,
                "organization_id": card.organization_id,
                "organization": card.organization,
                "domain": card.domain,
                "amount": exact(card.amount),
                "currency": card.currency,
                "weighted": exact(card.weighted),
                "owner": card.owner,
                "contacts": card.contacts,
                "opened_at": card.opened_at.isoformat(),
            }
            for card in column.pursuits
        ]
        stages.append(
            {
                "key": stage.key,
                "label": stage.label,
                "position": stage.position,
                "probability": exact(stage.probability),
                "closed": stage.closed,
                "won": stage.won,
                "pursuits": cards,
                "forecast": _money(column.forecast),
                "closed_pursuits": column.closed_pursuits,
            }
        )
    return {
        "workspace": workspace,
        "board": view.name,
        "stages": stages,
        "forecast": _money(view.forecast),
    }


RIGHT = {"prob.", "id", "amount", "contacts"}


def _board_table(view: BoardView) -> None:
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, title=f"board {view.name}", title_justify="left")
    for header in ("stage", "prob.", "id", "organization", "domain", "amount", "contacts"):
        table.add_column(header, justify="right" if header in RIGHT else "left")
    table.add_column("weighted", justify="right")
    for column in view.columns:
        stage, cards = column.stage, column.pursuits
        count = f"{column.closed_pursuits:,} closed" if stage.closed else f"{len(cards):,} open"
        weighted = "" if stage.closed else _shown(column.forecast)
        head = (stage.label, _percent(stage.probability), "", count, "", "", "", weighted)
        table.add_row(*head, style="bold", end_section=not cards)
        for i, card in enumerate(cards):
            amount = "" if card.amount is None else f"{card.currency} {card.amount:,f}"
            table.add_row(
                "",
                "",
                str(card.id),
                card.organization or "",
                card.domain or "",
                amount,
                str(card.contacts),
                "" if card.weighted is None else f"{card.currency} {card.weighted:,f}",
                end_section=i == len(cards) - 1,
            )
    console.print(table)
    open_ = sum(len(column.pursuits) for column in view.columns)
    console.print(
        f"forecast {_shown(view.forecast)} over {open_:,} open pursuits "
        "(amount x stage probability)",
        markup=False,
    )
