"""``leadsieve serve``: the REST API on uvicorn, after migrating the store once."""

from __future__ import annotations

import json
import sys

import typer

from leadsieve.cli._common import err_console, user_errors

#: The factory each uvicorn worker imports and calls (``factory=True``), so ``--workers``
#: works: every worker builds its own app over ``LEADSIEVE_DATABASE_URL``.
APP_FACTORY = "leadsieve.api.app:create_app"

SERVE_HELP = """Serve the REST API (FastAPI on uvicorn) over the store.

The store is LEADSIEVE_DATABASE_URL (default: ./leadsieve.db). Its schema is upgraded once,
before the workers start; the workers never migrate it.

Every /v1 route needs an API key. Create one, and copy the token it prints once:

    leadsieve key create crm-sync --scope read --scope write

then call the API with it:

    curl -H "Authorization: Bearer $KEY" http://127.0.0.1:8000/v1/icps

The interactive documentation is at /docs, the OpenAPI document at /openapi.json.
SQLite serves one worker well; use PostgreSQL for several (--workers)."""


def register(root: typer.Typer) -> None:
    """Add the ``serve`` command to ``root``."""
    root.command(name="serve", help=SERVE_HELP)(serve)


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes."),
    print_openapi: bool = typer.Option(
        False, "--print-openapi", help="Print the OpenAPI document (JSON) and exit."
    ),
) -> None:
    """Serve the REST API (see SERVE_HELP)."""
    if print_openapi:
        from leadsieve.api.app import openapi_document

        sys.stdout.write(json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n")
        return
    import uvicorn

    from leadsieve.service.store import upgrade_store

    with user_errors():
        done = upgrade_store()
    err_console.print(
        f"{done.store}: schema at revision {done.after}"
        + (f" (upgraded from {done.before or 'an empty database'})" if done.changed else ""),
        markup=False,
    )
    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, workers=workers)
