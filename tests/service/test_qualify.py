"""``qualify_list``: every lead of a stored list scored with the engine, one fit per lead and
ICP version, paid exactly once; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from sqlalchemy import Engine, func, select

import leadsieve
from leadsieve.errors import (
    IcpNotFound,
    InsufficientCredits,
    InvalidValue,
    ListNotFound,
    NotFound,
)
from leadsieve.icp import Icp, validate_icp
from leadsieve.service import accounts, credits, lists, profiles
from leadsieve.service.fits import show_list_fits
from leadsieve.service.importing import import_file
from leadsieve.service.qualify import QualifyReport, qualify_list
from leadsieve.service.scoring import score_file
from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
from leadsieve.store.repositories import fits as fits_repo
from leadsieve.store.tables import Contact, CreditEntry, IcpVersion, LeadFit, Organization

SAMPLES = Path(leadsieve.__file__).parent / "samples"
AS_OF = datetime.date(2026, 12, 1)

#: Contacts with their organizations, organizations alone, a contact with a free-mail address
#: and no company, one whose company is known by its email only; revenue in a currency, in
#: words, in thousands of USD; a website on a subdomain of a disqualified domain.
LEADS = """\
Company Name,Website,Industry,# Employees,Annual Revenue,Revenue Currency,Revenue (in 000s USD),Country,State,City,Description,Keywords,Technologies,Signals,First Name,Last Name,Title,Email
Acme Analytics,https://www.acme-analytics.com,Computer Software,51-200,12000000,,,United States,CA,San Francisco,Revenue analytics for B2B teams,b2b; saas,Salesforce; HubSpot,recent_funding@2026-10-01,Ann,Lee,VP Sales,ann@acme-analytics.com
Acme Analytics,https://www.acme-analytics.com,Computer Software,51-200,12000000,,,United States,CA,San Francisco,Revenue analytics for B2B teams,b2b; saas,Salesforce; HubSpot,recent_funding@2026-10-01,Bo,Chan,Data Engineer,bo@acme-analytics.com
Nordic Pay AB,nordicpay.se,Financial Services,"1,001-5,000",450 MSEK,,,Sverige,,Stockholm,Payments for the Nordics,fintech,hubspot,hiring_sales@2025-01-01,Eva,Berg,Head of RevOps,eva@nordicpay.se
Shady Coin,https://shop.shadycoin.io,Computer Software,11-50,€5 Mio,,,USA,,,A crypto exchange,crypto; exchange,,,,,,
Tiny Shop,tinyshop.example,Retail,2-10,,,,UK,,,,,,,Tom,Owner,Owner,tom@tinyshop.example
Zoom Thousands,zoomthousands.example,Software Development,240,,,25000,Germany,,Berlin,,saas,salesforce,,,,,
,,,,,,,,,,,,,,Free,Mailer,CEO,free.mailer@gmail.com
,,,,,,,Germany,,,,,,,Work,Mail,Head of Sales,work@mailonly-gmbh.de
"""

#: Every rule and every kind of disqualifier, so each rebuilt column is read.
ICP = {
    "slug": "mid-market",
    "min_score": 50,
    "rules": {
        "industries": {"any_of": ["software-development", "financial-services"], "weight": 25},
        "geography": {"any_of": ["north-america", "nordics", "US-CA"], "weight": 15},
        "employees": {"min": 50, "max": 1000, "weight": 15},
        "revenue": {"min": 5_000_000, "max": 100_000_000, "weight": 10},
        "roles": {
            "seniority": ["c_suite", "vp", "head"],
            "departments": ["sales", "revenue_operations"],
            "titles": ["revops"],
            "weight": 10,
        },
        "signals": {"any_of": ["recent_funding", "hiring_sales"], "max_age_days": 180},
        "technologies": {"any_of": ["salesforce", "hubspot"]},
        "keywords": {"any_of": ["b2b", "payments"]},
    },
    "disqualifiers": {
        "keywords": ["crypto"],
        "domains": ["shadycoin.io"],
        "employees": {"below": 5},
    },
}

FIT_FIELDS = ("score", "grade", "qualified", "matched", "missed", "unknown", "reasons")


def icp(**changes: Any) -> Icp:
    return validate_icp({**ICP, **changes})


def write(tmp_path: Path, text: str = LEADS, name: str = "leads.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def setup(
    engine: Engine,
    path: Path,
    document: Icp,
    *,
    workspace: str = "acme",
    grant: str | None = "100000",
    list_name: str = "q3",
) -> int:
    """Workspace ``workspace`` with the file imported as ``list_name``, the ICP saved and
    ``grant`` credits; its id."""
    with unit_of_work(engine) as session:
        space = accounts.create_workspace(session, workspace, workspace.title())
        space_id = space.id
        if grant is not None:
            credits.grant(session, space_id, grant)
    import_file(engine, path, list_name=list_name, workspace=workspace)
    profiles.save_profile(engine, document, workspace=workspace)
    return space_id


def stored_fits(engine: Engine, version_id: int | None = None) -> pl.DataFrame:
    """Every stored fit with the lead's email (contacts) or website (organizations alone)."""
    statement = (
        select(
            func.coalesce(Contact.email, Organization.website).label("key"),
            LeadFit.icp_version_id,
            *(getattr(LeadFit, f) for f in (*FIT_FIELDS, "disqualified_by", "as_of", "job")),
        )
        .outerjoin(Contact, Contact.id == LeadFit.contact_id)
        .outerjoin(Organization, Organization.id == LeadFit.organization_id)
    )
    if version_id is not None:
        statement = statement.where(LeadFit.icp_version_id == version_id)
    with unit_of_work(engine) as session:
        rows = session.execute(statement).all()
    columns = ["key", "icp_version_id", *FIT_FIELDS, "disqualified_by", "as_of", "job"]
    return pl.DataFrame([tuple(r) for r in rows], schema=columns, orient="row")


