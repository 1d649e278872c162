"""What the ``board`` and ``pursuit`` commands share: their --json flag and how they print
JSON and exact amounts."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import typer

JSON = typer.Option(False, "--json", help="Print JSON instead of text.")


def echo_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


def exact(amount: Decimal | None) -> str | None:
    """An exact amount as JSON text, never in exponent form (0.0000001, not 1E-7)."""
    return None if amount is None else f"{amount:f}"
