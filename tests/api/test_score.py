"""``POST /v1/score``: fits equal to ``leadsieve.score`` on the same rows, charged per lead,
once per Idempotency-Key; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

import leadsieve
from leadsieve.engine.columns import FIT_COLUMNS
from leadsieve.icp import load_icp
from leadsieve.io import canonical_frame, suggest_mapping
from tests.api.conftest import SAMPLE, SAMPLE_ICP, Client, World, bearer

AS_OF = date(2026, 11, 1)


def sample_leads(n: int | None = None) -> list[dict[str, Any]]:
    """The YC sample's rows as JSON objects, blanks left out as a JSON client would."""
    frame = pl.read_csv(SAMPLE, infer_schema=False)
    rows = frame.to_dicts() if n is None else frame.head(n).to_dicts()
    return [{k: v for k, v in row.items() if v is not None} for row in rows]


def test_fits_equal_leadsieve_score_on_the_sample(client: Client, world: World) -> None:
    """Every YC sample row scored through the API has the fit columns ``leadsieve.score``
    gives the same rows (mapped as `leadsieve score` maps the file), in order."""
    leads = sample_leads()
    answer = client.post(
        "/v1/score",
        json={"icp": "b2b-saas", "as_of": AS_OF.isoformat(), "leads": leads},
        headers=bearer(world.ann),
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    frame = pl.read_csv(SAMPLE, infer_schema=False)
    mapping = suggest_mapping(frame.columns)
    expected = leadsieve.score(canonical_frame(frame, mapping), load_icp(SAMPLE_ICP), as_of=AS_OF)
    assert body["fits"] == expected.select(FIT_COLUMNS).to_dicts()
    assert len(body["fits"]) == len(leads) == 277
    assert (body["icp_slug"], body["version"], body["as_of"]) == ("b2b-saas", 1, "2026-11-01")
    assert body["mapping"]["team_size"] == "employees"
    grades = {fit["fit_grade"] for fit in body["fits"]}
    assert len(grades) > 2  # the sample spreads over grades: the comparison means something


def test_each_lead_is_charged_once_per_key(client: Client, world: World) -> None:
    """10 leads cost 5 credits at the default 0.5; retrying with the same Idempotency-Key
    charges nothing more and gives the same fits; a new key pays again; the same key with
    another number of leads is 422."""
    request = {"icp": "b2b-saas", "as_of": "2026-11-01", "leads": sample_leads(10)}
    headers = {**bearer(world.ann), "Idempotency-Key": "run-1"}
    first = client.post("/v1/score", json=request, headers=headers).json()
    assert (first["charged"], first["balance"]) == ("5", "995")
    again = client.post("/v1/score", json=request, headers=headers).json()
    assert (again["charged"], again["balance"]) == ("5", "995")
    assert again["fits"] == first["fits"]
    other = client.post(
        "/v1/score", json=request, headers={**bearer(world.ann), "Idempotency-Key": "run-2"}
    ).json()
    assert other["balance"] == "990"
    reused = client.post("/v1/score", json={**request, "leads": sample_leads(4)}, headers=headers)
    assert reused.status_code == 422 and "Idempotency-Key" in reused.json()["detail"]


def test_not_enough_credits_is_402_and_charges_nothing(client: Client, world: World) -> None:
    """More than 1,000 leads is 422 saying the limit; once Gil's 1,000 credits are spent,
    a request is 402 with required and available, and nothing is charged."""
    leads = sample_leads(277) * 8  # 2,216 leads: more than one request takes
    too_many = client.post(
        "/v1/score", json={"icp": "globex-icp", "leads": leads}, headers=bearer(world.gil)
    )
    assert too_many.status_code == 422
    assert "1,000" in too_many.json()["detail"] and too_many.json()["code"] == "INVALID_VALUE"
    for _ in range(2):  # 1,000 leads cost 500: twice empties the balance
        spent = client.post(
            "/v1/score",
            json={"icp": "globex-icp", "leads": leads[:1000]},
            headers=bearer(world.gil),
        )
        assert spent.status_code == 200, spent.text
    broke = client.post(
        "/v1/score", json={"icp": "globex-icp", "leads": leads[:3]}, headers=bearer(world.gil)
    )
    assert broke.status_code == 402
    problem = broke.json()
    assert problem["code"] == "INSUFFICIENT_CREDITS"
    assert (problem["required"], problem["available"]) == ("1.5", "0")


def test_unknown_icp_and_unusable_leads(client: Client, world: World) -> None:
    """An ICP the key's user cannot see is 404 ICP_NOT_FOUND; leads with no column a rule
    scores are 422 LEAD_FILE_NO_USABLE_COLUMNS; no leads is 422; a version that does not
    exist is 404."""
    cases = [
        ({"icp": "globex-icp", "leads": sample_leads(2)}, 404, "ICP_NOT_FOUND"),
        ({"icp": "b2b-saas", "leads": [{"notes": "hello"}]}, 422, "LEAD_FILE_NO_USABLE_COLUMNS"),
        ({"icp": "b2b-saas", "leads": []}, 422, "LEAD_FILE_NO_ROWS"),
        ({"icp": "b2b-saas", "version": 7, "leads": sample_leads(2)}, 404, "NOT_FOUND"),
    ]
    for request, status, code in cases:
        answer = client.post("/v1/score", json=request, headers=bearer(world.ann))
        assert (answer.status_code, answer.json()["code"]) == (status, code), request


def test_values_that_are_not_text_score_as_a_json_file_would(client: Client, world: World) -> None:
    """Numbers and nulls in leads score as a JSON lead file's: 25 employees is "25"."""
    leads = [
        {"company_name": "Acme", "employees": 25, "country": "US", "industry": "Software"},
        {"company_name": "Acme", "employees": "25", "country": "US", "industry": "Software"},
        {"company_name": "Tiny", "employees": None, "country": "US", "industry": "Software"},
    ]
    answer = client.post(
        "/v1/score",
        json={"icp": "b2b-saas", "as_of": "2026-11-01", "leads": leads},
        headers=bearer(world.ann),
    )
    fits = answer.json()["fits"]
    assert fits[0] == fits[1]
    assert "employees" in (fits[2]["fit_unknown"] or "")
