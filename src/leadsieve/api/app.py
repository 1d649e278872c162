"""``create_app``: the FastAPI application ``leadsieve serve`` runs.

Routes are in ``routes/`` (one module per resource); every error is rendered once, by
``problems``, as ``application/problem+json``; request bodies are capped by ``limits``. The app
opens its store without migrating it: ``leadsieve serve`` runs ``upgrade_store`` once before
its workers start, and a store whose schema is behind answers 503 until it is upgraded.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from leadsieve._version import __version__
from leadsieve.api import problems
from leadsieve.api.limits import MAX_BODY_BYTES, BodyLimit
from leadsieve.api.routes import health, icps, organizations, score
from leadsieve.errors import LeadsieveError
from leadsieve.settings import get_settings

DESCRIPTION = """\
Score leads against an Ideal Customer Profile (ICP), read stored ICPs and find organizations.

Authenticate with `Authorization: Bearer <api key>`; create a key with
`leadsieve key create NAME --scope read|write|admin`. Errors are RFC 9457
`application/problem+json` bodies with a stable `code`.
"""


def create_app(database_url: str | None = None, *, max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The API over the store at ``database_url`` (default: ``LEADSIEVE_DATABASE_URL``).

    Called with no arguments it is the factory ``uvicorn --factory`` imports in each worker."""
    app = FastAPI(
        title="leadsieve",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        # FastAPI's Swagger UI and ReDoc pages load their scripts from a CDN: nothing served
        # by leadsieve may fetch from outside the machine, so only the document is served.
        docs_url=None,
        redoc_url=None,
    )
    app.state.database_url = database_url or get_settings().database_url
    app.add_exception_handler(LeadsieveError, problems.handle_leadsieve_error)
    app.add_exception_handler(RequestValidationError, problems.handle_validation_error)
    app.add_exception_handler(HTTPException, problems.handle_http_error)
    app.add_exception_handler(Exception, problems.handle_unexpected)
    for module in (health, icps, score, organizations):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, limit=max_body_bytes)
    return app


def openapi_document(app: FastAPI | None = None) -> dict[str, Any]:
    """The OpenAPI document of the app (built without a store: no route runs)."""
    built = app or create_app("sqlite:///leadsieve.db")
    document: dict[str, Any] = built.openapi()
    return document
