"""The "SQL only in repositories" contract (scripts/import_contracts.py) sees a statement built
outside the store, however it is imported, and lets the transaction's types through."""

from __future__ import annotations

from pathlib import Path

import pytest
from scripts.import_contracts import _uses

FORBIDDEN = {"sqlalchemy": {"select", "update", "text"}, "sqlalchemy.sql": {"select"}}


@pytest.mark.parametrize(
    ("source", "found"),
    [
        pytest.param(
            "from sqlalchemy import select\n", [(1, "imports sqlalchemy.select")], id="from"
        ),
        pytest.param(
            "from sqlalchemy import (\n    Engine,\n    update,\n)\n",
            [(1, "imports sqlalchemy.update")],
            id="parenthesized",
        ),
        pytest.param(
            "import sqlalchemy as sa\n\nq = sa.text('x')\n",
            [(3, "uses sqlalchemy.text")],
            id="alias",
        ),
        pytest.param(
            "from sqlalchemy.sql import select\n", [(1, "imports sqlalchemy.sql.select")], id="sub"
        ),
        pytest.param(
            "from sqlalchemy import Engine\nfrom sqlalchemy.orm import Session\n", [], id="types"
        ),
    ],
)
def test_a_statement_outside_the_store_is_found(
    tmp_path: Path, source: str, found: list[tuple[int, str]]
) -> None:
    """Each way of reaching ``select``/``update``/``text`` is reported with its line; the
    ``Engine`` and ``Session`` a service owns its transaction with are not."""
    module = tmp_path / "module.py"
    module.write_text(source)
    assert _uses(module, FORBIDDEN) == found


def test_the_service_layer_builds_no_statement() -> None:
    """Today's services and shells keep the contract (what ``lint-imports`` checks in CI)."""
    root = Path(__file__).resolve().parents[2] / "src" / "leadsieve"
    forbidden = {"sqlalchemy": {"select", "insert", "update", "delete", "text"}}
    uses = {
        str(path.relative_to(root)): _uses(path, forbidden)
        for layer in ("service", "cli")
        for path in (root / layer).rglob("*.py")
    }
    assert {path: found for path, found in uses.items() if found} == {}
