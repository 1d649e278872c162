"""The command starts fast: heavy libraries load when a command needs them, not at import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("polars", "narwhals", "pydantic", "yaml", "rapidfuzz", "tldextract", "phonenumbers")


def imported_after(statement: str) -> set[str]:
    """The top-level packages in sys.modules after running ``statement`` in a fresh interpreter."""
    code = f"{statement}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return {name.partition(".")[0] for name in json.loads(done.stdout)}


def test_importing_the_cli_loads_no_library() -> None:
    """`leadsieve --help` answers without loading Polars, pydantic or the normalizers' libraries."""
    assert imported_after("import leadsieve.cli.app").isdisjoint(HEAVY)


def test_importing_the_package_is_lazy() -> None:
    """`import leadsieve` loads nothing heavy; an exported name loads only what it needs."""
    assert imported_after("import leadsieve").isdisjoint(HEAVY)
    assert imported_after("import leadsieve\nleadsieve.IcpInvalid").isdisjoint(HEAVY)


@pytest.mark.parametrize(
    ("module", "deferred"),
    [
        pytest.param("leadsieve.normalize.identity", {"tldextract", "phonenumbers"}, id="identity"),
        pytest.param("leadsieve.normalize.geo", {"rapidfuzz"}, id="geo"),
        pytest.param("leadsieve.normalize.industry", {"rapidfuzz", "yaml"}, id="industry"),
        pytest.param("leadsieve.icp", {"yaml", "rapidfuzz", "tldextract", "polars"}, id="icp"),
        pytest.param("leadsieve.io", {"rapidfuzz", "fastexcel", "charset_normalizer"}, id="io"),
    ],
)
def test_optional_libraries_load_on_first_use(module: str, deferred: set[str]) -> None:
    """Libraries needed only for typos, workbooks, phones or domains wait until they are used."""
    assert imported_after(f"import {module}").isdisjoint(deferred)


def test_subpackages_are_reachable_from_the_package() -> None:
    """`import leadsieve` then `leadsieve.engine.FIT_COLUMNS` works, as it did before the lazy
    facade."""
    code = "import leadsieve\nprint(len(leadsieve.engine.FIT_COLUMNS), leadsieve.normalize.fold)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_command_migrates_a_store_behind_and_status_only_tells(database_url: str) -> None:
    """The CLI keeps migrating on first connect: on a store at an old revision, `db status`
    says it needs an upgrade and leaves it be; any command that opens the store migrates it."""
    from leadsieve.store import db
    from tests.cli.test_cli import run

    engine = db.make_engine(database_url)
    assert db.upgrade(engine, "0001") == "0001"
    env = {"LEADSIEVE_DATABASE_URL": database_url}
    status = run("db", "status", env=env)
    assert status.returncode == 0 and "revision 0001" in status.stdout, status.stderr
    assert "needs `leadsieve db upgrade`" in status.stdout
    assert db.current_revision(engine) == "0001"
    listed = run("workspace", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()
