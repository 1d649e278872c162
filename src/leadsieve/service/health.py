"""Is the store ready to serve: reachable, and its schema at the revision this code needs.

A server's readiness probe asks this on every call, so a store that went down or was left
behind by a deployment shows as not ready (``StoreUnavailable`` saying what to do).
"""

from __future__ import annotations

from leadsieve.errors import StoreUnavailable
from leadsieve.service.store import open_store
from leadsieve.store import db


def check_ready(url: str) -> str | None:
    """The schema revision of the store at ``url`` when it is reachable and at the newest
    revision; ``StoreUnavailable`` otherwise."""
    engine = open_store(url, migrate=False)
    current, head = db.current_revision(engine), db.head_revision()
    if current != head:
        raise StoreUnavailable(
            f"the store is at schema revision {current or 'none'} and this leadsieve needs "
            f"{head}: run `leadsieve db upgrade` (or restart `leadsieve serve`, which upgrades)"
        )
    return current
