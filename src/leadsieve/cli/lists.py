"""``leadsieve list``: named lead lists in the store."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the ``list`` command group to ``app``."""
