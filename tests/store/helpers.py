"""Helpers the store's tests share."""

from __future__ import annotations

from sqlalchemy import Engine

from leadsieve.service.store import unit_of_work
from leadsieve.store.repositories import workspaces


def make_workspace(engine: Engine, slug: str) -> int:
    """The id of workspace ``slug`` (named ``slug.title()``), made if it does not exist."""
    with unit_of_work(engine) as session:
        return workspaces.ensure(session, slug, slug.title()).id
