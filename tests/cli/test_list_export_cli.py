"""`leadsieve list export`: a stored list back to a file, or to HubSpot's and Salesforce's
import layouts keyed to update the records the leads came from."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import polars as pl

from tests.cli.test_cli import run

#: A Salesforce lead export: its record ids, phones, an opt-out, a formula smuggled into a
#: company name.
SALESFORCE = """\
Id,FirstName,LastName,Title,Company,Email,Phone,Country,NumberOfEmployees,LeadSource,HasOptedOutOfEmail
00Q5g00000AbCdE,Ann,Lee,VP Sales,Acme Analytics,ann@acme-analytics.com,+1 415 555 0100,United States,120,Web,false
00Q5g00000FgHiJ,Bo,Chan,Data Engineer,"=HYPERLINK(""http://x"",""click"")",bo@evil.example,,United States,15,Web,true
"""
ICP = {
    "slug": "t",
    "rules": {"employees": {"min": 50, "max": 1000}, "roles": {"seniority": ["vp"]}},
}


def _stored(tmp_path: Path, database_url: str) -> dict[str, str]:
    env = {"LEADSIEVE_DATABASE_URL": database_url, "LEADSIEVE_USER": ""}
    leads = tmp_path / "sf.csv"
    leads.write_text(SALESFORCE, encoding="utf-8")
    icp = tmp_path / "icp.json"
    icp.write_text(json.dumps(ICP), encoding="utf-8")
    for args in (
        ("icp", "save", icp),
        ("credits", "grant", "10"),
        ("import", leads, "--list", "sf", "--icp", "t", "--as-of", "2026-12-01"),
    ):
        done = run(*args, env=env)
        assert done.returncode == 0, done.stderr
    return env


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_salesforce_layout_updates_the_leads_it_came_from(
    tmp_path: Path, database_url: str
) -> None:
    """Each lead carries its Salesforce Id and the fit in custom fields; the phone is E.164;
    a formula in a cell is neutralized."""
    env = _stored(tmp_path, database_url)
    out = tmp_path / "back.csv"
    done = run("list", "export", "sf", "-o", out, "--format", "salesforce", "--icp", "t", env=env)
    assert done.returncode == 0, done.stderr
    rows = {r["Email"]: r for r in _rows(out)}
    ann, bo = rows["ann@acme-analytics.com"], rows["bo@evil.example"]
    assert (ann["Id"], ann["LastName"], ann["Company"]) == (
        "00Q5g00000AbCdE",
        "Lee",
        "Acme Analytics",
    )
    assert ann["Phone"] == "+14155550100" and ann["NumberOfEmployees"] == "120"
    assert (ann["ICP_Fit_Score__c"], ann["ICP_Fit_Grade__c"], ann["ICP_Qualified__c"]) == (
        "100", "A", "true"
    )  # fmt: skip
    assert bo["Id"] == "00Q5g00000FgHiJ"
    assert bo["Company"].startswith("'=HYPERLINK")
    again = run("list", "export", "sf", "-o", out, "--format", "salesforce", env=env)
    assert again.returncode == 5 and "--force" in again.stderr


def test_own_layout_has_every_stored_field_and_the_fit(tmp_path: Path, database_url: str) -> None:
    """Parquet keeps names, emails, phones, LinkedIn URLs, the record ids under the tool's
    name, do-not-contact and the fit columns; HubSpot's layout keys contacts by email."""
    env = _stored(tmp_path, database_url)
    out = tmp_path / "all.parquet"
    done = run("list", "export", "sf", "-o", out, "--icp", "t", env=env)
    assert done.returncode == 0, done.stderr
    frame = pl.read_parquet(out).sort("email")
    assert frame.height == 2
    assert frame["email"].to_list() == ["ann@acme-analytics.com", "bo@evil.example"]
    assert json.loads(frame["contact_external_ids"][0]) == {"salesforce": "00Q5g00000AbCdE"}
    assert frame["phones"][0] == "+14155550100" and frame["fit_score"].to_list() == [100, 0]
    assert frame["employees_min"].to_list() == [120, 15]
    hubspot = tmp_path / "hs.csv"
    assert (
        run("list", "export", "sf", "-o", hubspot, "--format", "hubspot", env=env).returncode == 0
    )
    assert {r["Email"] for r in _rows(hubspot)} == {"ann@acme-analytics.com", "bo@evil.example"}
    wrong = run("list", "export", "sf", "-o", tmp_path / "x.xlsx", "--format", "hubspot", env=env)
    assert wrong.returncode != 0 and "CSV" in wrong.stderr
