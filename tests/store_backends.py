"""One suite, two databases: fixtures that give each test a fresh SQLite file or a fresh
PostgreSQL database (``LEADSIEVE_TEST_POSTGRES``, default the local server's ``test``).

A PostgreSQL server that cannot be reached fails the test; it is never skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

POSTGRES = os.environ.get("LEADSIEVE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


def _admin() -> Engine:
    url = make_url(POSTGRES).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of each kind, dropped after the test."""
    from leadsieve.store import db

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'leadsieve.db'}"
        yield url
        db.close(url)
        return
    name = f"ls_test_{uuid.uuid4().hex[:12]}"
    admin = _admin()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        db.close(url)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
