"""Stored leads rebuilt into the engine's columns: an organization computed once per run,
within a bounded cache; columns the ICP does not read come out null."""

from __future__ import annotations

import polars as pl

from leadsieve.engine.columns import LS_SCHEMA
from leadsieve.service.stored_leads import OrganizationCache, lead_frame


def test_each_organization_is_computed_once_and_the_cache_stays_bounded() -> None:
    """Organizations seen in an earlier batch are not computed again; past the bound the
    cache keeps only the batch's, and every organization the batch needs is there."""
    asked: list[list[int]] = []

    def compute(ids: pl.Series) -> pl.DataFrame:
        asked.append(ids.to_list())
        return pl.DataFrame({"organization_id": ids, "ls_text": ids.cast(pl.String)})

    cache = OrganizationCache(limit=4)
    assert cache.organizations(pl.Series([None, None], dtype=pl.Int64), compute) is None
    first = cache.organizations(pl.Series([3, 1, None, 3]), compute)
    second = cache.organizations(pl.Series([1, 2]), compute)
    third = cache.organizations(pl.Series([2, 5, 6, 7]), compute)
    assert asked == [[1, 3], [2], [5, 6, 7]]
    assert first is not None and sorted(first["organization_id"]) == [1, 3]
    assert second is not None and sorted(second["organization_id"]) == [1, 2, 3]
    assert third is not None and sorted(third["organization_id"]) == [2, 5, 6, 7]


def test_a_lead_frame_has_every_engine_column() -> None:
    """Columns the ICP does not read are null; a contact without employer keeps its own
    country, and an employer's subdivision counts only inside the lead's country."""
    leads = pl.DataFrame(
        {
            "lead_key": ["c1", "c2", "o3"],
            "organization_id": [10, None, 11],
            "contact_country": ["GB", "SE", None],
            "seniority": ["vp", None, None],
        }
    )
    organizations = pl.DataFrame(
        {
            "organization_id": [10, 11],
            "_org_country": ["US", "US"],
            "_org_subdivision": ["US-CA", "US-NY"],
        }
    )
    needed = {"ls_country", "ls_subdivision", "ls_seniority"}
    frame = lead_frame(leads, organizations, needed)
    assert set(LS_SCHEMA) <= set(frame.columns)
    assert not any(c.startswith("_org_") for c in frame.columns)
    assert frame["ls_country"].to_list() == ["GB", "SE", "US"]
    assert frame["ls_subdivision"].to_list() == [None, None, "US-NY"]
    assert frame["ls_seniority"].to_list() == ["vp", None, None]
    assert frame["ls_text"].null_count() == 3 and frame["ls_emp_lo"].dtype == pl.Int64


def test_stored_technologies_are_read_through_the_vocabulary() -> None:
    """Technologies stored before the vocabulary knew an alias ("|sfdc|") read as the product
    now, and what an import stores today reads unchanged."""
    from leadsieve.service.stored_leads import organization_fields, organization_frame

    assert organization_fields({"ls_technologies"}) == ["technologies"]
    orgs = pl.DataFrame(
        {
            "organization_id": [1, 2, 3],
            "technologies": ["|sfdc|ga4|acme tool|", "|salesforce|google analytics|", None],
        }
    )
    frame = organization_frame(orgs, {"ls_technologies"})
    assert frame["ls_technologies"].to_list() == [
        "|salesforce|google analytics|acme tool|",
        "|salesforce|google analytics|",
        None,
    ]
