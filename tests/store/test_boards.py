"""Sales boards: default stages, one open pursuit per (board, organization) even from two
threads at once, moves with history, closing, the stage-weighted forecast, tenancy through
every service function, and the 0004 migration. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from leadsieve.errors import (
    AlreadyExists,
    BoardNotFound,
    Forbidden,
    InvalidValue,
    LeadsieveError,
    NotFound,
    PursuitClosed,
    PursuitNotFound,
)
from leadsieve.service import pipeline
from leadsieve.service.accounts import add_user
from leadsieve.service.boards import (
    board_stages,
    close_pursuit,
    create_board,
    get_board,
    get_board_by_id,
    get_pursuit,
    list_boards,
    member_id,
    move_pursuit,
    open_pursuit,
    pursuit_history,
    show_board,
)
from leadsieve.service.pipeline import Opening, PursuitInfo
from leadsieve.service.store import unit_of_work
from leadsieve.store import db
from leadsieve.store.tables import (
    Contact,
    IcpProfile,
    IcpVersion,
    Organization,
    Pursuit,
    PursuitContact,
    PursuitMove,
)
from tests.store.helpers import make_workspace


def make_organizations(engine: Engine, workspace_id: int, n: int) -> list[int]:
    """``n`` organizations named Org 0..n-1, their ids in order."""
    with unit_of_work(engine) as session:
        rows = [
            Organization(
                workspace_id=workspace_id, name=f"Org {i}", domain=f"org{i}-{workspace_id}.example"
            )
            for i in range(n)
        ]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def make_contact(engine: Engine, workspace_id: int, organization_id: int, **values: Any) -> int:
    with unit_of_work(engine) as session:
        contact = Contact(workspace_id=workspace_id, organization_id=organization_id, **values)
        session.add(contact)
        session.flush()
        return contact.id


def make_user(engine: Engine, workspace_id: int, email: str) -> int:
    with unit_of_work(engine) as session:
        return add_user(session, workspace_id, email).user.id


def make_board(engine: Engine, workspace_id: int, name: str = "sales") -> int:
    with unit_of_work(engine) as session:
        return create_board(session, workspace_id, name).id


def open_(engine: Engine, workspace_id: int, board_id: int, org: int, **kw: Any) -> Opening:
    with unit_of_work(engine) as session:
        return open_pursuit(session, workspace_id, board_id, org, **kw)


def pursuit(engine: Engine, workspace_id: int, pursuit_id: int) -> PursuitInfo:
    with unit_of_work(engine) as session:
        return get_pursuit(session, workspace_id, pursuit_id)


def history(engine: Engine, workspace_id: int, pursuit_id: int) -> list[tuple[Any, ...]]:
    with unit_of_work(engine) as session:
        moves = pursuit_history(session, workspace_id, pursuit_id)
    return [(m.from_stage, m.to_stage, m.user) for m in moves]


def count(engine: Engine, model: Any, *where: Any) -> int:
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


# --- boards --------------------------------------------------------------------------------


def test_a_new_board_has_the_nine_default_stages(engine: Engine) -> None:
    """inbox ... negotiation are open with rising probabilities; won (1, closed, won) and lost
    (0, closed, not won) end the board; a taken or empty name is refused; `list_boards`
    counts stages and open pursuits."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    with unit_of_work(engine) as session:
        stages = board_stages(session, acme, board)
    assert [(s.key, s.position, s.probability, s.closed, s.won) for s in stages] == [
        ("inbox", 1, Decimal(0), False, False),
        ("researching", 2, Decimal("0.05"), False, False),
        ("qualified", 3, Decimal("0.1"), False, False),
        ("contacted", 4, Decimal("0.2"), False, False),
        ("meeting", 5, Decimal("0.3"), False, False),
        ("proposal", 6, Decimal("0.5"), False, False),
        ("negotiation", 7, Decimal("0.7"), False, False),
        ("won", 8, Decimal(1), True, True),
        ("lost", 9, Decimal(0), True, False),
    ]
    assert [s.label for s in stages][:2] == ["Inbox", "Researching"]
    with unit_of_work(engine) as session, pytest.raises(AlreadyExists, match="'sales'"):
        create_board(session, acme, " sales ")
    with unit_of_work(engine) as session, pytest.raises(InvalidValue, match="empty"):
        create_board(session, acme, "  ")
    with unit_of_work(engine) as session, pytest.raises(InvalidValue, match="at most 200"):
        create_board(session, acme, "x" * 201)
    (org,) = make_organizations(engine, acme, 1)
    open_(engine, acme, board, org)
    make_board(engine, acme, "enterprise")
    with unit_of_work(engine) as session:
        shown = [(b.name, b.stages, b.open_pursuits) for b in list_boards(session, acme)]
    assert shown == [("enterprise", 9, 0), ("sales", 9, 1)]


