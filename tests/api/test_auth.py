"""Keys and tenancy: no key or a bad key is 401, a scope too low is 403, and a key of another
workspace gets 404 on every route given an id or slug, never the record; both databases."""

from __future__ import annotations

from leadsieve.service import accounts
from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
from tests.api.conftest import Client, World, bearer

#: Every route that takes a key, with a request that succeeds for Ann's read+write key.
ROUTES = [
    ("GET", "/v1/icps", None),
    ("GET", "/v1/icps/b2b-saas", None),
    ("GET", "/v1/organizations?domain=acme.com", None),
    (
        "POST",
        "/v1/score",
        {"icp": "b2b-saas", "leads": [{"company_name": "Acme", "country": "US"}]},
    ),
]


def test_every_route_needs_a_valid_key(client: Client, world: World) -> None:
    """Without a key, with another scheme, or with a made-up key, every /v1 route is 401
    UNAUTHORIZED with ``WWW-Authenticate: Bearer``; with Ann's key each succeeds."""
    bad_headers = [
        {},
        {"Authorization": f"Basic {world.ann}"},
        bearer("ls_000000000000_made-up"),
        bearer(world.ann + "x"),
    ]
    for method, path, body in ROUTES:
        for headers in bad_headers:
            answer = client.request(method, path, json=body, headers=headers)
            assert answer.status_code == 401, (path, headers)
            assert answer.headers["www-authenticate"] == "Bearer"
            assert answer.json()["code"] == "UNAUTHORIZED"
        good = client.request(method, path, json=body, headers=bearer(world.ann))
        assert good.status_code == 200, (path, good.text)


def test_a_revoked_key_is_401(client: Client, world: World) -> None:
    """Once revoked, a key that worked is 401 saying it was revoked."""
    assert client.get("/v1/icps", headers=bearer(world.bob)).status_code == 200
    engine = open_store(world.url, migrate=False)
    prefix = world.bob.split("_")[1]
    with unit_of_work(engine) as session:
        accounts.revoke_key(session, resolve_workspace(session, "acme").id, prefix)
    answer = client.get("/v1/icps", headers=bearer(world.bob))
    assert answer.status_code == 401 and "revoked" in answer.json()["detail"]


def test_a_read_key_cannot_score(client: Client, world: World) -> None:
    """Scoring spends credits: Ann's read-only key is 403 FORBIDDEN naming the scope it
    needs, while it may read."""
    answer = client.post("/v1/score", json=ROUTES[3][2], headers=bearer(world.ann_read))
    assert answer.status_code == 403
    assert answer.json()["code"] == "FORBIDDEN" and "'write'" in answer.json()["detail"]
    assert client.get("/v1/icps/b2b-saas", headers=bearer(world.ann_read)).status_code == 200


def test_another_workspace_gets_404_never_the_record(client: Client, world: World) -> None:
    """Gil (globex) asking for acme's ICP by slug or by id, scoring against it, or finding
    its organization gets what a record that does not exist gets, and nothing of acme's."""
    acme_icp = client.get("/v1/icps/b2b-saas", headers=bearer(world.ann)).json()
    for name in ("b2b-saas", str(acme_icp["id"])):
        answer = client.get(f"/v1/icps/{name}", headers=bearer(world.gil))
        assert answer.status_code == 404 and answer.json()["code"] == "ICP_NOT_FOUND"
        assert "acme" not in answer.text
    scored = client.post("/v1/score", json=ROUTES[3][2], headers=bearer(world.gil))
    assert scored.status_code == 404 and scored.json()["code"] == "ICP_NOT_FOUND"
    listed = client.get("/v1/icps", headers=bearer(world.gil)).json()
    assert [i["slug"] for i in listed["data"]] == ["globex-icp"]
    found = client.get("/v1/organizations?domain=acme.com", headers=bearer(world.gil)).json()
    assert found["data"] == []
