"""Lead lists: idempotent adds, order, removal, deletion keeping records, tenancy and
concurrency, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from leadsieve.errors import AlreadyExists, Forbidden, InvalidValue, ListNotFound
from leadsieve.service.contacts import link_organization
from leadsieve.service.lists import (
    Lead,
    add_leads,
    count_leads,
    create_list,
    delete_list,
    ensure_list,
    get_list,
    get_list_by_id,
    list_lists,
    remove_leads,
    show_list,
)
from leadsieve.service.store import unit_of_work
from leadsieve.store.tables import Contact, LeadList, LeadListItem, Organization
from tests.store.helpers import make_workspace


def make_organizations(engine: Engine, workspace_id: int, n: int, **values: object) -> list[int]:
    """``n`` organizations named Org 0..n-1 (domains org0.example...), their ids in order."""
    with unit_of_work(engine) as session:
        rows = [
            Organization(
                workspace_id=workspace_id,
                name=f"Org {i}",
                domain=f"org{i}-{workspace_id}.example",
                **values,
            )
            for i in range(n)
        ]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def make_contact(
    engine: Engine, workspace_id: int, organization_id: int | None, **values: object
) -> int:
    with unit_of_work(engine) as session:
        contact = Contact(workspace_id=workspace_id, organization_id=organization_id, **values)
        session.add(contact)
        session.flush()
        return contact.id


def make_list(engine: Engine, workspace_id: int, name: str = "q3") -> int:
    with unit_of_work(engine) as session:
        return create_list(session, workspace_id, name).id


def owner(session: Session, list_id: int) -> int:
    """The workspace of a list (the tests act in it unless they test tenancy)."""
    found = session.get(LeadList, list_id)
    assert found is not None
    return found.workspace_id


def add(engine: Engine, list_id: int, leads: list[Lead]) -> int:
    with unit_of_work(engine) as session:
        return add_leads(session, owner(session, list_id), list_id, leads)


def keys(engine: Engine, list_id: int) -> list[str]:
    with unit_of_work(engine) as session:
        return [row.lead_key for row in show_list(session, owner(session, list_id), list_id)]


def test_create_refuses_a_taken_name_and_ensure_returns_the_same_list(engine: Engine) -> None:
    """A second list by one name is ALREADY_EXISTS; ``ensure_list`` gets or creates it."""
    acme = make_workspace(engine, "acme")
    list_id = make_list(engine, acme)
    with unit_of_work(engine) as session, pytest.raises(AlreadyExists, match="'q3'"):
        create_list(session, acme, " q3 ")
    with unit_of_work(engine) as session:
        assert ensure_list(session, acme, "q3").id == list_id
        assert ensure_list(session, acme, "q4").id != list_id
    with unit_of_work(engine) as session, pytest.raises(InvalidValue, match="empty"):
        create_list(session, acme, "  ")


def test_concurrent_ensure_makes_one_list(engine: Engine) -> None:
    """Eight importers asking for the same list at once get one list."""
    acme = make_workspace(engine, "acme")

    def ensure(_: int) -> int:
        with unit_of_work(engine) as session:
            return ensure_list(session, acme, "import").id

    with ThreadPoolExecutor(4) as pool:
        assert len(set(pool.map(ensure, range(8)))) == 1


def test_an_unknown_list_names_the_existing_ones(engine: Engine) -> None:
    """LIST_NOT_FOUND lists the workspace's lists and says how to create one."""
    acme = make_workspace(engine, "acme")
    make_list(engine, acme, "q3")
    make_list(engine, acme, "events")
    with unit_of_work(engine) as session, pytest.raises(ListNotFound) as raised:
        get_list(session, acme, "q4")
    assert "'events', 'q3'" in raised.value.message
    assert "leadsieve list create" in raised.value.message


def test_adding_is_idempotent_and_keeps_insertion_order(engine: Engine) -> None:
    """The same leads added twice are added once; repeats inside one call count once; the list
    keeps the order leads were first added; a contact's lead is the contact at its current
    employer, whichever organization it was added with, and follows it when it moves."""
    acme = make_workspace(engine, "acme")
    orgs = make_organizations(engine, acme, 3)
    ann = make_contact(engine, acme, orgs[0], full_name="Ann Lee", email="ann@org0.example")
    list_id = make_list(engine, acme)
    leads: list[Lead] = [(orgs[2], None), (None, ann), (orgs[1], None), (orgs[2], None)]
    assert add(engine, list_id, leads) == 3
    assert add(engine, list_id, leads) == 0
    assert add(engine, list_id, [(orgs[0], None), (orgs[0], ann)]) == 1  # ann is already in
    assert keys(engine, list_id) == [f"o{orgs[2]}", f"c{ann}", f"o{orgs[1]}", f"o{orgs[0]}"]
    with unit_of_work(engine) as session:
        item = session.scalars(select(LeadListItem).where(LeadListItem.contact_id == ann)).one()
        assert item.organization_id is None
        assert [(s.name, s.leads) for s in list_lists(session, acme)] == [("q3", 4)]
        assert show_list(session, acme, list_id)[1].organization_id == orgs[0]
        link_organization(session, acme, ann, orgs[2])
        assert show_list(session, acme, list_id)[1].organization_id == orgs[2]


def test_thousands_of_leads_go_in_by_chunks(engine: Engine) -> None:
    """2,500 leads (three INSERT chunks) are all added, in order, and none the second time."""
    acme = make_workspace(engine, "acme")
    orgs = make_organizations(engine, acme, 2500)
    list_id = make_list(engine, acme)
    leads: list[Lead] = [(org, None) for org in orgs]
    assert add(engine, list_id, leads) == 2500
    assert add(engine, list_id, leads) == 0
    assert keys(engine, list_id) == [f"o{org}" for org in orgs]


