"""``import_file``: organizations and contacts upserted by their keys, linked, listed, counted;
on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from leadsieve.errors import NoUsableColumns
from leadsieve.service import lists
from leadsieve.service.importing import import_file
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.repositories.contacts import employer_history
from leadsieve.store.tables import Contact, Employment, LeadListItem, Organization

LEADS = """\
Company Name,Website,Org Number,Country,Industry,# Employees,First Name,Last Name,Email,Title,Phone
Acme Analytics,https://www.acme-analytics.com,,United States,Computer Software,51-200,Jo,Doe,jo@acme-analytics.com,VP Sales,+1 415 555 0100
Acme Analytics Inc,acme-analytics.com,,USA,,,Al,Smith,AL@Acme-Analytics.com,CTO,
Volvo Cars,,556036-0793,Sweden,Automotive,"10,001+",Eva,Berg,eva@gmail.com,Head of Sales,070-123 45 67
Volvo Cars AB,volvocars.com,556036-0793,Sverige,,,,,,,
Nobody,,,,,,,,,,
Bad Number AB,,556036-0794,Sweden,,,,,,,
Free Mailer,,,Germany,,,Max,Muster,max@web.de,Owner,
,,,Germany,Retail,,,,,,
"""


def write(tmp_path: Path, text: str, name: str = "leads.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def count(url: str, table: type) -> int:
    with unit_of_work(open_store(url)) as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_import_creates_records_once_and_a_second_import_changes_nothing(
    tmp_path: Path, database_url: str
) -> None:
    """Rows become deduplicated organizations and contacts; a company known by its name
    alone is kept, an invalid number left out with a warning; the same file again is all
    unchanged, and the rows' counts add up to the rows in, the rejected with reasons."""
    engine = open_store(database_url)
    path = write(tmp_path, LEADS)
    first = import_file(engine, path, list_name="Q3 webinar")
    assert first.as_json() == {
        "rows": {"in": 8, "created": 7, "updated": 0, "unchanged": 0, "merged": 0, "blank": 0,
                 "rejected": 1},
        "organizations": {"created": 5, "updated": 0, "unchanged": 0},
        "contacts": {"created": 4, "updated": 0, "unchanged": 0},
        "rejected": 1,
    }  # fmt: skip
    assert first.rows_in == 8 == first.rows_imported + first.rejected == first.rows.total()
    assert [r.line for r in first.rejects] == [9]
    assert "check digit" in next(w.reason for w in first.warnings if w.line == 7)
    second = import_file(engine, path, list_name="Q3 webinar")
    assert second.as_json() == {
        "rows": {"in": 8, "created": 0, "updated": 0, "unchanged": 7, "merged": 0, "blank": 0,
                 "rejected": 1},
        "organizations": {"created": 0, "updated": 0, "unchanged": 5},
        "contacts": {"created": 0, "updated": 0, "unchanged": 4},
        "rejected": 1,
    }  # fmt: skip
    assert second.leads_added == 0 and first.leads_added == 7
    assert count(database_url, Organization) == 5 and count(database_url, Contact) == 4
    assert count(database_url, LeadListItem) == 7


def test_keys_follow_the_documented_order(tmp_path: Path, database_url: str) -> None:
    """The domain comes from the website, else a work email (never free-mail); a row with
    only an org number joins the organization whose row gave that number and a domain; a
    company with none of them is kept by its name."""
    engine = open_store(database_url)
    import_file(engine, write(tmp_path, LEADS), list_name="l")
    with unit_of_work(engine) as session:
        orgs = {o.domain or o.match_key: o for o in session.scalars(select(Organization))}
        people = {c.email: c for c in session.scalars(select(Contact))}
    assert set(orgs) == {
        "acme-analytics.com",
        "volvocars.com",
        "m:nobody",
        "m:bad number",
        "m:free mailer",
    }
    assert orgs["m:bad number"].org_no is None  # the number failed its check: left out
    volvo = orgs["volvocars.com"]
    assert (volvo.org_no, volvo.org_no_country, volvo.employees_min) == ("5560360793", "SE", 10001)
    assert people["al@acme-analytics.com"].organization_id == orgs["acme-analytics.com"].id
    assert people["eva@gmail.com"].organization_id == volvo.id  # her row names the company
    # free-mail makes no domain: Max's employer is the company his row names
    assert people["max@web.de"].organization_id == orgs["m:free mailer"].id
    assert people["jo@acme-analytics.com"].phones == ["+14155550100"]
    assert people["jo@acme-analytics.com"].seniority == "vp"


