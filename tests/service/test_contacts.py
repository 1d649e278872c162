"""Organizations and contacts one at a time: upsert rules, lookups by key, employer history,
consent and do-not-contact; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from leadsieve.errors import Forbidden, InvalidValue
from leadsieve.service import contacts
from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
from leadsieve.store.repositories import contacts as repo
from leadsieve.store.repositories import workspaces
from leadsieve.store.tables import Contact


def in_workspace(database_url: str) -> tuple[Session, int]:
    engine = open_store(database_url)
    session = Session(engine, expire_on_commit=False)
    session.begin()
    return session, resolve_workspace(session, None).id


def test_upsert_organization_creates_fills_and_never_overwrites(database_url: str) -> None:
    session, ws = in_workspace(database_url)
    with session:
        made = contacts.upsert_organization(
            session, ws, name="Acme", domain="https://www.Acme.com/x"
        )
        assert made.status == "created"
        same = contacts.upsert_organization(session, ws, name="Acme Inc", domain="acme.com")
        assert (same.id, same.status) == (made.id, "unchanged")  # the name is not overwritten
        filled = contacts.upsert_organization(session, ws, domain="acme.com", city="Boston")
        assert filled.status == "updated"
        forced = contacts.upsert_organization(
            session, ws, domain="acme.com", name="Acme Inc", overwrite=True
        )
        assert forced.status == "updated"
        found = contacts.find_by_domain(session, ws, "WWW.ACME.COM")
        assert found is not None and (found.name, found.city) == ("Acme Inc", "Boston")


def test_org_numbers_are_checked_and_match_after_the_domain(database_url: str) -> None:
    """A Swedish organisationsnummer with a wrong check digit is refused; a valid one finds the
    organization, and a later record with that number and a domain completes it."""
    session, ws = in_workspace(database_url)
    with session:
        with pytest.raises(InvalidValue, match="check digit"):
            contacts.upsert_organization(session, ws, org_no="556036-0794", country="SE")
        made = contacts.upsert_organization(
            session, ws, name="Volvo", org_no="556036-0793", country="SE"
        )
        found = contacts.find_by_org_no(session, ws, "se", "5560360793")
        assert found is not None and found.id == made.id
        with pytest.raises(InvalidValue):
            contacts.find_by_org_no(session, ws, "SE", "556036-0794")
        later = contacts.upsert_organization(
            session, ws, org_no="5560360793", country="SE", domain="volvocars.com"
        )
        assert (later.id, later.status) == (made.id, "updated")
        assert contacts.find_by_domain(session, ws, "volvocars.com") is not None


def test_contacts_by_email_then_linkedin_and_the_employer_history(database_url: str) -> None:
    session, ws = in_workspace(database_url)
    with session:
        acme = contacts.upsert_organization(session, ws, domain="acme.com").id
        globex = contacts.upsert_organization(session, ws, domain="globex.com").id
        jo = contacts.upsert_contact(
            session,
            ws,
            email="Jo@Acme.com",
            linkedin_url="linkedin.com/in/jodoe",
            organization_id=acme,
        )
        by_url = contacts.upsert_contact(
            session, ws, linkedin_url="https://www.linkedin.com/in/jodoe/", job_title="VP"
        )
        assert (by_url.id, by_url.status) == (jo.id, "updated")
        assert contacts.find_by_email(session, ws, "JO@acme.com") is not None
        assert contacts.find_by_linkedin(session, ws, "https://linkedin.com/in/jodoe") is not None
        assert contacts.link_organization(session, ws, jo.id, globex) is True
        assert contacts.link_organization(session, ws, jo.id, globex) is False  # already there
        jobs = repo.employer_history(session, session.get_one(Contact, jo.id))
        assert [(j.organization_id, j.ended_at is None) for j in jobs] == [
            (acme, False),
            (globex, True),
        ]
        # the first employer was linked when the contact was made; it ended when the next began
        assert jobs[0].started_at is not None and jobs[0].ended_at == jobs[1].started_at


def test_consent_is_append_only_and_do_not_contact_overrides_every_opt_in(
    database_url: str,
) -> None:
    session, ws = in_workspace(database_url)
    with session:
        jo = contacts.upsert_contact(session, ws, email="jo@acme.com").id
        assert contacts.consent(session, ws, jo, "email", "marketing") == "unknown"
        assert contacts.may_contact(session, ws, jo, "email", "marketing") is False
        contacts.record_consent(
            session, ws, jo, channel="email", purpose="marketing", status="granted", source="form"
        )
        assert contacts.may_contact(session, ws, jo, "email", "marketing") is True
        assert contacts.may_contact(session, ws, jo, "phone", "marketing") is False  # per channel
        contacts.record_consent(
            session, ws, jo, channel="email", purpose="marketing", status="withdrawn"
        )
        assert contacts.consent(session, ws, jo, "email", "marketing") == "withdrawn"
        contacts.record_consent(
            session, ws, jo, channel="email", purpose="marketing", status="granted"
        )
        assert len(repo.consent_events(session, jo)) == 3  # history kept
        contacts.mark_do_not_contact(session, ws, jo, reason="asked by phone", source="support")
        contacts.mark_do_not_contact(session, ws, jo, reason="again", source="other")
        assert contacts.may_contact(session, ws, jo, "email", "marketing") is False
        person = repo.get(session, ws, jo)
        assert person is not None and person.do_not_contact_reason == "asked by phone"
        with pytest.raises(InvalidValue, match="channel"):
            contacts.record_consent(
                session, ws, jo, channel="pigeon", purpose="sales", status="granted"
            )


def test_an_import_never_raises_consent(database_url: str) -> None:
    """Upserting a contact marked do-not-contact leaves the mark, whatever the new data says."""
    session, ws = in_workspace(database_url)
    with session:
        jo = contacts.upsert_contact(session, ws, email="jo@acme.com").id
        contacts.mark_do_not_contact(session, ws, jo, reason="unsubscribed", source="email")
        contacts.upsert_contact(session, ws, email="jo@acme.com", job_title="CEO", overwrite=True)
        person = repo.get(session, ws, jo)
        session.refresh(person)
        assert person is not None and person.do_not_contact is True


def test_records_of_another_workspace_are_refused(database_url: str) -> None:
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        a = workspaces.create(session, "a", "A")
        b = workspaces.create(session, "b", "B")
        assert a is not None and b is not None
        theirs = contacts.upsert_organization(session, b.id, domain="globex.com").id
        mine = contacts.upsert_contact(session, a.id, email="jo@acme.com").id
        with pytest.raises(Forbidden):
            contacts.link_organization(session, a.id, mine, theirs)
        with pytest.raises(Forbidden):
            contacts.record_consent(
                session, b.id, mine, channel="email", purpose="sales", status="granted"
            )
        assert contacts.find_by_domain(session, a.id, "globex.com") is None


def test_a_contact_phone_is_stored_in_e164(database_url: str) -> None:
    """A national number is read with the contact's country; one that cannot be read is left out."""
    session, ws = in_workspace(database_url)
    with session:
        eva = contacts.upsert_contact(
            session, ws, email="eva@volvo.se", phone="070-123 45 67", country="SE"
        )
        bad = contacts.upsert_contact(session, ws, email="bo@volvo.se", phone="call me")
        assert repo.get(session, ws, eva.id).phones == ["+46701234567"]  # type: ignore[union-attr]
        assert repo.get(session, ws, bad.id).phones is None  # type: ignore[union-attr]
        with pytest.raises(InvalidValue, match="phones"):
            contacts.upsert_contact(session, ws, email="x@volvo.se", phones=["+4670"])
