"""Dependencies every route shares: the store of the application."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import Engine

from leadsieve.api.auth import database_url
from leadsieve.service.store import open_store


def store(request: Request) -> Engine:
    """The store's engine (one per process and URL), its schema at the newest revision
    (``STORE_UNAVAILABLE`` when it is behind: ``leadsieve serve`` upgrades it first)."""
    return open_store(database_url(request), migrate=False)
