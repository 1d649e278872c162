"""Score a few leads given as records against a stored ICP, synchronously, and pay for them.

The REST API's ``POST /v1/score``: up to ``MAX_LEADS`` leads, each an object whose keys are
any of the column names ``leadsieve score`` maps (``Company Name``, ``# Employees``,
``website``...), against a stored profile (its current version or a numbered one). The leads
become the frame a JSON lead file would (every value text, blanks empty), the columns are
mapped once for all of them, and the engine scores them: each lead's fit columns equal
``leadsieve.score`` on the same rows.

Scoring is charged per lead like qualify (``credits.charge``, price ``LEADSIEVE_PRICE_PER_ROW``)
under the ledger job ``score:<key>``. With the caller's key (an ``Idempotency-Key``) a retry
finds its charge and pays nothing more; the same key with another number of leads is refused,
since it names another request. Without a key every call is a new job. The leads are scored
before the charge, in the same transaction: a balance that falls short charges nothing and
returns no fits.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl
from sqlalchemy import Engine

from leadsieve.engine import score
from leadsieve.engine.columns import FIT_COLUMNS
from leadsieve.errors import InvalidValue, LeadFileNoRows
from leadsieve.io import canonical_frame, require_usable, suggest_mapping
from leadsieve.service import credits
from leadsieve.service.actors import Actor
from leadsieve.service.profiles import visible_version
from leadsieve.service.store import resolve_workspace, unit_of_work
from leadsieve.settings import get_settings

#: The most leads one synchronous request may score; more belong in an import and a qualify.
MAX_LEADS = 1_000
#: The longest caller's key: the ledger job ``score:<key>`` stays within ``credits.MAX_JOB``.
MAX_KEY = 100


@dataclass(frozen=True, slots=True)
class ScoredLeads:
    """What a scoring request did: the ICP version used, one fit per lead (the engine's fit
    columns, in the leads' order), the source columns mapped, and what it cost."""

    icp_slug: str
    icp_version: int
    as_of: date
    fits: list[dict[str, Any]]
    mapping: dict[str, str]
    job: str
    charged: Decimal
    balance: Decimal


def leads_frame(leads: Sequence[Mapping[str, Any]]) -> pl.DataFrame:
    """The leads as a JSON lead file reads them: one String column per key (in order of
    first appearance), values that are not text as their JSON, empty text as blank."""
    names: dict[str, None] = {}
    for lead in leads:
        names.update(dict.fromkeys(lead))
    columns = {
        name: pl.Series(name, [_text(lead.get(name)) for lead in leads], pl.String)
        for name in names
    }
    return pl.DataFrame(list(columns.values())).with_columns(pl.all().replace("", None))


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def score_leads(
    engine: Engine,
    actor: Actor,
    leads: Sequence[Mapping[str, Any]],
    *,
    icp: str,
    version: int | None = None,
    as_of: date,
    key: str | None = None,
) -> ScoredLeads:
    """Score ``leads`` against the actor's visible profile ``icp`` (version ``version``,
    default the current one) as of ``as_of``, and charge them under ``key``."""
    actor.require("write", doing="score leads (scoring is charged)")
    if not leads:
        raise LeadFileNoRows("there are no leads to score; send at least one")
    if len(leads) > MAX_LEADS:
        raise InvalidValue(
            f"{len(leads):,} leads are more than the {MAX_LEADS:,} one request may score; "
            "send them in parts, or import them as a list and qualify it"
        )
    job = _job(key)
    frame = leads_frame(leads)
    mapping = suggest_mapping(frame.columns)
    require_usable(mapping, frame.columns)
    price = get_settings().price_per_row
    with unit_of_work(engine) as session:
        space = resolve_workspace(session, actor.workspace_slug)
        found, _ = visible_version(session, space, icp, version, actor.user_email)
        scored = score(canonical_frame(frame, mapping), found.icp(), as_of=as_of)
        paid = credits.charge(session, space.id, job, len(leads), price)
        if not paid.new and paid.amount != len(leads) * price:
            raise InvalidValue(
                f"the key {key!r} was used for another request (it paid {paid.amount} "
                f"credits, this one costs {len(leads) * price}); use a new Idempotency-Key "
                "for a new request"
            )
    return ScoredLeads(
        icp_slug=found.profile.slug,
        icp_version=found.number,
        as_of=as_of,
        fits=scored.select(FIT_COLUMNS).to_dicts(),
        mapping=dict(mapping.targets),
        job=job,
        charged=paid.amount,
        balance=paid.balance,
    )


def _job(key: str | None) -> str:
    if key is None:
        return f"score:{uuid.uuid4().hex}"
    cleaned = key.strip()
    if not cleaned or len(cleaned) > MAX_KEY or not cleaned.isprintable():
        raise InvalidValue(
            f"an Idempotency-Key is 1 to {MAX_KEY} printable characters, not {key!r}"
        )
    return f"score:{cleaned}"
