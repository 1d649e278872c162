"""The credit ledger: grants, balance and history; charges once per job and never past the
balance, even from two runs at once; refunds once and never above the charge; tenancy; the
price setting; the 0003 migration. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from leadsieve.errors import (
    Forbidden,
    InsufficientCredits,
    InvalidValue,
    LeadsieveError,
    WorkspaceNotFound,
)
from leadsieve.service.accounts import add_user
from leadsieve.service.credits import (
    Charge,
    balance,
    charge,
    grant,
    history,
    refund,
)
from leadsieve.service.store import resolve_workspace, unit_of_work
from leadsieve.settings import Settings
from leadsieve.store import db
from leadsieve.store.tables import CreditEntry
from tests.store.helpers import make_workspace


def give(engine: Engine, workspace_id: int, amount: str) -> None:
    with unit_of_work(engine) as session:
        grant(session, workspace_id, amount)


def credits_of(engine: Engine, workspace_id: int) -> Decimal:
    with unit_of_work(engine) as session:
        return balance(session, workspace_id)


def entries(engine: Engine) -> int:
    """Every ledger entry of every workspace."""
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count()).select_from(CreditEntry)) or 0


# --- grants, balance, history --------------------------------------------------------------


def test_grants_add_up_exactly_and_history_is_newest_first(engine: Engine) -> None:
    """Balance is the exact sum of the grants (no float drift, down to a micro-credit);
    history lists them newest first, with reason and granting user, and honours a limit."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session:
        ann = add_user(session, acme, "ann@acme.example", role="owner").user.id
    with unit_of_work(engine) as session:
        assert balance(session, acme) == 0
        assert history(session, acme) == []
        first = grant(session, acme, "100", reason=" invoice 1042 ", user_id=ann)
        grant(session, acme, Decimal("0.1"))
        grant(session, acme, "0.2")
        grant(session, acme, 3)
        grant(session, acme, "0.000001")
    assert first.amount == Decimal(100) and first.kind == "grant"
    assert first.reason == "invoice 1042" and first.user == "ann@acme.example"
    assert credits_of(engine, acme) == Decimal("103.300001")
    with unit_of_work(engine) as session:
        shown = history(session, acme)
        assert [e.amount for e in shown] == [
            Decimal("0.000001"),
            Decimal(3),
            Decimal("0.2"),
            Decimal("0.1"),
            Decimal(100),
        ]
        assert [str(e.amount) for e in history(session, acme, limit=2)] == ["0.000001", "3"]
        assert history(session, acme, limit=0) == []
        assert shown[-1].user == "ann@acme.example" and shown[0].user is None
        assert all(e.job is None for e in shown)
        with pytest.raises(InvalidValue, match="0 or more"):
            history(session, acme, limit=-1)


