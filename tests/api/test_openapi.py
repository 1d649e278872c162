"""The committed OpenAPI document is the app's: a route or schema changed without
regenerating it (``leadsieve serve --print-openapi > docs/openapi.json``) fails here."""

from __future__ import annotations

import json
from pathlib import Path

from leadsieve.api.app import openapi_document
from tests.cli.test_cli import run

COMMITTED = Path(__file__).parents[2] / "docs" / "openapi.json"


def test_the_committed_document_is_the_apps() -> None:
    """docs/openapi.json equals the document the app builds, and `serve --print-openapi`
    prints exactly the committed file."""
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(openapi_document()))
    printed = run("serve", "--print-openapi")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == COMMITTED.read_text(encoding="utf-8")


def test_the_document_declares_auth_and_problems() -> None:
    """Every /v1 operation needs the bearer key and declares its problem+json answers."""
    document = openapi_document()
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    for path, operations in document["paths"].items():
        for operation in operations.values():
            if path.startswith("/v1/"):
                assert operation["security"] == [{"HTTPBearer": []}], path
                assert "application/problem+json" in operation["responses"]["401"]["content"]


def test_no_page_loads_scripts_from_a_cdn() -> None:
    """FastAPI's Swagger UI and ReDoc pages fetch their scripts from a CDN: the app serves
    neither, only the document itself."""
    from starlette.routing import Route

    from leadsieve.api.app import create_app

    paths = {
        route.path for route in create_app("sqlite:///unused.db").routes if isinstance(route, Route)
    }
    assert "/openapi.json" in paths
    assert not paths & {"/docs", "/redoc", "/docs/oauth2-redirect"}
