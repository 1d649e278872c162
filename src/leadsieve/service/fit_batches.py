"""The fits of a run, a batch at a time: leads read from the store (a list's, or every lead of
the workspace), rebuilt into the engine's columns (``service.stored_leads``), scored, ready to
write."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial

import narwhals as nw
import polars as pl
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from leadsieve._version import __version__
from leadsieve.engine.exclusions import EXCLUDED, SuppressionList, fingerprint
from leadsieve.engine.score import ScoringPlan, needed_columns, plan, run_fit
from leadsieve.icp import Icp
from leadsieve.service import exclusions, stored_leads
from leadsieve.service.store import unit_of_work
from leadsieve.store.repositories import fits as repo
from leadsieve.store.repositories import workspace_leads


@dataclass(frozen=True)
class FitTarget:
    """What one run scores, fixed before its first batch: the list's items from
    ``first_item`` to ``last_item`` by ranges of ``batch_size`` ids (a list's items are
    mostly consecutive), scored with ``icp``, version ``version`` (row ``version_id``) of its
    profile, as of ``as_of``, written by ``job``. With ``skip``, leads
    already holding this job's fit are left alone (a retry resumes).

    Without a list (``list_id`` None) the target is every lead of the workspace
    (``store.repositories.workspace_leads``): its contacts with ids ``first_item`` to
    ``last_item``, then its organizations without contacts, ids ``first_organization`` to
    ``last_organization``."""

    workspace_id: int
    list_id: int | None
    version_id: int
    version: int
    icp: Icp
    first_item: int
    last_item: int
    batch_size: int
    job: str
    as_of: date
    skip: bool
    first_organization: int = 0
    last_organization: int = 0
    #: Leave out the leads whose fit of this version can be reused (see
    #: ``repositories.fits.reusable_leads`` and ``workspace_leads.reusable_leads``).
    reuse: bool = False
    #: Suppression lists whose leads are disqualified (``service.exclusions``).
    exclusions: tuple[SuppressionList, ...] = ()


@dataclass(frozen=True)
class _Scoring:
    target: FitTarget
    plan: ScoringPlan
    needed: frozenset[str]


def fit_batches(engine: Engine, target: FitTarget) -> Iterator[pl.DataFrame]:
    """The fits of the target's leads, one frame per batch (in the columns ``write_fits``
    takes). Each organization's columns are computed once, however many of its contacts the
    list holds."""
    compiled = plan(target.icp, target.as_of, version=str(target.version))
    scoring = _Scoring(target, compiled, frozenset(needed_columns(target.icp)))
    contact_fields = stored_leads.contact_fields(scoring.needed)
    organization_fields = stored_leads.organization_fields(scoring.needed)
    if target.exclusions:  # the keys a lead is matched by
        contact_fields = sorted({*contact_fields, *exclusions.CONTACT_FIELDS})
        organization_fields = sorted({*organization_fields, *exclusions.ORGANIZATION_FIELDS})
    cache = stored_leads.OrganizationCache()
    keys = bool(target.exclusions)
    done = None
    if target.skip and target.list_id is None:  # a list's reader skips them in SQL
        with unit_of_work(engine) as session:
            done = repo.job_lead_keys(session, target.version_id, target.job).implode()
    for read in _readers(target, contact_fields):
        with unit_of_work(engine) as session:
            leads = read(session)
            if done is not None:
                leads = leads.filter(~pl.col("lead_key").is_in(done))
            if leads.is_empty():
                continue
            organizations = None
            if organization_fields:
                read = partial(_organizations, session, organization_fields, scoring.needed, keys)
                organizations = cache.organizations(leads.get_column("organization_id"), read)
        prepared = stored_leads.lead_frame(leads, organizations, scoring.needed)
        if keys:
            prepared = exclusions.lead_reasons(prepared, target.exclusions)
        yield _fits(prepared, scoring)


def _readers(target: FitTarget, fields: list[str]) -> Iterator[Callable[[Session], pl.DataFrame]]:
    """One reader of leads per batch: ranges of ``batch_size`` ids of the list's items, or,
    for the whole workspace, of its contacts and then of its organizations without contacts."""
    size = target.batch_size
    if target.list_id is not None:
        done = (target.version_id, target.job) if target.skip else None
        for first, last in _ranges(target.first_item, target.last_item, size):
            yield partial(
                repo.read_leads,
                list_id=target.list_id,
                first=first,
                last=last,
                fields=fields,
                skip=done,
                reuse=_reuse(target),
            )
        return
    space = target.workspace_id
    for first, last in _ranges(target.first_item, target.last_item, size):
        yield partial(
            workspace_leads.read_contacts,
            workspace_id=space,
            first=first,
            last=last,
            fields=fields,
            reuse=_reuse(target),
        )
    for first, last in _ranges(target.first_organization, target.last_organization, size):
        yield partial(
            workspace_leads.read_organizations_alone,
            workspace_id=space,
            first=first,
            last=last,
            fields=fields,
            reuse=_reuse(target),
        )


def _reuse(target: FitTarget) -> tuple[int, date, str, str | None] | None:
    """What a reusable fit of the target's leads holds (``repositories.fits.read_leads``)."""
    if not target.reuse:
        return None
    return target.version_id, target.as_of, __version__, fingerprint(target.exclusions)


def _ranges(first: int, last: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(first, last + 1, size):
        yield start, min(start + size - 1, last)


def _organizations(
    session: Session, fields: list[str], needed: frozenset[str], keys: bool, ids: pl.Series
) -> pl.DataFrame:
    """The columns of the organizations ``ids``, read and computed (with ``keys``, their
    suppression keys too)."""
    read = repo.read_organizations(session, ids, fields)
    frame = stored_leads.organization_frame(read, needed)
    return frame.with_columns(exclusions.organization_keys(read)) if keys else frame


def _fits(prepared: pl.DataFrame, scoring: _Scoring) -> pl.DataFrame:
    """Leads with their ``ls_*`` columns -> their fits, ordered by lead key (so concurrent
    writers take the keys' locks in one order)."""
    target = scoring.target
    excluded = EXCLUDED if target.exclusions else None
    scored: pl.DataFrame = nw.to_native(
        run_fit(nw.from_native(prepared), [scoring.plan], excluded=excluded)
    )
    return scored.select(
        pl.lit(target.version_id, pl.Int64).alias("icp_version_id"),
        "lead_key",
        pl.lit(target.workspace_id, pl.Int64).alias("workspace_id"),
        "organization_id",
        "contact_id",
        pl.col("fit_score").alias("score"),
        pl.col("fit_grade").alias("grade"),
        pl.col("fit_qualified").alias("qualified"),
        pl.col("fit_coverage").alias("coverage"),
        pl.col("fit_matched").alias("matched"),
        pl.col("fit_missed").alias("missed"),
        pl.col("fit_unknown").alias("unknown"),
        pl.col("fit_reasons").alias("reasons"),
        pl.col("fit_disqualified_by").alias("disqualified_by"),
        pl.lit(target.as_of.isoformat()).alias("as_of"),
        pl.lit(__version__).alias("leadsieve_version"),
        pl.lit(target.job).alias("job"),
        pl.lit(fingerprint(target.exclusions), pl.String).alias("exclusions"),
    ).sort("lead_key")
