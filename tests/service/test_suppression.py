"""Suppression lists in the store: filled from a real-shaped CRM export, typed values and a
board's won pursuits; applied by ``score_file``, ``qualify_list`` and ``ingest_icp_matches``
to exactly the listed leads; fits remember the lists they were scored with. On SQLite and
PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import Engine, select

from leadsieve.engine.exclusions import SuppressionList, fingerprint
from leadsieve.errors import (
    AlreadyExists,
    InvalidValue,
    LeadFileNotFound,
    NotFound,
    NoUsableColumns,
)
from leadsieve.service import boards, suppression
from leadsieve.service.ingest import ingest_icp_matches
from leadsieve.service.qualify import qualify_list
from leadsieve.service.scoring import score_file
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.service.suppression_files import read_entries
from leadsieve.store.tables import Board, Contact, LeadFit, Organization, Pursuit
from tests.io.export_rows import Lead, make_leads
from tests.io.exports import apollo_people
from tests.io.exports_crm import salesforce_accounts
from tests.service.test_qualify import AS_OF, icp, setup, write

SEED, ROWS = 7, 24
#: Every Apollo row qualifies unless disqualified: the ICP asks only for a known size.
ICP = {
    "slug": "any-size",
    "min_score": 50,
    "rules": {"employees": {"min": 1, "max": 10_000_000}},
    "disqualifiers": {},
}
REASON = "excluded: existing customer (list customers)"


def stored(tmp_path: Path, database_url: str) -> tuple[Engine, int]:
    """Workspace ``acme`` with the Apollo export as list ``q3``, the ICP and a board."""
    engine = open_store(database_url)
    leads = write(tmp_path, apollo_people(ROWS, SEED), "apollo.csv")
    space = setup(engine, leads, icp(**ICP))
    with unit_of_work(engine) as session:
        boards.create_board(session, space, "sales")
    return engine, space


def customers(engine: Engine, space: int, tmp_path: Path) -> suppression.AddReport:
    """List ``customers`` from a Salesforce account export of the first 4 leads' companies
    (odd rows, S&P companies, have no website), and one person typed by email."""
    path = write(tmp_path, salesforce_accounts(4, SEED), "accounts.csv")
    read = read_entries(path)
    with unit_of_work(engine) as session:
        suppression.create_list(session, space, "customers", "customer")
        report = suppression.add_file(session, space, "customers", read)
        typed = suppression.add_values(session, space, "customers", [_person().email.upper()])
    assert (typed.added, typed.rejected) == (1, 0)
    return report


def _person() -> Lead:
    """An S&P company's person (no website: the company is known by the email's domain)."""
    return make_leads(ROWS, SEED)[5]


def expected_excluded() -> set[str]:
    """The emails (or company names, for a person without one) of the leads the list names:
    people at the accounts with a website, and the typed person."""
    leads = make_leads(ROWS, SEED)
    domains = {lead.domain for lead in leads[:4] if lead.website}
    return {
        lead.email or lead.company
        for lead in leads
        if lead.domain in domains or lead.email == _person().email
    }


def fits(engine: Engine) -> dict[str, tuple[int, str, bool, str | None, str | None]]:
    """Each stored fit by its contact's email (else organization name): score, grade,
    qualified, disqualified_by, exclusions."""
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(
                Contact.email,
                Organization.name,
                LeadFit.score,
                LeadFit.grade,
                LeadFit.qualified,
                LeadFit.disqualified_by,
                LeadFit.exclusions,
            )
            .select_from(LeadFit)
            .outerjoin(Contact, Contact.id == LeadFit.contact_id)
            .outerjoin(Organization, Organization.id == LeadFit.organization_id)
        ).all()
    return {(email or name): tuple(rest) for email, name, *rest in rows}  # type: ignore[misc]


def test_a_crm_export_fills_a_list_row_by_row(tmp_path: Path, database_url: str) -> None:
    """Rows with a website are added (their registrable domain), rows without one are
    rejected with their line and why; every row counted; a second import adds nothing."""
    engine, space = stored(tmp_path, database_url)
    report = customers(engine, space, tmp_path)
    leads = make_leads(4, SEED)
    with_site = [lead for lead in leads if lead.website]
    assert report.rows == 4 == report.added + report.duplicates + report.rejected
    assert report.rejected == 4 - len(with_site)
    assert all(why == "no domain, website, email or org number" for _, why in report.rejects)
    with unit_of_work(engine) as session:
        summary, entries = suppression.show_list(session, space, "customers")
        again = suppression.add_file(
            session, space, "customers", read_entries(tmp_path / "accounts.csv")
        )
    values = {(e.kind, e.value) for e in entries}
    assert {("domain", lead.domain) for lead in with_site} <= values
    assert ("email", _person().email) in values
    assert summary.entries == len(values) and summary.label == "existing customer"
    assert (again.added, again.entries_added) == (0, 0)
    assert again.duplicates == report.added


def test_score_qualify_and_ingest_exclude_exactly_the_listed_leads(
    tmp_path: Path, database_url: str
) -> None:
    """The same leads, and no other, are DQ with the list's reason in a scored file, in
    qualify's stored fits and in ingest, which opens no pursuit for them."""
    engine, space = stored(tmp_path, database_url)
    customers(engine, space, tmp_path)
    expected = expected_excluded()
    assert 2 <= len(expected) < ROWS

    with unit_of_work(engine) as session:
        lists = suppression.load_lists(session, space, ["customers"])
    apollo = tmp_path / "apollo.csv"
    plain = score_file(apollo, [icp(**ICP)], as_of=AS_OF, output=tmp_path / "plain.csv")
    scored = score_file(
        apollo, [icp(**ICP)], as_of=AS_OF, output=tmp_path / "out.csv", exclude=lists
    )
    before, after = pl.read_csv(tmp_path / "plain.csv"), pl.read_csv(tmp_path / "out.csv")
    who = pl.coalesce(pl.col("Email"), pl.col("Company"))
    hit = after.filter(pl.col("fit_disqualified_by") == REASON)
    assert set(hit.select(who).to_series()) == expected
    assert scored.excluded == hit.height and plain.excluded == 0
    assert hit.select(pl.col("fit_score").max(), pl.col("fit_qualified").any()).row(0) == (0, False)
    rest = ~who.is_in(sorted(expected))
    assert after.filter(rest).equals(before.filter(rest))

    qualify_list(engine, "q3", "any-size", workspace="acme", as_of=AS_OF, exclude=["customers"])
    stored_fits = fits(engine)
    dq = {key for key, fit in stored_fits.items() if fit[3] == REASON}
    assert dq == expected
    assert all(fit[:3] == (0, "DQ", False) for key, fit in stored_fits.items() if key in dq)
    assert not any(
        (fit[3] or "").startswith("excluded") for k, fit in stored_fits.items() if k not in dq
    )
    assert {fit[4] for fit in stored_fits.values()} == {lists_fingerprint(lists)}

    report = ingest_icp_matches(
        engine, "sales", workspace="acme", list_name="q3", as_of=AS_OF, exclude=["customers"]
    )
    assert report.reused == ROWS and report.scored == 0  # qualify's fits, same lists
    opened = pursued(engine)
    excluded_orgs = {lead.company for lead in make_leads(ROWS, SEED)
                     if (lead.email or lead.company) in expected}  # fmt: skip
    assert opened and not opened & excluded_orgs