def test_an_unknown_board_names_the_existing_ones(engine: Engine) -> None:
    """BOARD_NOT_FOUND names the workspace's boards and how to create one."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session, pytest.raises(BoardNotFound, match="none yet"):
        get_board(session, acme, "sales")
    board = make_board(engine, acme, "sales")
    make_board(engine, acme, "renewals")
    with unit_of_work(engine) as session:
        assert get_board(session, acme, " sales ").id == board
        with pytest.raises(BoardNotFound) as raised:
            get_board(session, acme, "pipeline")
        with pytest.raises(BoardNotFound, match="with id 9999"):
            get_board_by_id(session, acme, 9999)
    message = raised.value.message
    assert raised.value.code == "BOARD_NOT_FOUND"
    assert "'pipeline'" in message and "'renewals', 'sales'" in message
    assert "workspace 'acme'" in message and "leadsieve board create NAME" in message


# --- opening -------------------------------------------------------------------------------


def test_opening_twice_returns_the_open_pursuit(engine: Engine) -> None:
    """The second opening creates nothing: it returns the open pursuit as already_open, adds
    the contacts it names (each once) and leaves amount, owner and source as they were. The
    opening is the first move of the history, made by the acting user."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    org, other = make_organizations(engine, acme, 2)
    ann = make_contact(engine, acme, org, email="ann@org.example")
    bob = make_contact(engine, acme, org, email="bob@org.example")
    owner = make_user(engine, acme, "owner@acme.example")
    first = open_(
        engine,
        acme,
        board,
        org,
        contacts=[ann, ann],
        owner_id=owner,
        amount="12000.50",
        currency="eur",
        source=" referral ",
        user_id=owner,
    )
    assert first.status == "opened" and first.contacts_added == 1
    info = first.pursuit
    assert (info.stage, info.amount, info.currency, info.source) == (
        "inbox",
        Decimal("12000.5"),
        "EUR",
        "referral",
    )
    assert (info.owner, info.contacts, info.closed_at, info.won) == (
        "owner@acme.example",
        (ann,),
        None,
        None,
    )
    again = open_(engine, acme, board, org, contacts=[ann, bob], amount="1", source="other")
    assert again.status == "already_open" and again.pursuit.id == info.id
    assert again.contacts_added == 1 and again.pursuit.contacts == (ann, bob)
    assert (again.pursuit.amount, again.pursuit.source) == (Decimal("12000.5"), "referral")
    assert count(engine, Pursuit) == 1 and count(engine, PursuitContact) == 2
    assert history(engine, acme, info.id) == [(None, "inbox", "owner@acme.example")]
    elsewhere = open_(engine, acme, board, other, stage="Qualified")
    assert elsewhere.status == "opened" and elsewhere.pursuit.id != info.id
    assert (elsewhere.pursuit.stage, elsewhere.pursuit.amount) == ("qualified", None)
    assert elsewhere.pursuit.currency is None and elsewhere.pursuit.owner is None


