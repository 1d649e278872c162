"""Files for people through the installed command (#13): output never overwritten unasked,
encodings read right, CSV that Excel opens safely, every row accounted for, NUL harmless."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import polars as pl
import pytest

from tests.cli.test_cli import ICP, run, write

HOSTILE = '=HYPERLINK("http://x","click")'
QUOTED = '"' + HOSTILE.replace('"', '""') + '"'  # as a CSV cell
ROLES_ICP = """\
slug: execs
rules:
  roles: {seniority: [owner, c_suite], weight: 100}
"""


def _score(leads: Path, icp: Path, *args: str | Path) -> tuple[int, str, str]:
    done = run("score", leads, "--icp", icp, "--as-of", "2026-12-01", *args)
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def icp(tmp_path: Path) -> Path:
    return write(tmp_path / "icp.yaml", ICP)


@pytest.fixture
def leads(tmp_path: Path) -> Path:
    return write(
        tmp_path / "leads.csv",
        "Company Name,Website,Industry,Country\nAcme,acme.com,Computer Software,US\n",
    )


def test_score_refuses_an_existing_output_without_force(
    leads: Path, icp: Path, tmp_path: Path
) -> None:
    """Exit 5 naming --force, the file untouched; with --force it is replaced."""
    out = write(tmp_path / "scored.csv", "keep me\n")
    code, _, err = _score(leads, icp, "-o", out)
    assert code == 5 and "OUTPUT_UNWRITABLE" in err and "--force" in err
    assert out.read_text() == "keep me\n"
    code, _, err = _score(leads, icp, "-o", out, "--force")
    assert code == 0, err
    assert out.read_text().startswith("Company Name,Website")


def test_score_never_writes_onto_its_input(leads: Path, icp: Path, tmp_path: Path) -> None:
    """Not even with --force, and not through another path to the same file."""
    before = leads.read_bytes()
    for target in (leads, tmp_path / "." / leads.name):
        code, _, err = _score(leads, icp, "-o", target, "--force")
        assert code == 5 and "is the lead file being read" in err
        code, _, err = _score(leads, icp, "--rejects", target)
        assert code == 5 and "is the lead file being read" in err
    assert leads.read_bytes() == before


def test_cp1252_file_keeps_names_and_the_title_its_seniority(tmp_path: Path) -> None:
    """The issue's two-row cp1252 file: names exact in the output and "Geschäftsführer"
    matches a c_suite rule (mangled as "Gesch³ftsf³hrer" it matched nothing)."""
    leads = tmp_path / "leads.csv"
    leads.write_bytes(
        "company_name,title\nSociété Générale,Directeur général\n"
        '"Müller GmbH, Geschäftsführer",Geschäftsführer\n'.encode("cp1252")
    )
    icp = write(tmp_path / "icp.yaml", ROLES_ICP)
    out = tmp_path / "scored.csv"
    code, _, err = _score(leads, icp, "-o", out)
    assert code == 0, err
    scored = pl.read_csv(out, infer_schema=False)
    assert scored["company_name"].to_list() == ["Société Générale", "Müller GmbH, Geschäftsführer"]
    assert scored["fit_matched"].to_list() == ["roles", "roles"]


def test_encoding_option_on_score_and_columns(tmp_path: Path, icp: Path) -> None:
    """--encoding cp1250 reads a Polish file exactly; an unknown codec is exit 4, not a crash."""
    leads = tmp_path / "leads.csv"
    leads.write_bytes("Company Name,City\nPaweł Łódź Sp. z o.o.,Łódź\n".encode("cp1250"))
    out = tmp_path / "scored.csv"
    code, _, err = _score(leads, icp, "-o", out, "--encoding", "cp1250")
    assert code == 0, err
    assert pl.read_csv(out)["Company Name"].to_list() == ["Paweł Łódź Sp. z o.o."]
    columns = run("columns", leads, "--encoding", "cp1250")
    assert columns.returncode == 0 and "Łódź" in columns.stdout
    code, _, err = _score(leads, icp, "--encoding", "klingon-8")
    assert code == 4 and "LEAD_FILE_UNREADABLE" in err and "klingon-8" in err


def test_excel_csv_keeps_the_semicolon_and_adds_a_bom(tmp_path: Path, icp: Path) -> None:
    """A German export (';', cp1252) scored with --excel: UTF-8 with BOM, ';' kept."""
    leads = tmp_path / "leads.csv"
    leads.write_bytes("Firma;Website;Land\nMüller GmbH;mueller.de;DE\n".encode("cp1252"))
    out = tmp_path / "scored.csv"
    code, _, err = _score(leads, icp, "-o", out, "--excel")
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + b"Firma;Website;Land;fit_score")
    assert "\nMüller GmbH;mueller.de;DE;" in data.decode("utf-8-sig")


def test_formulas_are_neutralized_in_output_and_rejects(tmp_path: Path, icp: Path) -> None:
    """score -o writes '=HYPERLINK... in the scored file and the rejects file; --raw-csv keeps
    the cells as they are; a negative number is left alone."""
    leads = write(
        tmp_path / "leads.csv",
        f"Company Name,Website,Delta\n{QUOTED},acme.com,-5\n=1+1,x.com,1,extra\n",
    )
    out, raw = tmp_path / "scored.csv", tmp_path / "raw.csv"
    code, _, err = _score(leads, icp, "-o", out)
    assert code == 0, err
    scored = pl.read_csv(out, infer_schema=False)
    assert scored.row(0)[:3] == ("'" + HOSTILE, "acme.com", "-5")
    rejects = pl.read_csv(tmp_path / "scored.csv.rejects.csv", infer_schema=False)
    assert rejects["raw"].to_list() == ["'=1+1,x.com,1,extra"]
    code, _, err = _score(leads, icp, "-o", raw, "--raw-csv")
    assert code == 0, err
    assert pl.read_csv(raw, infer_schema=False)["Company Name"].to_list() == [HOSTILE]


def test_blank_row_is_counted_in_the_summary(tmp_path: Path, icp: Path) -> None:
    """rows in = scored + rejected, the blank row among the rejected with its line."""
    leads = write(tmp_path / "leads.csv", "Company Name,Website\nAcme,acme.com\n,\nBeta,beta.io\n")
    out = tmp_path / "scored.csv"
    code, stdout, err = _score(leads, icp, "-o", out)
    assert code == 0, err
    assert "rows in 3 = scored 2 + rejected 1" in stdout
    rejects = (tmp_path / "scored.csv.rejects.csv").read_text()
    assert "3,blank row: every field is empty," in rejects


def test_stray_quote_swallows_no_leads_in_score(tmp_path: Path, icp: Path) -> None:
    """The issue's 1,000-row file: rows in 1,000, one rejected (line 12), 999 scored."""
    rows = ["Company Name,Website,Title"] + [f"Co {i},c{i}.com,CEO" for i in range(1, 1001)]
    rows[11] = 'Acme "Best,acme.com,"VP Sales'
    leads = write(tmp_path / "leads.csv", "\n".join(rows) + "\n")
    code, stdout, err = _score(leads, icp, "-o", tmp_path / "scored.csv")
    assert code == 0, err
    assert "rows in 1,000 = scored 999 + rejected 1" in stdout