def lists_fingerprint(lists: tuple[SuppressionList, ...]) -> str | None:
    return fingerprint(lists)


def pursued(engine: Engine, board: str = "sales") -> set[str]:
    with unit_of_work(engine) as session:
        return set(
            session.scalars(
                select(Organization.name)
                .join(Pursuit, Pursuit.organization_id == Organization.id)
                .where(Pursuit.closed_at.is_(None))
            )
        )


def test_fits_are_reused_only_with_the_same_lists(tmp_path: Path, database_url: str) -> None:
    """A fit scored without lists is not reused by a run with one, nor one with a list by a
    run without it or after the list changed; the same lists again reuse every fit."""
    engine, space = stored(tmp_path, database_url)
    customers(engine, space, tmp_path)

    def run(*exclude: str) -> tuple[int, int]:
        report = ingest_icp_matches(
            engine, "sales", workspace="acme", list_name="q3", as_of=AS_OF, exclude=exclude
        )
        return report.reused, report.scored

    assert run() == (0, ROWS)
    assert run() == (ROWS, 0)
    assert run("customers") == (0, ROWS)
    assert run("customers") == (ROWS, 0)
    with unit_of_work(engine) as session:
        suppression.add_values(session, space, "customers", ["another.example"])
    assert run("customers") == (0, ROWS)
    assert run() == (0, ROWS)