def test_empty_fields_are_filled_and_given_ones_kept_unless_overwrite(
    tmp_path: Path, database_url: str
) -> None:
    engine = open_store(database_url)
    first = "Company Name,Website,Industry,Email,Title\nAcme,acme.com,,jo@acme.com,Sales Rep\n"
    later = "Company Name,Website,Industry,Email,Title\nACME Corp,acme.com,Retail,jo@acme.com,CEO\n"
    import_file(engine, write(tmp_path, first), list_name="l")
    report = import_file(engine, write(tmp_path, later, "later.csv"), list_name="l")
    assert report.organizations.updated == 1 and report.contacts.unchanged == 1
    with unit_of_work(engine) as session:
        org = session.scalars(select(Organization)).one()
        person = session.scalars(select(Contact)).one()
    assert (org.name, org.industry_slug) == ("Acme", "retail")  # name kept, industry filled
    assert person.job_title == "Sales Rep"
    forced = import_file(engine, write(tmp_path, later, "later.csv"), list_name="l", overwrite=True)
    assert forced.organizations.updated == 1 and forced.contacts.updated == 1
    with unit_of_work(engine) as session:
        assert session.scalars(select(Organization.name)).one() == "ACME Corp"
        assert session.scalars(select(Contact.job_title)).one() == "CEO"


def test_a_new_employer_is_history_only_with_overwrite(tmp_path: Path, database_url: str) -> None:
    """A contact seen at another company keeps the stored employer unless --overwrite; then
    the old employer goes to the history and the new one is current from now."""
    engine = open_store(database_url)
    at_acme = "Website,Email\nacme.com,jo@gmail.com\n"
    at_globex = "Website,Email\nglobex.com,jo@gmail.com\n"
    import_file(engine, write(tmp_path, at_acme), list_name="l")
    import_file(engine, write(tmp_path, at_globex, "g.csv"), list_name="l")
    with unit_of_work(engine) as session:
        acme = session.scalars(
            select(Organization.id).where(Organization.domain == "acme.com")
        ).one()
        jo = session.scalars(select(Contact)).one()
        assert (jo.organization_id, jo.employer_since is not None) == (acme, True)
        assert session.scalars(select(Employment)).all() == []  # a first employer is no history
        first_since = jo.employer_since
    import_file(engine, write(tmp_path, at_globex, "g.csv"), list_name="l", overwrite=True)
    with unit_of_work(engine) as session:
        globex = session.scalars(
            select(Organization.id).where(Organization.domain == "globex.com")
        ).one()
        jo = session.scalars(select(Contact)).one()
        jobs = employer_history(session, jo)
    assert [(j.organization_id, j.ended_at is None) for j in jobs] == [
        (acme, False),
        (globex, True),
    ]
    assert jobs[0].started_at == first_since and jobs[0].ended_at == jobs[1].started_at


def test_a_contact_stored_without_an_employer_is_linked_by_a_later_import(
    tmp_path: Path, database_url: str
) -> None:
    """No employer, no ``employer_since``; a later file that names the company links the
    contact, current from then, with no history row (a first employer ends nothing)."""
    engine = open_store(database_url)
    import_file(engine, write(tmp_path, "Email\njo@gmail.com\n"), list_name="l")
    with unit_of_work(engine) as session:
        jo = session.scalars(select(Contact)).one()
        assert (jo.organization_id, jo.employer_since) == (None, None)
    later = import_file(
        engine, write(tmp_path, "Website,Email\nacme.com,jo@gmail.com\n", "b.csv"), list_name="l"
    )
    assert later.contacts.updated == 1
    with unit_of_work(engine) as session:
        jo = session.scalars(select(Contact)).one()
        acme = session.scalars(select(Organization.id)).one()
        assert (jo.organization_id, jo.employer_since is not None) == (acme, True)
        assert session.scalars(select(Employment)).all() == []


def test_an_organization_met_again_in_a_later_batch_gets_what_it_brings_new(
    tmp_path: Path, database_url: str
) -> None:
    """The import remembers the organizations it wrote and which fields they have: one met
    again with nothing new is not looked up, one that brings a field gets it filled."""
    rows = [f"Acme,acme.com,,p{i}@acme.com" for i in range(3)]
    rows += ["Acme,acme.com,Software Development,late@acme.com", "Acme,acme.com,,last@acme.com"]
    path = write(tmp_path, "Company Name,Website,Industry,Email\n" + "\n".join(rows) + "\n")
    engine = open_store(database_url)
    report = import_file(engine, path, list_name="l", batch_size=2)
    assert report.organizations.as_dict() == {"created": 1, "updated": 0, "unchanged": 0}
    assert report.contacts.created == 5
    with unit_of_work(engine) as session:
        acme = session.scalars(select(Organization)).one()
        assert (acme.name, acme.industry) == ("Acme", "Software Development")
        employers = set(session.scalars(select(Contact.organization_id)))
    assert employers == {acme.id}