def test_list_show_csv_is_neutralized_unless_raw(tmp_path: Path) -> None:
    """`list show --format csv` gives '=HYPERLINK...; --raw-csv the stored value."""
    env = {"LEADSIEVE_DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}"}
    leads = write(
        tmp_path / "leads.csv",
        f"Company Name,Website\n{QUOTED},acme.com\n",
    )
    assert run("import", leads, "--list", "L", env=env).returncode == 0
    safe = run("list", "show", "L", "--format", "csv", env=env)
    raw = run("list", "show", "L", "--format", "csv", "--raw-csv", env=env)
    assert safe.returncode == 0 and raw.returncode == 0, safe.stderr + raw.stderr
    assert "\"'" + HOSTILE.replace('"', '""') in safe.stdout
    assert QUOTED in raw.stdout and "'=" not in raw.stdout


def test_nul_in_jsonl_imports_on_both_databases(tmp_path: Path, database_url: str) -> None:
    """A "\\u0000" inside a JSON value used to fail the whole PostgreSQL batch; it is removed
    at read time, so the import succeeds on SQLite and PostgreSQL alike and stores "Acme"."""
    leads = tmp_path / "leads.jsonl"
    records = [
        {"company_name": "Ac\u0000me", "website": "acme.com"},
        {"company_name": "Beta", "website": "beta.io\u0000"},
    ]
    leads.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    env = {"LEADSIEVE_DATABASE_URL": database_url}
    done = run("import", leads, "--list", "L", "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["organizations"]["created"] == 2
    shown = run("list", "show", "L", "--format", "json", env=env)
    assert [r["organization"] for r in json.loads(shown.stdout)] == ["Acme", "Beta"]
    assert [r["domain"] for r in json.loads(shown.stdout)] == ["acme.com", "beta.io"]
