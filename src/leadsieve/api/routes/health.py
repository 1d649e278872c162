"""``/healthz`` (the process answers) and ``/readyz`` (the store is reachable and its schema is
at the revision this code needs; else 503 ``STORE_UNAVAILABLE``). Neither needs a key."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from leadsieve.api.auth import database_url
from leadsieve.api.problems import responses
from leadsieve.api.schemas import Health
from leadsieve.service.health import check_ready

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up and answers."""
    return Health()


@router.get("/readyz", response_model=Health, responses={503: responses()[503]})
def readyz(url: Annotated[str, Depends(database_url)]) -> Health:
    """The store is reachable and at the newest schema revision."""
    return Health(revision=check_ready(url))
