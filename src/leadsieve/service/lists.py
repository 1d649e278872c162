"""Lead lists: named, ordered sets of leads (a contact with its organization, or an
organization alone) in one workspace.

A lead appears once per list: its key is ``c<contact id>`` for a contact, ``o<organization
id>`` for an organization alone, and adding is ``INSERT ... ON CONFLICT DO NOTHING`` on (list,
key), so adding the same leads twice, or from two processes at once, adds each once. Deleting a
list never deletes its organizations or contacts. The caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import polars as pl
from sqlalchemy.orm import Session

from leadsieve.errors import AlreadyExists, Forbidden, InvalidValue, ListNotFound
from leadsieve.store.repositories import lists as repo
from leadsieve.store.tables import LeadList, Workspace

#: A lead as callers give it: (organization id, contact id), at least one of them set.
Lead = tuple[int | None, int | None]

MAX_NAME = 200


@dataclass(frozen=True, slots=True)
class ListSummary:
    """A list with its number of leads."""

    id: int
    name: str
    leads: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ListRow:
    """One lead of a list, as ``show_list`` returns it (None where the lead has no data)."""

    lead_key: str
    organization_id: int | None
    contact_id: int | None
    organization: str | None
    domain: str | None
    country: str | None
    industry: str | None
    employees: str | None
    contact: str | None
    email: str | None
    job_title: str | None
    seniority: str | None


def lead_key(organization_id: int | None, contact_id: int | None) -> str:
    """``c<contact id>`` for a contact (with or without its organization), ``o<id>`` for an
    organization alone."""
    if contact_id is not None:
        return f"c{contact_id}"
    if organization_id is not None:
        return f"o{organization_id}"
    raise InvalidValue("a lead needs an organization id, a contact id, or both")


def _clean_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned:
        raise InvalidValue("a list name cannot be empty; give it a name such as 'q3-imports'")
    if len(cleaned) > MAX_NAME:
        raise InvalidValue(f"a list name has at most {MAX_NAME} characters, not {len(cleaned)}")
    return cleaned


def create_list(session: Session, workspace_id: int, name: str) -> LeadList:
    """A new, empty list; ``AlreadyExists`` when the workspace has one by that name."""
    name = _clean_name(name)
    created = repo.create(session, workspace_id, name)
    if created is None:
        raise AlreadyExists(
            f"a list named {name!r} already exists; add leads to it with `leadsieve list add` "
            "or choose another name"
        )
    return created


def ensure_list(session: Session, workspace_id: int, name: str) -> LeadList:
    """The list ``name``, created when missing (two callers at once get the same list)."""
    return repo.ensure(session, workspace_id, _clean_name(name))


def _not_found(session: Session, workspace_id: int, what: str) -> ListNotFound:
    existing = ", ".join(repr(n) for n in repo.names(session, workspace_id)) or "none yet"
    workspace = session.get(Workspace, workspace_id)
    where = "this workspace" if workspace is None else f"workspace {workspace.slug!r}"
    return ListNotFound(
        f"no list {what} in {where} (lists: {existing}); "
        "create one with `leadsieve list create NAME`"
    )


def get_list(session: Session, workspace_id: int, name: str) -> LeadList:
    """The workspace's list ``name``; ``ListNotFound`` naming the lists that exist."""
    found = repo.get_by_name(session, workspace_id, name.strip())
    if found is None:
        raise _not_found(session, workspace_id, repr(name))
    return found


def get_list_by_id(session: Session, workspace_id: int, list_id: int) -> LeadList:
    """The workspace's list with this id; a list of another workspace is not found here."""
    found = repo.get_by_id(session, list_id)
    if found is None or found.workspace_id != workspace_id:
        raise _not_found(session, workspace_id, f"with id {list_id}")
    return found


def list_lists(session: Session, workspace_id: int) -> list[ListSummary]:
    """The workspace's lists by name, with their number of leads."""
    return [
        ListSummary(lead_list.id, lead_list.name, count, lead_list.created_at)
        for lead_list, count in repo.with_counts(session, workspace_id)
    ]


def _list(session: Session, workspace_id: int, list_id: int, *, lock: bool = False) -> LeadList:
    """The list, if it is the workspace's: a list of another workspace is not found here."""
    found = repo.lock(session, list_id) if lock else repo.get_by_id(session, list_id)
    if found is None or found.workspace_id != workspace_id:
        raise _not_found(session, workspace_id, f"with id {list_id}")
    return found


def _ids(values: Sequence[int]) -> str:
    shown = ", ".join(str(v) for v in sorted(values)[:10])
    return shown + (f" and {len(values) - 10} more" if len(values) > 10 else "")