def test_a_pursuit_remembers_the_icp_fit_that_opened_it(engine: Engine) -> None:
    """ICP profile id, version and fit score are stored as given; a version the profile lacks,
    a version without a profile, or a score outside 0..100 is INVALID_VALUE."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    org, org2, org3, org4 = make_organizations(engine, acme, 4)
    with unit_of_work(engine) as session:
        profile = IcpProfile(
            workspace_id=acme, slug="saas", name="SaaS", visibility="workspace", current_version=1
        )
        session.add(profile)
        session.flush()
        session.add(IcpVersion(profile_id=profile.id, number=1, document={}))
        profile_id = profile.id
    done = open_(engine, acme, board, org, icp_profile_id=profile_id, icp_version=1, fit_score=87)
    assert (done.pursuit.icp_profile_id, done.pursuit.icp_version) == (profile_id, 1)
    assert done.pursuit.fit_score == 87
    for kwargs, says in [
        ({"icp_profile_id": profile_id, "icp_version": 2}, "no version 2"),
        ({"icp_version": 1}, "needs the ICP profile"),
        ({"fit_score": 101}, "0 to 100"),
        ({"fit_score": -1}, "0 to 100"),
    ]:
        with pytest.raises(InvalidValue, match=says):
            open_(engine, acme, board, org2, **kwargs)
    assert open_(engine, acme, board, org3, fit_score=0).pursuit.fit_score == 0
    assert open_(engine, acme, board, org4, icp_profile_id=profile_id).pursuit.icp_version is None
    assert count(engine, Pursuit) == 3


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        pytest.param({"amount": "-5"}, "0 or more", id="negative-amount"),
        pytest.param({"amount": "lots"}, "a number", id="amount-not-a-number"),
        pytest.param({"amount": "NaN"}, "a number", id="nan"),
        pytest.param({"amount": "1_000"}, "a number", id="underscores"),
        pytest.param({"amount": "1.0000001"}, "6 decimals", id="too-precise"),
        pytest.param({"amount": "1e13"}, "at most", id="too-large"),
        pytest.param({"amount": 1.5}, "a number", id="float"),
        pytest.param({"amount": "10", "currency": "dollars"}, "ISO 4217", id="currency"),
        pytest.param({"stage": "won"}, "open stage", id="closed-stage"),
        pytest.param({"stage": "nowhere"}, "no stage 'nowhere'", id="unknown-stage"),
    ],
)
def test_an_opening_with_bad_values_writes_nothing(
    engine: Engine, kwargs: dict[str, Any], says: str
) -> None:
    """A bad amount, currency or starting stage is INVALID_VALUE and no pursuit is written."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    (org,) = make_organizations(engine, acme, 1)
    with pytest.raises(InvalidValue, match=says):
        open_(engine, acme, board, org, **kwargs)
    assert count(engine, Pursuit) == 0 and count(engine, PursuitMove) == 0


def test_a_do_not_contact_contact_may_be_put_on_a_pursuit_by_hand(engine: Engine) -> None:
    """do_not_contact is about outreach: a user may still record the contact on a pursuit."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    (org,) = make_organizations(engine, acme, 1)
    quiet = make_contact(engine, acme, org, email="quiet@org.example", do_not_contact=True)
    assert open_(engine, acme, board, org, contacts=[quiet]).pursuit.contacts == (quiet,)


ROUNDS = 8


def test_two_openings_at_once_make_one_open_pursuit(engine: Engine) -> None:
    """Round after round, two threads released at once open a pursuit for the same
    organization: one opens it, the other gets it back as already_open, and the board has
    exactly one open pursuit for it, with one opening move."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    organizations = make_organizations(engine, acme, ROUNDS)
    for org in organizations:
        start = threading.Barrier(2)

        def run(_: int, org: int = org, start: threading.Barrier = start) -> object:
            start.wait()
            try:
                return open_(engine, acme, board, org)
            except LeadsieveError as error:
                return error

        with ThreadPoolExecutor(2) as pool:
            outcomes = list(pool.map(run, range(2)))
        assert all(isinstance(o, Opening) for o in outcomes), outcomes
        openings = [o for o in outcomes if isinstance(o, Opening)]
        assert sorted(o.status for o in openings) == ["already_open", "opened"]
        assert openings[0].pursuit.id == openings[1].pursuit.id
        assert count(engine, Pursuit, Pursuit.organization_id == org) == 1
        assert count(engine, PursuitMove, PursuitMove.pursuit_id == openings[0].pursuit.id) == 1


