"""``leadsieve board`` and ``leadsieve pursuit``: sales boards and the pursuits on them."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import typer

from leadsieve.cli import board_ingest
from leadsieve.cli._common import console, user_errors, workspace_option

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from leadsieve.service.pipeline import BoardView, Money, Moved, PursuitInfo

    #: A move or close: (session, workspace id, acting user id) -> what it did.
    Step = Callable[[Session, int, int | None], Moved]

# The store (SQLAlchemy, pydantic settings) is imported inside each command: `leadsieve --help`
# must not load it.

board_app = typer.Typer(
    help="Sales boards: pipelines of ordered stages (inbox, researching, qualified, contacted, "
    "meeting, proposal, negotiation, won, lost), each with a win probability. Every card is a "
    "pursuit; `board show` prints them with the stage-weighted forecast.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
pursuit_app = typer.Typer(
    help="Pursuits: one organization's sales case on a board, at most one open per board and "
    "organization. Open, move and close them; every move is recorded with who (LEADSIEVE_USER) "
    "and when. Amounts are exact, with at most 6 decimals; --json prints them as strings.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

JSON = typer.Option(False, "--json", help="Print JSON instead of text.")
PURSUIT_ID = typer.Argument(..., metavar="ID", help="The pursuit's id (see `board show`).")


def register(app: typer.Typer) -> None:
    """Add the ``board`` and ``pursuit`` command groups to ``app``."""
    board_ingest.register(board_app)
    app.add_typer(board_app, name="board")
    app.add_typer(pursuit_app, name="pursuit")


def _echo(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _text(amount: Decimal | None) -> str | None:
    """An exact amount as JSON text, never in exponent form (0.0000001, not 1E-7)."""
    return None if amount is None else f"{amount:f}"


def _money(value: Money) -> dict[str, str | None]:
    return {currency: _text(amount) for currency, amount in value.items()}


def _shown(value: Money) -> str:
    return "; ".join(f"{currency} {amount:,f}" for currency, amount in value.items()) or "0"


def _percent(probability: Decimal) -> str:
    return f"{(probability * 100).normalize():f}%"


def _pursuit(pursuit: PursuitInfo) -> dict[str, Any]:
    return {
        "id": pursuit.id,
        "board": pursuit.board,
        "organization_id": pursuit.organization_id,
        "organization": pursuit.organization,
        "domain": pursuit.domain,
        "stage": pursuit.stage,
        "owner": pursuit.owner,
        "amount": _text(pursuit.amount),
        "currency": pursuit.currency,
        "source": pursuit.source,
        "icp_profile_id": pursuit.icp_profile_id,
        "icp_version": pursuit.icp_version,
        "fit_score": pursuit.fit_score,
        "contacts": list(pursuit.contacts),
        "opened_at": pursuit.opened_at.isoformat(),
        "closed_at": None if pursuit.closed_at is None else pursuit.closed_at.isoformat(),
        "won": pursuit.won,
        "close_reason": pursuit.close_reason,
    }


def _name(pursuit: PursuitInfo) -> str:
    shown = pursuit.organization or pursuit.domain or f"organization {pursuit.organization_id}"
    return f"pursuit {pursuit.id} ({shown})"


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
        _echo(
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
        _echo(_board(view, space.slug))
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
                "amount": _text(card.amount),
                "currency": card.currency,
                "weighted": _text(card.weighted),
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
                "probability": _text(stage.probability),
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


# --- pursuit -------------------------------------------------------------------------------


@pursuit_app.command("open")
def pursuit_open(
    board: str = typer.Argument(..., help="The board's name."),
    organization: int = typer.Option(
        ..., "--organization", "--org", metavar="ID", help="The organization's id."
    ),
    contact: list[int] = typer.Option(
        [], "--contact", metavar="ID", help="A contact's id to put on the pursuit (repeatable)."
    ),
    # text, not a float: parsed exactly by the service, which says what is wrong with it
    amount: str | None = typer.Option(
        None, "--amount", metavar="N", help="The deal's value, e.g. 12000 or 12000.50."
    ),
    currency: str | None = typer.Option(
        None, "--currency", metavar="CODE", help="ISO 4217 code of --amount (default: USD)."
    ),
    source: str | None = typer.Option(
        None, "--source", metavar="TEXT", help="Where the pursuit came from (e.g. 'referral')."
    ),
    owner: str | None = typer.Option(
        None,
        "--owner",
        metavar="EMAIL",
        help="The member who owns it (default: LEADSIEVE_USER when set).",
    ),
    stage: str | None = typer.Option(
        None, "--stage", metavar="KEY", help="An open stage to start at (default: the first)."
    ),
    as_json: bool = JSON,
    workspace: str | None = workspace_option(),
) -> None:
    """Open a pursuit for an organization on a board. If the board already has an open
    pursuit for it, that one is shown instead (status already_open) and the contacts named
    are added to it; nothing else changes."""
    from leadsieve.service.boards import get_board, member_id, open_pursuit
    from leadsieve.service.credits import acting_user_id
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.settings import get_settings

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        found = get_board(session, space.id, board)
        user_id = acting_user_id(session, space.id, get_settings().user)
        owner_id = user_id if owner is None else member_id(session, space.id, owner)
        done = open_pursuit(
            session,
            space.id,
            found.id,
            organization,
            contacts=contact,
            owner_id=owner_id,
            amount=amount,
            currency=currency,
            source=source,
            stage=stage,
            user_id=user_id,
        )
    if as_json:
        _echo(
            {
                "status": done.status,
                "contacts_added": done.contacts_added,
                "pursuit": _pursuit(done.pursuit),
            }
        )
        return
    what = "opened" if done.status == "opened" else "already open:"
    added = f"; {done.contacts_added:,} contacts added" if done.contacts_added else ""
    console.print(
        f"{what} {_name(done.pursuit)} on board {found.name!r} at stage "
        f"{done.pursuit.stage!r}{added}",
        markup=False,
    )


@pursuit_app.command("move")
def pursuit_move(
    pursuit_id: int = PURSUIT_ID,
    stage: str = typer.Argument(..., help="The stage's key or label, e.g. 'meeting'."),
    as_json: bool = JSON,
    workspace: str | None = workspace_option(),
) -> None:
    """Move an open pursuit to another stage of its board, recorded as made by
    LEADSIEVE_USER. Moving it to a closed stage (won, lost) closes it."""
    from leadsieve.service.boards import move_pursuit

    _step(
        lambda session, space, user: move_pursuit(session, space, pursuit_id, stage, user),
        as_json,
        workspace,
    )


@pursuit_app.command("close")
def pursuit_close(
    pursuit_id: int = PURSUIT_ID,
    won: bool | None = typer.Option(
        None, "--won/--lost", help="Close it as won or as lost (one is required)."
    ),
    reason: str | None = typer.Option(
        None, "--reason", metavar="TEXT", help="Why it was won or lost (e.g. 'price')."
    ),
    as_json: bool = JSON,
    workspace: str | None = workspace_option(),
) -> None:
    """Close an open pursuit as won or lost: it moves to the board's won or lost stage,
    recorded as made by LEADSIEVE_USER. A closed pursuit cannot be closed again."""
    from leadsieve.service.boards import close_pursuit

    if won is None:
        raise typer.BadParameter("pass --won or --lost", param_hint="'--won/--lost'")
    _step(
        lambda session, space, user: close_pursuit(
            session, space, pursuit_id, won=won, reason=reason, user_id=user
        ),
        as_json,
        workspace,
    )


def _step(action: Step, as_json: bool, workspace: str | None) -> None:
    """Run a move or close as the acting user and print what changed."""
    from leadsieve.service.credits import acting_user_id
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.settings import get_settings

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        user_id = acting_user_id(session, space.id, get_settings().user)
        done = action(session, space.id, user_id)
    pursuit = done.pursuit
    if as_json:
        _echo(
            {
                "moved": done.moved,
                "from": done.from_stage,
                "to": done.to_stage,
                "pursuit": _pursuit(pursuit),
            }
        )
        return
    if not done.moved:
        console.print(f"{_name(pursuit)} is at stage {done.to_stage!r} already", markup=False)
        return
    closed = ""
    if pursuit.closed_at is not None:
        closed = f"; closed as {'won' if pursuit.won else 'lost'}"
        closed += f" ({pursuit.close_reason})" if pursuit.close_reason else ""
    console.print(
        f"moved {_name(pursuit)} from {done.from_stage!r} to {done.to_stage!r}{closed}",
        markup=False,
    )


@pursuit_app.command("show")
def pursuit_show(
    pursuit_id: int = PURSUIT_ID,
    as_json: bool = JSON,
    workspace: str | None = workspace_option(),
) -> None:
    """Show a pursuit and its stage history: every move, who made it and when."""
    from leadsieve.service.boards import get_pursuit, pursuit_history
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        pursuit = get_pursuit(session, space.id, pursuit_id)
        moves = pursuit_history(session, space.id, pursuit_id)
    if as_json:
        history = [
            {"from": m.from_stage, "to": m.to_stage, "user": m.user, "at": m.at.isoformat()}
            for m in moves
        ]
        _echo({**_pursuit(pursuit), "history": history})
        return
    state = "open" if pursuit.closed_at is None else ("won" if pursuit.won else "lost")
    amount = "no amount" if pursuit.amount is None else f"{pursuit.currency} {pursuit.amount:,f}"
    console.print(
        f"{_name(pursuit)} on board {pursuit.board!r}: {state}, at stage "
        f"{pursuit.stage_label!r}, {amount}, {len(pursuit.contacts)} contacts, "
        f"owner {pursuit.owner or 'none'}",
        markup=False,
    )
    for move in moves:
        step = f"{move.from_stage} -> {move.to_stage}" if move.from_stage else "opened"
        by = move.user or "no one named"
        console.print(f"  {move.at:%Y-%m-%d %H:%M}  {step}  by {by}", markup=False)