def add_leads(session: Session, workspace_id: int, list_id: int, leads: Sequence[Lead]) -> int:
    """Add (organization id, contact id) leads to the list in the order given; returns how many
    were new (a lead already in the list is skipped).

    Every id must belong to the list's workspace (``Forbidden`` otherwise, nothing added). A
    contact's lead is the contact at its current employer: the organization named with it is
    checked, not stored, so the list follows the contact when it moves (``show_list``)."""
    lead_list = _list(session, workspace_id, list_id, lock=True)
    wanted: dict[str, Lead] = {}
    for organization_id, contact_id in leads:
        wanted.setdefault(lead_key(organization_id, contact_id), (organization_id, contact_id))
    organization_ids = sorted({org for org, _ in wanted.values() if org is not None})
    contact_ids = sorted({contact for _, contact in wanted.values() if contact is not None})
    organizations = repo.organizations_in(session, lead_list.workspace_id, organization_ids)
    contacts = repo.contacts_in(session, lead_list.workspace_id, contact_ids)
    foreign = []
    if stray := [i for i in organization_ids if i not in organizations]:
        foreign.append(f"organization ids {_ids(stray)}")
    if stray := [i for i in contact_ids if i not in contacts]:
        foreign.append(f"contact ids {_ids(stray)}")
    if foreign:
        raise Forbidden(
            f"{' and '.join(foreign)} are not in this list's workspace; nothing was added "
            "(use ids of this workspace's organizations and contacts)"
        )
    items = pl.DataFrame(
        [(org, contact) for org, contact in wanted.values()],
        schema={"organization_id": pl.Int64, "contact_id": pl.Int64},
        orient="row",
    )
    return repo.add_items(session, list_id, _items(items))


def add_imported_leads(
    session: Session, workspace_id: int, list_id: int, leads: pl.DataFrame
) -> int:
    """``add_leads`` for the import: ``leads`` (``organization_id``, ``contact_id``, a row per
    lead in file order) were just upserted in the list's workspace, so no tenancy check; a row
    with neither id is skipped. Returns how many were new."""
    _list(session, workspace_id, list_id, lock=True)
    return repo.add_items(session, list_id, _items(leads))


def _items(leads: pl.DataFrame) -> pl.DataFrame:
    """Leads as list items: their ``lead_key`` (``lead_key``), each once, in order; a
    contact's without its organization."""
    contact, organization = pl.col("contact_id"), pl.col("organization_id")
    return (
        leads.filter(contact.is_not_null() | organization.is_not_null())
        .select(
            pl.when(contact.is_not_null())
            .then(pl.format("c{}", contact))
            .otherwise(pl.format("o{}", organization))
            .alias("lead_key"),
            pl.when(contact.is_null()).then(organization).alias("organization_id"),
            contact,
        )
        .unique("lead_key", keep="first", maintain_order=True)
    )


def remove_leads(session: Session, workspace_id: int, list_id: int, leads: Sequence[Lead]) -> int:
    """Remove leads from the list (their records stay); returns how many were in it."""
    _list(session, workspace_id, list_id)
    keys = sorted({lead_key(org, contact) for org, contact in leads})
    return repo.remove_items(session, list_id, keys)


def delete_list(session: Session, workspace_id: int, list_id: int) -> int:
    """Delete the list; its organizations and contacts stay. Returns the leads it held."""
    _list(session, workspace_id, list_id)
    return repo.delete_list(session, list_id)


def count_leads(session: Session, workspace_id: int, list_id: int) -> int:
    """The number of leads in the list."""
    _list(session, workspace_id, list_id)
    return repo.count_items(session, list_id)


def show_list(
    session: Session, workspace_id: int, list_id: int, limit: int | None = None
) -> list[ListRow]:
    """The list's leads in the order they were added (the first ``limit``), each with its
    organization's and contact's fields."""
    _list(session, workspace_id, list_id)
    if limit is not None and limit < 0:
        raise InvalidValue(f"the limit must be 0 or more, not {limit}")
    return [list_row(row) for row in repo.rows(session, list_id, limit)]


def list_row(row: Any) -> ListRow:
    """A row of ``store.repositories.lists.rows`` (or of a query with its columns) as a
    ``ListRow``: the contact's name is its full name, else its first and last names."""
    names = " ".join(part for part in (row.first_name, row.last_name) if part)
    return ListRow(
        lead_key=row.lead_key,
        organization_id=row.organization_id,
        contact_id=row.contact_id,
        organization=row.organization,
        domain=row.domain,
        country=row.country,
        industry=row.industry,
        employees=row.employees,
        contact=row.full_name or names or None,
        email=row.email,
        job_title=row.job_title,
        seniority=row.seniority,
    )
