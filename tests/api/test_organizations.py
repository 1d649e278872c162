"""``GET /v1/organizations?domain=`` and ``?org_no=&country=``, on SQLite and PostgreSQL."""

from __future__ import annotations

from tests.api.conftest import Client, World, bearer


def test_find_by_domain_normalizes_it(client: Client, world: World) -> None:
    """Any spelling of the domain the store keys (scheme, www, case, path) finds it; another
    domain finds nothing (an empty page, not an error)."""
    for spelling in ("acme.com", "https://www.ACME.com/about", "WWW.acme.com"):
        found = client.get(
            "/v1/organizations", params={"domain": spelling}, headers=bearer(world.ann)
        )
        assert found.status_code == 200, found.text
        data = found.json()["data"]
        assert [(o["id"], o["domain"], o["name"]) for o in data] == [
            (world.acme_org, "acme.com", "Acme")
        ]
    none = client.get("/v1/organizations?domain=globex.com", headers=bearer(world.ann))
    assert none.json() == {"data": [], "next_cursor": None}


def test_find_by_org_no(client: Client, world: World) -> None:
    """The org number with its country finds it, written with or without the dash; a wrong
    check digit is 422 INVALID_VALUE; no country is 422 saying to add it."""
    for number in ("556036-0793", "5560360793"):
        found = client.get(
            "/v1/organizations",
            params={"org_no": number, "country": "se"},
            headers=bearer(world.ann),
        )
        assert [o["id"] for o in found.json()["data"]] == [world.acme_org], found.text
    wrong = client.get(
        "/v1/organizations",
        params={"org_no": "5560360794", "country": "SE"},
        headers=bearer(world.ann),
    )
    assert wrong.status_code == 422 and wrong.json()["code"] == "INVALID_VALUE"
    bare = client.get(
        "/v1/organizations", params={"org_no": "5560360793"}, headers=bearer(world.ann)
    )
    assert bare.status_code == 422 and "country" in bare.json()["detail"]


def test_one_way_of_finding(client: Client, world: World) -> None:
    """Neither or both of domain and org_no is 422 saying how to find."""
    for params in ({}, {"domain": "acme.com", "org_no": "5560360793", "country": "SE"}):
        answer = client.get("/v1/organizations", params=params, headers=bearer(world.ann))
        assert answer.status_code == 422
        assert answer.json()["code"] == "INVALID_VALUE"
        assert "domain" in answer.json()["detail"]


def test_another_workspace_never_finds_it(client: Client, world: World) -> None:
    """Gil (globex) looking up acme's domain or org number finds nothing."""
    for params in ({"domain": "acme.com"}, {"org_no": "5560360793", "country": "SE"}):
        answer = client.get("/v1/organizations", params=params, headers=bearer(world.gil))
        assert answer.status_code == 200
        assert answer.json()["data"] == []