def test_after_closing_a_new_pursuit_can_be_opened(engine: Engine) -> None:
    """A closed pursuit no longer blocks the organization: the next opening is a new pursuit,
    and the closed one keeps its outcome."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    (org,) = make_organizations(engine, acme, 1)
    first = open_(engine, acme, board, org).pursuit.id
    with unit_of_work(engine) as session:
        close_pursuit(session, acme, first, won=False, reason="no budget")
    second = open_(engine, acme, board, org)
    assert second.status == "opened" and second.pursuit.id != first
    assert open_(engine, acme, board, org).pursuit.id == second.pursuit.id
    old = pursuit(engine, acme, first)
    assert (old.stage, old.won, old.close_reason) == ("lost", False, "no budget")


# --- moving and closing --------------------------------------------------------------------


def test_a_move_records_from_to_and_who(engine: Engine) -> None:
    """Each move appends (from, to, user) to the history; a stage is named by key or label in
    any case; moving to the stage it is at changes nothing and records nothing."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    (org,) = make_organizations(engine, acme, 1)
    ann = make_user(engine, acme, "ann@acme.example")
    bob = make_user(engine, acme, "bob@acme.example")
    pid = open_(engine, acme, board, org, user_id=ann).pursuit.id
    with unit_of_work(engine) as session:
        moved = move_pursuit(session, acme, pid, "Qualified", user_id=bob)
        assert (moved.from_stage, moved.to_stage, moved.moved) == ("inbox", "qualified", True)
        assert moved.pursuit.stage == "qualified" and moved.pursuit.closed_at is None
        move_pursuit(session, acme, pid, " MEETING ")
        same = move_pursuit(session, acme, pid, "meeting", user_id=ann)
        assert not same.moved and (same.from_stage, same.to_stage) == ("meeting", "meeting")
    assert history(engine, acme, pid) == [
        (None, "inbox", "ann@acme.example"),
        ("inbox", "qualified", "bob@acme.example"),
        ("qualified", "meeting", None),
    ]
    with unit_of_work(engine) as session:
        moves = pursuit_history(session, acme, pid)
    assert all(m.at is not None for m in moves)


def test_moving_to_a_closed_stage_closes_the_pursuit(engine: Engine) -> None:
    """Moving to won closes it as won, to lost as lost; it leaves the board's open cards and
    counts as closed at that stage."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    org, other = make_organizations(engine, acme, 2)
    won = open_(engine, acme, board, org).pursuit.id
    lost = open_(engine, acme, board, other).pursuit.id
    with unit_of_work(engine) as session:
        done = move_pursuit(session, acme, won, "won")
        move_pursuit(session, acme, lost, "lost")
        view = show_board(session, acme, board)
    assert done.pursuit.closed_at is not None and done.pursuit.won is True
    assert done.pursuit.close_reason is None
    assert pursuit(engine, acme, lost).won is False
    assert all(not column.pursuits for column in view.columns)
    closed = {c.stage.key: c.closed_pursuits for c in view.columns if c.closed_pursuits}
    assert closed == {"won": 1, "lost": 1}


def test_close_won_or_lost_with_a_reason(engine: Engine) -> None:
    """close --won moves to the won stage, --lost to the lost one; the reason is kept."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    org, other = make_organizations(engine, acme, 2)
    ann = make_user(engine, acme, "ann@acme.example")
    a = open_(engine, acme, board, org).pursuit.id
    b = open_(engine, acme, board, other).pursuit.id
    with unit_of_work(engine) as session:
        move_pursuit(session, acme, a, "proposal")
        won = close_pursuit(session, acme, a, won=True, reason=" signed ", user_id=ann)
        lost = close_pursuit(session, acme, b, won=False)
    assert (won.from_stage, won.to_stage, won.pursuit.won) == ("proposal", "won", True)
    assert won.pursuit.close_reason == "signed"
    assert (lost.to_stage, lost.pursuit.won, lost.pursuit.close_reason) == ("lost", False, None)
    assert history(engine, acme, a)[-1] == ("proposal", "won", "ann@acme.example")


