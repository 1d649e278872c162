"""What a machine without Java is told: the Spark tests skip naming it, and fail in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.spark.conftest import _missing

ROOT = Path(__file__).parents[2]


def test_without_java_the_missing_piece_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No `java` on PATH and no JAVA_HOME: the reason names Java and what to install."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    assert _missing() == "Java (no `java` on PATH and no JAVA_HOME): install a JDK 17 or 21"
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    assert _missing() is not None  # a JAVA_HOME without bin/java is no Java either


@pytest.mark.parametrize(
    ("ci", "outcome"),
    [pytest.param("", "1 skipped", id="developer"), pytest.param("true", "1 error", id="ci")],
)
def test_a_spark_test_skips_without_java_but_fails_in_ci(ci: str, outcome: str) -> None:
    """Run one Spark test with no Java reachable: skipped with the reason on a developer's
    machine, an error under CI=true (so CI can never pass without running them)."""
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "CI")}
    env["PATH"] = str(Path(sys.executable).parent)  # Python's folder only: no java there
    if ci:
        env["CI"] = ci
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-rs",
            "tests/spark/test_library.py::test_several_icps_in_one_pass_with_best_icp",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
        timeout=120,
    )
    assert outcome in done.stdout, done.stdout
    assert "missing Java" in done.stdout
