"""``ingest_icp_matches``: leads scored against an ICP, a pursuit opened on a board for each
organization that qualifies, each once, paid like any run; on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from leadsieve.errors import (
    BoardNotFound,
    IcpNotFound,
    InsufficientCredits,
    InvalidValue,
    ListNotFound,
    SalesIcpAmbiguous,
)
from leadsieve.service import accounts, boards, contacts, profiles
from leadsieve.service.fits import show_list_fits
from leadsieve.service.importing import import_file
from leadsieve.service.ingest import IngestReport, ingest_icp_matches
from leadsieve.service.lists import get_list
from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
from leadsieve.store import db
from leadsieve.store.repositories import fits as fits_repo
from leadsieve.store.repositories import pursuits as pursuits_repo
from leadsieve.store.tables import (
    Board,
    BoardStage,
    Contact,
    IcpProfile,
    LeadFit,
    Organization,
    Pursuit,
    PursuitContact,
    PursuitMove,
    User,
)
from tests.service.test_qualify import AS_OF, balance, icp, ledger, setup, write

#: What the ICP of ``test_qualify`` makes of its 8 leads: Ann (VP Sales) and Bo (Data
#: Engineer) at Acme, Eva at Nordic Pay and Zoom Thousands alone qualify; Shady Coin is
#: disqualified, Tiny Shop, the free-mail CEO and the mail-only contact do not qualify.
EXPECTED = {
    "Acme Analytics": ["ann@acme-analytics.com", "bo@acme-analytics.com"],
    "Nordic Pay AB": ["eva@nordicpay.se"],
    "Zoom Thousands": [],
}

#: Leads of a second list: a contact at a new company, and a company alone.
EXTRA = """\
Company Name,Website,Industry,# Employees,Country,Keywords,Technologies,First Name,Last Name,Title,Email
Cara Cloud,caracloud.example,Software Development,300,United States,b2b,salesforce,Cara,Diaz,CEO,cara@caracloud.example
Quiet Corp,quietcorp.example,Software Development,120,Canada,b2b,hubspot,,,,
"""


def stored(tmp_path: Path, database_url: str, **kwargs: Any) -> tuple[Engine, int]:
    """Workspace ``acme`` with the 8 leads as list ``q3``, the ICP ``mid-market`` and the
    board ``sales``; the engine and the workspace's id."""
    engine = open_store(database_url)
    space = setup(engine, write(tmp_path), icp(), **kwargs)
    with unit_of_work(engine) as session:
        boards.create_board(session, space, "sales")
    return engine, space


def ingest(engine: Engine, **kwargs: Any) -> IngestReport:
    options: dict[str, Any] = {"workspace": "acme", "as_of": AS_OF, "list_name": "q3"}
    return ingest_icp_matches(engine, "sales", **{**options, **kwargs})


def board_pursuits(engine: Engine, board: str = "sales") -> dict[str, list[str]]:
    """Each pursuit's organization name -> its contacts' emails, sorted."""
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(Organization.name, Contact.email)
            .select_from(Pursuit)
            .join(Organization, Organization.id == Pursuit.organization_id)
            .outerjoin(PursuitContact, PursuitContact.pursuit_id == Pursuit.id)
            .outerjoin(Contact, Contact.id == PursuitContact.contact_id)
            .join(Board, Board.id == Pursuit.board_id)
            .where(Board.name == board)
        ).all()
    found: dict[str, list[str]] = {}
    for name, email in rows:
        found.setdefault(name, [])
        if email is not None:
            found[name].append(email)
    return {name: sorted(emails) for name, emails in found.items()}


def count(engine: Engine, table: Any) -> int:
    with unit_of_work(engine) as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def contact_id(engine: Engine, email: str) -> int:
    with unit_of_work(engine) as session:
        return session.scalars(select(Contact.id).where(Contact.email == email)).one()


# --- what a run does -----------------------------------------------------------------------


