"""``GET /v1/icps`` and ``GET /v1/icps/{id_or_slug}``: the ICP profiles the key's user sees.

Another workspace's profile, or a private profile of someone else, is 404 ``ICP_NOT_FOUND``
by id and by slug alike.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy import Engine

from leadsieve.api.auth import Reader
from leadsieve.api.deps import store
from leadsieve.api.paging import Cursor, Limit, page
from leadsieve.api.problems import responses
from leadsieve.api.schemas import MAX_VERSION, IcpPublic, IcpVersionPublic, Page
from leadsieve.service.profile_reads import get_visible_version, list_visible_profiles

router = APIRouter(prefix="/v1/icps", tags=["icps"])


@router.get("", response_model=Page[IcpPublic], responses=responses())
def list_icps(
    actor: Reader,
    engine: Annotated[Engine, Depends(store)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[IcpPublic]:
    """The ICP profiles of the key's workspace that its user sees, by slug."""
    entries = list_visible_profiles(engine, actor)
    chosen, after = page(entries, lambda e: e.info.slug, limit, cursor)
    return Page[IcpPublic](data=[IcpPublic.of(e) for e in chosen], next_cursor=after)


@router.get("/{id_or_slug}", response_model=IcpVersionPublic, responses=responses(404))
def get_icp(
    actor: Reader,
    engine: Annotated[Engine, Depends(store)],
    id_or_slug: Annotated[str, Path(description="The profile's id or slug")],
    version: Annotated[
        int | None, Query(ge=1, le=MAX_VERSION, description="Default: the current one")
    ] = None,
) -> IcpVersionPublic:
    """The element GET: the ICP document of a version (default: current) with its meta."""
    return IcpVersionPublic.of_version(get_visible_version(engine, actor, id_or_slug, version))
