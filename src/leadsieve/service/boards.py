"""Sales boards: pipelines of ordered stages whose cards are pursuits, one workspace each.

A new board gets the default stages (``pipeline.DEFAULT_STAGES``: inbox ... negotiation, then
won and lost, which close a pursuit). A pursuit is one organization's sales case on a board;
at most one per (board, organization) is open, which the database enforces: opening is
``INSERT ... ON CONFLICT DO NOTHING`` on a partial unique index, so opening twice, or from two
processes at once, gives one pursuit, and the second caller gets it back as ``already_open``.
After it closes, a new pursuit for the organization may be opened.

Every move, the opening included, is recorded with who made it and when. Moving to a closed
stage closes the pursuit; a closed pursuit cannot move or close again (``PursuitClosed``,
nothing changed). Moves and closes of one pursuit take turns on its lock.

Every function acts in one workspace: a board or pursuit of another is not found there, and
an organization, contact, owner or ICP profile of another is ``Forbidden``. A contact flagged
``do_not_contact`` may still be put on a pursuit by hand (the flag is about outreach, not
about recording who is involved); the ICP-match ingest will skip such contacts. The caller
owns the transaction (``unit_of_work``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.orm import Session

from leadsieve.errors import (
    AlreadyExists,
    BoardNotFound,
    Forbidden,
    InvalidValue,
    NotFound,
    PursuitClosed,
    PursuitNotFound,
)
from leadsieve.service import pipeline
from leadsieve.service.pipeline import (
    DEFAULT_STAGES,
    BoardSummary,
    BoardView,
    Card,
    Column,
    Move,
    Moved,
    Opening,
    OpenStatus,
    PursuitInfo,
    Stage,
)
from leadsieve.store.repositories import accounts, icps
from leadsieve.store.repositories import boards as repo
from leadsieve.store.tables import Board, BoardStage, Pursuit, Workspace

MAX_NAME = 200


# --- boards --------------------------------------------------------------------------------


def create_board(session: Session, workspace_id: int, name: str) -> Board:
    """A new board with the default stages; ``AlreadyExists`` when the name is taken."""
    name = _clean_name(name)
    stages = [
        {
            "key": spec.key,
            "label": spec.label,
            "position": position,
            "probability_bp": pipeline.to_basis_points(spec.probability),
            "closed": spec.closed,
            "won": spec.won,
        }
        for position, spec in enumerate(DEFAULT_STAGES, start=1)
    ]
    created = repo.create(session, workspace_id, name, stages)
    if created is None:
        raise AlreadyExists(
            f"a board named {name!r} already exists; see it with `leadsieve board show "
            f"{name}` or choose another name"
        )
    return created


def get_board(session: Session, workspace_id: int, name: str) -> Board:
    """The workspace's board ``name``; ``BoardNotFound`` naming the boards that exist."""
    found = repo.get_by_name(session, workspace_id, name.strip())
    if found is None:
        raise _board_not_found(session, workspace_id, repr(name))
    return found


def get_board_by_id(session: Session, workspace_id: int, board_id: int) -> Board:
    """The workspace's board with this id; another workspace's is not found here."""
    found = repo.get_by_id(session, board_id)
    if found is None or found.workspace_id != workspace_id:
        raise _board_not_found(session, workspace_id, f"with id {board_id}")
    return found


def list_boards(session: Session, workspace_id: int) -> list[BoardSummary]:
    """The workspace's boards by name, with their number of stages and open pursuits."""
    return [
        BoardSummary(board.id, board.name, n_stages, n_open, board.created_at)
        for board, n_stages, n_open in repo.with_counts(session, workspace_id)
    ]


def board_stages(session: Session, workspace_id: int, board_id: int) -> list[Stage]:
    """The board's stages in order."""
    get_board_by_id(session, workspace_id, board_id)
    return [_stage(row) for row in repo.stages(session, board_id)]