def version_ids(engine: Engine) -> list[int]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(IcpVersion.id).order_by(IcpVersion.id)))


def ledger(engine: Engine, workspace_id: int) -> list[tuple[str, Decimal, str | None]]:
    """The workspace's charges and refunds, oldest first: (kind, credits, job)."""
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(CreditEntry.kind, CreditEntry.amount, CreditEntry.job)
            .where(CreditEntry.workspace_id == workspace_id, CreditEntry.kind != "grant")
            .order_by(CreditEntry.id)
        ).all()
    return [(kind, credits.from_micro(amount), job) for kind, amount, job in rows]


def balance(engine: Engine, workspace_id: int) -> Decimal:
    with unit_of_work(engine) as session:
        return credits.balance(session, workspace_id)


def file_fits(tmp_path: Path, path: Path, document: Icp) -> pl.DataFrame:
    """What ``leadsieve score`` gives for the file, keyed like ``stored_fits``."""
    out = tmp_path / "scored.csv"
    score_file(path, [document], as_of=AS_OF, output=out)
    scored = pl.read_csv(out, infer_schema=False)
    key = pl.coalesce(pl.col("Email").str.to_lowercase(), pl.col("Website"))
    return scored.select(
        key.alias("key"),
        pl.col("fit_score").cast(pl.Int64).alias("score"),
        pl.col("fit_grade").alias("grade"),
        (pl.col("fit_qualified") == "true").alias("qualified"),
        *(pl.col(f"fit_{f}").fill_null("").alias(f) for f in ("matched", "missed", "unknown")),
        pl.col("fit_reasons").alias("reasons"),
        pl.col("fit_disqualified_by").alias("disqualified_by"),
    ).unique("key", keep="first", maintain_order=True)


# --- the fits ------------------------------------------------------------------------------


def test_stored_fits_equal_what_the_engine_gives_for_the_file(
    tmp_path: Path, database_url: str
) -> None:
    """Contacts with their employer, organizations alone, a contact without a company, one
    known by its work email only, revenues in other currencies and in thousands, a subdomain
    of a disqualified domain: each stored fit equals the file's row scored by ``leadsieve
    score``, field by field, reasons included."""
    engine = open_store(database_url)
    path = write(tmp_path)
    setup(engine, path, icp())
    report = qualify_list(engine, "q3", "mid-market", workspace="acme", as_of=AS_OF)
    stored = stored_fits(engine)
    expected = file_fits(tmp_path, path, icp())
    assert report.scored == stored.height == expected.height == 8
    joined = expected.join(stored, on="key", how="left", suffix="_stored")
    for field in (*FIT_FIELDS, "disqualified_by"):
        assert (
            joined.get_column(field).to_list() == joined.get_column(f"{field}_stored").to_list()
        ), field
    assert set(stored.get_column("as_of").to_list()) == {AS_OF}
    shady = joined.row(by_predicate=pl.col("key") == "https://shop.shadycoin.io", named=True)
    assert shady["grade"] == "DQ" and "domains: on shadycoin.io" in shady["disqualified_by"]
    counted = dict(stored.get_column("grade").value_counts().iter_rows())
    assert {grade: n for grade, n in report.grades.items() if n} == counted
    assert report.qualified == stored.get_column("qualified").sum()