def test_a_list_opens_one_pursuit_per_qualifying_organization(
    tmp_path: Path, database_url: str
) -> None:
    """8 leads scored, 4 qualified at 3 organizations: 3 pursuits at the first stage, source
    icp, with the ICP profile, version and the best qualified score, the acting user as their
    owner, their qualifying contacts on them and their opening in the history, made by the
    acting user."""
    engine, space = stored(tmp_path, database_url)
    with unit_of_work(engine) as session:
        accounts.add_user(session, space, "rep@acme.example", role="member")
    report = ingest(engine, user="rep@acme.example")
    assert report.as_json() == {
        "scored": 8,
        "qualified": 4,
        "opened": 3,
        "already_open": 0,
        "skipped_do_not_contact": 0,
        "skipped_closed": 0,
        "reused": 0,
    }
    assert (report.leads, report.without_organization, report.list_name) == (8, 0, "q3")
    assert board_pursuits(engine) == EXPECTED
    with unit_of_work(engine) as session:
        profile_id = session.scalars(select(IcpProfile.id)).one()
        opened = session.execute(
            select(
                Organization.name,
                BoardStage.key,
                Pursuit.source,
                Pursuit.icp_profile_id,
                Pursuit.icp_version,
                Pursuit.fit_score,
                Pursuit.owner_id,
                Pursuit.closed_at,
            )
            .join(Organization, Organization.id == Pursuit.organization_id)
            .join(BoardStage, BoardStage.id == Pursuit.stage_id)
            .order_by(Organization.name)
        ).all()
        best = dict(
            session.execute(
                select(Organization.name, func.max(LeadFit.score))
                .join(LeadFit, LeadFit.organization_id == Organization.id)
                .where(LeadFit.qualified.is_(True))
                .group_by(Organization.name)
            ).all()
        )
        moves = session.execute(
            select(PursuitMove.pursuit_id, PursuitMove.from_stage_id, BoardStage.key, User.email)
            .join(BoardStage, BoardStage.id == PursuitMove.to_stage_id)
            .join(User, User.id == PursuitMove.user_id)
        ).all()
    with unit_of_work(engine) as session:
        rep = session.scalars(select(User.id).where(User.email == "rep@acme.example")).one()
    assert [row[0] for row in opened] == sorted(EXPECTED)
    for name, stage, source, icp_id, version, score, owner, closed in opened:
        assert (stage, source, icp_id, version, owner, closed) == (
            "inbox",
            "icp",
            profile_id,
            1,
            rep,
            None,
        )
        assert score == best[name]
    assert best["Acme Analytics"] == 100
    assert len(moves) == 3 and {m[1:] for m in moves} == {(None, "inbox", "rep@acme.example")}


def test_the_fits_are_stored_as_qualify_stores_them(tmp_path: Path, database_url: str) -> None:
    """Every lead gets its fit of the ICP version, written by the run's job, so the list
    shows them with ``list show --icp``."""
    engine, space = stored(tmp_path, database_url)
    report = ingest(engine)
    assert report.job.startswith("ingest:")
    with unit_of_work(engine) as session:
        jobs = session.scalars(select(LeadFit.job)).all()
        lead_list = get_list(session, space, "q3")
        shown = show_list_fits(
            session, resolve_workspace(session, "acme"), lead_list.id, "mid-market"
        )
    assert jobs == [report.job] * 8
    assert shown.fitted == 8
    assert sum(1 for row in shown.rows if row.fit and row.fit.qualified) == report.qualified


def test_running_it_again_opens_nothing_new(tmp_path: Path, database_url: str) -> None:
    """The second run on the unchanged list reuses the fits of the first (same ICP version,
    same day, no lead changed since): it scores and charges nothing, and every organization
    is already open, so no pursuit, contact or history entry is added. A pursuit opened by
    hand before counts as already open and gets no contact."""
    engine, space = stored(tmp_path, database_url)
    with unit_of_work(engine) as session:
        nordic = session.scalars(
            select(Organization.id).where(Organization.name == "Nordic Pay AB")
        ).one()
        board = boards.get_board(session, space, "sales")
        boards.open_pursuit(session, space, board.id, nordic, source="referral")
    first = ingest(engine)
    assert (first.opened, first.already_open) == (2, 1)
    assert board_pursuits(engine) == {**EXPECTED, "Nordic Pay AB": []}
    before = [count(engine, table) for table in (Pursuit, PursuitContact, PursuitMove)]
    second = ingest(engine)
    assert second.as_json() == {
        "scored": 0,
        "qualified": 4,
        "opened": 0,
        "already_open": 3,
        "skipped_do_not_contact": 0,
        "skipped_closed": 0,
        "reused": 8,
    }
    assert second.charged == 0
    assert [count(engine, table) for table in (Pursuit, PursuitContact, PursuitMove)] == before
    assert [kind for kind, _, _ in ledger(engine, space)] == ["charge"]


