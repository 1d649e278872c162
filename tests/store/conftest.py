"""What the store's tests share: a fresh, migrated store per test on each backend."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from leadsieve.service.store import open_store


@pytest.fixture
def engine(database_url: str) -> Engine:
    """A fresh store (a SQLite file or a PostgreSQL database), migrated to the newest schema."""
    return open_store(database_url)
