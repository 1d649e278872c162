"""Bulk reads and writes (``store.repositories.records``) on SQLite and PostgreSQL: values come
back exactly as written, a row that collides with a unique key is skipped, keys are found."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
from sqlalchemy import Engine, Table, select

from leadsieve.service.store import unit_of_work
from leadsieve.store.repositories import records, workspaces
from leadsieve.store.tables import Contact

CONTACTS: Table = Contact.__table__  # type: ignore[assignment]

AWKWARD = [
    "",  # an empty string, not NULL
    'she said "hi", then left',
    "two\nlines",
    "tab\there; semi;colon",
    "Åsa Öberg-Ünal 日本",
    "\\N",  # PostgreSQL's text-format NULL, as a plain value
    "\\.",  # and its end-of-data marker
    "NULL",
]


def _workspace(engine: Engine) -> int:
    with unit_of_work(engine) as session:
        return workspaces.ensure(session, "acme", "Acme").id


def test_values_come_back_as_written(engine: Engine) -> None:
    """Text with quotes, newlines, tabs, backslashes and accents, an empty string beside NULL,
    a JSON list and a time: each stored exactly, whatever the database's bulk path."""
    ws = _workspace(engine)
    at = datetime(2026, 11, 22, 9, 30, 15, 123456, tzinfo=UTC)
    frame = pl.DataFrame(
        {
            "workspace_id": [ws] * (len(AWKWARD) + 1),
            "email": [f"p{i}@acme.com" for i in range(len(AWKWARD) + 1)],
            "job_title": [*AWKWARD, None],
            "phones": [["+46701234567", '+1 (555) "x"']] * len(AWKWARD) + [None],
            "employer_since": [at] * len(AWKWARD) + [None],
        },
        schema_overrides={"employer_since": pl.Datetime("us", "UTC")},
    )
    with unit_of_work(engine) as session:
        inserted = records.insert_new(session, CONTACTS, frame, returning=["email"])
    assert sorted(inserted.get_column("email").to_list()) == sorted(frame["email"].to_list())
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(Contact.email, Contact.job_title, Contact.phones, Contact.employer_since)
        ).all()
    stored = {email: (title, phones, since) for email, title, phones, since in rows}
    for email, title, phones in zip(
        frame["email"], frame["job_title"], frame["phones"], strict=True
    ):
        got_title, got_phones, since = stored[email]
        assert got_title == title
        assert got_phones == (None if phones is None else phones.to_list())
        if title is None:
            assert since is None
        else:  # SQLite gives the UTC time back without its zone
            assert since is not None and since.replace(tzinfo=UTC) == at


def test_a_row_that_collides_is_skipped_and_the_others_go_in(engine: Engine) -> None:
    """What another import wrote meanwhile is neither duplicated nor an error; only the new
    rows come back, with their ids."""
    ws = _workspace(engine)
    with unit_of_work(engine) as session:
        first = records.insert_new(
            session,
            CONTACTS,
            [{"workspace_id": ws, "email": "jo@acme.com", "job_title": "CEO"}],
            returning=["email"],
        )
    with unit_of_work(engine) as session:
        again = records.insert_new(
            session,
            CONTACTS,
            [
                {"workspace_id": ws, "email": "al@acme.com", "job_title": "CTO"},
                {"workspace_id": ws, "email": "jo@acme.com", "job_title": "Intern"},
            ],
            returning=["email"],
        )
        count = records.insert_count(
            session, CONTACTS, [{"workspace_id": ws, "email": "jo@acme.com", "job_title": None}]
        )
    assert again.get_column("email").to_list() == ["al@acme.com"]
    assert again.get_column("id").to_list() != first.get_column("id").to_list()
    assert count == 0
    with unit_of_work(engine) as session:
        titles = dict(session.execute(select(Contact.email, Contact.job_title)).all())
    assert titles == {"jo@acme.com": "CEO", "al@acme.com": "CTO"}


def test_find_by_returns_the_rows_of_the_keys_given_in_this_workspace(engine: Engine) -> None:
    ws = _workspace(engine)
    with unit_of_work(engine) as session:
        other = workspaces.ensure(session, "globex", "Globex").id
    emails = [f"{text!r}-{i}@acme.com" for i, text in enumerate(AWKWARD)]
    with unit_of_work(engine) as session:
        records.insert_count(
            session,
            CONTACTS,
            [{"workspace_id": ws, "email": e} for e in emails]
            + [{"workspace_id": other, "email": emails[0]}],
        )
    with unit_of_work(engine) as session:
        found = records.find_by(
            session, CONTACTS, ws, ["email"], [(e,) for e in [*emails, "none@acme.com"]], ["email"]
        )
    assert sorted(r["email"] for r in found) == sorted(emails)