def test_a_changed_lead_is_scored_and_charged_again(tmp_path: Path, database_url: str) -> None:
    """A lead whose record changed after its fit (here an import filled its empty phone) is
    scored and charged again; the others keep their fits; another as-of day reuses none."""
    engine, _ = stored(tmp_path, database_url)
    ingest(engine)
    import time

    time.sleep(1.1)  # SQLite keeps times to the second: the change must come after the fit
    change = "Email,Phone\nbo@acme-analytics.com,+1 415 555 0199\n"
    import_file(engine, write(tmp_path, change, "change.csv"), list_name="q3", workspace="acme")
    again = ingest(engine)
    assert (again.reused, again.scored, again.leads) == (7, 1, 1)
    later = ingest(engine, as_of=AS_OF.replace(day=AS_OF.day + 1))
    assert (later.reused, later.scored) == (0, 8)


def test_every_lead_of_the_workspace_reuses_its_current_fits(
    tmp_path: Path, database_url: str
) -> None:
    """Without a list, as with one: a second run over every lead of the workspace reuses the
    fits still current and scores, charges and opens nothing; leads imported since (a
    contact, an organization alone) and a contact whose record changed are scored and charged
    alone; another as-of day reuses none."""
    engine, space = stored(tmp_path, database_url)
    first = ingest(engine, list_name=None)
    assert (first.reused, first.scored) == (0, 8) and first.opened == 3
    second = ingest(engine, list_name=None)
    assert (second.reused, second.scored, second.leads, second.charged) == (8, 0, 0, 0)
    assert (second.opened, second.already_open, second.qualified) == (0, 3, first.qualified)
    import time

    time.sleep(1.1)  # SQLite keeps times to the second: the change must come after the fit
    import_file(engine, write(tmp_path, EXTRA, "extra.csv"), list_name="extra", workspace="acme")
    change = "Email,Phone\nbo@acme-analytics.com,+1 415 555 0199\n"
    import_file(engine, write(tmp_path, change, "change.csv"), list_name="q3", workspace="acme")
    third = ingest(engine, list_name=None)
    assert (third.reused, third.scored, third.charged) == (7, 3, Decimal("1.5"))
    assert [kind for kind, _, _ in ledger(engine, space)] == ["charge", "charge"]
    later = ingest(engine, list_name=None, as_of=AS_OF.replace(day=AS_OF.day + 1))
    assert (later.reused, later.scored) == (0, 10)


def test_a_closed_pursuit_is_reopened_only_when_lost_long_enough_ago(
    tmp_path: Path, database_url: str
) -> None:
    """A pursuit closed won is never reopened; one closed lost not within --reopen-after days
    (default 90): both counted as skipped_closed; with a window of 0 days the lost one opens
    again, the won one still not."""
    engine, space = stored(tmp_path, database_url)
    ingest(engine)

    def close(name: str, *, won: bool) -> None:
        with unit_of_work(engine) as session:
            pursuit = session.scalars(
                select(Pursuit.id)
                .join(Organization, Organization.id == Pursuit.organization_id)
                .where(Organization.name == name)
            ).one()
            boards.close_pursuit(session, space, pursuit, won=won, reason="done")

    close("Zoom Thousands", won=False)
    close("Nordic Pay AB", won=True)
    again = ingest(engine)
    assert (again.opened, again.already_open, again.skipped_closed) == (0, 1, 2)
    assert count(engine, Pursuit) == 3
    later = ingest(engine, reopen_after=0)
    assert (later.opened, later.already_open, later.skipped_closed) == (1, 1, 1)
    assert count(engine, Pursuit) == 4


