"""Lead lists and their items: every SQL statement about them. Never commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import polars as pl
from sqlalchemy import Select, Table, delete, func, select
from sqlalchemy.orm import Session

from leadsieve.store.dialect import insert
from leadsieve.store.repositories import records
from leadsieve.store.tables import Contact, LeadList, LeadListItem, Organization

#: Rows per INSERT: 4 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535.
CHUNK = 1000


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def get_by_name(session: Session, workspace_id: int, name: str) -> LeadList | None:
    statement = select(LeadList).where(LeadList.workspace_id == workspace_id, LeadList.name == name)
    return session.scalars(statement).one_or_none()


def get_by_id(session: Session, list_id: int) -> LeadList | None:
    return session.get(LeadList, list_id)


def lock(session: Session, list_id: int) -> LeadList | None:
    """The list, its row locked until the transaction ends: on PostgreSQL writers adding to one
    list take turns, so two adding the same leads in different orders cannot deadlock on the
    unique index. SQLite has no row locks and needs none here: one transaction writes at a
    time, and a second that read first fails (database locked) rather than deadlocking."""
    statement = select(LeadList).where(LeadList.id == list_id).with_for_update(key_share=True)
    return session.scalars(statement).one_or_none()


def names(session: Session, workspace_id: int) -> list[str]:
    statement = select(LeadList.name).where(LeadList.workspace_id == workspace_id)
    return list(session.scalars(statement.order_by(LeadList.name)))


def create(session: Session, workspace_id: int, name: str) -> LeadList | None:
    """A new list, or None when the workspace has one by that name."""
    statement = insert(session, LeadList).values(workspace_id=workspace_id, name=name)
    done = session.execute(
        statement.on_conflict_do_nothing(index_elements=["workspace_id", "name"]).returning(
            LeadList.id
        )
    )
    if done.scalar_one_or_none() is None:
        return None
    return get_by_name(session, workspace_id, name)


def ensure(session: Session, workspace_id: int, name: str) -> LeadList:
    """The list ``name``, created if missing; two writers doing this at once make one."""
    statement = insert(session, LeadList).values(workspace_id=workspace_id, name=name)
    session.execute(statement.on_conflict_do_nothing(index_elements=["workspace_id", "name"]))
    found = get_by_name(session, workspace_id, name)
    assert found is not None  # inserted above or by a concurrent writer
    return found


def with_counts(session: Session, workspace_id: int) -> list[tuple[LeadList, int]]:
    """The workspace's lists by name, with their number of leads."""
    statement = (
        select(LeadList, func.count(LeadListItem.id))
        .outerjoin(LeadListItem, LeadListItem.list_id == LeadList.id)
        .where(LeadList.workspace_id == workspace_id)
        .group_by(LeadList.id)
        .order_by(LeadList.name)
    )
    return [(lead_list, count) for lead_list, count in session.execute(statement)]


def count_items(session: Session, list_id: int) -> int:
    statement = select(func.count()).select_from(LeadListItem)
    return session.scalar(statement.where(LeadListItem.list_id == list_id)) or 0


def organizations_in(session: Session, workspace_id: int, ids: Sequence[int]) -> set[int]:
    """Those of ``ids`` that are organizations of the workspace."""
    found: set[int] = set()
    for part in chunks(ids):
        statement = select(Organization.id).where(
            Organization.workspace_id == workspace_id, Organization.id.in_(part)
        )
        found.update(session.scalars(statement))
    return found


def contacts_in(session: Session, workspace_id: int, ids: Sequence[int]) -> dict[int, int | None]:
    """Those of ``ids`` that are contacts of the workspace, each with its organization id."""
    found: dict[int, int | None] = {}
    for part in chunks(ids):
        statement = select(Contact.id, Contact.organization_id).where(
            Contact.workspace_id == workspace_id, Contact.id.in_(part)
        )
        found.update((contact_id, org_id) for contact_id, org_id in session.execute(statement))
    return found


def add_items(session: Session, list_id: int, items: pl.DataFrame) -> int:
    """Insert ``items`` (``lead_key``, ``organization_id``, ``contact_id``) in order; keys
    already in the list are skipped. Returns how many were added."""
    # the driver fed directly (records.insert_count), in bulk
    table: Table = LeadListItem.__table__  # type: ignore[assignment]
    rows = items.select(pl.lit(list_id, pl.Int64).alias("list_id"), pl.all())
    return records.insert_count(session, table, rows)


def remove_items(session: Session, list_id: int, keys: Sequence[str]) -> int:
    """Delete the items with these lead keys from the list; returns how many there were."""
    removed = 0
    for part in chunks(keys):
        statement = (
            delete(LeadListItem)
            .where(LeadListItem.list_id == list_id, LeadListItem.lead_key.in_(part))
            .returning(LeadListItem.id)
        )
        removed += len(session.execute(statement).all())
    return removed


def delete_list(session: Session, list_id: int) -> int:
    """Delete the list and its items (never the organizations or contacts); returns the
    number of items it held."""
    done = session.execute(
        delete(LeadListItem).where(LeadListItem.list_id == list_id).returning(LeadListItem.id)
    )
    removed = len(done.all())
    session.execute(delete(LeadList).where(LeadList.id == list_id))
    return removed


#: A list item's organization: the one it names, else its contact's current employer.
ORGANIZATION_ID = func.coalesce(LeadListItem.organization_id, Contact.organization_id)


def select_rows(*extra: Any) -> Select[*tuple[Any, ...]]:
    """The list items joined with their contact and organization: the columns ``rows`` gives,
    then ``extra``. Callers add the list, the order and any further joins."""
    return (
        select(
            LeadListItem.lead_key,
            ORGANIZATION_ID.label("organization_id"),
            LeadListItem.contact_id,
            Organization.name.label("organization"),
            Organization.domain,
            Organization.country,
            Organization.industry,
            Organization.employees,
            Contact.full_name,
            Contact.first_name,
            Contact.last_name,
            Contact.email,
            Contact.job_title,
            Contact.seniority,
            *extra,
        )
        .select_from(LeadListItem)
        .outerjoin(Contact, Contact.id == LeadListItem.contact_id)
        .outerjoin(Organization, Organization.id == ORGANIZATION_ID)
    )


def rows(session: Session, list_id: int, limit: int | None = None) -> Sequence[Any]:
    """The list's leads in insertion order, joined with their contact and organization (a
    contact's own organization when the item names none)."""
    statement = (
        select_rows().where(LeadListItem.list_id == list_id).order_by(LeadListItem.id).limit(limit)
    )
    return session.execute(statement).all()