def test_a_boards_won_pursuits_become_a_list(tmp_path: Path, database_url: str) -> None:
    """A pursuit closed won puts its organization's domain on ``customers``; ingesting into
    another board with that list opens none for it, and every other organization."""
    engine, space = stored(tmp_path, database_url)
    ingest_icp_matches(engine, "sales", workspace="acme", list_name="q3", as_of=AS_OF)
    with unit_of_work(engine) as session:
        won = session.execute(
            select(Pursuit.id, Organization.name, Organization.domain)
            .join(Organization, Organization.id == Pursuit.organization_id)
            .where(Organization.domain.is_not(None))
            .order_by(Pursuit.id)
        ).first()
        assert won is not None
        boards.close_pursuit(session, space, won.id, won=True)
        boards.create_board(session, space, "next")
    with unit_of_work(engine) as session:
        report = suppression.from_board(session, space, "sales", "customers")
        _, entries = suppression.show_list(session, space, "customers")
    assert report.created and (report.rows, report.added) == (1, 1)
    assert [(e.kind, e.value, e.source) for e in entries] == [
        ("domain", won.domain, "board sales won")
    ]
    ingest_icp_matches(
        engine, "next", workspace="acme", list_name="q3", as_of=AS_OF, exclude=["customers"]
    )
    with unit_of_work(engine) as session:
        on_next = set(
            session.scalars(
                select(Organization.name)
                .join(Pursuit, Pursuit.organization_id == Organization.id)
                .join(Board, Board.id == Pursuit.board_id)
                .where(Board.name == "next")
            )
        )
        on_sales = set(
            session.scalars(
                select(Organization.name)
                .join(Pursuit, Pursuit.organization_id == Organization.id)
                .join(Board, Board.id == Pursuit.board_id)
                .where(Board.name == "sales")
            )
        )
    assert on_next == on_sales - {won.name}


def test_org_numbers_match_with_their_country(tmp_path: Path, database_url: str) -> None:
    """An org number on the list excludes the Swedish company that has it, not the Norwegian
    company with the same digits."""
    engine = open_store(database_url)
    leads = write(
        tmp_path,
        "Company,Org Number,Country,# Employees\n"
        "Nordic Pay AB,556036-0793,Sweden,200\n"
        "Norsk AS,5560360793,Norway,200\n",
        "nordic.csv",
    )
    space = setup(engine, leads, icp(**ICP))
    with unit_of_work(engine) as session:
        suppression.create_list(session, space, "customers", "customer")
        report = suppression.add_values(
            session, space, "customers", ["5560360793", "556036-0793"], country="SE"
        )
    assert (report.added, report.duplicates) == (1, 1)
    qualify_list(engine, "q3", "any-size", workspace="acme", as_of=AS_OF, exclude=["customers"])
    found = fits(engine)
    assert found["Nordic Pay AB"][3] == REASON
    assert found["Norsk AS"][3] is None and found["Norsk AS"][2]


def test_mistakes_say_what_to_do(tmp_path: Path, database_url: str) -> None:
    """An unknown list is NOT_FOUND naming the saved ones, before anything is charged; a
    taken name, a file without usable columns or missing, a kind that does not exist and a
    retried job with other lists are refused."""
    engine, space = stored(tmp_path, database_url)
    customers(engine, space, tmp_path)
    with pytest.raises(NotFound, match="saved: 'customers'"):
        qualify_list(engine, "q3", "any-size", workspace="acme", exclude=["custmers"])
    with pytest.raises(NotFound, match="saved: 'customers'"):
        ingest_icp_matches(engine, "sales", workspace="acme", exclude=["nope"])
    assert fits(engine) == {}
    with unit_of_work(engine) as session, pytest.raises(AlreadyExists):
        suppression.create_list(session, space, "customers", "competitor")
    with unit_of_work(engine) as session, pytest.raises(InvalidValue, match="open-deal"):
        suppression.create_list(session, space, "rivals", "enemy")
    notes = write(tmp_path, "Name,Notes\nAcme,big\n", "notes.csv")
    with pytest.raises(NoUsableColumns, match="--map"):
        read_entries(notes)
    with pytest.raises(LeadFileNotFound):
        read_entries(tmp_path / "missing.csv")
    qualify_list(engine, "q3", "any-size", workspace="acme", job="k1", as_of=AS_OF)
    with pytest.raises(InvalidValue, match="other suppression lists"):
        qualify_list(
            engine, "q3", "any-size", workspace="acme", job="k1", as_of=AS_OF,
            exclude=["customers"],
        )  # fmt: skip
