"""Opt-outs read from a lead file, applied to the stored contacts: an import lowers consent,
never raises it.

A row's email opt-out ("HasOptedOutOfEmail", "Unsubscribed from all email") denies email for
marketing and sales; its do-not-call flag denies phone for both; a do-not-contact flag sets the
contact's master ``do_not_contact``, which overrides every opt-in. An event is appended only
where the contact's current consent for that channel and purpose is not already a no, so
importing the same file again appends nothing. A "no" in the file (not opted out) changes
nothing: it is no opt-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import polars as pl
from sqlalchemy.orm import Session

from leadsieve.store.repositories import contacts as repo

#: The channels an opt-out flag closes, for every purpose a sales team contacts people for.
_CHANNELS = {"email_opt_out": "email", "do_not_call": "phone"}
_PURPOSES = ("marketing", "sales")


@dataclass
class OptOutCounts:
    """Contacts whose consent an import lowered, by what it said."""

    email: int = 0
    phone: int = 0
    do_not_contact: int = 0

    def add(self, other: OptOutCounts) -> None:
        self.email += other.email
        self.phone += other.phone
        self.do_not_contact += other.do_not_contact


def apply_opt_outs(
    session: Session, workspace_id: int, flags: pl.DataFrame, source: str
) -> OptOutCounts:
    """Apply ``flags`` (``contact_id`` and the ``lead_records.CONSENT_FLAGS``) to the stored
    contacts; ``source`` says where the opt-out came from (the file)."""
    counts = OptOutCounts()
    flags = flags.drop_nulls("contact_id")
    if flags.is_empty():
        return counts
    now = datetime.now(UTC)
    current = repo.current_opt_outs(session, workspace_id, flags["contact_id"].to_list())
    events: list[dict[str, object]] = []
    for flag, channel in _CHANNELS.items():
        closed = flags.filter(pl.col(flag))["contact_id"].to_list()
        lowered = 0
        for contact_id in closed:
            new = [p for p in _PURPOSES if (contact_id, channel, p) not in current]
            events += [
                {
                    "workspace_id": workspace_id,
                    "contact_id": contact_id,
                    "channel": channel,
                    "purpose": purpose,
                    "status": "denied",
                    "source": source,
                    "captured_at": now,
                }
                for purpose in new
            ]
            lowered += bool(new)
        if channel == "email":
            counts.email = lowered
        else:
            counts.phone = lowered
    if events:
        repo.add_consent_events(session, pl.DataFrame(events))
    marked = flags.filter(pl.col("do_not_contact"))["contact_id"].to_list()
    if marked:
        counts.do_not_contact = repo.mark_do_not_contact(
            session,
            workspace_id,
            marked,
            reason="do not contact (lead file)",
            source=source,
            at=now,
        )
    return counts
