"""Factories for lead files written byte for byte into ``tmp_path``."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def write_file(folder: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    """Write ``data`` (str encoded with ``encoding``, or raw bytes) to ``folder/name``."""
    path = folder / name
    path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return path


@pytest.fixture
def yc_sample() -> Path:
    """40 records of the YC directory CSV (MIT), many with line breaks inside quotes."""
    return FIXTURES / "yc_companies_sample.csv"


@pytest.fixture
def sp500_sample() -> Path:
    """30 records of the S&P 500 constituents CSV (ODC-PDDL)."""
    return FIXTURES / "sp500_sample.csv"