def test_a_real_export_scores_as_its_file_does(tmp_path: Path, database_url: str) -> None:
    """YC companies (tags for industries, team sizes as floats, long descriptions): every
    stored fit equals the file's row scored by the engine."""
    engine = open_store(database_url)
    sample = SAMPLES / "yc_companies_sample.csv"
    document = leadsieve.load_icp(SAMPLES / "b2b-saas.yaml")
    setup(engine, sample, document)
    report = qualify_list(engine, "q3", "b2b-saas", workspace="acme", as_of=AS_OF)
    out = tmp_path / "scored.csv"
    score_file(sample, [document], as_of=AS_OF, output=out)
    scored = pl.read_csv(out, infer_schema=False).select(
        pl.col("website").map_elements(leadsieve.normalize_domain, return_dtype=pl.String),
        pl.col("fit_score").cast(pl.Int64),
        "fit_grade",
        "fit_reasons",
    )
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(Organization.domain, LeadFit.score, LeadFit.grade, LeadFit.reasons).join(
                LeadFit, LeadFit.organization_id == Organization.id
            )
        ).all()
    stored = pl.DataFrame([tuple(r) for r in rows], schema=scored.columns, orient="row")
    assert report.scored == stored.height == scored.height > 200
    assert stored.sort("website").equals(scored.sort("website"))


def test_a_new_icp_version_adds_fits_and_the_old_ones_stay(
    tmp_path: Path, database_url: str
) -> None:
    """Version 1's fits stay as they were when the ICP is edited and qualified again: version
    2 adds its own. Qualifying version 1 again replaces its fits (same count, new job and
    date), and ``version=1`` still scores the old version after the edit."""
    engine = open_store(database_url)
    setup(engine, write(tmp_path), icp())
    first = qualify_list(engine, "q3", "mid-market", workspace="acme", as_of=AS_OF)
    (v1,) = version_ids(engine)
    before = stored_fits(engine, v1).sort("key")
    profiles.save_profile(engine, icp(min_score=90), workspace="acme", note="stricter")
    second = qualify_list(engine, "q3", "mid-market", workspace="acme", as_of=AS_OF)
    _, v2 = version_ids(engine)
    assert (first.icp_version, second.icp_version) == (1, 2)
    assert stored_fits(engine, v1).sort("key").equals(before)
    after = stored_fits(engine, v2)
    assert after.height == before.height == 8
    assert after.get_column("qualified").sum() < before.get_column("qualified").sum()

    later = AS_OF + datetime.timedelta(days=400)  # the funding signal ages out
    again = qualify_list(engine, "q3", "mid-market", workspace="acme", version=1, as_of=later)
    replaced = stored_fits(engine, v1).sort("key")
    assert again.icp_version == 1 and replaced.height == 8
    assert set(replaced.get_column("as_of").to_list()) == {later}
    assert set(replaced.get_column("job").to_list()) == {again.job} != {first.job}
    assert replaced.get_column("score").to_list() != before.get_column("score").to_list()
    assert stored_fits(engine).height == 16


# --- credits -------------------------------------------------------------------------------


def test_a_run_charges_exactly_its_rows_times_the_price(tmp_path: Path, database_url: str) -> None:
    """One charge entry of leads × price, exact to the micro-credit; the report's charged and
    balance are what the ledger says."""
    engine = open_store(database_url)
    space = setup(engine, write(tmp_path), icp(), grant="10")
    report = qualify_list(engine, "q3", "mid-market", workspace="acme", price="0.123457")
    assert report.leads == report.scored == 8
    assert ledger(engine, space) == [("charge", Decimal("-0.987656"), report.job)]
    assert report.charged == Decimal("0.987656")
    assert report.balance == balance(engine, space) == Decimal("9.012344")
    assert report.as_json() == {
        "scored": 8,
        "qualified": report.qualified,
        "charged": "0.987656",
        "balance": "9.012344",
    }


