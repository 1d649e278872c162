"""Real-shaped exports into the store: nothing lost, nothing merged, nothing ignored (issue 13).

Rows are real companies of the YC directory and the S&P 500 list (shared/data), in the layouts
and with the headers of the tools they come from. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import Engine, select

from leadsieve.service.importing import ImportReport, import_file
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.tables import ConsentEvent, Contact, Organization
from tests.io.exports import BUILDERS
from tests.service.test_ingest import board_pursuits, ingest, stored
from tests.service.test_qualify import AS_OF, icp, stored_fits

#: Real YC rows whose website is a page on someone else's site, and the owners of those sites.
SHARED_HOSTS = """\
company_name,website,country,team_size
FameGame,https://itunes.apple.com/us/app/famegame-become-a-star/id1343049421?mt=8,,2.0
Apple Inc.,https://www.apple.com,US,
BerriAI,https://github.com/BerriAI/litellm,US,2.0
Yatima Inc.,https://github.com/yatima-inc,US,7.0
Storyline,https://www.producthunt.com/posts/storyline-7,GB,3.0
Product Hunt,http://producthunt.com,US,18.0
"""

#: A Salesforce lead export (API names): people without email or LinkedIn URL, opt-outs.
SALESFORCE = """\
FirstName,LastName,Title,Company,Email,Country,HasOptedOutOfEmail,DoNotCall
Linda,Clark,Business Development Director,Flex Ltd.,,United States,false,false
Omar,Haddad,VP Sales,Deckers Brands,,United States,true,false
Ana,Silva,CFO,Deckers Brands,ana.silva@deckers.example,United States,true,true
Ben,Ortiz,Account Executive,Flex Ltd.,ben.ortiz@flex.example,United States,maybe,
"""

#: A LinkedIn Connections export: company names, never a website.
CONNECTIONS = """\
First Name,Last Name,URL,Email Address,Company,Position,Connected On
Mia,Wong,https://www.linkedin.com/in/mia-wong-1,,Deckers Brands,Head of Sales,12 Mar 2024
Raj,Patel,https://www.linkedin.com/in/raj-patel-2,,GoCardless,Account Director,02 Jan 2025
Lena,Berg,https://www.linkedin.com/in/lena-berg-3,,,Consultant,05 Feb 2025
"""

#: A HubSpot companies export: no domain on most rows, the company LinkedIn page, record ids.
HUBSPOT_COMPANIES = """\
Record ID,Company name,LinkedIn Company Page,Industry,Number of Employees
5012,Flex Ltd.,https://www.linkedin.com/company/flex,Electrical/Electronic Manufacturing,10000
5013,Deckers Brands,https://www.linkedin.com/company/deckers-brands,Apparel & Fashion,4800
5014,Deckers Brands,https://www.linkedin.com/company/deckers-brands,Apparel & Fashion,4800
"""


def write(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def organizations(engine: Engine) -> dict[str, Organization]:
    with unit_of_work(engine) as session:
        return {o.name or "": o for o in session.scalars(select(Organization))}


def adds_up(report: ImportReport) -> bool:
    return report.rows.total() == report.rows_in


def test_pages_on_shared_hosts_never_merge_companies(tmp_path: Path, database_url: str) -> None:
    """An App Store page, two GitHub pages and a Product Hunt post are no company's domain:
    six rows, six organizations, Apple and Product Hunt keeping their own domains."""
    engine = open_store(database_url)
    report = import_file(engine, write(tmp_path, SHARED_HOSTS, "yc.csv"), list_name="yc")
    assert report.organizations.created == 6 and adds_up(report)
    found = organizations(engine)
    assert found["Apple Inc."].domain == "apple.com"
    assert found["Product Hunt"].domain == "producthunt.com"
    assert {found[n].domain for n in ("FameGame", "BerriAI", "Yatima Inc.", "Storyline")} == {None}
    assert found["FameGame"].employees_max == 2  # its own firmographics, not Apple's


def test_people_without_email_or_linkedin_are_kept(tmp_path: Path, database_url: str) -> None:
    """Linda Clark has neither email nor LinkedIn URL: she is kept, at Flex Ltd. (the Flex
    whose other contact's email gave its domain), and the same file again creates nothing."""
    engine = open_store(database_url)
    path = write(tmp_path, SALESFORCE, "sf.csv")
    first = import_file(engine, path, list_name="sf")
    assert (first.contacts.created, first.organizations.created) == (4, 2)
    assert first.rows.created == 4 and adds_up(first)
    with unit_of_work(engine) as session:
        linda = session.scalars(select(Contact).where(Contact.full_name == "Linda Clark")).one()
        flex = session.get(Organization, linda.organization_id)
        assert flex is not None and (flex.name, flex.domain) == ("Flex Ltd.", "flex.example")
        assert (linda.job_title, linda.seniority) == ("Business Development Director", "director")
    again = import_file(engine, path, list_name="sf")
    assert (again.contacts.created, again.organizations.created) == (0, 0)
    assert again.rows.unchanged == 4


def test_opt_outs_lower_consent_once_and_never_raise_it(tmp_path: Path, database_url: str) -> None:
    """An email opt-out denies email, a do-not-call denies phone (marketing and sales each);
    "false" and "maybe" change nothing; importing again appends no event."""
    engine = open_store(database_url)
    path = write(tmp_path, SALESFORCE, "sf.csv")
    first = import_file(engine, path, list_name="sf")
    assert (first.opt_outs.email, first.opt_outs.phone) == (2, 1)

    def events() -> list[tuple[str, str, str, str]]:
        with unit_of_work(engine) as session:
            rows = session.execute(
                select(Contact.full_name, ConsentEvent.channel, ConsentEvent.purpose)
                .join(Contact, Contact.id == ConsentEvent.contact_id)
                .order_by(Contact.full_name, ConsentEvent.channel, ConsentEvent.purpose)
            ).all()
        return [(str(n), str(c), str(p), "denied") for n, c, p in rows]

    expected = [
        ("Ana Silva", "email", "marketing", "denied"),
        ("Ana Silva", "email", "sales", "denied"),
        ("Ana Silva", "phone", "marketing", "denied"),
        ("Ana Silva", "phone", "sales", "denied"),
        ("Omar Haddad", "email", "marketing", "denied"),
        ("Omar Haddad", "email", "sales", "denied"),
    ]
    assert events() == expected
    again = import_file(engine, path, list_name="sf")
    assert (again.opt_outs.email, again.opt_outs.phone) == (0, 0)
    assert events() == expected
    opted_in = SALESFORCE.replace("true", "false")
    again_in = write(tmp_path, opted_in, "in.csv")
    import_file(engine, again_in, list_name="sf")
    assert events() == expected  # a "no" in a file is no opt-in


def test_opted_out_contacts_are_never_put_on_a_board(tmp_path: Path, database_url: str) -> None:
    """A contact whose email for sales was opted out in a later file is not attached to the
    pursuit of its qualifying company, and is counted."""
    engine, _ = stored(tmp_path, database_url)
    opt_out = "Email,HasOptedOutOfEmail\nbo@acme-analytics.com,yes\n"
    import_file(
        engine,
        write(tmp_path, opt_out, "opt.csv"),
        list_name="opt-outs",
        workspace="acme",
    )
    report = ingest(engine)
    assert board_pursuits(engine)["Acme Analytics"] == ["ann@acme-analytics.com"]
    assert report.skipped_do_not_contact == 1


def test_linkedin_connections_keep_each_company(tmp_path: Path, database_url: str) -> None:
    """Connections have no website: each company is kept by its name and the contact linked
    to it; a connection without a company is kept alone."""
    engine = open_store(database_url)
    report = import_file(engine, write(tmp_path, CONNECTIONS, "c.csv"), list_name="li")
    assert (report.organizations.created, report.contacts.created) == (2, 3)
    with unit_of_work(engine) as session:
        employers = dict(
            session.execute(
                select(Contact.full_name, Organization.name).outerjoin(
                    Organization, Organization.id == Contact.organization_id
                )
            ).all()
        )
    assert employers == {
        "Mia Wong": "Deckers Brands",
        "Raj Patel": "GoCardless",
        "Lena Berg": None,
    }


def test_a_company_export_without_domains_is_keyed_by_linkedin_page(
    tmp_path: Path, database_url: str
) -> None:
    """HubSpot companies without a domain import by their LinkedIn page (not 0 of 3 rows);
    the repeated row is merged and counted; the vendor's record id is kept."""
    engine = open_store(database_url)
    path = write(tmp_path, HUBSPOT_COMPANIES, "companies.csv")
    report = import_file(engine, path, list_name="hs")
    assert report.organizations.created == 2
    assert (report.rows.created, report.rows.merged, report.rejected) == (2, 1, 0)
    found = organizations(engine)
    assert found["Flex Ltd."].linkedin_url == "https://www.linkedin.com/company/flex"
    assert found["Flex Ltd."].external_ids == {"hubspot": "5012"}
    assert found["Deckers Brands"].employees_min == 4800
    again = import_file(engine, path, list_name="hs")
    assert again.organizations.created == 0 and again.rows.unchanged == 2


def test_two_names_on_one_domain_are_merged_with_a_warning(
    tmp_path: Path, database_url: str
) -> None:
    """Two different company names sharing a domain are one organization by DESIGN's key
    order, and the warnings say so with both names and lines."""
    text = "Company Name,Website\nGlobex,globex.example\nInitech,https://globex.example/x\n"
    engine = open_store(database_url)
    report = import_file(engine, write(tmp_path, text, "g.csv"), list_name="g")
    assert report.organizations.created == 1 and report.rows.merged == 1
    (warning,) = report.warnings
    assert warning.line == 3
    assert "'Initech' merged with 'Globex' (line 2)" in warning.reason
    assert "globex.example" in warning.reason


def test_funding_dates_are_signals_in_the_store_as_on_the_file(
    tmp_path: Path, database_url: str
) -> None:
    """Apollo's "Last Raised At" becomes a dated recent_funding signal (recent enough or not
    for the ICP's 180 days); the fits stored by qualify equal ``leadsieve score`` on the same
    file with the same mapping, row for row, reasons included."""
    from leadsieve.service import accounts, credits, profiles
    from leadsieve.service.qualify import qualify_list
    from leadsieve.service.scoring import score_file

    text = (
        "Company Name,Website,Industry,# Employees,Country,Email,Title,Last Raised At,Latest Funding\n"
        "Acme Analytics,acme-analytics.com,Computer Software,120,United States,ann@acme-analytics.com,VP Sales,2026-10-01,Series B\n"
        "Nordic Pay AB,nordicpay.se,Financial Services,900,Sweden,eva@nordicpay.se,Head of Sales,Mar 2024,Series A\n"
        "Tiny Shop,tinyshop.example,Retail,5,UK,tom@tinyshop.example,Owner,,Seed\n"
    )
    path = write(tmp_path, text, "apollo.csv")
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        space = accounts.create_workspace(session, "acme", "Acme")
        credits.grant(session, space.id, "1000")
    import_file(engine, path, list_name="q3", workspace="acme")
    profiles.save_profile(engine, icp(), workspace="acme")
    qualify_list(engine, "q3", "mid-market", workspace="acme", as_of=AS_OF)
    out = tmp_path / "scored.csv"
    score_file(path, [icp()], as_of=AS_OF, output=out)
    scored = pl.read_csv(out, infer_schema=False)
    matched = dict(zip(scored["Email"], scored["fit_matched"].fill_null(""), strict=True))
    assert "signals" in matched["ann@acme-analytics.com"]  # raised 2 months before AS_OF
    assert "signals" not in matched["eva@nordicpay.se"]  # 2024: too old
    expected = scored.select(
        pl.col("Email").alias("key"),
        pl.col("fit_score").cast(pl.Int64).alias("score"),
        pl.col("fit_grade").alias("grade"),
        (pl.col("fit_qualified") == "true").alias("qualified"),
        *(pl.col(f"fit_{f}").fill_null("").alias(f) for f in ("matched", "missed", "unknown")),
        pl.col("fit_reasons").alias("reasons"),
    ).sort("key")
    stored = stored_fits(engine).select(expected.columns).sort("key")
    assert stored.rows() == expected.rows()


@pytest.mark.parametrize("layout", sorted(BUILDERS))
def test_each_vendor_export_is_stored_whole_and_scores_as_its_file(
    layout: str, tmp_path: Path, database_url: str
) -> None:
    """Every real-shaped export (tests/io/exports.py: each tool's headers, rows from shared
    data, the issue's tricky rows first): every row accounted for, every person and company
    kept, the same file again creates nothing, and the fits qualify stores equal `leadsieve
    score` on the file, row for row (as a multiset: one lead per row, nothing merged)."""
    from leadsieve.service import accounts, credits, profiles
    from leadsieve.service.qualify import qualify_list
    from leadsieve.service.scoring import score_file

    path = write(tmp_path, BUILDERS[layout](40, 0), f"{layout}.csv")
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        space = accounts.create_workspace(session, "acme", "Acme")
        credits.grant(session, space.id, "1000")
    report = import_file(engine, path, list_name="l", workspace="acme")
    assert adds_up(report) and report.rows_in == 40
    assert report.rejected == 0 and report.rows.created + report.rows.merged == 40
    again = import_file(engine, path, list_name="l", workspace="acme")
    assert again.organizations.created == again.contacts.created == 0
    profiles.save_profile(engine, icp(), workspace="acme")
    qualify_list(engine, "l", "mid-market", workspace="acme", as_of=AS_OF)
    fields = ["score", "grade", "qualified", "matched", "missed", "unknown", "reasons"]
    stored = stored_fits(engine).select(fields).sort(fields)
    out = tmp_path / "scored.csv"
    score_file(path, [icp()], as_of=AS_OF, output=out)
    scored = pl.read_csv(out, infer_schema=False).select(
        pl.col("fit_score").cast(pl.Int64).alias("score"),
        pl.col("fit_grade").alias("grade"),
        (pl.col("fit_qualified") == "true").alias("qualified"),
        *(pl.col(f"fit_{f}").fill_null("").alias(f) for f in ("matched", "missed", "unknown")),
        pl.col("fit_reasons").alias("reasons"),
    )
    assert report.rows.merged == 0  # one lead per row, so the multisets compare
    assert stored.rows() == scored.sort(fields).rows()