def test_do_not_contact_contacts_are_never_attached_and_are_counted(
    tmp_path: Path, database_url: str
) -> None:
    """Bo and Eva are do-not-contact: Acme's pursuit gets Ann only, Nordic Pay's opens with
    no contact (the company still qualifies), and the two are counted."""
    engine, space = stored(tmp_path, database_url)
    with unit_of_work(engine) as session:
        for email in ("bo@acme-analytics.com", "eva@nordicpay.se"):
            contacts.mark_do_not_contact(
                session, space, contact_id(engine, email), reason="asked", source="email"
            )
    report = ingest(engine)
    assert (report.opened, report.skipped_do_not_contact) == (3, 2)
    assert board_pursuits(engine) == {
        "Acme Analytics": ["ann@acme-analytics.com"],
        "Nordic Pay AB": [],
        "Zoom Thousands": [],
    }


def test_every_lead_of_the_workspace_when_no_list_is_named(
    tmp_path: Path, database_url: str
) -> None:
    """No list: every contact with its company and every company without contacts, across
    lists, each once (10 leads); a qualified contact without a company opens nothing and is
    counted apart."""
    engine, space = stored(tmp_path, database_url)
    import_file(engine, write(tmp_path, EXTRA, "extra.csv"), list_name="extra", workspace="acme")
    import_file(engine, write(tmp_path), list_name="copy", workspace="acme")
    report = ingest(engine, list_name=None)
    assert (report.leads, report.scored, report.list_name) == (10, 10, None)
    assert (report.opened, report.already_open) == (5, 0)
    assert board_pursuits(engine) == {
        **EXPECTED,
        "Cara Cloud": ["cara@caracloud.example"],
        "Quiet Corp": [],
    }
    assert ledger(engine, space)[-1][1] == Decimal(-5)

    # an ICP of roles only: the free-mail CEO qualifies but has no company
    profiles.save_profile(
        engine,
        icp(slug="chiefs", rules={"roles": {"seniority": ["c_suite"]}}, disqualifiers={}),
        workspace="acme",
    )
    chiefs = ingest(engine, list_name=None, icp_slug="chiefs")
    assert (chiefs.qualified, chiefs.without_organization) == (2, 1)
    assert (chiefs.opened, chiefs.already_open) == (0, 1)  # Cara Cloud's is open


# --- concurrency ---------------------------------------------------------------------------