def test_two_imports_at_once_never_duplicate(tmp_path: Path, database_url: str) -> None:
    """The unique keys and ON CONFLICT keep concurrent imports of one file from creating a
    record twice."""
    engine = open_store(database_url)
    rows = "\n".join(f"Company {i},company{i}.com,p{i}@company{i}.com" for i in range(300))
    path = write(tmp_path, "Company Name,Website,Email\n" + rows + "\n")
    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda _: import_file(engine, path, list_name="l"), range(2)))
    assert count(database_url, Organization) == 300 and count(database_url, Contact) == 300
    assert count(database_url, LeadListItem) == 300
    # each record was created by one import; for the other it was there, and unchanged
    assert sum(r.organizations.created for r in reports) == 300
    for report in reports:
        assert report.organizations.updated == 0 and report.contacts.updated == 0
        assert report.organizations.created + report.organizations.unchanged == 300


def test_a_record_another_import_wrote_first_is_unchanged_when_equal(
    tmp_path: Path, database_url: str
) -> None:
    """The path of a record inserted meanwhile by a concurrent import (its insert skipped on
    the unique key): it is filled with what this file adds and counted updated only then,
    else unchanged (two imports at once reported such records as updated)."""
    from leadsieve.io import canonical_frame, read_leads, suggest_mapping
    from leadsieve.service.lead_records import lead_records
    from leadsieve.service.store import resolve_workspace
    from leadsieve.service.upserts import Tally, upsert_organizations

    engine = open_store(database_url)
    path = write(tmp_path, "Company Name,Website,Industry\nAcme,acme.com,\nGlobex,globex.com,\n")
    import_file(engine, path, list_name="l")
    later = write(
        tmp_path,
        "Company Name,Website,Industry\nAcme,acme.com,\nGlobex,globex.com,Retail\n",
        "b.csv",
    )
    read = read_leads(later)
    frame = canonical_frame(read.frame, suggest_mapping(list(read.frame.columns)))
    found = lead_records(frame.with_columns(read.frame["__line__"]))
    tally = Tally()
    tally.expect_new = True  # as after a batch of new records: insert first, collide
    with unit_of_work(engine) as session:
        space = resolve_workspace(session, None)
        ids = upsert_organizations(session, space.id, found.organizations, tally, False)
    counts = tally.counts()
    assert (counts.created, counts.updated, counts.unchanged) == (0, 1, 1)
    assert len(ids) == 2 and count(database_url, Organization) == 2


def test_workspaces_never_share_records(tmp_path: Path, database_url: str) -> None:
    from leadsieve.store.repositories import workspaces

    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        workspaces.create(session, "acme", "Acme")
        workspaces.create(session, "globex", "Globex")
    path = write(tmp_path, LEADS)
    a = import_file(engine, path, list_name="l", workspace="acme")
    b = import_file(engine, path, list_name="l", workspace="globex")
    assert a.organizations.created == b.organizations.created == 5
    assert count(database_url, Organization) == 10


def test_a_file_without_any_key_column_says_which_are_needed(
    tmp_path: Path, database_url: str
) -> None:
    path = write(tmp_path, "Industry,Country\nRetail,Sweden\n")
    with pytest.raises(NoUsableColumns, match="website") as caught:
        import_file(open_store(database_url), path, list_name="l")
    assert "'Industry'" in str(caught.value)


def test_json_report_shape_is_exact(tmp_path: Path, database_url: str) -> None:
    report = import_file(open_store(database_url), write(tmp_path, LEADS), list_name="l")
    assert json.loads(json.dumps(report.as_json())).keys() == {
        "rows",
        "organizations",
        "contacts",
        "rejected",
    }


def test_an_unreadable_file_fails_before_the_database_is_touched(
    tmp_path: Path, database_url: str
) -> None:
    """A binary file: the lead-file error, and no workspace, list or record is created."""
    from leadsieve.errors import LeadFileUnreadable
    from leadsieve.store.tables import LeadList, Workspace

    path = tmp_path / "leads.csv"
    path.write_bytes(b"\x00\x01\x02\x89PNG\x00" * 100)
    engine = open_store(database_url)
    with pytest.raises(LeadFileUnreadable):
        import_file(engine, path, list_name="l")
    assert count(database_url, Workspace) == 0 and count(database_url, LeadList) == 0