def test_a_closed_pursuit_cannot_move_or_close_again_and_nothing_changes(engine: Engine) -> None:
    """Moving or closing a closed pursuit is PURSUIT_CLOSED saying when and how it closed; an
    unknown stage is INVALID_VALUE naming the board's stages; an unknown pursuit is
    PURSUIT_NOT_FOUND. The pursuit and its history stay as they were."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    org, other = make_organizations(engine, acme, 2)
    pid = open_(engine, acme, board, org).pursuit.id
    live = open_(engine, acme, board, other).pursuit.id
    with unit_of_work(engine) as session, pytest.raises(InvalidValue) as raised:
        move_pursuit(session, acme, live, "demo")
    assert "no stage 'demo'" in raised.value.message
    assert "inbox, researching, qualified, contacted, meeting" in raised.value.message
    with unit_of_work(engine) as session:
        close_pursuit(session, acme, pid, won=True, reason="signed")
    before = pursuit(engine, acme, pid)
    for action in (
        lambda s: move_pursuit(s, acme, pid, "inbox"),
        lambda s: move_pursuit(s, acme, pid, "lost"),
        lambda s: close_pursuit(s, acme, pid, won=False, reason="changed my mind"),
        lambda s: close_pursuit(s, acme, pid, won=True),
    ):
        with unit_of_work(engine) as session, pytest.raises(PursuitClosed) as closed:
            action(session)
        assert "closed as won" in closed.value.message
        assert "nothing was changed" in closed.value.message
    assert closed.value.code == "PURSUIT_CLOSED"
    assert pursuit(engine, acme, pid) == before
    assert history(engine, acme, pid) == [(None, "inbox", None), ("inbox", "won", None)]
    assert history(engine, acme, live) == [(None, "inbox", None)]
    with unit_of_work(engine) as session, pytest.raises(PursuitNotFound, match="id 9999"):
        move_pursuit(session, acme, 9999, "won")


def test_two_closes_at_once_close_once(engine: Engine) -> None:
    """Round after round, two threads close the same pursuit at once (one won, one lost):
    one closes it, the other gets PURSUIT_CLOSED, and the history has one closing move."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    for org in make_organizations(engine, acme, ROUNDS):
        pid = open_(engine, acme, board, org).pursuit.id
        start = threading.Barrier(2)

        def run(won: bool, pid: int = pid, start: threading.Barrier = start) -> object:
            start.wait()
            try:
                with unit_of_work(engine) as session:
                    return close_pursuit(session, acme, pid, won=won)
            except LeadsieveError as error:
                return error

        with ThreadPoolExecutor(2) as pool:
            outcomes = list(pool.map(run, [True, False]))
        refused = [o for o in outcomes if isinstance(o, PursuitClosed)]
        assert len(refused) == 1, outcomes
        assert len(history(engine, acme, pid)) == 2


# --- the forecast --------------------------------------------------------------------------