def test_two_runs_at_once_open_each_pursuit_once(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs on two engines reach the opening together (a barrier holds the first until
    the second arrives): each pursuit is opened once, with its contacts once and one opening
    in its history; between them the runs open 3 and find the rest open."""
    engine, _ = stored(tmp_path, database_url)
    other = db.make_engine(database_url)
    barrier = threading.Barrier(2, timeout=60)
    real_lock = pursuits_repo.lock_board

    def together(session: Any, board_id: int) -> bool:
        barrier.wait()
        return real_lock(session, board_id)

    monkeypatch.setattr(pursuits_repo, "lock_board", together)
    reports: list[IngestReport] = []
    errors: list[BaseException] = []

    def run(target: Engine) -> None:
        try:
            reports.append(ingest(target))
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(e,)) for e in (engine, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    other.dispose()
    assert not errors, errors
    assert sorted((r.opened, r.already_open) for r in reports) == [(0, 3), (3, 0)]
    assert board_pursuits(engine) == EXPECTED
    assert (count(engine, Pursuit), count(engine, PursuitContact)) == (3, 3)
    assert count(engine, PursuitMove) == 3


# --- credits -------------------------------------------------------------------------------


def test_a_run_is_charged_its_scored_leads_times_the_price(
    tmp_path: Path, database_url: str
) -> None:
    """One charge entry of leads × price, exact, under the run's ingest job."""
    engine, space = stored(tmp_path, database_url, grant="10")
    report = ingest(engine, price="0.123457")
    assert ledger(engine, space) == [("charge", Decimal("-0.987656"), report.job)]
    assert report.charged == Decimal("0.987656") == report.scored * Decimal("0.123457")
    assert report.balance == balance(engine, space) == Decimal("9.012344")


def test_a_short_balance_writes_nothing(tmp_path: Path, database_url: str) -> None:
    """INSUFFICIENT_CREDITS names required and available; no fit, pursuit or ledger entry
    is written."""
    engine, space = stored(tmp_path, database_url, grant="3.99")
    with pytest.raises(InsufficientCredits) as raised:
        ingest(engine, price="0.5")
    assert (raised.value.required, raised.value.available) == (Decimal(4), Decimal("3.99"))
    assert "nothing was scored, opened or charged" in raised.value.message
    assert count(engine, LeadFit) == count(engine, Pursuit) == count(engine, PursuitMove) == 0
    assert ledger(engine, space) == [] and balance(engine, space) == Decimal("3.99")


def test_a_failure_while_scoring_refunds_the_unscored_and_opens_nothing(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of 3, the second write fails: 3 leads keep their fits, the other 5 are
    refunded, no pursuit is opened, and the error says so."""
    engine, space = stored(tmp_path, database_url, grant="100")
    real = fits_repo.write_fits
    writes: list[int] = []

    def failing(session: Any, fits: Any, **kwargs: Any) -> None:
        writes.append(1)
        if len(writes) == 2:
            raise OSError("disk full")
        real(session, fits, **kwargs)

    monkeypatch.setattr(fits_repo, "write_fits", failing)
    with pytest.raises(OSError, match="disk full") as raised:
        ingest(engine, price="0.5", batch_size=3)
    assert count(engine, LeadFit) == 3 and count(engine, Pursuit) == 0
    [charge, refund] = ledger(engine, space)
    assert (charge[:2], refund[:2]) == (("charge", Decimal(-4)), ("refund", Decimal("2.5")))
    assert any("5 leads unscored" in note for note in raised.value.__notes__)


# --- choosing the ICP ----------------------------------------------------------------------


def test_the_only_icp_is_used_when_none_is_named(tmp_path: Path, database_url: str) -> None:
    """With one profile, naming none, its slug or its id gives the same run."""
    engine, _ = stored(tmp_path, database_url)
    with unit_of_work(engine) as session:
        profile_id = session.scalars(select(IcpProfile.id)).one()
    unnamed = ingest(engine, icp_id=None)
    by_id = ingest(engine, icp_id=profile_id)
    by_slug = ingest(engine, icp_slug="mid-market")
    assert {r.icp_slug for r in (unnamed, by_id, by_slug)} == {"mid-market"}
    assert [r.already_open for r in (by_id, by_slug)] == [3, 3]


def test_several_icps_and_none_named_is_ambiguous(tmp_path: Path, database_url: str) -> None:
    """SALES_ICP_AMBIGUOUS lists the slugs to choose from (only those the user sees); nothing
    is scored, opened or charged. The current version is the one scored."""
    engine, space = stored(tmp_path, database_url)
    profiles.save_profile(engine, icp(slug="enterprise"), workspace="acme")
    with unit_of_work(engine) as session:
        accounts.add_user(session, space, "owner@acme.example", role="owner")
    profiles.save_profile(
        engine,
        icp(slug="secret"),
        workspace="acme",
        user="owner@acme.example",
        visibility="private",
    )
    with pytest.raises(SalesIcpAmbiguous, match=r"2 ICP profiles \(enterprise, mid-market\)"):
        ingest(engine)
    with pytest.raises(SalesIcpAmbiguous, match=r"\(enterprise, mid-market, secret\)"):
        ingest(engine, user="owner@acme.example")
    assert count(engine, LeadFit) == count(engine, Pursuit) == 0 and ledger(engine, space) == []

    profiles.save_profile(engine, icp(slug="enterprise", min_score=100), workspace="acme")
    strict = ingest(engine, icp_slug="enterprise")  # version 2: Ann alone scores 100
    assert (strict.icp_version, strict.qualified, strict.opened) == (2, 1, 1)
    assert board_pursuits(engine) == {"Acme Analytics": ["ann@acme-analytics.com"]}


def test_no_icp_or_an_unknown_one_is_not_found(tmp_path: Path, database_url: str) -> None:
    """No profile at all, an unknown slug or id: ICP_NOT_FOUND naming the profiles there
    are; both a slug and an id: refused. Nothing is charged."""
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        space = accounts.create_workspace(session, "acme").id
        boards.create_board(session, space, "sales")
    import_file(engine, write(tmp_path), list_name="q3", workspace="acme")
    with pytest.raises(IcpNotFound, match="has no ICP profile"):
        ingest(engine)
    profiles.save_profile(engine, icp(), workspace="acme")
    with pytest.raises(IcpNotFound, match=r"no ICP profile 'nope'.*profiles: mid-market"):
        ingest(engine, icp_slug="nope")
    with pytest.raises(IcpNotFound, match=r"id 999 .*profiles: mid-market \(id \d+\)"):
        ingest(engine, icp_id=999)
    with pytest.raises(InvalidValue, match="not both"):
        ingest(engine, icp_id=1, icp_slug="mid-market")
    assert ledger(engine, space) == [] and count(engine, Pursuit) == 0


def test_an_unknown_board_or_list_names_what_exists(tmp_path: Path, database_url: str) -> None:
    """BOARD_NOT_FOUND names the boards, LIST_NOT_FOUND the lists."""
    engine, _ = stored(tmp_path, database_url)
    with pytest.raises(BoardNotFound, match=r"no board 'pipeline'.*boards: 'sales'"):
        ingest_icp_matches(engine, "pipeline", workspace="acme")
    with pytest.raises(ListNotFound, match=r"no list 'q4'.*lists: 'q3'"):
        ingest(engine, list_name="q4")


# --- tenancy -------------------------------------------------------------------------------


def test_a_board_icp_or_list_of_another_workspace_cannot_be_used(
    tmp_path: Path, database_url: str
) -> None:
    """Acting in workspace B: A's board, list and ICP (by slug or by id) are not found, B's
    own are named; nothing is charged or opened in either workspace. B's whole-workspace run
    scores B's leads only."""
    engine, a = stored(tmp_path, database_url, workspace="a")
    path = write(tmp_path)
    b = setup(engine, path, icp(slug="b-icp"), workspace="b", list_name="b-list")
    with unit_of_work(engine) as session:
        boards.create_board(session, b, "b-board")
        a_icp = session.scalars(select(IcpProfile.id).where(IcpProfile.workspace_id == a)).one()

    def in_b(board: str = "b-board", **kwargs: Any) -> IngestReport:
        options: dict[str, Any] = {"workspace": "b", "as_of": AS_OF, "list_name": "b-list"}
        return ingest_icp_matches(engine, board, **{**options, **kwargs})

    with pytest.raises(BoardNotFound, match=r"workspace 'b' \(boards: 'b-board'\)"):
        in_b("sales")
    with pytest.raises(ListNotFound, match=r"workspace 'b' \(lists: 'b-list'\)"):
        in_b(list_name="q3")
    with pytest.raises(IcpNotFound, match=r"'mid-market' in workspace 'b' \(profiles: b-icp\)"):
        in_b(icp_slug="mid-market")
    with pytest.raises(IcpNotFound, match=rf"id {a_icp} in workspace 'b'"):
        in_b(icp_id=a_icp)
    assert ledger(engine, a) == ledger(engine, b) == [] and count(engine, Pursuit) == 0

    everything = in_b(list_name=None)
    assert (everything.scored, everything.opened) == (8, 3)
    with unit_of_work(engine) as session:
        workspaces = set(session.scalars(select(Pursuit.workspace_id)))
        fits = set(session.scalars(select(LeadFit.workspace_id)))
    assert workspaces == fits == {b} and ledger(engine, a) == []


def test_a_dry_run_says_what_would_happen_and_writes_nothing(
    tmp_path: Path, database_url: str
) -> None:
    """--dry-run scores and reports what would be charged and opened, and leaves the ledger,
    the fits and the board as they were; the real run then does what it said."""
    engine, space = stored(tmp_path, database_url)
    before = balance(engine, space)
    dry = ingest(engine, dry_run=True)
    assert dry.dry_run and (dry.scored, dry.qualified, dry.opened) == (8, 4, 3)
    assert dry.charged == 4  # 8 leads at 0.5
    assert balance(engine, space) == before
    assert count(engine, Pursuit) == count(engine, LeadFit) == 0
    real = ingest(engine)
    assert (real.scored, real.qualified, real.opened, real.charged) == (8, 4, 3, 4)