def test_invalid_emails_and_org_numbers_are_reported_per_row(
    tmp_path: Path, database_url: str
) -> None:
    """A row kept by its website loses its bad email and bad org number, each reported with
    the row's line; the row is imported, not rejected."""
    path = write(
        tmp_path,
        "Website,Email,Org Number,Country\nacme.com,not-an-email,556036-0794,Sweden\n"
        "globex.com,jo@globex.com,,\n",
    )
    report = import_file(open_store(database_url), path, list_name="l")
    assert report.rejected == 0 and report.rows_imported == 2
    assert [(w.line, w.reason.split(" ")[0]) for w in report.warnings] == [
        (2, "email"),
        (2, "'556036-0794'"),
    ]


def test_an_interrupted_import_keeps_whole_batches_and_a_rerun_completes_it(
    tmp_path: Path, database_url: str
) -> None:
    """Ctrl-C after the first batch: that batch is stored, nothing of the next; the rerun
    creates the rest and finds the first batch unchanged."""
    rows = "\n".join(f"Company {i},company{i}.com,p{i}@company{i}.com" for i in range(50))
    path = write(tmp_path, "Company Name,Website,Email\n" + rows + "\n")
    engine = open_store(database_url)

    def stop(_: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_file(engine, path, list_name="l", batch_size=20, on_progress=stop)
    stored = count(database_url, Organization)
    assert 0 < stored < 50 and count(database_url, Contact) == stored
    rerun = import_file(engine, path, list_name="l", batch_size=20)
    assert rerun.organizations.created == 50 - stored
    assert rerun.organizations.unchanged == stored
    assert count(database_url, Organization) == 50 and count(database_url, LeadListItem) == 50


def test_a_failure_while_listing_keeps_the_database_consistent_and_a_rerun_lists_all(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list entries of a batch fail (the list removed meanwhile, say). SQLite writes them
    in the batch's transaction: nothing of the batch stays. PostgreSQL writes them apart, after
    the records are committed: they stay, not yet listed (with those of the batch written
    meanwhile). Either way the rerun ends with
    every record once and every lead in the list."""
    rows = "\n".join(f"Company {i},company{i}.com,p{i}@company{i}.com" for i in range(50))
    path = write(tmp_path, "Company Name,Website,Email\n" + rows + "\n")
    engine = open_store(database_url)

    def fail(*_: object) -> int:
        raise RuntimeError("the list is gone")

    monkeypatch.setattr(lists, "add_imported_leads", fail)
    with pytest.raises(RuntimeError, match="the list is gone"):
        import_file(engine, path, list_name="l", batch_size=20)
    stored = count(database_url, Contact)
    assert count(database_url, LeadListItem) == 0
    if database_url.startswith("sqlite"):
        assert stored == 0
    else:  # the batch whose listing failed, and the one written meanwhile
        assert 0 < stored < 50
    monkeypatch.undo()
    rerun = import_file(engine, path, list_name="l", batch_size=20)
    assert (rerun.contacts.created, rerun.contacts.unchanged) == (50 - stored, stored)
    assert rerun.leads_added == 50
    assert count(database_url, Contact) == 50 and count(database_url, LeadListItem) == 50


def test_two_processes_importing_overlapping_files_make_no_duplicate(
    tmp_path: Path, database_url: str
) -> None:
    """Two `leadsieve import` processes at once, on files that share half their records: every
    organization and contact exists once, and both lists hold all their leads."""
    import subprocess

    from tests.cli.test_cli import EXE

    def file(name: str, numbers: range) -> Path:
        rows = "\n".join(f"Company {i},company{i}.com,p{i}@company{i}.com" for i in numbers)
        return write(tmp_path, "Company Name,Website,Email\n" + rows + "\n", name)

    first, second = file("a.csv", range(0, 3000)), file("b.csv", range(1500, 4500))
    open_store(database_url)  # migrate first, so the two processes only import
    env = {**__import__("os").environ, "LEADSIEVE_DATABASE_URL": database_url}
    assert EXE is not None
    running = [
        subprocess.Popen(
            [EXE, "import", str(path), "--list", path.stem, "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (first, second)
    ]
    outputs = [p.communicate(timeout=300) for p in running]
    assert all(p.returncode == 0 for p in running), outputs
    assert count(database_url, Organization) == 4500 and count(database_url, Contact) == 4500
    assert count(database_url, LeadListItem) == 6000