@pytest.mark.parametrize(
    ("amount", "says"),
    [
        pytest.param("0", "more than 0", id="zero"),
        pytest.param(0, "more than 0", id="zero-int"),
        pytest.param("-5", "more than 0", id="negative"),
        pytest.param(Decimal("-0.5"), "more than 0", id="negative-decimal"),
        pytest.param("abc", "a number", id="not-a-number"),
        pytest.param("", "a number", id="empty"),
        pytest.param("NaN", "a number", id="nan"),
        pytest.param("Infinity", "a number", id="infinity"),
        pytest.param("1.0000001", "6 decimals", id="too-precise"),
        pytest.param("1e13", "at most", id="too-large"),
    ],
)
def test_a_grant_that_is_not_a_positive_exact_amount_writes_nothing(
    engine: Engine, amount: object, says: str
) -> None:
    """Zero, negative, non-numeric, finer than a micro-credit or absurdly large: INVALID_VALUE
    saying what to do, and the ledger stays empty."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session, pytest.raises(InvalidValue, match=says) as raised:
        grant(session, acme, amount)  # type: ignore[arg-type]
    assert "leadsieve credits grant" in raised.value.message
    assert entries(engine) == 0
    assert credits_of(engine, acme) == 0


def test_a_grant_by_someone_outside_the_workspace_is_refused(engine: Engine) -> None:
    """The granting user must be a member of the workspace; nothing is written otherwise."""
    acme = make_workspace(engine, "acme")
    globex = make_workspace(engine, "globex")
    with unit_of_work(engine) as session:
        bob = add_user(session, globex, "bob@globex.example").user.id
    with unit_of_work(engine) as session, pytest.raises(Forbidden, match="not a member"):
        grant(session, acme, "10", user_id=bob)
    with unit_of_work(engine) as session, pytest.raises(WorkspaceNotFound):
        grant(session, 9999, "10")
    assert entries(engine) == 0


# --- charges and refunds -------------------------------------------------------------------


def test_a_charge_above_the_balance_says_required_and_available_and_writes_nothing(
    engine: Engine,
) -> None:
    """21 rows at 0.5 need 10.5 credits; with 10 that is INSUFFICIENT_CREDITS naming both and
    the `credits grant` that would cover it; 20 rows then fit exactly and leave 0."""
    acme = make_workspace(engine, "acme")
    give(engine, acme, "10")
    with unit_of_work(engine) as session, pytest.raises(InsufficientCredits) as raised:
        charge(session, acme, "run-1", 21, Decimal("0.5"))
    error = raised.value
    assert error.code == "INSUFFICIENT_CREDITS"
    assert (error.required, error.available) == (Decimal("10.5"), Decimal(10))
    assert "needs 10.5 credits" in error.message and "has 10;" in error.message
    assert "`leadsieve credits grant 0.5 --workspace acme`" in error.message
    assert entries(engine) == 1 and credits_of(engine, acme) == 10

    with unit_of_work(engine) as session:
        paid = charge(session, acme, "run-1", 20, "0.5")
    assert paid == Charge("run-1", Decimal(10), Decimal(0), paid.entry_id, new=True)
    with unit_of_work(engine) as session:
        (last, _) = history(session, acme)
        assert (last.kind, last.amount, last.job) == ("charge", Decimal(-10), "run-1")
        assert last.reason == "20 rows at 0.5 credits per row"
        with pytest.raises(InsufficientCredits, match="has 0;"):
            charge(session, acme, "run-2", 1, "0.000001")


def test_a_retried_charge_charges_once(engine: Engine) -> None:
    """The same job charged again, in the same or a later transaction, with the same or other
    rows, returns the first charge and takes nothing more; another job is charged anew."""
    acme = make_workspace(engine, "acme")
    give(engine, acme, "100")
    with unit_of_work(engine) as session:
        first = charge(session, acme, "run-1", 30, "0.5")
        again = charge(session, acme, "run-1", 30, "0.5")
    with unit_of_work(engine) as session:
        later = charge(session, acme, " run-1 ", 500, "0.5")  # more than the balance: no matter
    assert first.new and not again.new and not later.new
    assert first.entry_id == again.entry_id == later.entry_id
    assert first.amount == again.amount == later.amount == Decimal(15)
    assert later.balance == credits_of(engine, acme) == Decimal(85)
    with unit_of_work(engine) as session:
        other = charge(session, acme, "run-2", 10, "0.5")
    assert other.new and other.balance == Decimal(80)
    assert entries(engine) == 3


def test_a_refund_is_once_per_charged_job_and_never_above_the_charge(engine: Engine) -> None:
    """A refund gives back rows x price of a charged job once; a second refund returns the
    first; more than was charged, or a job never charged, is INVALID_VALUE and writes nothing."""
    acme = make_workspace(engine, "acme")
    give(engine, acme, "100")
    with unit_of_work(engine) as session:
        charge(session, acme, "run-1", 100, "0.5")  # 50
    with unit_of_work(engine) as session, pytest.raises(InvalidValue, match="more than the 50"):
        refund(session, acme, "run-1", 101, "0.5")
    with unit_of_work(engine) as session, pytest.raises(InvalidValue, match="never charged"):
        refund(session, acme, "run-9", 1, "0.5")
    assert entries(engine) == 2
    with unit_of_work(engine) as session:
        back = refund(session, acme, "run-1", 40, "0.5")
        again = refund(session, acme, "run-1", 40, "0.5")
    with unit_of_work(engine) as session:
        later = refund(session, acme, "run-1", 100, "0.5")
    assert back.new and back.amount == Decimal(20) and back.balance == Decimal(70)
    assert not again.new and not later.new
    assert back.entry_id == again.entry_id == later.entry_id
    assert credits_of(engine, acme) == Decimal(70)
    with unit_of_work(engine) as session:
        assert [(e.kind, e.amount) for e in history(session, acme)] == [
            ("refund", Decimal(20)),
            ("charge", Decimal(-50)),
            ("grant", Decimal(100)),
        ]
    with unit_of_work(engine) as session:
        whole = charge(session, acme, "run-2", 10, "0.5")
        assert refund(session, acme, "run-2", 10, "0.5").amount == whole.amount


def test_free_scoring_writes_nothing_and_never_fails_for_the_balance(engine: Engine) -> None:
    """Price 0 (or 0 rows) charges nothing on an empty balance and writes no entry; refunding
    nothing due is a no-op, charged job or not."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session:
        free = charge(session, acme, "run-1", 1_000_000, "0")
        empty = charge(session, acme, "run-2", 0, "0.5")
        assert refund(session, acme, "run-1", 1_000_000, 0).amount == 0
        assert refund(session, acme, "run-3", 0, "0.5").entry_id is None
    assert (free.amount, free.balance, free.entry_id, free.new) == (0, 0, None, False)
    assert (empty.amount, empty.entry_id) == (0, None)
    assert entries(engine) == 0


