"""``leadsieve workspace|user|key``: workspaces, users and API keys."""

from __future__ import annotations

import json
from datetime import datetime

import typer

from leadsieve.cli._common import console, err_console, user_errors, workspace_option

# The store (SQLAlchemy, pydantic settings) is imported inside each command: `leadsieve --help`
# must not load it.

workspace_app = typer.Typer(
    help="Create and list workspaces: every record belongs to exactly one.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
user_app = typer.Typer(
    help="Add users to a workspace as owner, admin or member; list them.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
key_app = typer.Typer(
    help="Create, list and revoke API keys (stored as hashes; shown once).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    """Add the ``workspace``, ``user`` and ``key`` command groups to ``app``."""
    app.add_typer(workspace_app, name="workspace")
    app.add_typer(user_app, name="user")
    app.add_typer(key_app, name="key")


def _when(value: datetime | None) -> str:
    return "" if value is None else f"{value:%Y-%m-%d %H:%M}"


def _same_email(email: str, other: str | None) -> bool:
    from leadsieve.normalize.identity import normalize_email

    return other is not None and (normalize_email(email) or email.strip().lower()) == other


def _admin_scope(scopes: list[str]) -> bool:
    return any(scope.strip().lower() == "admin" for scope in scopes)


# --- workspace -----------------------------------------------------------------------------


@workspace_app.command("create")
def workspace_create(
    slug: str = typer.Argument(..., help="Lowercase letters, digits and hyphens, e.g. 'acme'."),
    name: str | None = typer.Option(None, "--name", help="Display name (default: the slug)."),
) -> None:
    """Create a workspace."""
    from leadsieve.service.accounts import create_workspace
    from leadsieve.service.store import open_store, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        workspace = create_workspace(session, slug, name)
    console.print(f"created workspace {workspace.slug!r} ({workspace.name})", markup=False)


@workspace_app.command("list")
def workspace_list(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array instead of a table."),
) -> None:
    """List workspaces with their numbers of members and lead lists."""
    from rich.table import Table

    from leadsieve.service.accounts import list_workspaces
    from leadsieve.service.store import open_store, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        found = list_workspaces(session)
    if as_json:
        rows = [
            {
                "slug": w.slug,
                "name": w.name,
                "members": w.members,
                "lists": w.lists,
                "created_at": w.created_at.isoformat(),
            }
            for w in found
        ]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not found:
        console.print("no workspaces yet; create one with `leadsieve workspace create SLUG`")
        return
    table = Table(show_edge=False, pad_edge=False)
    for column in ("slug", "name", "members", "lists", "created"):
        table.add_column(column, justify="right" if column in {"members", "lists"} else "left")
    for w in found:
        table.add_row(w.slug, w.name, str(w.members), str(w.lists), _when(w.created_at))
    console.print(table)


# --- user ----------------------------------------------------------------------------------


@user_app.command("add")
def user_add(
    email: str = typer.Argument(..., help="The user's email address."),
    name: str | None = typer.Option(None, "--name", help="The user's name."),
    role: str | None = typer.Option(
        None,
        "--role",
        metavar="owner|admin|member",
        help="Role in the workspace (default: owner for the first user, else member; an "
        "existing member keeps theirs).",
    ),
    workspace: str | None = workspace_option(),
) -> None:
    """Add a user to the workspace (created if new), or change their role there.

    Acts as LEADSIEVE_USER, who must be an owner or admin of the workspace (only an owner makes
    or unmakes owners); anyone may add the first user of a workspace, who becomes its owner."""
    from leadsieve.service.accounts import add_user, role_of
    from leadsieve.service.roles import check_role_change, require_manager
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.settings import get_settings

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        actor = require_manager(session, space.id, get_settings().user, doing="add users")
        previous = role_of(session, space.id, email)
        check_role_change(actor, role=role, previous=previous, email=email)
        member = add_user(session, space.id, email, name=name, role=role)
    who = member.user.email
    if member.previous_role is None:
        verb = "created user and added" if member.created else "added"
        message = f"{verb} {who} to {space.slug!r} as {member.role}"
    elif member.previous_role != member.role:
        message = f"{who} is now {member.role} in {space.slug!r} (was {member.previous_role})"
    else:
        message = f"{who} is already {member.role} in {space.slug!r}; nothing changed"
    console.print(message, markup=False)


@user_app.command("list")
def user_list(workspace: str | None = workspace_option()) -> None:
    """List the workspace's users and their roles."""
    from rich.table import Table

    from leadsieve.service.accounts import list_members
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        found = list_members(session, space.id)
    if not found:
        console.print(f"no users in {space.slug!r} yet; add one with `leadsieve user add EMAIL`")
        return
    table = Table(show_edge=False, pad_edge=False)
    for column in ("email", "name", "role"):
        table.add_column(column, overflow="fold")
    for member in found:
        table.add_row(member.user.email, member.user.name or "", member.role)
    console.print(table)


# --- key -----------------------------------------------------------------------------------


@key_app.command("create")
def key_create(
    name: str = typer.Argument(..., help="What the key is for, e.g. 'crm-sync'."),
    scope: list[str] = typer.Option(
        ["read"],
        "--scope",
        metavar="read|write|admin",
        help="A scope the key carries (repeatable; default read).",
    ),
    user: str | None = typer.Option(
        None,
        "--user",
        metavar="EMAIL",
        help="The member the key acts as (default: LEADSIEVE_USER; unset, a workspace key).",
    ),
    workspace: str | None = workspace_option(),
) -> None:
    """Create an API key and print it once: only its hash is stored, so copy it now.

    Acts as LEADSIEVE_USER: a member may create keys of their own without the admin scope; a
    workspace key, a key for another user or an admin-scoped key needs an owner or admin.
    The key alone goes to stdout (for scripts); the explanation goes to stderr."""
    from leadsieve.service.accounts import create_key
    from leadsieve.service.roles import acting, require_manager
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.settings import get_settings

    me = get_settings().user or None
    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        actor = acting(session, space.id, me, doing="create API keys")
        holder = user or me
        if not actor.manages and (
            holder is None or not _same_email(holder, actor.email) or _admin_scope(scope)
        ):
            require_manager(
                session, space.id, me, doing="create a workspace, admin or another user's key"
            )
        key, token = create_key(session, space.id, name, scopes=scope, user_email=holder)
    owner = f" for {key.user_email}" if key.user_email else ""
    err_console.print(
        f"created API key {key.prefix} ({key.name!r}{owner}, scopes: {', '.join(key.scopes)}) "
        f"in {space.slug!r}. Copy it now: it is shown once and cannot be recovered.",
        markup=False,
    )
    typer.echo(token)


@key_app.command("list")
def key_list(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array instead of a table."),
    workspace: str | None = workspace_option(),
) -> None:
    """List the workspace's API keys: prefix, name, scopes, user, created and revoked times.

    Owners and admins see every key; a member (LEADSIEVE_USER) sees their own."""
    from rich.table import Table

    from leadsieve.service.accounts import list_keys
    from leadsieve.service.roles import acting
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.settings import get_settings

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        actor = acting(session, space.id, get_settings().user, doing="list API keys")
        found = list_keys(session, space.id)
    if not actor.manages:
        found = [key for key in found if key.user_email == actor.email]
    if as_json:
        rows = [
            {
                "prefix": key.prefix,
                "name": key.name,
                "scopes": key.scopes,
                "user": key.user_email,
                "created_at": key.created_at.isoformat(),
                "revoked_at": None if key.revoked_at is None else key.revoked_at.isoformat(),
            }
            for key in found
        ]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not found:
        console.print(f"no API keys in {space.slug!r}; create one with `leadsieve key create`")
        return
    table = Table(show_edge=False, pad_edge=False)
    for column in ("prefix", "name", "scopes", "user", "created", "revoked"):
        table.add_column(column, no_wrap=column == "prefix", overflow="fold")
    for key in found:
        table.add_row(
            key.prefix,
            key.name,
            ",".join(key.scopes),
            key.user_email or "",
            _when(key.created_at),
            _when(key.revoked_at),
        )
    console.print(table)


@key_app.command("revoke")
def key_revoke(
    prefix: str = typer.Argument(..., help="The key's prefix, as `leadsieve key list` shows."),
    workspace: str | None = workspace_option(),
) -> None:
    """Revoke an API key: it stops working at once; the record stays for the audit trail.

    Acts as LEADSIEVE_USER: owners and admins revoke any key, a member only their own."""
    from leadsieve.service.accounts import key_holder, revoke_key
    from leadsieve.service.roles import acting, require_manager
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.settings import get_settings

    me = get_settings().user or None
    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        actor = acting(session, space.id, me, doing="revoke API keys")
        if not actor.manages and key_holder(session, space.id, prefix) != actor.email:
            require_manager(session, space.id, me, doing="revoke another user's key")
        key = revoke_key(session, space.id, prefix)
    console.print(f"revoked API key {key.prefix} ({key.name!r}) in {space.slug!r}", markup=False)