def test_the_board_shows_open_pursuits_by_stage_with_an_exact_forecast(engine: Engine) -> None:
    """Per stage: its open pursuits (organization, domain, amount, contacts) and Σ amount x
    probability per currency, exact to the millionth; the total adds the stages. A pursuit
    without an amount adds nothing; a closed one is not in the forecast."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    orgs = make_organizations(engine, acme, 7)
    ann = make_contact(engine, acme, orgs[0], email="ann@org.example")
    bob = make_contact(engine, acme, orgs[0], email="bob@org.example")
    plan = [
        (orgs[0], "researching", "1000", "USD", [ann, bob]),  # 50
        (orgs[1], "proposal", "333.33", "USD", []),  # 166.665
        (orgs[2], "proposal", "0.1", "USD", []),  # 0.05
        (orgs[3], "negotiation", "0.000001", "USD", []),  # 0.0000007
        (orgs[4], "meeting", "200", "EUR", []),  # 60
        (orgs[5], "qualified", None, None, []),  # no amount
        (orgs[6], "proposal", "5000", "USD", []),  # won below: left out
    ]
    ids = []
    for org, stage, amount, currency, contacts in plan:
        done = open_(engine, acme, board, org, amount=amount, currency=currency, contacts=contacts)
        with unit_of_work(engine) as session:
            move_pursuit(session, acme, done.pursuit.id, stage)
        ids.append(done.pursuit.id)
    with unit_of_work(engine) as session:
        close_pursuit(session, acme, ids[-1], won=True)
        view = show_board(session, acme, board)
    columns = {column.stage.key: column for column in view.columns}
    assert list(columns) == [s.key for s in pipeline.DEFAULT_STAGES]
    assert columns["researching"].forecast == {"USD": Decimal(50)}
    assert columns["proposal"].forecast == {"USD": Decimal("166.715")}
    assert columns["negotiation"].forecast == {"USD": Decimal("0.0000007")}
    assert columns["meeting"].forecast == {"EUR": Decimal(60)}
    assert columns["qualified"].forecast == {} and columns["inbox"].forecast == {}
    assert columns["won"].forecast == {} and columns["won"].closed_pursuits == 1
    assert view.forecast == {"EUR": Decimal(60), "USD": Decimal("216.7150007")}
    (card,) = columns["researching"].pursuits
    assert (card.id, card.organization, card.domain) == (ids[0], "Org 0", f"org0-{acme}.example")
    assert (card.amount, card.currency, card.weighted, card.contacts) == (
        Decimal(1000),
        "USD",
        Decimal(50),
        2,
    )
    assert [c.id for c in columns["proposal"].pursuits] == [ids[1], ids[2]]
    (unpriced,) = columns["qualified"].pursuits
    assert (unpriced.amount, unpriced.weighted, unpriced.contacts) == (None, None, 0)


@pytest.mark.parametrize(
    ("pursuits", "expected"),
    [
        pytest.param([], {}, id="empty"),
        pytest.param([("USD", None, 5000)], {}, id="no-amount"),
        pytest.param([("USD", 0, 5000)], {"USD": Decimal(0)}, id="zero"),
        pytest.param(
            [("USD", 100_000, 1000), ("USD", 200_000, 1000)], {"USD": Decimal("0.03")}, id="exact"
        ),
        pytest.param([("EUR", 10**18, 10_000)], {"EUR": Decimal(10**12)}, id="largest"),
        pytest.param(
            [("SEK", 1, 1), ("USD", 3_000_000, 3333)],
            {"SEK": Decimal("1E-10"), "USD": Decimal("0.9999")},
            id="tiny-and-two-currencies",
        ),
    ],
)
def test_forecast_arithmetic(
    pursuits: list[tuple[str, int | None, int]], expected: dict[str, Decimal]
) -> None:
    """Σ amount x probability per currency from millionths and basis points, with no float
    on the way (0.1 + 0.2 at 10% is 0.03, not 0.030000000000000006)."""
    assert pipeline.forecast(pursuits) == expected


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        pytest.param("12000.50", Decimal("12000.5"), id="trailing-zero"),
        pytest.param(" 7 ", Decimal(7), id="spaces"),
        pytest.param(0, Decimal(0), id="zero"),
        pytest.param(Decimal("0.000001"), Decimal("0.000001"), id="one-millionth"),
        pytest.param("1E+3", Decimal(1000), id="exponent"),
    ],
)
def test_amounts_are_exact(value: object, amount: Decimal) -> None:
    """An amount keeps every digit up to the millionth, in its shortest spelling."""
    parsed = pipeline.parse_amount(value)
    assert parsed == amount and str(parsed) == str(amount)
    assert pipeline.from_micro(pipeline.to_micro(parsed)) == parsed


def test_currencies_and_probabilities() -> None:
    """A currency is three letters, upper-cased, USD by default when there is an amount; a
    probability is 0..1 with at most 4 decimals."""
    assert pipeline.parse_currency(" sek ", amount=True) == "SEK"
    assert pipeline.parse_currency(None, amount=True) == "USD"
    assert pipeline.parse_currency("", amount=False) is None
    with pytest.raises(InvalidValue, match="ISO 4217"):
        pipeline.parse_currency("US$", amount=True)
    assert pipeline.to_basis_points(Decimal("0.125")) == 1250
    assert pipeline.from_basis_points(1250) == Decimal("0.125")
    for bad in ("1.5", "-0.1", "0.00001"):
        with pytest.raises(InvalidValue, match="0 to 1"):
            pipeline.to_basis_points(Decimal(bad))


# --- tenancy -------------------------------------------------------------------------------


def test_a_workspace_never_reads_or_changes_another_workspaces_board(engine: Engine) -> None:
    """Every service function acts in its workspace: another workspace's board and pursuit
    are not found; its organizations, contacts, users and ICP profiles are FORBIDDEN; and
    nothing of the other workspace changes."""
    acme = make_workspace(engine, "acme")
    globex = make_workspace(engine, "globex")
    acme_board = make_board(engine, acme)
    globex_board = make_board(engine, globex)  # the same name in another workspace is fine
    (acme_org,) = make_organizations(engine, acme, 1)
    (globex_org,) = make_organizations(engine, globex, 1)
    globex_contact = make_contact(engine, globex, globex_org, email="gina@globex.example")
    globex_user = make_user(engine, globex, "gina@globex.example")
    with unit_of_work(engine) as session:
        profile = IcpProfile(
            workspace_id=globex, slug="p", name="P", visibility="workspace", current_version=1
        )
        session.add(profile)
        session.flush()
        globex_profile = profile.id
    theirs = open_(engine, globex, globex_board, globex_org).pursuit.id
    before = pursuit(engine, globex, theirs)

    with unit_of_work(engine) as session:
        assert [b.name for b in list_boards(session, acme)] == ["sales"]
        assert get_board(session, acme, "sales").id == acme_board
    not_found: list[Any] = [
        lambda s: get_board_by_id(s, acme, globex_board),
        lambda s: board_stages(s, acme, globex_board),
        lambda s: show_board(s, acme, globex_board),
        lambda s: open_pursuit(s, acme, globex_board, acme_org),
    ]
    for action in not_found:
        with unit_of_work(engine) as session, pytest.raises(BoardNotFound):
            action(session)
    gone: list[Any] = [
        lambda s: get_pursuit(s, acme, theirs),
        lambda s: pursuit_history(s, acme, theirs),
        lambda s: move_pursuit(s, acme, theirs, "meeting"),
        lambda s: close_pursuit(s, acme, theirs, won=True),
    ]
    for action in gone:
        with unit_of_work(engine) as session, pytest.raises(PursuitNotFound) as raised:
            action(session)
        assert "workspace 'acme'" in raised.value.message
    # another workspace's organization or contact is not found, as one that does not exist
    for action in [
        lambda s: open_pursuit(s, acme, acme_board, globex_org),
        lambda s: open_pursuit(s, acme, acme_board, 999_999),
        lambda s: open_pursuit(s, acme, acme_board, acme_org, contacts=[globex_contact]),
    ]:
        with unit_of_work(engine) as session, pytest.raises(NotFound) as missing:
            action(session)
        assert "no organization" in missing.value.message or "no contacts" in missing.value.message
    forbidden: list[Any] = [
        lambda s: open_pursuit(s, acme, acme_board, acme_org, owner_id=globex_user),
        lambda s: open_pursuit(s, acme, acme_board, acme_org, user_id=globex_user),
        lambda s: open_pursuit(s, acme, acme_board, acme_org, icp_profile_id=globex_profile),
        lambda s: member_id(s, acme, "gina@globex.example"),
        lambda s: member_id(s, acme, "nobody@example.com"),
    ]
    for action in forbidden:
        with unit_of_work(engine) as session, pytest.raises(Forbidden):
            action(session)
    acme_pid = open_(engine, acme, acme_board, acme_org).pursuit.id
    for action in [
        lambda s: move_pursuit(s, acme, acme_pid, "meeting", user_id=globex_user),
        lambda s: close_pursuit(s, acme, acme_pid, won=True, user_id=globex_user),
    ]:
        with unit_of_work(engine) as session, pytest.raises(Forbidden):
            action(session)
    with unit_of_work(engine) as session:
        assert show_board(session, acme, acme_board).columns[0].pursuits[0].id == acme_pid
        assert not any(c.pursuits for c in show_board(session, globex, globex_board).columns[1:])
    assert pursuit(engine, globex, theirs) == before
    assert history(engine, globex, theirs) == [(None, "inbox", None)]
    assert pursuit(engine, acme, acme_pid).stage == "inbox"
    assert count(engine, Pursuit) == 2


# --- the schema ----------------------------------------------------------------------------


def test_the_database_keeps_one_open_pursuit_per_board_and_organization(engine: Engine) -> None:
    """The partial unique index refuses a second open pursuit written straight to the table,
    while closed pursuits of the organization may be many; its predicate is closed_at IS NULL
    on both databases (autogenerate does not compare it, so this test does)."""
    acme = make_workspace(engine, "acme")
    board = make_board(engine, acme)
    (org,) = make_organizations(engine, acme, 1)
    stage = open_(engine, acme, board, org).pursuit
    with unit_of_work(engine) as session:
        stage_id = session.scalar(select(Pursuit.stage_id).where(Pursuit.id == stage.id))
    row = {"w": acme, "b": board, "o": org, "s": stage_id}
    columns = "workspace_id, board_id, organization_id, stage_id"
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text(f"INSERT INTO pursuits ({columns}) VALUES (:w, :b, :o, :s)"), row)
    for _ in range(2):
        with engine.begin() as connection:
            connection.execute(
                text(
                    f"INSERT INTO pursuits ({columns}, closed_at, won) "
                    "VALUES (:w, :b, :o, :s, CURRENT_TIMESTAMP, :won)"
                ),
                {**row, "won": False},
            )
    assert count(engine, Pursuit, Pursuit.organization_id == org) == 3
    (index,) = [
        i
        for i in inspect(engine).get_indexes("pursuits")
        if i["name"] == "uq_pursuits_open_organization"
    ]
    assert index["unique"] and index["column_names"] == ["board_id", "organization_id"]
    where = index["dialect_options"].get("postgresql_where") or index["dialect_options"].get(
        "sqlite_where"
    )
    assert str(where).strip("()").lower() == "closed_at is null"


def test_0004_adds_the_board_tables_and_takes_them_away(database_url: str) -> None:
    """From 0003, the upgrade adds boards, stages, pursuits, their contacts and moves (a
    probability above 1 or a won stage that does not close is refused); the downgrade drops
    them and keeps the rest; upgrading to the head again works."""
    tables = {"boards", "board_stages", "pursuits", "pursuit_contacts", "pursuit_moves"}
    engine = db.make_engine(database_url)
    assert db.upgrade(engine, "0003") == "0003"
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO workspaces (id, slug, name) VALUES (1, 'w', 'W')"))
    assert tables.isdisjoint(inspect(engine).get_table_names())
    assert db.upgrade(engine, "0004") == "0004"
    assert tables <= set(inspect(engine).get_table_names())
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO boards (id, workspace_id, name) VALUES (1, 1, 's')"))
        insert_stage = (
            "INSERT INTO board_stages (board_id, key, label, position, probability_bp, closed, "
            "won) VALUES (1, :key, 'x', 1, :bp, :closed, :won)"
        )
        connection.execute(
            text(insert_stage), {"key": "a", "bp": 500, "closed": False, "won": False}
        )
    for key, bp, closed, won in [("b", 10_001, False, False), ("c", 0, False, True)]:
        with pytest.raises(IntegrityError), engine.begin() as connection:
            params = {"key": key, "bp": bp, "closed": closed, "won": won}
            connection.execute(text(insert_stage), params)
    assert db.downgrade(engine, "0003") == "0003"
    names = set(inspect(engine).get_table_names())
    assert tables.isdisjoint(names) and "credit_entries" in names
    with engine.connect() as connection:
        assert connection.execute(text("SELECT slug FROM workspaces")).scalar() == "w"
    assert db.upgrade(engine) == db.head_revision()
    assert tables <= set(inspect(engine).get_table_names())
    engine.dispose()
