"""``GET /v1/icps`` and the element GET ``/v1/icps/{id_or_slug}``, on SQLite and PostgreSQL."""

from __future__ import annotations

from leadsieve.icp import load_icp, validate_icp
from leadsieve.service import accounts
from leadsieve.service.profiles import save_profile
from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
from tests.api.conftest import ANN, SAMPLE_ICP, Client, World, bearer


def test_list_shows_what_the_user_sees(client: Client, world: World) -> None:
    """Ann sees the shared profile and her private one; Bob, a member, only the shared one;
    each with its id, visibility and current version."""
    ann = client.get("/v1/icps", headers=bearer(world.ann))
    assert ann.status_code == 200, ann.text
    body = ann.json()
    assert [(i["slug"], i["visibility"], i["current_version"]) for i in body["data"]] == [
        ("ann-secret", "private", 1),
        ("b2b-saas", "workspace", 1),
    ]
    assert body["next_cursor"] is None
    assert all(isinstance(i["id"], int) for i in body["data"])
    bob = client.get("/v1/icps", headers=bearer(world.bob)).json()
    assert [i["slug"] for i in bob["data"]] == ["b2b-saas"]


def test_list_pages_with_a_cursor(client: Client, world: World) -> None:
    """``limit=1`` gives one profile and a cursor to the next; the last page has none; a
    cursor that is not one is 422 INVALID_VALUE."""
    first = client.get("/v1/icps?limit=1", headers=bearer(world.ann)).json()
    assert [i["slug"] for i in first["data"]] == ["ann-secret"]
    second = client.get(
        "/v1/icps", params={"limit": 1, "cursor": first["next_cursor"]}, headers=bearer(world.ann)
    ).json()
    assert [i["slug"] for i in second["data"]] == ["b2b-saas"]
    assert second["next_cursor"] is None
    bad = client.get("/v1/icps?cursor=%%%", headers=bearer(world.ann))
    assert bad.status_code == 422 and bad.json()["code"] == "INVALID_VALUE"


def test_element_get_by_slug_and_id(client: Client, world: World) -> None:
    """By slug and by id the same profile: the document equals the saved ICP, with the
    version, its author and the visibility."""
    by_slug = client.get("/v1/icps/b2b-saas", headers=bearer(world.ann))
    assert by_slug.status_code == 200, by_slug.text
    body = by_slug.json()
    assert body["slug"] == "b2b-saas" and body["version"] == 1 and body["author"] == ANN
    assert body["visibility"] == "workspace"
    assert body["document"] == load_icp(SAMPLE_ICP).model_dump(mode="json")
    by_id = client.get(f"/v1/icps/{body['id']}", headers=bearer(world.ann))
    assert by_id.status_code == 200
    assert by_id.json() == body


def test_element_get_of_another_version(client: Client, world: World) -> None:
    """``?version=1`` reads the first version after a second is saved; the default is the
    current one; a version that does not exist is 404 naming the versions there are."""
    engine = open_store(world.url, migrate=False)
    changed = validate_icp({**load_icp(SAMPLE_ICP).model_dump(mode="json"), "min_score": 70})
    save_profile(engine, changed, workspace="acme", user=ANN, note="stricter")
    current = client.get("/v1/icps/b2b-saas", headers=bearer(world.ann)).json()
    assert (current["version"], current["current_version"]) == (2, 2)
    assert current["note"] == "stricter" and current["document"]["min_score"] == 70
    first = client.get("/v1/icps/b2b-saas?version=1", headers=bearer(world.ann)).json()
    assert first["version"] == 1 and first["document"]["min_score"] != 70
    missing = client.get("/v1/icps/b2b-saas?version=9", headers=bearer(world.ann))
    assert missing.status_code == 404
    assert missing.json()["code"] == "NOT_FOUND" and "versions 1 to 2" in missing.json()["detail"]


def test_private_profile_is_not_found_for_another_member(client: Client, world: World) -> None:
    """Bob asking for Ann's private profile, by slug or by id, gets 404 ICP_NOT_FOUND, the
    answer for a profile that does not exist."""
    secret = client.get("/v1/icps/ann-secret", headers=bearer(world.ann)).json()
    for name in ("ann-secret", str(secret["id"]), "no-such-icp"):
        answer = client.get(f"/v1/icps/{name}", headers=bearer(world.bob))
        assert answer.status_code == 404, name
        assert answer.json()["code"] == "ICP_NOT_FOUND"
        assert "ann-secret" not in answer.json()["detail"] or name == "ann-secret"


def test_a_workspace_key_sees_only_shared_profiles(client: Client, world: World) -> None:
    """A key of the workspace itself (no user) acts as no one in particular: it lists and
    reads the shared profile, and Ann's private one is not found for it."""
    engine = open_store(world.url, migrate=False)
    with unit_of_work(engine) as session:
        acme = resolve_workspace(session, "acme")
        _, token = accounts.create_key(session, acme.id, "etl", scopes=["read"])
    listed = client.get("/v1/icps", headers=bearer(token)).json()
    assert [i["slug"] for i in listed["data"]] == ["b2b-saas"]
    assert client.get("/v1/icps/b2b-saas", headers=bearer(token)).status_code == 200
    hidden = client.get("/v1/icps/ann-secret", headers=bearer(token))
    assert hidden.status_code == 404 and hidden.json()["code"] == "ICP_NOT_FOUND"
