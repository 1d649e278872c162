"""Stored leads -> Spark: a qualified list exported to Parquet (`leadsieve list export LIST -o
leads.parquet --icp SLUG`) and scored with `--engine spark` gives, lead for lead, the fits the
store holds (score, grade, qualified, reasons, disqualifiers), bit for bit.

Sources are real-shaped exports (tests/io) and the qualify tests' file that reaches every rule.
The export carries the stored fits; scoring it replaces them with the engine's, so one file
holds both sides of the comparison.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from sqlalchemy import Engine

from leadsieve.service.exports import export_list
from leadsieve.service.qualify import qualify_list
from leadsieve.service.scoring import score_file
from leadsieve.service.spark_files import score_files_spark
from leadsieve.service.store import open_store
from tests.io.exports import BUILDERS
from tests.service.test_qualify import AS_OF, LEADS, icp, setup, write

FITS = ("fit_score", "fit_grade", "fit_qualified", "fit_reasons", "fit_disqualified_by")
#: The qualify tests' leads (every rule, revenue in thousands and other currencies), and
#: exports whose stored fields the export once lost: ZoomInfo's revenue in thousands of USD
#: (stored as amounts only), a Salesforce contact with no account (its own state only).
SOURCES = {
    "every-rule": LEADS,
    "zoominfo-contacts": BUILDERS["zoominfo-contacts"](80, 7),
    "salesforce-contacts": BUILDERS["salesforce-contacts"](80, 7),
    "apollo-people": BUILDERS["apollo-people"](60, 7),
    "hubspot-companies": BUILDERS["hubspot-companies"](60, 7),
}


def exported(tmp_path: Path, engine: Engine, text: str) -> pl.DataFrame:
    """``text`` imported as list q3, qualified against the qualify tests' ICP and exported with
    its fits to leads.parquet; the export."""
    setup(engine, write(tmp_path, text), icp())
    report = qualify_list(engine, "q3", "mid-market", workspace="acme", as_of=AS_OF)
    export = export_list(
        engine, "q3", tmp_path / "leads.parquet", workspace="acme", icp_slug="mid-market"
    )
    assert report.scored == export.rows > 0
    return pl.read_parquet(tmp_path / "leads.parquet")


def fits(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select("lead_key", *FITS).sort("lead_key")


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_spark_on_the_export_gives_the_stored_fits(spark: Any, tmp_path: Path, source: str) -> None:
    """Every lead's score, grade, qualified flag, reasons and disqualifiers from Spark equal
    the stored ones (SQLite store, local[2])."""
    engine = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    stored = exported(tmp_path, engine, SOURCES[source])
    summary = score_files_spark(
        spark,
        str(tmp_path / "leads.parquet"),
        [icp()],
        as_of=AS_OF,
        output=str(tmp_path / "spark"),
    )
    assert summary.replaced_columns[:2] == ["fit_score", "fit_grade"]
    scored = pl.read_parquet(tmp_path / "spark" / "*.parquet")
    assert scored.height == stored.height == summary.rows_scored
    assert fits(scored).equals(fits(stored))
    assert scored["fit_reasons"].n_unique() > 1


def test_the_export_scores_as_stored_on_both_databases(tmp_path: Path, database_url: str) -> None:
    """The store side on SQLite and PostgreSQL (scored by Polars, which Spark equals cell for
    cell, tests/spark/test_cli.py): the ZoomInfo export's revenue in thousands comes back as
    the stored amounts, and the fits as stored."""
    engine = open_store(database_url)
    stored = exported(tmp_path, engine, SOURCES["zoominfo-contacts"])
    with_revenue = stored.filter(pl.col("revenue_min_usd").is_not_null())
    assert with_revenue.height > 0 and with_revenue["revenue"].is_null().all()
    thousands = with_revenue["revenue_thousands_usd"].cast(pl.Float64) * 1000
    assert thousands.equals(with_revenue["revenue_min_usd"], check_names=False)
    score_file(tmp_path / "leads.parquet", [icp()], as_of=AS_OF, output=tmp_path / "o.parquet")
    assert fits(pl.read_parquet(tmp_path / "o.parquet")).equals(fits(stored))