def test_concurrent_adds_of_the_same_leads_add_each_once(engine: Engine) -> None:
    """Two threads adding the same 300 leads at once, in opposite orders: each lead is in the
    list once, the two counts of newly added leads sum to 300, and neither deadlocks."""
    acme = make_workspace(engine, "acme")
    orgs = make_organizations(engine, acme, 300)
    list_id = make_list(engine, acme)
    leads: list[Lead] = [(org, None) for org in orgs]
    start = threading.Barrier(2)

    def worker(reverse: bool) -> int:
        start.wait()
        return add(engine, list_id, leads[::-1] if reverse else leads)

    with ThreadPoolExecutor(2) as pool:
        added = list(pool.map(worker, [False, True]))
    assert sum(added) == 300
    with unit_of_work(engine) as session:
        assert count_leads(session, owner(session, list_id), list_id) == 300


def test_remove_and_delete_keep_the_records(engine: Engine) -> None:
    """Removing leads and deleting the list never deletes an organization or a contact."""
    acme = make_workspace(engine, "acme")
    orgs = make_organizations(engine, acme, 3)
    ann = make_contact(engine, acme, orgs[0], full_name="Ann Lee")
    list_id = make_list(engine, acme)
    add(engine, list_id, [(org, None) for org in orgs] + [(None, ann)])
    with unit_of_work(engine) as session:
        assert (
            remove_leads(
                session,
                owner(session, list_id),
                list_id,
                [(orgs[1], None), (orgs[1], None), (None, 999)],
            )
            == 1
        )
    assert keys(engine, list_id) == [f"o{orgs[0]}", f"o{orgs[2]}", f"c{ann}"]
    with unit_of_work(engine) as session:
        assert delete_list(session, owner(session, list_id), list_id) == 3
    with unit_of_work(engine) as session:
        assert session.scalar(select(func.count()).select_from(LeadList)) == 0
        assert session.scalar(select(func.count()).select_from(LeadListItem)) == 0
        assert session.scalar(select(func.count()).select_from(Organization)) == 3
        assert session.scalar(select(func.count()).select_from(Contact)) == 1
        with pytest.raises(ListNotFound):
            get_list(session, acme, "q3")


def test_leads_of_another_workspace_are_forbidden(engine: Engine) -> None:
    """An organization or contact of workspace B cannot go into a list of A: FORBIDDEN naming
    the ids, and nothing of the batch is added."""
    acme, globex = make_workspace(engine, "acme"), make_workspace(engine, "globex")
    ours = make_organizations(engine, acme, 1)
    theirs = make_organizations(engine, globex, 1)
    their_contact = make_contact(engine, globex, theirs[0], full_name="Gus Globex")
    list_id = make_list(engine, acme)
    with pytest.raises(Forbidden, match=f"organization ids {theirs[0]}"):
        add(engine, list_id, [(ours[0], None), (theirs[0], None)])
    with pytest.raises(Forbidden, match=f"contact ids {their_contact}"):
        add(engine, list_id, [(ours[0], their_contact)])
    with pytest.raises(Forbidden, match="organization ids 424242"):
        add(engine, list_id, [(424242, None)])
    assert keys(engine, list_id) == []


def test_a_list_of_another_workspace_is_not_found(engine: Engine) -> None:
    """Workspace B sees neither A's list by name nor by id; the message names B's lists."""
    acme, globex = make_workspace(engine, "acme"), make_workspace(engine, "globex")
    list_id = make_list(engine, acme, "acme-only")
    make_list(engine, globex, "globex-list")
    with unit_of_work(engine) as session:
        with pytest.raises(ListNotFound, match="'globex-list'") as raised:
            get_list(session, globex, "acme-only")
        assert "acme-only" not in raised.value.message.partition("(")[2]
        with pytest.raises(ListNotFound):
            get_list_by_id(session, globex, list_id)
        assert get_list_by_id(session, acme, list_id).name == "acme-only"
        assert [s.name for s in list_lists(session, globex)] == ["globex-list"]


def test_show_joins_organization_and_contact_fields(engine: Engine) -> None:
    """Each row carries the organization's and the contact's fields; a contact without a full
    name shows first and last; ``limit`` keeps the first rows."""
    acme = make_workspace(engine, "acme")
    (org,) = make_organizations(
        engine, acme, 1, country="SE", industry="Software Development", employees="51-200"
    )
    ann = make_contact(
        engine,
        acme,
        org,
        first_name="Ann",
        last_name="Lee",
        email="ann@org0.example",
        job_title="VP Sales",
        seniority="vp",
    )
    loner = make_contact(engine, acme, None, full_name="Lone Ranger")
    list_id = make_list(engine, acme)
    add(engine, list_id, [(None, ann), (org, None), (None, loner)])
    with unit_of_work(engine) as session:
        rows = show_list(session, owner(session, list_id), list_id)
        first_two = show_list(session, owner(session, list_id), list_id, limit=2)
    assert [r.lead_key for r in first_two] == [f"c{ann}", f"o{org}"]
    contact, organization, lone = rows
    assert (contact.organization, contact.country, contact.industry, contact.employees) == (
        "Org 0",
        "SE",
        "Software Development",
        "51-200",
    )
    assert (contact.contact, contact.email, contact.job_title, contact.seniority) == (
        "Ann Lee",
        "ann@org0.example",
        "VP Sales",
        "vp",
    )
    assert organization.contact is None and organization.domain == f"org0-{acme}.example"
    assert lone.organization is None and lone.organization_id is None
    assert lone.contact == "Lone Ranger"
