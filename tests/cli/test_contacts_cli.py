"""``leadsieve contact``: show a contact, record consent, mark do-not-contact."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run

LEADS = """\
FirstName,LastName,Company,Email,Title,HasOptedOutOfEmail
Ann,Lee,Acme,ann@acme.example,VP Sales,true
Bo,Chan,Acme,bo@acme.example,Engineer,false
"""


def _store(tmp_path: Path, database_url: str) -> dict[str, str]:
    leads = tmp_path / "leads.csv"
    leads.write_text(LEADS, encoding="utf-8")
    env = {"LEADSIEVE_DATABASE_URL": database_url}
    done = run("import", leads, "--list", "l", env=env)
    assert done.returncode == 0, done.stderr
    return env


def test_contact_show_gives_consent_from_the_import(tmp_path: Path, database_url: str) -> None:
    """The opt-out column of the file is the contact's current consent; the other is unknown."""
    env = _store(tmp_path, database_url)
    ann = json.loads(run("contact", "show", "ann@acme.example", "--json", env=env).stdout)
    assert ann["consent"] == {"email/marketing": "denied", "email/sales": "denied"}
    assert ann["do_not_contact"] is False and ann["name"] == "Ann Lee"
    bo = json.loads(run("contact", "show", "BO@acme.example", "--json", env=env).stdout)
    assert bo["consent"] == {}


def test_contact_dnc_marks_once_and_keeps_the_first_reason(
    tmp_path: Path, database_url: str
) -> None:
    """dnc marks the master opt-out with its reason; a second dnc changes nothing."""
    env = _store(tmp_path, database_url)
    first = run("contact", "dnc", "bo@acme.example", "--reason", "asked on the phone", env=env)
    assert first.returncode == 0 and "now do-not-contact" in first.stdout
    second = run("contact", "dnc", "bo@acme.example", "--reason", "again", env=env)
    assert second.returncode == 0 and "already" in second.stdout
    bo = json.loads(run("contact", "show", "bo@acme.example", "--json", env=env).stdout)
    assert (bo["do_not_contact"], bo["do_not_contact_reason"]) == (True, "asked on the phone")


def test_contact_consent_records_an_event(tmp_path: Path, database_url: str) -> None:
    """A consent event becomes the current consent for its channel and purpose; an unknown
    status is refused with the allowed ones, and an unknown contact is NOT_FOUND."""
    env = _store(tmp_path, database_url)
    done = run(
        "contact", "consent", "bo@acme.example", "--channel", "email", "--purpose", "sales",
        "--status", "granted", env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    bo = json.loads(run("contact", "show", "bo@acme.example", "--json", env=env).stdout)
    assert bo["consent"] == {"email/sales": "granted"}
    bad = run(
        "contact", "consent", "bo@acme.example", "--channel", "email", "--purpose", "sales",
        "--status", "maybe", env=env,
    )  # fmt: skip
    assert bad.returncode != 0 and "granted, denied, withdrawn" in bad.stderr
    missing = run("contact", "show", "nobody@acme.example", env=env)
    assert missing.returncode != 0 and "NOT_FOUND" in missing.stderr
