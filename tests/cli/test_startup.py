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
