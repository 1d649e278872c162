"""Saved column mappings: confirmed once with `columns --save`, reused with `--mapping`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run

#: A house export whose headers no tool uses: nothing maps without help.
HOUSE = """\
Firma,Mitarbeiterzahl,Sitzland,Kontakt Mail,Notes
Acme GmbH,250,Deutschland,jo@acme.example,call back
Beta AB,12,Sverige,eva@beta.example,
"""
MAPS = ("--map", "Firma=company_name", "--map", "Mitarbeiterzahl=employees",
        "--map", "Sitzland=country", "--map", "Kontakt Mail=email", "--map", "Notes=")  # fmt: skip
ICP = "slug: t\nrules:\n  employees: {min: 100}\n  geography: {any_of: [DE]}\n"


def _files(tmp_path: Path) -> tuple[Path, Path]:
    leads, icp = tmp_path / "house.csv", tmp_path / "icp.yaml"
    leads.write_text(HOUSE, encoding="utf-8")
    icp.write_text(ICP, encoding="utf-8")
    return leads, icp


def test_a_mapping_saved_in_the_workspace_is_reused_by_name(
    tmp_path: Path, database_url: str
) -> None:
    """columns --save keeps the --map choices; columns, score and import apply them by name,
    to the columns a later file has (a missing one is no error)."""
    env = {"LEADSIEVE_DATABASE_URL": database_url, "COLUMNS": "200"}
    leads, icp = _files(tmp_path)
    saved = run("columns", leads, *MAPS, "--save", "house", env=env)
    assert saved.returncode == 0, saved.stderr
    assert "saved the mapping 'house'" in saved.stdout
    shown = run("columns", leads, "--mapping", "house", env=env)
    assert "override (saved mapping)" in shown.stdout and "4 of 5 columns mapped" in shown.stdout
    out = tmp_path / "scored.csv"
    done = run("score", leads, "--icp", icp, "--mapping", "house", "-o", out, "-q", env=env)
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr  # employees and geography are fed now
    text = out.read_text(encoding="utf-8")
    assert "250 employees" in text and "DE" in text
    fewer = tmp_path / "fewer.csv"
    fewer.write_text("Firma,Kontakt Mail\nGamma,gus@gamma.example\n", encoding="utf-8")
    imported = run("import", fewer, "--list", "l", "--mapping", "house", "--json", env=env)
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["contacts"]["created"] == 1


def test_an_unknown_mapping_name_lists_the_saved_ones(tmp_path: Path, database_url: str) -> None:
    """A name that was never saved is NOT_FOUND, naming those that were."""
    env = {"LEADSIEVE_DATABASE_URL": database_url}
    leads, _ = _files(tmp_path)
    assert run("columns", leads, *MAPS, "--save", "house", env=env).returncode == 0
    done = run("columns", leads, "--mapping", "hosue", env=env)
    assert done.returncode != 0
    assert "NOT_FOUND" in done.stderr and "'house'" in done.stderr


def test_a_mapping_file_needs_no_store(tmp_path: Path) -> None:
    """A NAME ending in .yaml is a file: score reuses it without any database; a broken file
    is COLUMN_MAPPING_INVALID with what is wrong."""
    leads, icp = _files(tmp_path)
    mapping = tmp_path / "house.yaml"
    env = {"LEADSIEVE_DATABASE_URL": f"sqlite:///{tmp_path / 'never.db'}"}
    assert run("columns", leads, *MAPS, "--save", mapping, env=env).returncode == 0
    assert "Mitarbeiterzahl: employees" in mapping.read_text(encoding="utf-8")
    out = tmp_path / "scored.csv"
    done = run("score", leads, "--icp", icp, "--mapping", mapping, "-o", out, "-q", env=env)
    assert done.returncode == 0, done.stderr
    assert "250 employees" in out.read_text(encoding="utf-8")
    assert not (tmp_path / "never.db").exists()
    broken = tmp_path / "broken.yaml"
    broken.write_text("map: [1, 2]\n", encoding="utf-8")
    bad = run("score", leads, "--icp", icp, "--mapping", broken, "-o", out, "--force", env=env)
    assert bad.returncode == 4 and "COLUMN_MAPPING_INVALID" in bad.stderr
