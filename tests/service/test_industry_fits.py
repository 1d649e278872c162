"""Broad industries and leads with several (issue 14, seen 2 and 3), in a file and in the store.

Salesforce's standard picklist says only "Technology": a software ICP cannot tell whether such
a lead is software, so the rule is unknown ("broader than"), never "outside". YC rows carry
several tags naming industries ('artificial-intelligence', 'fintech'): every one counts, so a
fintech whose first tag is AI matches ``financial-services``. The store keeps all of a lead's
industries, so ``qualify`` gives the fits ``leadsieve score`` gives, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import polars as pl
from sqlalchemy import select

from leadsieve.icp import Icp
from leadsieve.service.qualify import qualify_list
from leadsieve.service.scoring import score_file
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.tables import Organization
from tests.io.export_rows import SHARED
from tests.io.exports_crm import salesforce_leads
from tests.service.test_qualify import AS_OF, FIT_FIELDS, file_fits, icp, setup, stored_fits

SOFTWARE = icp(
    slug="software",
    rules={"industries": {"any_of": ["software-development"]}},
    disqualifiers={},
    min_score=50,
)
FINTECH = icp(
    slug="fintech",
    rules={"industries": {"any_of": ["financial-services"]}},
    disqualifiers={"industries": ["retail"]},
    min_score=50,
)
BROADER = "broader than software-development (too coarse to tell)"


def scored(tmp_path: Path, path: Path, document: Icp) -> pl.DataFrame:
    out = tmp_path / "scored.csv"
    score_file(path, [document], as_of=AS_OF, output=out)
    return pl.read_csv(out, infer_schema=False)


def salesforce_file(tmp_path: Path) -> Path:
    path = tmp_path / "sf.csv"
    path.write_text(salesforce_leads(1000), encoding="utf-8")
    return path


def test_salesforce_technology_is_unknown_not_outside(tmp_path: Path) -> None:
    """Every "Technology" lead of a 1,000-row Salesforce export is unknown for a software ICP,
    with a reason saying the label is broader than the ICP's; every other industry is matched
    or outside as before (Banking, Retail ... are outside)."""
    rows = scored(tmp_path, salesforce_file(tmp_path), SOFTWARE)
    technology = rows.filter(pl.col("Industry") == "Technology")
    others = rows.filter(~pl.col("Industry").is_in(["Technology", "Other"]))
    assert technology.height > 100 and others.height > 100
    assert technology.get_column("fit_unknown").to_list() == ["industries"] * technology.height
    reasons = technology.get_column("fit_reasons").to_list()
    assert all(f"Technology, Information and Internet, {BROADER}" in r for r in reasons)
    assert not any("not in software-development" in r for r in reasons)
    assert set(technology.get_column("fit_score").to_list()) == {"0"}
    # a label that names another industry is still outside, and only those are
    assert others.get_column("fit_missed").to_list() == ["industries"] * others.height
    assert all("not in software-development" in r for r in others["fit_reasons"])
    other = rows.filter(pl.col("Industry") == "Other")["fit_reasons"]  # names no industry
    assert all("industries: unknown (wanted software-development)" in r for r in other)


def test_salesforce_technology_in_the_store(tmp_path: Path, database_url: str) -> None:
    """The same export imported and qualified: each stored fit equals the file's, field by
    field, and the "Technology" leads are unknown there too."""
    engine = open_store(database_url)
    path = salesforce_file(tmp_path)
    setup(engine, path, SOFTWARE)
    qualify_list(engine, "q3", "software", workspace="acme", as_of=AS_OF)
    stored = stored_fits(engine)
    expected = file_fits(tmp_path, path, SOFTWARE)
    joined = expected.join(stored, on="key", how="inner", suffix="_stored")
    # the export's few tricky rows carry malformed emails ("steve@"), which the store keeps
    # under another key; every other lead is compared
    assert joined.height > 0.99 * expected.height > 900
    for field in FIT_FIELDS:
        assert joined[field].to_list() == joined[f"{field}_stored"].to_list(), field
    broad = stored.filter(pl.col("reasons").str.contains(BROADER, literal=True))
    assert broad.height > 100 and set(broad["unknown"]) == {"industries"}


def yc_file(tmp_path: Path) -> tuple[Path, list[dict[str, str]]]:
    """Real YC rows: every fintech whose first tag names another industry, and as many rows
    without a fintech tag; columns as the YC directory export has them."""
    with (SHARED / "yc_companies_2024-05-11.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["website"] and r["tags"]]
    fintech = [r for r in rows if "fintech" in ast.literal_eval(r["tags"])[1:]]
    fintech = [r for r in fintech if ast.literal_eval(r["tags"])[0] != "fintech"]
    other = [r for r in rows if "fintech" not in r["tags"]][: len(fintech)]
    columns = ["company_name", "website", "tags", "country", "team_size"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows([*fintech, *other])
    path = tmp_path / "yc.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path, [*fintech, *other]


def test_every_tag_naming_an_industry_counts(tmp_path: Path) -> None:
    """A YC fintech tagged ['artificial-intelligence', 'fintech', ...] is financial services
    as well as software: each such real row matches a fintech ICP (before, the first tag that
    named an industry was the only one), and its reason names both industries."""
    path, rows = yc_file(tmp_path)
    fits = scored(tmp_path, path, FINTECH)
    fintech = fits.filter(pl.col("tags").str.contains("'fintech'", literal=True))
    assert fintech.height > 100
    assert fintech.get_column("fit_matched").to_list() == ["industries"] * fintech.height
    first = fintech.filter(pl.col("tags").str.starts_with("['artificial-intelligence'"))
    assert first.height > 0
    # software and a financial industry (financial services, or a finer one: banking ...)
    assert all(
        r.startswith("industries: Software Development / ") and ", in financial-services" in r
        for r in first["fit_reasons"]
    )
    assert fits.height == len(rows)


def yc_fits(tmp_path: Path, path: Path, document: Icp) -> pl.DataFrame:
    """``file_fits`` for the YC file, whose rows are organizations keyed by their website."""
    return scored(tmp_path, path, document).select(
        pl.col("website").alias("key"),
        pl.col("fit_score").cast(pl.Int64).alias("score"),
        pl.col("fit_grade").alias("grade"),
        (pl.col("fit_qualified") == "true").alias("qualified"),
        *(pl.col(f"fit_{f}").fill_null("").alias(f) for f in ("matched", "missed", "unknown")),
        pl.col("fit_reasons").alias("reasons"),
        pl.col("fit_disqualified_by").alias("disqualified_by"),
    )


def test_several_industries_in_the_store(tmp_path: Path, database_url: str) -> None:
    """The YC rows imported and qualified: an organization keeps every industry its tags name
    (slugs joined by "|", past the 128 characters of the first schema), and each stored fit
    equals the file's, reasons and the retail disqualifier included."""
    engine = open_store(database_url)
    path, _ = yc_file(tmp_path)
    setup(engine, path, FINTECH)
    qualify_list(engine, "q3", "fintech", workspace="acme", as_of=AS_OF)
    with unit_of_work(engine) as session:
        slugs = list(session.scalars(select(Organization.industry_slug)))
    several = [s for s in slugs if s and "|" in s]
    assert len(several) > 100 and "financial-services" in " ".join(several)
    assert max(len(s) for s in several) > 128
    stored = stored_fits(engine)
    expected = yc_fits(tmp_path, path, FINTECH)
    joined = expected.join(stored, on="key", how="inner", suffix="_stored")
    assert joined.height == expected.height == stored.height
    for field in (*FIT_FIELDS, "disqualified_by"):
        assert joined[field].to_list() == joined[f"{field}_stored"].to_list(), field
    assert joined.filter(pl.col("grade") == "DQ").height > 0