@pytest.mark.parametrize(
    ("job", "rows", "price", "says"),
    [
        pytest.param("", 1, "0.5", "job id", id="empty-job"),
        pytest.param("x" * 129, 1, "0.5", "job id", id="long-job"),
        pytest.param("run", -1, "0.5", "whole number", id="negative-rows"),
        pytest.param("run", 1.5, "0.5", "whole number", id="fractional-rows"),
        pytest.param("run", 1, "-0.5", "0 or more", id="negative-price"),
        pytest.param("run", 1, "0.0000001", "6 decimals", id="too-precise-price"),
        pytest.param("run", 1, "cheap", "a number", id="price-not-a-number"),
    ],
)
def test_a_charge_or_refund_with_bad_arguments_writes_nothing(
    engine: Engine, job: str, rows: int, price: str, says: str
) -> None:
    """A bad job id, row count or price is INVALID_VALUE, for charges and refunds alike."""
    acme = make_workspace(engine, "acme")
    give(engine, acme, "100")
    for action in (charge, refund):
        with unit_of_work(engine) as session, pytest.raises(InvalidValue, match=says):
            action(session, acme, job, rows, price)
    assert entries(engine) == 1


def test_charging_an_unknown_workspace_is_not_found(engine: Engine) -> None:
    """No workspace, no lock and no charge."""
    with unit_of_work(engine) as session, pytest.raises(WorkspaceNotFound):
        charge(session, 9999, "run-1", 1, "0.5")
    assert entries(engine) == 0


# --- tenancy -------------------------------------------------------------------------------


def test_a_workspace_never_sees_or_spends_another_workspaces_credits(engine: Engine) -> None:
    """acme's grants are not globex's balance or history; globex cannot charge against them,
    nor refund acme's job; the same job id in two workspaces is two jobs."""
    acme = make_workspace(engine, "acme")
    globex = make_workspace(engine, "globex")
    give(engine, acme, "100")
    with unit_of_work(engine) as session:
        assert balance(session, globex) == 0 and history(session, globex) == []
        with pytest.raises(InsufficientCredits, match="'globex' has 0;"):
            charge(session, globex, "run-1", 1, "0.5")
    with unit_of_work(engine) as session:
        charge(session, acme, "run-1", 10, "0.5")
    with unit_of_work(engine) as session, pytest.raises(InvalidValue, match="never charged"):
        refund(session, globex, "run-1", 10, "0.5")
    give(engine, globex, "1")
    with unit_of_work(engine) as session:
        theirs = charge(session, globex, "run-1", 2, "0.5")
        assert theirs.new and theirs.balance == 0
        assert balance(session, acme) == Decimal(95)
        assert [e.kind for e in history(session, acme)] == ["charge", "grant"]
        assert [e.amount for e in history(session, globex)] == [Decimal(-1), Decimal(1)]


