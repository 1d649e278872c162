"""``POST /v1/score``: up to 1,000 leads scored against a stored ICP, synchronously, charged
per lead like qualify. ``Idempotency-Key`` makes a retry pay once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header
from sqlalchemy import Engine

from leadsieve.api.auth import Writer
from leadsieve.api.deps import store
from leadsieve.api.problems import responses
from leadsieve.api.schemas import ScoreCreate, ScorePublic
from leadsieve.service.score_requests import score_leads

router = APIRouter(prefix="/v1", tags=["score"])


@router.post("/score", response_model=ScorePublic, responses=responses(402, 404))
def score(
    body: ScoreCreate,
    actor: Writer,
    engine: Annotated[Engine, Depends(store)],
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description="Retrying with the same key pays once; another request needs a new key",
        ),
    ] = None,
) -> ScorePublic:
    """Score the leads: one fit per lead, in order, as `leadsieve score` gives them."""
    as_of = body.as_of or datetime.now(UTC).date()
    scored = score_leads(
        engine,
        actor,
        body.leads,
        icp=body.icp,
        version=body.version,
        as_of=as_of,
        key=idempotency_key,
    )
    return ScorePublic.of(scored)
