"""Generate an ICP from lead files: read each file as ``leadsieve score`` reads it, propose.

Rows that cannot be read are counted and reported, never silently dropped: each population
says how many rows it had and how many were rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from leadsieve.generate import generate_icp
from leadsieve.generate.model import Proposal
from leadsieve.io import (
    LINE_COLUMN,
    canonical_frame,
    read_leads,
    require_usable,
    suggest_mapping,
)


@dataclass(frozen=True)
class Read:
    """One population read from a file: its canonical frame and its reject count."""

    path: Path
    frame: pl.DataFrame
    rows_in: int
    rejected: int


def read_population(
    path: Path,
    overrides: dict[str, str | None] | None,
    sheet: str | int | None = None,
    saved: dict[str, str | None] | None = None,
) -> Read:
    """A lead file as canonical columns, mapped like ``leadsieve score`` maps it."""
    lead_file = read_leads(path, sheet=sheet)
    headers = [c for c in lead_file.frame.columns if c != LINE_COLUMN]
    mapping = suggest_mapping(headers, overrides, saved)
    require_usable(mapping, headers)
    frame = canonical_frame(lead_file.frame, mapping)
    return Read(path, frame, lead_file.rows_in, len(lead_file.rejects))


def generate_from_files(
    customers: Path,
    *,
    baseline: Path | None,
    lost: Path | None,
    name: str,
    as_of: date,
    overrides: dict[str, str | None] | None = None,
    saved: dict[str, str | None] | None = None,
) -> tuple[Proposal, list[Read]]:
    """Read the files and propose an ICP; also return what was read, for the summary.
    ``saved`` is a saved mapping (see ``io.mapping.suggest_mapping``)."""
    wins = read_population(customers, overrides, saved=saved)
    market = read_population(baseline, overrides, saved=saved) if baseline is not None else None
    losses = read_population(lost, overrides, saved=saved) if lost is not None else None
    proposal = generate_icp(
        wins.frame,
        None if market is None else market.frame,
        None if losses is None else losses.frame,
        name=name,
        as_of=as_of,
    )
    return proposal, [r for r in (wins, market, losses) if r is not None]
