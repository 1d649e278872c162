"""``leadsieve contact``: a stored contact's consent and the master do-not-contact mark."""

from __future__ import annotations

import json

import typer

from leadsieve.cli._common import console, user_errors, workspace_option

app = typer.Typer(
    help="Contacts: show one, record consent, mark do-not-contact. A contact is named by its "
    "id, email or LinkedIn URL. Imports lower consent from opt-out columns and never raise it; "
    "do-not-contact overrides every opt-in and keeps a contact off every sales board.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

CONTACT = typer.Argument(..., metavar="CONTACT", help="Contact id, email or LinkedIn URL.")


def register(app_: typer.Typer) -> None:
    """Add the ``contact`` command group to ``app_``."""
    app_.add_typer(app, name="contact")


@app.command("show")
def show(
    ref: str = CONTACT,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
    workspace: str | None = workspace_option(),
) -> None:
    """Show a contact: name, title, employer, do-not-contact and current consent."""
    from leadsieve.service.contacts import current_consent, resolve_contact
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        contact = resolve_contact(session, space.id, ref)
        body = {
            "id": contact.id,
            "name": contact.full_name,
            "email": contact.email,
            "linkedin_url": contact.linkedin_url,
            "title": contact.job_title,
            "organization_id": contact.organization_id,
            "do_not_contact": contact.do_not_contact,
            "do_not_contact_reason": contact.do_not_contact_reason,
            "do_not_contact_source": contact.do_not_contact_source,
            "consent": current_consent(session, space.id, contact.id),
            "external_ids": contact.external_ids,
        }
    if as_json:
        console.print_json(json.dumps(body))
        return
    for key, value in body.items():
        console.print(f"{key}: {value}", markup=False)


@app.command("dnc")
def dnc(
    ref: str = CONTACT,
    reason: str = typer.Option(
        ..., "--reason", help="Why, as you will want to read it later ('asked on the phone')."
    ),
    workspace: str | None = workspace_option(),
) -> None:
    """Mark a contact do-not-contact: it overrides every opt-in and keeps the contact off
    every pursuit. The first reason and time stay; there is no command to undo it."""
    from leadsieve.service.contacts import mark_do_not_contact, resolve_contact
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        contact = resolve_contact(session, space.id, ref)
        already = contact.do_not_contact
        mark_do_not_contact(session, space.id, contact.id, reason=reason, source="cli")
    if already:
        console.print(f"contact {contact.id} was already do-not-contact; nothing changed")
    else:
        console.print(f"contact {contact.id} is now do-not-contact ({reason})", markup=False)


@app.command("consent")
def consent(
    ref: str = CONTACT,
    channel: str = typer.Option(..., help="email, phone, sms, post or linkedin."),
    purpose: str = typer.Option(..., help="marketing, sales or research."),
    status: str = typer.Option(..., help="granted, denied or withdrawn."),
    legal_basis: str | None = typer.Option(None, help="e.g. consent, legitimate_interest."),
    source: str = typer.Option("cli", help="Where the consent was given or withdrawn."),
    workspace: str | None = workspace_option(),
) -> None:
    """Record a consent event; the latest per channel and purpose is the current consent."""
    from leadsieve.service.contacts import record_consent, resolve_contact
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        contact = resolve_contact(session, space.id, ref)
        record_consent(
            session,
            space.id,
            contact.id,
            channel=channel,
            purpose=purpose,
            status=status,
            legal_basis=legal_basis,
            source=source,
        )
    console.print(f"contact {contact.id}: {channel}/{purpose} {status}")