def show_board(session: Session, workspace_id: int, board_id: int) -> BoardView:
    """The board's stages in order, each with its open pursuits (oldest first) and their
    stage-weighted forecast (Σ amount × probability, per currency), and the board's total."""
    board = get_board_by_id(session, workspace_id, board_id)
    stages = repo.stages(session, board_id)
    cards: dict[int, list[Card]] = {stage.id: [] for stage in stages}
    points = {stage.id: stage.probability_bp for stage in stages}
    weighted: dict[int, list[tuple[str | None, int | None, int]]] = {s.id: [] for s in stages}
    for row in repo.open_cards(session, board_id):
        share = pipeline.forecast([(row.currency, row.amount_micro, points[row.stage_id])])
        weighted[row.stage_id].append((row.currency, row.amount_micro, points[row.stage_id]))
        cards[row.stage_id].append(
            Card(
                id=row.id,
                organization_id=row.organization_id,
                organization=row.organization,
                domain=row.domain,
                amount=None if row.amount_micro is None else pipeline.from_micro(row.amount_micro),
                currency=row.currency,
                weighted=next(iter(share.values()), None),
                owner=row.owner,
                contacts=int(row.contacts),
                opened_at=row.opened_at,
            )
        )
    closed = repo.closed_counts(session, board_id)
    columns = [
        Column(_stage(s), cards[s.id], pipeline.forecast(weighted[s.id]), closed.get(s.id, 0))
        for s in stages
    ]
    return BoardView(board.id, board.name, columns, pipeline.add(*(c.forecast for c in columns)))


# --- pursuits ------------------------------------------------------------------------------


def open_pursuit(
    session: Session,
    workspace_id: int,
    board_id: int,
    organization_id: int,
    *,
    contacts: Sequence[int] = (),
    owner_id: int | None = None,
    amount: Decimal | int | str | None = None,
    currency: str | None = None,
    source: str | None = None,
    stage: str | None = None,
    icp_profile_id: int | None = None,
    icp_version: int | None = None,
    fit_score: int | None = None,
    user_id: int | None = None,
) -> Opening:
    """Open a pursuit for the organization on the board, at ``stage`` (default: the first),
    with ``contacts``, ``owner_id``, ``amount`` (exact, 0 or more, at most 6 decimals) in
    ``currency`` (USD when unnamed), ``source`` and the ICP fit that opened it; the opening is
    recorded as made by ``user_id``.

    When the board already has an open pursuit for the organization, that one is returned as
    ``already_open``: the named contacts are added to it (each once), nothing else changes.
    Every id must be the workspace's (``NotFound`` otherwise, nothing written)."""
    board = get_board_by_id(session, workspace_id, board_id)
    stages = repo.stages(session, board_id)
    start = pipeline.opening_stage(stages, stage, board=board.name)
    micro = None if amount is None else pipeline.to_micro(pipeline.parse_amount(amount))
    code = pipeline.parse_currency(currency, amount=micro is not None)
    wanted = list(dict.fromkeys(contacts))
    # another workspace's record is not found, as one that does not exist: no hint it exists
    if repo.organization(session, workspace_id, organization_id) is None:
        raise NotFound(
            f"no organization with id {organization_id} in this workspace; nothing was opened "
            "(use the id of one of this workspace's organizations)"
        )
    if stray := sorted(set(wanted) - repo.contacts_in(session, workspace_id, wanted)):
        raise NotFound(
            f"no contacts with ids {', '.join(map(str, stray))} in this workspace; nothing was "
            "opened (use ids of this workspace's contacts)"
        )
    _check_member(session, workspace_id, owner_id, "the owner")
    _check_member(session, workspace_id, user_id, "the acting user")
    _check_fit(session, workspace_id, icp_profile_id, icp_version, fit_score)
    values = {
        "workspace_id": workspace_id,
        "board_id": board_id,
        "organization_id": organization_id,
        "stage_id": start.id,
        "owner_id": owner_id,
        "amount_micro": micro,
        "currency": code,
        "source": (source or "").strip() or None,
        "icp_profile_id": icp_profile_id,
        "icp_version": icp_version,
        "fit_score": fit_score,
    }
    status: OpenStatus = "opened"
    while (pursuit_id := repo.insert_open(session, values)) is None:
        # the open pursuit we collided with, committed by now; were it closed meanwhile
        # (PostgreSQL reads afresh per statement), the next insert opens a new one
        existing = repo.find_open(session, board_id, organization_id)
        if existing is not None:
            pursuit_id, status = existing.id, "already_open"
            break
    if status == "opened":
        repo.record_move(session, pursuit_id, None, start.id, user_id)
    added = repo.add_contacts(session, pursuit_id, wanted)
    return Opening(status, get_pursuit(session, workspace_id, pursuit_id), added)


