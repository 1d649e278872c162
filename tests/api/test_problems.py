"""Every failure is one shape: ``application/problem+json`` with type, title, status, detail and
the stable code (datasette's test_error_shape), plus /healthz and /readyz; both databases."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from leadsieve.api.app import create_app
from leadsieve.store import db
from tests.api.conftest import Client, World, bearer

Call = Callable[[Client, World], object]

#: A failing request of each kind, the status and the code it answers with.
FAILURES: list[tuple[str, Callable[[Client, World], object], int, str]] = [
    ("no key", lambda c, w: c.get("/v1/icps"), 401, "UNAUTHORIZED"),
    (
        "read key posts",
        lambda c, w: c.post(
            "/v1/score",
            json={"icp": "b2b-saas", "leads": [{"country": "US"}]},
            headers=bearer(w.ann_read),
        ),
        403,
        "FORBIDDEN",
    ),
    (
        "unknown icp",
        lambda c, w: c.get("/v1/icps/nope", headers=bearer(w.ann)),
        404,
        "ICP_NOT_FOUND",
    ),
    (
        "unknown version",
        lambda c, w: c.get("/v1/icps/b2b-saas?version=5", headers=bearer(w.ann)),
        404,
        "NOT_FOUND",
    ),
    (
        "unknown route",
        lambda c, w: c.get("/v1/nothing-here", headers=bearer(w.ann)),
        404,
        "NOT_FOUND",
    ),
    (
        "wrong method",
        lambda c, w: c.request("DELETE", "/v1/score", headers=bearer(w.ann)),
        405,
        "METHOD_NOT_ALLOWED",
    ),
    (
        "schema",
        lambda c, w: c.post("/v1/score", json={"leads": "x"}, headers=bearer(w.ann)),
        422,
        "REQUEST_INVALID",
    ),
    (
        "not json",
        lambda c, w: c.post(
            "/v1/score", content=b"{", headers={**bearer(w.ann), "Content-Type": "application/json"}
        ),
        422,
        "REQUEST_INVALID",
    ),
    (
        "bad value",
        lambda c, w: c.get("/v1/organizations", headers=bearer(w.ann)),
        422,
        "INVALID_VALUE",
    ),
    (
        "bad query",
        lambda c, w: c.get("/v1/icps?limit=0", headers=bearer(w.ann)),
        422,
        "REQUEST_INVALID",
    ),
    (
        "no columns",
        lambda c, w: c.post(
            "/v1/score", json={"icp": "b2b-saas", "leads": [{"x": 1}]}, headers=bearer(w.ann)
        ),
        422,
        "LEAD_FILE_NO_USABLE_COLUMNS",
    ),
]


@pytest.mark.parametrize(("kind", "call", "status", "code"), FAILURES, ids=[f[0] for f in FAILURES])
def test_every_failure_is_a_problem(
    client: Client, world: World, kind: str, call: Call, status: int, code: str
) -> None:
    """The status and code of the kind, the problem+json media type, the five members, a
    detail that says something, and no trace of Python."""
    answer = call(client, world)
    assert answer.status_code == status, answer.text  # type: ignore[attr-defined]
    assert answer.headers["content-type"] == "application/problem+json"  # type: ignore[attr-defined]
    body = answer.json()  # type: ignore[attr-defined]
    assert body["status"] == status and body["code"] == code
    assert body["type"] == "urn:leadsieve:problem:" + code.lower().replace("_", "-")
    assert body["title"] and len(body["detail"]) > 20
    assert "Traceback" not in answer.text  # type: ignore[attr-defined]


def test_schema_problems_name_their_paths(client: Client, world: World) -> None:
    """A body breaking the schema lists every problem with its path."""
    answer = client.post(
        "/v1/score", json={"version": 0, "leads": [1]}, headers=bearer(world.ann)
    ).json()
    paths = {e["path"] for e in answer["errors"]}
    assert {"body.icp", "body.version", "body.leads.0"} <= paths


def test_a_body_over_the_limit_is_413(world: World) -> None:
    """A body larger than the app's limit is 413 REQUEST_TOO_LARGE saying the limit, whether
    declared by Content-Length or streamed in chunks."""
    api = Client(create_app(world.url, max_body_bytes=1_000))
    try:
        body = b'{"icp": "b2b-saas", "leads": [' + b'{"country": "US"},' * 100 + b"{}]}"
        declared = api.post(
            "/v1/score",
            content=body,
            headers={**bearer(world.ann), "Content-Type": "application/json"},
        )

        async def chunks() -> AsyncIterator[bytes]:
            yield body[:600]
            yield body[600:]

        streamed = api.post(
            "/v1/score",
            content=chunks(),
            headers={**bearer(world.ann), "Content-Type": "application/json"},
        )
        for answer in (declared, streamed):
            assert answer.status_code == 413
            assert answer.json()["code"] == "REQUEST_TOO_LARGE" and answer.json()["limit"] == 1_000
            assert "1,000 bytes" in answer.json()["detail"]
        small = api.get("/v1/icps", headers=bearer(world.ann))
        assert small.status_code == 200
    finally:
        api.close()


def test_a_bug_is_a_500_problem_without_a_trace(world: World) -> None:
    """An exception no one expected is 500 INTERNAL_ERROR, its message kept out of the body."""
    app = create_app(world.url)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    api = Client(app)
    try:
        answer = api.get("/boom")
    finally:
        api.close()
    assert answer.status_code == 500 and answer.json()["code"] == "INTERNAL_ERROR"
    assert "secret internals" not in answer.text


def test_health_and_readiness(client: Client, world: World) -> None:
    """/healthz answers; /readyz says the store's revision, the newest; neither needs a key."""
    assert client.get("/healthz").json() == {"status": "ok", "revision": None}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["revision"] == db.head_revision()


def test_not_ready_before_the_schema_is_upgraded(database_url: str, tmp_path: Path) -> None:
    """A store never upgraded is not ready: /readyz and every /v1 route are 503
    STORE_UNAVAILABLE saying to upgrade; /healthz still answers."""
    api = Client(create_app(database_url))
    try:
        assert api.get("/healthz").status_code == 200
        for answer in (api.get("/readyz"), api.get("/v1/icps", headers=bearer("ls_x_y"))):
            assert answer.status_code == 503, answer.text
            assert answer.json()["code"] == "STORE_UNAVAILABLE"
            assert "upgrade" in answer.json()["detail"]
    finally:
        api.close()
        db.close(database_url)
