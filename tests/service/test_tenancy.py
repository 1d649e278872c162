"""Tenancy: nothing of workspace A can be read or changed while acting in workspace B,
through every service function of the store; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from leadsieve.errors import Forbidden, IcpNotFound, ListNotFound, NotFound
from leadsieve.icp import validate_icp
from leadsieve.service import accounts, contacts, lists, profiles
from leadsieve.service.importing import import_file
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.tables import ConsentEvent, Contact, LeadListItem, Organization

ICP = {"slug": "saas", "rules": {"industries": {"any_of": ["software-development"]}}}


@pytest.fixture
def world(tmp_path: Path, database_url: str) -> dict[str, Any]:
    """Workspace A with a list, an organization, a contact, a profile and a key; B empty."""
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        a = accounts.create_workspace(session, "a", "A")
        b = accounts.create_workspace(session, "b", "B")
        a_id, b_id = a.id, b.id
    leads = tmp_path / "a.csv"
    leads.write_text("Company Name,Website,Email\nAcme,acme.com,jo@acme.com\n", encoding="utf-8")
    import_file(engine, leads, list_name="a-list", workspace="a")
    profiles.save_profile(engine, validate_icp(ICP), workspace="a")
    with unit_of_work(engine) as session:
        key = accounts.create_key(session, a_id, "a-key")
        org = session.scalars(select(Organization.id)).one()
        person = session.scalars(select(Contact.id)).one()
        list_id = lists.get_list(session, a_id, "a-list").id
    return {
        "engine": engine,
        "a": a_id,
        "b": b_id,
        "org": org,
        "contact": person,
        "list": list_id,
        "key": key,
    }


def in_b(world: dict[str, Any], call: Callable[[Session, int], Any]) -> None:
    with unit_of_work(world["engine"]) as session:
        call(session, world["b"])


LIST_CALLS: dict[str, Callable[[dict[str, Any], Session, int], Any]] = {
    "get_list": lambda w, s, b: lists.get_list(s, b, "a-list"),
    "get_list_by_id": lambda w, s, b: lists.get_list_by_id(s, b, w["list"]),
    "show_list": lambda w, s, b: lists.show_list(s, b, w["list"]),
    "count_leads": lambda w, s, b: lists.count_leads(s, b, w["list"]),
    "add_leads": lambda w, s, b: lists.add_leads(s, b, w["list"], [(w["org"], None)]),
    "remove_leads": lambda w, s, b: lists.remove_leads(s, b, w["list"], [(w["org"], None)]),
    "delete_list": lambda w, s, b: lists.delete_list(s, b, w["list"]),
}


@pytest.mark.parametrize("name", list(LIST_CALLS))
def test_a_list_of_another_workspace_is_not_found(world: dict[str, Any], name: str) -> None:
    with pytest.raises(ListNotFound):
        in_b(world, lambda s, b: LIST_CALLS[name](world, s, b))


def test_b_cannot_add_a_records_to_its_own_list(world: dict[str, Any]) -> None:
    with unit_of_work(world["engine"]) as session:
        mine = lists.create_list(session, world["b"], "b-list").id
    with pytest.raises(Forbidden):
        in_b(world, lambda s, b: lists.add_leads(s, b, mine, [(world["org"], world["contact"])]))


CONTACT_CALLS: dict[str, Callable[[dict[str, Any], Session, int], Any]] = {
    "link_organization": lambda w, s, b: contacts.link_organization(s, b, w["contact"], w["org"]),
    "record_consent": lambda w, s, b: contacts.record_consent(
        s, b, w["contact"], channel="email", purpose="sales", status="granted"
    ),
    "consent": lambda w, s, b: contacts.consent(s, b, w["contact"], "email", "sales"),
    "may_contact": lambda w, s, b: contacts.may_contact(s, b, w["contact"], "email", "sales"),
    "mark_do_not_contact": lambda w, s, b: contacts.mark_do_not_contact(
        s, b, w["contact"], reason="x", source="y"
    ),
}


@pytest.mark.parametrize("name", list(CONTACT_CALLS))
def test_a_contact_of_another_workspace_is_refused(world: dict[str, Any], name: str) -> None:
    with pytest.raises((Forbidden, NotFound)):
        in_b(world, lambda s, b: CONTACT_CALLS[name](world, s, b))
    with unit_of_work(world["engine"]) as session:
        person = session.get(Contact, world["contact"])
        assert person is not None and person.do_not_contact is False
        assert session.scalar(select(func.count()).select_from(ConsentEvent)) == 0


def test_lookups_by_key_find_nothing_of_another_workspace(world: dict[str, Any]) -> None:
    def look(session: Session, b: int) -> None:
        assert contacts.find_by_domain(session, b, "acme.com") is None
        assert contacts.find_by_email(session, b, "jo@acme.com") is None
        assert accounts.list_keys(session, b) == []
        assert lists.list_lists(session, b) == []

    in_b(world, look)


def test_upserts_and_imports_in_b_never_touch_a(world: dict[str, Any], tmp_path: Path) -> None:
    """The same domain and email upserted in B make B's own records; A's stay as they were."""
    in_b(world, lambda s, b: contacts.upsert_organization(s, b, domain="acme.com", city="Oslo"))
    leads = tmp_path / "b.csv"
    leads.write_text("Company Name,Website,Email\nAcme B,acme.com,jo@acme.com\n", encoding="utf-8")
    report = import_file(world["engine"], leads, list_name="a-list", workspace="b")
    assert report.contacts.created == 1
    with unit_of_work(world["engine"]) as session:
        theirs = session.get(Organization, world["org"])
        assert theirs is not None and theirs.city is None and theirs.name == "Acme"
        assert session.scalar(select(func.count()).select_from(Organization)) == 2
        in_a = lists.count_leads(session, world["a"], world["list"])
        assert in_a == 1 and session.scalar(select(func.count()).select_from(LeadListItem)) == 2


def test_a_key_of_another_workspace_cannot_be_revoked(world: dict[str, Any]) -> None:
    prefix = world["key"][0].prefix  # create_key gives (summary, token)
    with pytest.raises(NotFound):
        in_b(world, lambda s, b: accounts.revoke_key(s, b, prefix))


PROFILE_CALLS: dict[str, Callable[[Engine], Any]] = {
    "history": lambda e: profiles.profile_history(e, "saas", workspace="b"),
    "version": lambda e: profiles.get_profile_version(e, "saas", workspace="b"),
    "diff": lambda e: profiles.diff_profile(e, "saas", 1, 1, workspace="b"),
    "revert": lambda e: profiles.revert_profile(e, "saas", 1, workspace="b"),
    "clone": lambda e: profiles.clone_profile(e, "saas", "copy", workspace="b"),
    "share": lambda e: profiles.share_profile(e, "saas", "workspace", workspace="b"),
    "export": lambda e: profiles.export_profile(e, "saas", workspace="b"),
}


@pytest.mark.parametrize("name", list(PROFILE_CALLS))
def test_a_profile_of_another_workspace_is_not_found(world: dict[str, Any], name: str) -> None:
    with pytest.raises(IcpNotFound):
        PROFILE_CALLS[name](world["engine"])
    assert profiles.list_profiles(world["engine"], workspace="b") == []
