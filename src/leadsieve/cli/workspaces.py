"""``leadsieve workspace|user|key``: workspaces, users and API keys."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the ``workspace``, ``user`` and ``key`` command groups to ``app``."""
