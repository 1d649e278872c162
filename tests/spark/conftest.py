"""One local Spark session for every Spark test: local[2], small shuffles, no UI.

Spark needs Java. A machine without it skips these tests with a message naming what is
missing; in CI (``CI=true``) a missing Java fails them instead, so CI always runs them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def _missing() -> str | None:
    """What this machine lacks to run Spark, or None."""
    java_home = os.environ.get("JAVA_HOME")
    has_java = shutil.which("java") is not None or (
        java_home is not None and (Path(java_home) / "bin" / "java").exists()
    )
    if not has_java:
        return "Java (no `java` on PATH and no JAVA_HOME): install a JDK 17 or 21"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark (install the `spark` extra: pip install 'leadsieve[spark]')"
    return None


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """The session's SparkSession, started once (4-10 s) and stopped at the end."""
    missing = _missing()
    if missing is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Spark tests cannot run in CI: missing {missing}")
        pytest.skip(f"Spark tests skipped: missing {missing}")
    from leadsieve.service.spark_files import spark_session

    session = spark_session("local[2]", shuffle_partitions=4)
    yield session
    session.stop()