# --- concurrency ---------------------------------------------------------------------------

ROUNDS = 12


def _race(engine: Engine, slug: str, jobs: list[str]) -> list[object]:
    """Charge ``jobs`` (5 rows at 0.5 each) from as many threads, released at once, each in
    its own unit of work that first reads its workspace, as a command does; each outcome is a
    Charge or the error it raised."""
    start = threading.Barrier(len(jobs))

    def run(job: str) -> object:
        start.wait()
        try:
            with unit_of_work(engine) as session:
                space = resolve_workspace(session, slug)
                return charge(session, space.id, job, 5, "0.5")
        except LeadsieveError as error:
            return error

    with ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(run, jobs))


def test_two_runs_at_once_cannot_both_spend_the_same_credits(engine: Engine) -> None:
    """Round after round, a balance that covers one job and two jobs charging it at once:
    exactly one is charged, the other gets INSUFFICIENT_CREDITS, and the balance ends at 0,
    never below."""
    acme = make_workspace(engine, "acme")
    for round_ in range(ROUNDS):
        give(engine, acme, "2.5")
        outcomes = _race(engine, "acme", [f"a{round_}", f"b{round_}"])
        charged = [o for o in outcomes if isinstance(o, Charge)]
        refused = [o for o in outcomes if isinstance(o, InsufficientCredits)]
        assert len(charged) == 1 and len(refused) == 1, outcomes
        assert charged[0].new and charged[0].balance == 0
        assert refused[0].available == 0 and refused[0].required == Decimal("2.5")
        assert credits_of(engine, acme) == 0
    with unit_of_work(engine) as session:
        assert len(history(session, acme)) == 2 * ROUNDS


def test_concurrent_retries_of_one_job_charge_it_once(engine: Engine) -> None:
    """The same job charged from two threads at once, with credits for both: one charge
    entry, and both callers get it."""
    acme = make_workspace(engine, "acme")
    give(engine, acme, str(5 * ROUNDS))
    for round_ in range(ROUNDS):
        outcomes = _race(engine, "acme", [f"run-{round_}"] * 2)
        assert all(isinstance(o, Charge) for o in outcomes), outcomes
        charges = [o for o in outcomes if isinstance(o, Charge)]
        assert sorted(c.new for c in charges) == [False, True]
        assert charges[0].entry_id == charges[1].entry_id
    assert credits_of(engine, acme) == Decimal("2.5") * ROUNDS


# --- the price setting ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "price"),
    [
        pytest.param(None, Decimal("0.5"), id="default"),
        pytest.param("0", Decimal(0), id="free"),
        pytest.param("1.25", Decimal("1.25"), id="decimal"),
        pytest.param("0.000001", Decimal("0.000001"), id="one-micro-credit"),
        pytest.param("2.500", Decimal("2.5"), id="trailing-zeros"),
    ],
)
def test_the_price_per_row_setting(
    monkeypatch: pytest.MonkeyPatch, value: str | None, price: Decimal
) -> None:
    """LEADSIEVE_PRICE_PER_ROW is an exact Decimal, 0.5 when unset, 0 for free scoring."""
    if value is None:
        monkeypatch.delenv("LEADSIEVE_PRICE_PER_ROW", raising=False)
    else:
        monkeypatch.setenv("LEADSIEVE_PRICE_PER_ROW", value)
    assert Settings().price_per_row == price


