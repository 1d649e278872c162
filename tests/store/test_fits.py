"""Stored fits: the 0005 migration both ways, the bulk upsert (one fit per ICP version and
lead), reading a list's leads in batches and its fits back sorted and filtered; on SQLite and
PostgreSQL."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import IntegrityError

from leadsieve.service import lists
from leadsieve.service.store import unit_of_work
from leadsieve.store import db
from leadsieve.store.repositories import fits as repo
from leadsieve.store.tables import Contact, LeadFit, Organization
from tests.store.helpers import make_workspace


def fit_rows(version_id: int, scores: dict[str, int], job: str = "job-1") -> pl.DataFrame:
    """Fits of ``version_id`` for the lead keys of ``scores``, graded by score."""
    grade = {True: "A", False: "C"}
    rows = [
        {
            "icp_version_id": version_id,
            "lead_key": key,
            "workspace_id": 1,
            "organization_id": None,
            "contact_id": None,
            "score": score,
            "grade": "DQ" if score == 0 else grade[score >= 80],
            "qualified": score >= 80,
            "coverage": 0.75,
            "matched": "industries,geography",
            "missed": "",
            "unknown": "revenue",
            "reasons": f"industries: it's {score}; geography: US",
            "disqualified_by": "keyword crypto" if score == 0 else None,
            "as_of": "2026-12-01",
            "leadsieve_version": "0.1.0",
            "job": job,
        }
        for key, score in scores.items()
    ]
    return pl.DataFrame(rows, schema=repo.FIT_FIELDS)


def stored(engine: Engine) -> dict[tuple[int, str], tuple[Any, ...]]:
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(
                LeadFit.icp_version_id,
                LeadFit.lead_key,
                LeadFit.score,
                LeadFit.grade,
                LeadFit.qualified,
                LeadFit.job,
                LeadFit.reasons,
                LeadFit.disqualified_by,
            )
        ).all()
    return {(r[0], r[1]): tuple(r[2:]) for r in rows}


def write(engine: Engine, fits: pl.DataFrame, *, replacing: bool) -> None:
    with unit_of_work(engine) as session:
        repo.write_fits(session, fits, replacing=replacing)


@pytest.mark.parametrize("replacing", [False, True], ids=["copy-first", "upsert"])
def test_one_fit_per_version_and_lead_replaced_in_place(engine: Engine, replacing: bool) -> None:
    """Writing a lead's fit of a version again replaces it (however the batch is told it
    may); a fit of another version is another row and stays. Quotes, commas and empty texts
    survive the bulk path."""
    write(engine, fit_rows(1, {"c1": 90, "o2": 0}), replacing=replacing)
    write(engine, fit_rows(2, {"c1": 10}), replacing=replacing)
    write(engine, fit_rows(1, {"c1": 50, "o3": 85}, job="job-2"), replacing=replacing)
    found = stored(engine)
    assert set(found) == {(1, "c1"), (1, "o2"), (1, "o3"), (2, "c1")}
    assert found[1, "c1"] == (50, "C", False, "job-2", "industries: it's 50; geography: US", None)
    assert found[1, "o2"][:2] == (0, "DQ") and found[1, "o2"][-1] == "keyword crypto"
    assert found[2, "c1"][0] == 10 and found[1, "o3"][3] == "job-2"
    with unit_of_work(engine) as session:
        assert session.scalars(select(LeadFit.missed)).all() == ["", "", "", ""]
        assert repo.has_fits(session, 1) and not repo.has_fits(session, 3)


def seed(engine: Engine) -> tuple[int, int, dict[str, int]]:
    """A workspace with a list of four leads: a contact at Acme, Acme alone, a contact
    without employer, Globex alone. The workspace id, list id and their ids by name."""
    space = make_workspace(engine, "acme")
    with unit_of_work(engine) as session:
        acme = Organization(workspace_id=space, name="Acme", domain="acme.com", country="US")
        globex = Organization(workspace_id=space, name="Globex", domain="globex.com")
        session.add_all([acme, globex])
        session.flush()
        ann = Contact(workspace_id=space, organization_id=acme.id, email="ann@acme.com")
        max_ = Contact(workspace_id=space, email="max@web.de", job_title="CEO")
        session.add_all([ann, max_])
        session.flush()
        ids = {"acme": acme.id, "globex": globex.id, "ann": ann.id, "max": max_.id}
        listed = lists.create_list(session, space, "q3")
        leads = [(None, ann.id), (acme.id, None), (None, max_.id), (globex.id, None)]
        lists.add_leads(session, space, listed.id, leads)
        return space, listed.id, ids


def test_leads_are_read_by_item_range_with_their_employer(engine: Engine) -> None:
    """A batch holds the items of its id range; a contact's lead carries its employer's id
    and its own fields; leads a job already fitted for a version can be left out."""
    _, list_id, ids = seed(engine)
    with unit_of_work(engine) as session:
        count, first, last = repo.list_span(session, list_id)
        assert (count, last - first) == (4, 3)
        every = repo.read_leads(session, list_id, first=first, last=last, fields=["job_title"])
        part = repo.read_leads(session, list_id, first=first + 1, last=first + 2, fields=[])
    assert every.columns == ["lead_key", "organization_id", "contact_id", "job_title"]
    assert sorted(every.rows()) == sorted(
        [
            (f"c{ids['ann']}", ids["acme"], ids["ann"], None),
            (f"o{ids['acme']}", ids["acme"], None, None),
            (f"c{ids['max']}", None, ids["max"], "CEO"),
            (f"o{ids['globex']}", ids["globex"], None, None),
        ]
    )
    assert sorted(part.get_column("lead_key")) == sorted([f"o{ids['acme']}", f"c{ids['max']}"])

    write(engine, fit_rows(7, {f"c{ids['ann']}": 90, f"o{ids['acme']}": 50}), replacing=False)
    write(engine, fit_rows(7, {f"c{ids['max']}": 90}, job="other"), replacing=True)
    with unit_of_work(engine) as session:
        rest = repo.read_leads(
            session, list_id, first=first, last=last, fields=[], skip=(7, "job-1")
        )
        progress = repo.job_progress(session, list_id, last, 7, "job-1")
        organizations = repo.read_organizations(
            session, pl.Series([ids["globex"]]), ["name", "country"]
        )
    assert sorted(rest.get_column("lead_key")) == sorted([f"c{ids['max']}", f"o{ids['globex']}"])
    assert progress == ({"A": 1, "C": 1}, 1)
    assert organizations.rows() == [(ids["globex"], "Globex", None)]


def test_a_lists_fits_sorted_best_first_and_filtered_by_grade(engine: Engine) -> None:
    """By fit: best score first, leads without a fit of the version last (in the order
    added); a grade filter keeps only leads with such a fit, and counts them."""
    _, list_id, ids = seed(engine)
    keys = {name: f"c{ids[name]}" for name in ("ann", "max")}
    keys |= {name: f"o{ids[name]}" for name in ("acme", "globex")}
    write(
        engine, fit_rows(1, {keys["acme"]: 85, keys["max"]: 95, keys["globex"]: 0}), replacing=False
    )
    write(engine, fit_rows(2, {keys["ann"]: 99}), replacing=False)
    with unit_of_work(engine) as session:
        added, every = repo.rows_with_fits(session, list_id, 1)
        best, _ = repo.rows_with_fits(session, list_id, 1, by_fit=True)
        good, matching = repo.rows_with_fits(session, list_id, 1, by_fit=True, grades=["A", "B"])
        top, _ = repo.rows_with_fits(session, list_id, 1, by_fit=True, limit=1)
        fitted = repo.count_fits(session, list_id, 1)
    assert [r.lead_key for r in added] == [keys[n] for n in ("ann", "acme", "max", "globex")]
    assert every == 4 and fitted == 3
    assert [(r.lead_key, r.score) for r in best] == [
        (keys["max"], 95),
        (keys["acme"], 85),
        (keys["globex"], 0),
        (keys["ann"], None),
    ]
    assert [r.lead_key for r in good] == [keys["max"], keys["acme"]] and matching == 2
    assert [r.lead_key for r in top] == [keys["max"]]
    assert best[1].organization == "Acme" and best[0].email == "max@web.de"


def test_0005_adds_lead_fits_and_takes_it_away(database_url: str) -> None:
    """From 0004, the upgrade adds lead_fits: one row per (version, lead), a score within
    0..100 and a known grade; the downgrade drops it, and upgrading again works."""
    engine = db.make_engine(database_url)
    assert db.upgrade(engine, "0004") == "0004"
    assert "lead_fits" not in inspect(engine).get_table_names()
    assert db.upgrade(engine, "0005") == "0005"

    def insert(version: int, key: str, score: int = 50, grade: str = "C") -> None:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO lead_fits (icp_version_id, lead_key, workspace_id, score, "
                    "grade, qualified, coverage, matched, missed, unknown, reasons, as_of, "
                    "leadsieve_version, job) VALUES (:version, :key, 1, :score, :grade, "
                    ":qualified, 0.5, '', '', '', 'r', '2026-12-01', '0.1.0', 'j')"
                ),
                {
                    "version": version,
                    "key": key,
                    "score": score,
                    "grade": grade,
                    "qualified": False,
                },
            )

    insert(1, "c1")
    insert(2, "c1")
    for bad in [
        {"version": 1, "key": "c1"},  # the same lead and version again
        {"version": 3, "key": "c1", "score": 101},
        {"version": 3, "key": "c1", "score": -1},
        {"version": 3, "key": "c1", "grade": "E"},
    ]:
        with pytest.raises(IntegrityError):
            insert(**bad)
    with engine.connect() as connection:
        scored_at = connection.execute(text("SELECT scored_at FROM lead_fits")).scalars().all()
    assert len(scored_at) == 2 and all(scored_at)

    assert db.downgrade(engine, "0004") == "0004"
    assert "lead_fits" not in inspect(engine).get_table_names()
    assert db.upgrade(engine) == db.head_revision()
    assert "lead_fits" in inspect(engine).get_table_names()
    engine.dispose()
