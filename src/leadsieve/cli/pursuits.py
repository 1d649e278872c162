"""``leadsieve pursuit``: one organization's sales case on a board, opened, moved, closed and
shown with its history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from leadsieve.cli._common import console, user_errors, workspace_option
from leadsieve.cli._sales import JSON, echo_json, exact

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from leadsieve.service.pipeline import Moved, PursuitInfo

    #: A move or close: (session, workspace id, acting user id) -> what it did.
    Step = Callable[[Session, int, int | None], Moved]

# The store (SQLAlchemy, pydantic settings) is imported inside each command: `leadsieve --help`
# must not load it.

pursuit_app = typer.Typer(
    help="Pursuits: one organization's sales case on a board, at most one open per board and "
    "organization. Open, move and close them; every move is recorded with who (LEADSIEVE_USER) "
    "and when. Amounts are exact, with at most 6 decimals; --json prints them as strings.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

PURSUIT_ID = typer.Argument(..., metavar="ID", help="The pursuit's id (see `board show`).")


def register(app: typer.Typer) -> None:
    """Add the ``pursuit`` command group to ``app``."""
    app.add_typer(pursuit_app, name="pursuit")


def _pursuit(pursuit: PursuitInfo) -> dict[str, Any]:
    return {
        "id": pursuit.id,
        "board": pursuit.board,
        "organization_id": pursuit.organization_id,
        "organization": pursuit.organization,
        "domain": pursuit.domain,
        "stage": pursuit.stage,
        "owner": pursuit.owner,
        "amount": exact(pursuit.amount),
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
        echo_json(
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
    won: bool = typer.Option(False, "--won", help="Close it as won (this or --lost)."),
    lost: bool = typer.Option(False, "--lost", help="Close it as lost (this or --won)."),
    reason: str | None = typer.Option(
        None, "--reason", metavar="TEXT", help="Why it was won or lost (e.g. 'price')."
    ),
    as_json: bool = JSON,
    workspace: str | None = workspace_option(),
) -> None:
    """Close an open pursuit as won or lost: it moves to the board's won or lost stage,
    recorded as made by LEADSIEVE_USER. A closed pursuit cannot be closed again."""
    from leadsieve.service.boards import close_pursuit

    if won == lost:
        said = "both --won and --lost" if won else "neither --won nor --lost"
        raise typer.BadParameter(f"pass --won or --lost, not {said}", param_hint="'--won'")
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
        echo_json(
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
        echo_json({**_pursuit(pursuit), "history": history})
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