@pytest.mark.parametrize(
    ("value", "says"),
    [
        pytest.param("half", "must be a number", id="not-a-number"),
        pytest.param("nan", "must be a number", id="nan"),
        pytest.param("-0.5", "must be 0 or more", id="negative"),
        pytest.param("0.0000005", "more than 6 decimals", id="too-precise"),
    ],
)
def test_a_bad_price_per_row_is_invalid_value(
    monkeypatch: pytest.MonkeyPatch, value: str, says: str
) -> None:
    """A price that is no number, negative or finer than the ledger keeps is INVALID_VALUE
    naming the variable (not a pydantic ValidationError)."""
    monkeypatch.setenv("LEADSIEVE_PRICE_PER_ROW", value)
    with pytest.raises(InvalidValue, match=says) as raised:
        Settings()
    assert raised.value.message.startswith("LEADSIEVE_PRICE_PER_ROW")
    assert "0 makes scoring free" in raised.value.message


# --- the migration -------------------------------------------------------------------------


def test_0003_adds_the_ledger_and_takes_it_away(database_url: str) -> None:
    """From 0002, the upgrade adds credit_entries: grants without a job never collide, a
    second charge of one job is refused by the unique key, a charge must take and a grant must
    give; the downgrade drops the table, and upgrading again works."""
    engine = db.make_engine(database_url)
    assert db.upgrade(engine, "0002") == "0002"
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO workspaces (id, slug, name) VALUES (1, 'w', 'W')"))
    assert "credit_entries" not in inspect(engine).get_table_names()
    assert db.upgrade(engine, "0003") == "0003"

    def insert(kind: str, amount: int, job: str | None) -> None:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO credit_entries (workspace_id, kind, amount, job) "
                    "VALUES (1, :kind, :amount, :job)"
                ),
                {"kind": kind, "amount": amount, "job": job},
            )

    insert("grant", 9_223_372_036_854_775_807 // 2, None)  # BIGINT: beyond 32 bits, exact
    insert("grant", 1, None)
    insert("charge", -1_000_000, "run-1")
    insert("refund", 500_000, "run-1")
    for kind, amount, job in [
        ("charge", -1, "run-1"),  # a second charge of the job
        ("charge", 5, "run-2"),  # a charge that gives
        ("grant", -5, None),  # a grant that takes
        ("refund", 5, None),  # a refund of no job
        ("bonus", 5, None),  # no such kind
    ]:
        with pytest.raises(IntegrityError):
            insert(kind, amount, job)
    with engine.connect() as connection:
        total = connection.execute(text("SELECT SUM(amount) FROM credit_entries")).scalar()
    assert int(total) == 9_223_372_036_854_775_807 // 2 + 1 - 500_000

    assert db.downgrade(engine, "0002") == "0002"
    assert "credit_entries" not in inspect(engine).get_table_names()
    assert db.upgrade(engine, "0003") == "0003"
    assert "credit_entries" in inspect(engine).get_table_names()
    engine.dispose()


def test_a_workspace_holds_at_most_a_trillion_credits(engine: Engine) -> None:
    """Seen 13: ten maximal grants overflowed the ledger (SQLite: an internal error;
    PostgreSQL: "bigint out of range" on a charge that large). The balance is bounded: the
    grant that would pass it is refused with what may still be granted, and a charge of the
    whole balance, the largest any charge can be, is stored and refunded exactly."""
    acme = make_workspace(engine, "acme")
    give(engine, acme, "999999999999.5")
    with pytest.raises(InvalidValue, match=r"at most 0\.5") as refused:
        give(engine, acme, "1")
    assert "nothing was granted" in str(refused.value)
    give(engine, acme, "0.5")
    assert credits_of(engine, acme) == Decimal(10**12)
    with pytest.raises(InvalidValue, match="most a workspace may hold"):
        give(engine, acme, "0.000001")
    with unit_of_work(engine) as session:
        paid = charge(session, acme, "everything", 2 * 10**6, "500000")
        assert paid.amount == Decimal(10**12) and paid.balance == 0
        back = refund(session, acme, "everything", 2 * 10**6, "500000")
        assert back.amount == Decimal(10**12)
    assert credits_of(engine, acme) == Decimal(10**12)