def get_pursuit(session: Session, workspace_id: int, pursuit_id: int) -> PursuitInfo:
    """The workspace's pursuit with this id; another workspace's is not found here."""
    return _info(session, _pursuit(session, workspace_id, pursuit_id))


def pursuit_history(session: Session, workspace_id: int, pursuit_id: int) -> list[Move]:
    """The pursuit's moves, oldest first (the opening first), with who made each and when."""
    _pursuit(session, workspace_id, pursuit_id)
    return [Move(a, b, who, at) for a, b, who, at in repo.moves(session, pursuit_id)]


def move_pursuit(
    session: Session, workspace_id: int, pursuit_id: int, stage: str, user_id: int | None = None
) -> Moved:
    """Move an open pursuit to ``stage`` (a key or label of its board), recorded as made by
    ``user_id``. A closed stage closes it (won at a won stage, else lost). Already there:
    nothing changes (``moved`` False). A closed pursuit is ``PursuitClosed`` and an unknown
    stage ``InvalidValue`` naming the board's stages; nothing changes."""
    _check_member(session, workspace_id, user_id, "the acting user")
    pursuit, board, stages = _locked(session, workspace_id, pursuit_id)
    target = pipeline.find_stage(stages, stage, board=board.name)
    if target.id == pursuit.stage_id:
        return Moved(_info(session, pursuit), target.key, target.key, moved=False)
    return _step(session, pursuit, stages, target, user_id)


def close_pursuit(
    session: Session,
    workspace_id: int,
    pursuit_id: int,
    *,
    won: bool,
    reason: str | None = None,
    user_id: int | None = None,
) -> Moved:
    """Close an open pursuit as won or lost, with an optional ``reason``: it moves to the
    board's first won (or lost) stage, recorded as made by ``user_id``. Closing a closed
    pursuit is ``PursuitClosed`` and changes nothing."""
    _check_member(session, workspace_id, user_id, "the acting user")
    pursuit, board, stages = _locked(session, workspace_id, pursuit_id)
    target = pipeline.closing_stage(stages, won=won, board=board.name)
    return _step(session, pursuit, stages, target, user_id, (reason or "").strip() or None)


def _step(
    session: Session,
    pursuit: Pursuit,
    stages: list[BoardStage],
    target: BoardStage,
    user_id: int | None,
    reason: str | None = None,
) -> Moved:
    """Put the locked, open pursuit at ``target`` (closing it at a closed stage) and record
    the move."""
    current = next(s for s in stages if s.id == pursuit.stage_id)
    repo.set_stage(
        session, pursuit.id, target.id, closed=target.closed, won=target.won, reason=reason
    )
    repo.record_move(session, pursuit.id, current.id, target.id, user_id)
    moved = get_pursuit(session, pursuit.workspace_id, pursuit.id)
    return Moved(moved, current.key, target.key, moved=True)


# --- helpers -------------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned:
        raise InvalidValue("a board name cannot be empty; give it a name such as 'sales'")
    if len(cleaned) > MAX_NAME:
        raise InvalidValue(f"a board name has at most {MAX_NAME} characters, not {len(cleaned)}")
    return cleaned


def _where(session: Session, workspace_id: int) -> str:
    workspace = session.get(Workspace, workspace_id)
    return "this workspace" if workspace is None else f"workspace {workspace.slug!r}"


def _board_not_found(session: Session, workspace_id: int, what: str) -> BoardNotFound:
    existing = ", ".join(repr(n) for n in repo.names(session, workspace_id)) or "none yet"
    return BoardNotFound(
        f"no board {what} in {_where(session, workspace_id)} (boards: {existing}); "
        "create one with `leadsieve board create NAME`"
    )


def _pursuit(session: Session, workspace_id: int, pursuit_id: int) -> Pursuit:
    found = repo.get_pursuit(session, pursuit_id)
    if found is None or found.workspace_id != workspace_id:
        raise _pursuit_not_found(session, workspace_id, pursuit_id)
    return found


