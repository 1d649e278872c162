"""Pre-scored imports: a lead file imported into a list and the list qualified against a saved
ICP in one run ("attach an ICP profile so the leads come back pre-scored").

The ICP is checked before anything is written, so a typo costs nothing. Then the file is
imported (``service.importing``) and the list qualified (``service.qualify``): charged per lead
of the list, the fits stored, a killed run resumed without paying again by the same ``job``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from leadsieve.service.fits import FitRow, best_leads
from leadsieve.service.importing import ImportReport, import_file
from leadsieve.service.profiles import visible_version
from leadsieve.service.qualify import QualifyReport, qualify_list
from leadsieve.service.store import resolve_workspace, unit_of_work


@dataclass(frozen=True)
class PrescoredImport:
    """The import, the qualification of its list, and the list's best leads."""

    imported: ImportReport
    qualified: QualifyReport
    top: list[FitRow]


def import_and_qualify(
    engine: Engine,
    path: Path,
    *,
    list_name: str,
    icp_slug: str,
    workspace: str | None = None,
    user: str | None = None,
    overrides: dict[str, str | None] | None = None,
    saved: dict[str, str | None] | None = None,
    overwrite: bool = False,
    job: str | None = None,
    as_of: date | None = None,
    top: int = 10,
    on_progress: Callable[[int], None] | None = None,
) -> PrescoredImport:
    """Import ``path`` into ``list_name`` and qualify the list against ``icp_slug``'s current
    version (see the module docstring); the ``top`` best leads of the list by fit."""
    with unit_of_work(engine) as session:
        space = resolve_workspace(session, workspace)
        visible_version(session, space, icp_slug, None, user)  # ICP_NOT_FOUND before any write
        slug = space.slug
    imported = import_file(
        engine,
        path,
        list_name=list_name,
        workspace=slug,
        overrides=overrides,
        saved=saved,
        overwrite=overwrite,
        on_progress=on_progress,
    )
    qualified = qualify_list(
        engine, list_name, icp_slug, workspace=slug, user=user, job=job, as_of=as_of
    )
    best = best_leads(engine, list_name, icp_slug, workspace=slug, user=user, limit=top)
    return PrescoredImport(imported, qualified, best)
