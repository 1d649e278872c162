"""``leadsieve icp save|list|history|diff|revert|clone|share|export``: stored ICP profiles."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the profile commands to the ``icp`` group ``app``."""