def _locked(
    session: Session, workspace_id: int, pursuit_id: int
) -> tuple[Pursuit, Board, list[BoardStage]]:
    """The workspace's open pursuit, locked until the transaction ends, with its board and the
    board's stages."""
    found = repo.lock_pursuit(session, pursuit_id)
    if found is None or found.workspace_id != workspace_id:
        raise _pursuit_not_found(session, workspace_id, pursuit_id)
    if found.closed_at is not None:
        outcome = "won" if found.won else "lost"
        raise PursuitClosed(
            f"pursuit {found.id} was closed as {outcome} on {found.closed_at:%Y-%m-%d}; nothing "
            "was changed. Open a new pursuit for the organization with `leadsieve pursuit open "
            "BOARD --organization ID`"
        )
    board = repo.get_by_id(session, found.board_id)
    assert board is not None  # a foreign key
    return found, board, repo.stages(session, board.id)


def _pursuit_not_found(session: Session, workspace_id: int, pursuit_id: int) -> PursuitNotFound:
    return PursuitNotFound(
        f"no pursuit with id {pursuit_id} in {_where(session, workspace_id)}; see the open "
        "pursuits with `leadsieve board show NAME`"
    )


def _stage(row: BoardStage) -> Stage:
    probability = pipeline.from_basis_points(row.probability_bp)
    return Stage(row.key, row.label, row.position, probability, row.closed, row.won)


def _check_member(session: Session, workspace_id: int, user_id: int | None, who: str) -> None:
    if user_id is not None and accounts.get_role(session, workspace_id, user_id) is None:
        raise Forbidden(
            f"{who} (user {user_id}) is not a member of this workspace; nothing was changed "
            "(add them with `leadsieve user add EMAIL`)"
        )


def member_id(session: Session, workspace_id: int, email: str) -> int:
    """The id of the workspace member with this email (``--owner``); ``Forbidden`` for anyone
    else, so an owner is always a member."""
    user = icps.find_user(session, email.strip())
    if user is None or accounts.get_role(session, workspace_id, user.id) is None:
        raise Forbidden(
            f"{email.strip()!r} is not a member of {_where(session, workspace_id)}; add them "
            f"with `leadsieve user add {email.strip()}`, or name a member"
        )
    return user.id


def _check_fit(
    session: Session,
    workspace_id: int,
    profile_id: int | None,
    version: int | None,
    score: int | None,
) -> None:
    if profile_id is None:
        if version is not None:
            raise InvalidValue("an ICP version needs the ICP profile id it belongs to")
    elif not repo.icp_profile_in(session, workspace_id, profile_id):
        raise Forbidden(f"ICP profile id {profile_id} is not in this workspace; nothing was opened")
    elif version is not None and not repo.icp_version_exists(
        session, workspace_id, profile_id, version
    ):
        raise InvalidValue(f"ICP profile {profile_id} has no version {version}")
    if score is not None and (isinstance(score, bool) or not 0 <= score <= 100):
        raise InvalidValue(f"a fit score is a whole number 0 to 100, not {score!r}")


def _info(session: Session, pursuit: Pursuit) -> PursuitInfo:
    board = repo.get_by_id(session, pursuit.board_id)
    organization = repo.organization(session, pursuit.workspace_id, pursuit.organization_id)
    stage = session.get(BoardStage, pursuit.stage_id)
    assert board is not None and organization is not None and stage is not None  # foreign keys
    return PursuitInfo(
        id=pursuit.id,
        board=board.name,
        organization_id=pursuit.organization_id,
        organization=organization.name,
        domain=organization.domain,
        stage=stage.key,
        stage_label=stage.label,
        owner=repo.email(session, pursuit.owner_id),
        amount=None if pursuit.amount_micro is None else pipeline.from_micro(pursuit.amount_micro),
        currency=pursuit.currency,
        source=pursuit.source,
        icp_profile_id=pursuit.icp_profile_id,
        icp_version=pursuit.icp_version,
        fit_score=pursuit.fit_score,
        contacts=tuple(repo.contact_ids(session, pursuit.id)),
        opened_at=pursuit.opened_at,
        closed_at=pursuit.closed_at,
        won=pursuit.won,
        close_reason=pursuit.close_reason,
    )
