"""The import's two orders of work give the same store: looking records up before inserting
the rest, and, after a batch of only new records, inserting first and looking up only what
collides (``upserts._write``). On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import aliased

from leadsieve.io import iter_lead_batches
from leadsieve.service.importing import ImportReport, import_file
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.repositories import records, workspaces
from leadsieve.store.tables import (
    Contact,
    Employment,
    LeadList,
    LeadListItem,
    Organization,
    Workspace,
)

HEADER = "Company Name,Website,Industry,First Name,Email,Title,Phone,Person Linkedin Url"

# Stored before the file under test: a contact known by LinkedIn only, one without an
# employer, one at a company whose industry is unknown.
STORED = [
    "Acme,acme.com,,Xa,,Engineer,,https://www.linkedin.com/in/xa",
    ",,,Xb,xb@gmail.com,,,",
    "Globex,globex.com,,Xc,xc@globex.com,Analyst,,",
]

# Read in batches of three: the first two bring only new records; the third collides with
# the first (a contact met again, with a phone) and with the stored ones (by LinkedIn, with a
# new email and employer); the fourth is new again; the fifth meets stored records by email,
# with an employer for the one that had none, a new title and an industry; the sixth holds
# two emails with one LinkedIn URL.
FILE = [
    "N1,n1.com,,N1,p@n1.com,CEO,,",
    "N2,n2.com,Retail,N2,p@n2.com,CTO,,",
    "N3,n3.com,,N3,p@n3.com,,,",
    "N4,n4.com,,N4,p@n4.com,,,https://www.linkedin.com/in/n4",
    "N5,n5.com,,N5,p@n5.com,,,",
    "N6,n6.com,,N6,p@n6.com,,,",
    "N1,n1.com,Software Development,N1,p@n1.com,CEO,+1 415 555 0100,",
    "N7,n7.com,,N7,p@n7.com,,,",
    "Initech,initech.com,,Xa,xa@initech.com,Manager,,https://www.linkedin.com/in/xa",
    "N8,n8.com,,N8,p@n8.com,,,",
    "N9,n9.com,,N9,p@n9.com,,,",
    "N10,n10.com,,N10,p@n10.com,,,",
    "Acme,acme.com,,Xb,xb@gmail.com,Buyer,,",
    "Globex,globex.com,Retail,Xc,xc@globex.com,Director,,",
    "N11,n11.com,,N11,p@n11.com,,,",
    "N12,n12.com,,N12,a@n12.com,,,https://www.linkedin.com/in/twin",
    "N12,n12.com,,N12b,b@n12.com,,,https://www.linkedin.com/in/twin",
    "N14,n14.com,,N14,p@n14.com,,,",
]


def write(tmp_path: Path, name: str, rows: Sequence[str]) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def snapshot(engine: Engine, slug: str) -> dict[str, Any]:
    """What a workspace holds, without ids and times (but whether an employer has a start)."""
    with unit_of_work(engine) as session:
        space = session.scalars(select(Workspace.id).where(Workspace.slug == slug)).one()
        org = aliased(Organization)
        contacts = session.execute(
            select(
                Contact.email, Contact.linkedin_url, Contact.first_name, Contact.job_title,
                Contact.phones, org.domain, Contact.employer_since.is_not(None),
            )
            .outerjoin(org, org.id == Contact.organization_id)
            .where(Contact.workspace_id == space)
        ).all()  # fmt: skip
        orgs = session.execute(
            select(Organization.domain, Organization.name, Organization.industry).where(
                Organization.workspace_id == space
            )
        ).all()
        person = aliased(Contact)
        history = session.execute(
            select(person.linkedin_url, org.domain)
            .select_from(Employment)
            .join(person, person.id == Employment.contact_id)
            .join(org, org.id == Employment.organization_id)
            .where(Employment.workspace_id == space)
        ).all()
        listed = session.execute(
            select(org.domain, person.email)
            .select_from(LeadListItem)
            .outerjoin(org, org.id == LeadListItem.organization_id)
            .outerjoin(person, person.id == LeadListItem.contact_id)
            .join(LeadList, LeadList.id == LeadListItem.list_id)
            .where(LeadList.workspace_id == space)
        ).all()
    return {
        "contacts": sorted(map(repr, contacts)),
        "organizations": sorted(map(repr, orgs)),
        "history": sorted(map(repr, history)),
        "listed": sorted(map(repr, listed)),
    }


def both_orders(tmp_path: Path, database_url: str, overwrite: bool) -> list[ImportReport]:
    """The file imported in one batch into workspace ``one``, in batches of three into
    ``batched``, each holding the same stored records first."""
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        workspaces.create(session, "one", "One")
        workspaces.create(session, "batched", "Batched")
    stored, file = write(tmp_path, "stored.csv", STORED), write(tmp_path, "file.csv", FILE)
    reports = []
    for slug, size in (("one", 100_000), ("batched", 3)):
        import_file(engine, stored, list_name="stored", workspace=slug)
        reports.append(
            import_file(
                engine, file, list_name="l", workspace=slug, overwrite=overwrite, batch_size=size
            )
        )
    return reports


@pytest.mark.parametrize("overwrite", [False, True])
def test_inserting_first_after_new_batches_stores_what_looking_up_first_stores(
    tmp_path: Path, database_url: str, overwrite: bool
) -> None:
    one, batched = both_orders(tmp_path, database_url, overwrite)
    assert batched.as_json() == one.as_json()
    assert (batched.rows_in, batched.rows_imported) == (one.rows_in, one.rows_imported)
    assert batched.leads_added == one.leads_added
    engine = open_store(database_url)
    assert snapshot(engine, "batched") == snapshot(engine, "one")
    # the collisions did what the rules say, whatever the order
    held = snapshot(engine, "batched")
    xa = next(c for c in held["contacts"] if "linkedin.com/in/xa" in c)
    assert ("'initech.com'" in xa) is overwrite  # a new employer only with overwrite
    assert (held["history"] != []) is overwrite
    assert any("'p@n1.com'" in c and "+14155550100" in c for c in held["contacts"])
    assert "('n1.com', 'N1', 'Software Development')" in held["organizations"]


def test_a_first_import_of_new_records_looks_up_only_its_first_batch(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a batch brought only new records, the next ones are inserted without a lookup;
    a batch that collides sends the next one back to looking up first."""
    looked_up: list[tuple[str, int]] = []
    find_by = records.find_by

    def counting(
        session: Any, table: Any, workspace_id: int, columns: Any, keys: Any, fields: Any
    ) -> list[dict[str, Any]]:
        if table.name == "contacts" and list(columns) == ["email"]:
            looked_up.append(("email", len(keys)))
        return find_by(session, table, workspace_id, columns, keys, fields)

    monkeypatch.setattr(records, "find_by", counting)
    engine = open_store(database_url)
    rows = [f"C{i},c{i}.com,,P{i},p@c{i}.com,,," for i in range(12)]
    path = write(tmp_path, "new.csv", rows)
    first = next(iter_lead_batches(path, batch_size=3)).frame.height
    report = import_file(engine, path, list_name="l", batch_size=3)
    assert report.contacts.as_dict() == {"created": 12, "updated": 0, "unchanged": 0}
    assert first < 12 and looked_up == [("email", first)]  # the first batch's; none after it
    looked_up.clear()
    # again, with a contact of the file above in the second batch: the batch after it looks
    # up first again (the reader's batches are about three rows: the expected lookups follow
    # the batches it makes)
    again = [*(f"D{i},d{i}.com,,Q{i},q@d{i}.com,,," for i in range(5)), rows[0]]
    again += [f"E{i},e{i}.com,,R{i},r@e{i}.com,,," for i in range(6)]
    path = write(tmp_path, "again.csv", again)
    expected, expect_new = [], False
    for batch in iter_lead_batches(path, batch_size=3):
        collides = "p@c0.com" in batch.frame["Email"].to_list()
        if not expect_new:
            expected.append(("email", batch.frame.height))
        elif collides:
            expected.append(("email", 1))
        expect_new = not collides
    report = import_file(engine, path, list_name="l", batch_size=3)
    assert report.contacts.as_dict() == {"created": 11, "updated": 0, "unchanged": 1}
    assert looked_up == expected
    assert len(expected) >= 3 and ("email", 1) in expected  # the path was taken