def test_a_short_balance_scores_nothing_and_charges_nothing(
    tmp_path: Path, database_url: str
) -> None:
    """INSUFFICIENT_CREDITS names what is required and available; no fit is written and the
    ledger holds the grant only."""
    engine = open_store(database_url)
    space = setup(engine, write(tmp_path), icp(), grant="3.99")
    with pytest.raises(InsufficientCredits) as raised:
        qualify_list(engine, "q3", "mid-market", workspace="acme", price="0.5")
    assert (raised.value.required, raised.value.available) == (Decimal(4), Decimal("3.99"))
    assert "needs 4 credits" in raised.value.message and "has 3.99" in raised.value.message
    assert "nothing was scored or charged" in raised.value.message
    assert stored_fits(engine).height == 0
    assert ledger(engine, space) == [] and balance(engine, space) == Decimal("3.99")


def test_free_scoring_writes_no_ledger_entry(tmp_path: Path, database_url: str) -> None:
    """Price 0: the fits are stored, nothing is charged, even with no credits at all."""
    engine = open_store(database_url)
    space = setup(engine, write(tmp_path), icp(), grant=None)
    report = qualify_list(engine, "q3", "mid-market", workspace="acme", price=0)
    assert (report.scored, report.charged, report.balance) == (8, 0, 0)
    assert stored_fits(engine).height == 8 and ledger(engine, space) == []


def test_an_empty_list_costs_nothing(tmp_path: Path, database_url: str) -> None:
    """Nothing to score: nothing charged, no ledger entry."""
    engine = open_store(database_url)
    space = setup(engine, write(tmp_path), icp())
    with unit_of_work(engine) as session:
        lists.create_list(session, space, "empty")
    report = qualify_list(engine, "empty", "mid-market", workspace="acme")
    assert (report.leads, report.scored, report.charged) == (0, 0, 0)
    assert ledger(engine, space) == []


