"""A SQLite URL must name a file: an in-memory store would lose every import and grant."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadsieve.errors import StoreUnavailable
from leadsieve.store import db
from tests.cli.test_cli import run

NO_FILE = [
    pytest.param("sqlite://", id="no-path"),
    pytest.param("sqlite:///", id="unset-variable"),
    pytest.param("sqlite:///   ", id="blank-path"),
    pytest.param("sqlite:///:memory:", id="memory"),
    pytest.param("sqlite:///file::memory:?cache=shared", id="memory-uri"),
    pytest.param("sqlite:///x.db?mode=memory&uri=true", id="mode-memory"),
]


@pytest.mark.parametrize("url", NO_FILE)
def test_a_sqlite_url_without_a_file_is_refused(url: str) -> None:
    """STORE_UNAVAILABLE naming the URL and the fix, before any engine exists."""
    with pytest.raises(StoreUnavailable, match="names no database file") as caught:
        db.make_engine(url)
    assert "sqlite:///leadsieve.db" in caught.value.message


def test_a_sqlite_file_url_still_opens(tmp_path: Path) -> None:
    """The check lets a real file through: it is created and migrated."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert db.current_revision(db.connect(url)) == db.head_revision()
    db.close(url)
    assert (tmp_path / "store.db").exists()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///"])
def test_cli_refuses_an_in_memory_store_instead_of_forgetting_a_grant(
    url: str, tmp_path: Path
) -> None:
    """`credits grant` with an unset $DB exits 6 with STORE_UNAVAILABLE: nothing "succeeds"."""
    done = run("credits", "grant", "100", env={"LEADSIEVE_DATABASE_URL": url}, cwd=tmp_path)
    assert done.returncode == 6, done.stdout + done.stderr
    assert "STORE_UNAVAILABLE" in done.stderr and "names no database file" in done.stderr
    assert list(tmp_path.iterdir()) == []