def test_a_failure_midway_refunds_exactly_the_unscored_leads(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of 3, the second write fails: the batches committed keep their fits, the run
    is charged 8 leads and refunded exactly those without a fit, and the error says so.
    (PostgreSQL writes two batches at once, so the third may commit before the run stops.)"""
    engine = open_store(database_url)
    space = setup(engine, write(tmp_path), icp(), grant="100")
    writes: list[int] = []  # one per batch written
    real = fits_repo.write_fits

    def failing(session: Any, fits: Any, **kwargs: Any) -> None:
        writes.append(1)
        if len(writes) == 2:
            raise OSError("disk full")
        real(session, fits, **kwargs)

    monkeypatch.setattr(fits_repo, "write_fits", failing)
    with pytest.raises(OSError, match="disk full") as raised:
        qualify_list(
            engine, "q3", "mid-market", workspace="acme", price="0.5", batch_size=3, job="run-1"
        )
    kept = stored_fits(engine).height
    assert kept in (3, 5) and len(writes) in (2, 3)
    [(kind, charged, job), refund] = ledger(engine, space)
    assert (kind, charged) == ("charge", Decimal(-4))
    assert refund == ("refund", Decimal(8 - kept) / 2, job)
    assert balance(engine, space) == 96 + Decimal(8 - kept) / 2
    assert any(f"{8 - kept} leads unscored" in note for note in raised.value.__notes__)

    # the job ended with a refund: running it again is refused, and costs nothing
    monkeypatch.setattr(fits_repo, "write_fits", real)
    with pytest.raises(InvalidValue, match="new job key"):
        qualify_list(engine, "q3", "mid-market", workspace="acme", price="0.5", job="run-1")
    assert len(ledger(engine, space)) == 2
    fresh = qualify_list(engine, "q3", "mid-market", workspace="acme", price="0.5")
    assert (fresh.scored, fresh.charged) == (8, 4)
    assert fresh.balance == 92 + Decimal(8 - kept) / 2


def test_a_retried_job_is_charged_once_and_resumes(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run stops after its first batch and cannot even refund (the database went away): it
    keeps its charge. Retried with the same key it is not charged again and scores only the
    leads it had not; retried once more it scores nothing and still costs nothing more."""
    engine = open_store(database_url)
    space = setup(engine, write(tmp_path), icp(), grant="100")
    real_write, real_refund = fits_repo.write_fits, credits.refund
    writes: list[int] = []  # one per batch written

    def failing(session: Any, fits: Any, **kwargs: Any) -> None:
        writes.append(1)
        if len(writes) == 2:
            raise ConnectionError("server closed the connection")
        real_write(session, fits, **kwargs)

    def unreachable(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("server closed the connection")

    monkeypatch.setattr(fits_repo, "write_fits", failing)
    monkeypatch.setattr(credits, "refund", unreachable)
    with pytest.raises(ConnectionError) as raised:
        qualify_list(engine, "q3", "mid-market", workspace="acme", batch_size=3, job="nightly")
    assert any("rerun it with --job nightly" in note for note in raised.value.__notes__)
    monkeypatch.setattr(fits_repo, "write_fits", real_write)
    monkeypatch.setattr(credits, "refund", real_refund)

    kept = stored_fits(engine).height
    assert kept in (3, 5)  # PostgreSQL writes two batches at once: the third may be in
    retry = qualify_list(engine, "q3", "mid-market", workspace="acme", job="nightly")
    assert (retry.scored, retry.resumed, retry.charged) == (8, kept, 4)
    again = qualify_list(engine, "q3", "mid-market", workspace="acme", job="nightly")
    assert (again.scored, again.resumed, again.charged) == (8, 8, 4)
    assert again.qualified == retry.qualified and again.grades == retry.grades
    assert ledger(engine, space) == [("charge", Decimal(-4), retry.job)]
    assert balance(engine, space) == 96
    assert set(stored_fits(engine).get_column("job").to_list()) == {retry.job}


def test_a_job_key_names_one_run_of_one_list_and_version(tmp_path: Path, database_url: str) -> None:
    """The same key on another list, or on a new version of the ICP, is another job, paid
    for; a key that is not one is refused before anything happens; any other text is kept
    as it is (quotes included), and retried."""
    engine = open_store(database_url)
    path = write(tmp_path)
    space = setup(engine, path, icp(), grant="100")
    import_file(engine, path, list_name="copy", workspace="acme")
    a = qualify_list(engine, "q3", "mid-market", workspace="acme", job="daily")
    b = qualify_list(engine, "copy", "mid-market", workspace="acme", job="daily")
    profiles.save_profile(engine, icp(min_score=90), workspace="acme")
    c = qualify_list(engine, "q3", "mid-market", workspace="acme", job="daily")
    assert len({a.job, b.job, c.job}) == 3 and all(r.charged == 4 for r in (a, b, c))
    assert balance(engine, space) == 88
    for bad in ("", "two words", "x" * 65):
        with pytest.raises(InvalidValue, match="job key"):
            qualify_list(engine, "q3", "mid-market", workspace="acme", job=bad)
    assert balance(engine, space) == 88
    quoted = qualify_list(engine, "copy", "mid-market", workspace="acme", job="o'brien;--")
    again = qualify_list(engine, "copy", "mid-market", workspace="acme", job="o'brien;--")
    assert quoted.job.endswith(":o'brien;--") and again.resumed == 8
    assert set(stored_fits(engine).get_column("job")) >= {quoted.job}
    assert balance(engine, space) == 84


def test_leads_added_or_removed_during_a_run(tmp_path: Path, database_url: str) -> None:
    """A run scores the leads counted when it was charged: one added meanwhile waits for the
    next run, and one removed meanwhile is refunded at the end."""
    engine = open_store(database_url)
    space = setup(engine, write(tmp_path), icp(), grant="100")
    with unit_of_work(engine) as session:
        list_id = lists.get_list(session, space, "q3").id
        ann = session.scalars(
            select(Contact.id).where(Contact.email == "ann@acme-analytics.com")
        ).one()
        org = session.scalars(select(Organization.id).where(Organization.name == "Tiny Shop")).one()

    def change(leads: int) -> None:
        assert leads == 8
        with unit_of_work(engine) as session:
            lists.remove_leads(session, space, list_id, [(None, ann)])
            lists.add_leads(session, space, list_id, [(org, None)])

    report = qualify_list(engine, "q3", "mid-market", workspace="acme", on_start=change)
    assert (report.leads, report.scored, report.charged) == (8, 7, Decimal("3.5"))
    assert [kind for kind, _, _ in ledger(engine, space)] == ["charge", "refund"]
    assert balance(engine, space) == Decimal("96.5")


# --- bad input and tenancy -----------------------------------------------------------------


def test_unknown_list_or_icp_names_what_exists(tmp_path: Path, database_url: str) -> None:
    """An unknown list names the lists, an unknown ICP the profiles, a missing version the
    versions; nothing is scored."""
    engine = open_store(database_url)
    setup(engine, write(tmp_path), icp())
    with pytest.raises(ListNotFound, match=r"no list 'q4'.*lists: 'q3'"):
        qualify_list(engine, "q4", "mid-market", workspace="acme")
    with pytest.raises(IcpNotFound, match=r"no ICP profile 'enterprise'.*profiles: mid-market"):
        qualify_list(engine, "q3", "enterprise", workspace="acme")
    with pytest.raises(NotFound, match="no version 3; it has only version 1"):
        qualify_list(engine, "q3", "mid-market", workspace="acme", version=3)
    assert stored_fits(engine).height == 0


def test_a_list_or_icp_of_another_workspace_cannot_be_used(
    tmp_path: Path, database_url: str
) -> None:
    """Acting in workspace B, A's list and A's ICP are not found (B's own are named), and
    a private ICP is invisible to everyone but its owner; nothing is charged."""
    engine = open_store(database_url)
    path = write(tmp_path)
    a = setup(engine, path, icp(), workspace="a")
    b = setup(engine, path, icp(slug="b-icp"), workspace="b", list_name="b-list")
    with pytest.raises(ListNotFound, match=r"workspace 'b' \(lists: 'b-list'\)"):
        qualify_list(engine, "q3", "b-icp", workspace="b")
    with pytest.raises(IcpNotFound, match=r"'mid-market' in workspace 'b' \(profiles: b-icp\)"):
        qualify_list(engine, "b-list", "mid-market", workspace="b")

    with unit_of_work(engine) as session:
        accounts.add_user(session, b, "owner@b.example", role="owner")
        accounts.add_user(session, b, "other@b.example", role="member")
    profiles.save_profile(
        engine, icp(slug="secret"), workspace="b", user="owner@b.example", visibility="private"
    )
    with pytest.raises(IcpNotFound, match="'secret'"):
        qualify_list(engine, "b-list", "secret", workspace="b", user="other@b.example")
    mine = qualify_list(engine, "b-list", "secret", workspace="b", user="owner@b.example")
    assert mine.scored == 8
    assert ledger(engine, a) == [] and len(ledger(engine, b)) == 1


def test_the_report(tmp_path: Path, database_url: str) -> None:
    """The report names the workspace, list, ICP version, job, date and price."""
    engine = open_store(database_url)
    setup(engine, write(tmp_path), icp())
    report = qualify_list(engine, " q3 ", "mid-market", workspace="acme", as_of=AS_OF, job="j")
    assert isinstance(report, QualifyReport)
    assert (report.workspace, report.list_name, report.icp_slug) == ("acme", "q3", "mid-market")
    assert report.job.startswith("qualify:") and report.job.endswith(":j")
    assert (report.as_of, report.price, report.resumed) == (AS_OF, Decimal("0.5"), 0)
    assert sum(report.grades.values()) == report.scored == 8


def test_a_lists_fits_are_shown_only_in_its_workspace(tmp_path: Path, database_url: str) -> None:
    """``show_list_fits``: best first and filtered by grade in the list's workspace; from
    another workspace, the list and the ICP are not found."""
    engine = open_store(database_url)
    path = write(tmp_path)
    a = setup(engine, path, icp(), workspace="a")
    b = setup(engine, path, icp(slug="b-icp"), workspace="b", list_name="b-list")
    qualify_list(engine, "q3", "mid-market", workspace="a", as_of=AS_OF)
    with unit_of_work(engine) as session:
        space_a, space_b = (resolve_workspace(session, slug) for slug in ("a", "b"))
        a_list = lists.get_list(session, a, "q3").id
        b_list = lists.get_list(session, b, "b-list").id
        shown = show_list_fits(session, space_a, a_list, "mid-market", by_fit=True, min_grade="b")
        with pytest.raises(ListNotFound):
            show_list_fits(session, space_b, a_list, "b-icp")
        with pytest.raises(IcpNotFound, match="profiles: b-icp"):
            show_list_fits(session, space_b, b_list, "mid-market")
        unscored = show_list_fits(session, space_b, b_list, "b-icp")
    assert [row.fit.grade for row in shown.rows if row.fit] == ["A", "A", "B"]
    assert (shown.leads, shown.fitted, shown.matching) == (8, 8, 3)
    assert shown.rows[0].lead.email == "ann@acme-analytics.com"
    assert (unscored.fitted, len(unscored.rows)) == (0, 8)
    assert all(row.fit is None for row in unscored.rows)
