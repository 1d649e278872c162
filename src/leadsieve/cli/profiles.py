"""``leadsieve icp save|list|history|diff|revert|clone|share|export``: stored ICP profiles.

The commands act as the user named by ``LEADSIEVE_USER`` (an email), or as no one in particular
when it is unset: then only profiles shared with the workspace are visible.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from leadsieve.cli._common import console, user_errors, warn_icp, workspace_option
from leadsieve.errors import OutputUnwritable

if TYPE_CHECKING:
    from leadsieve.service.profiles import Change, ProfileInfo, SaveResult

# The service and the store are imported inside each command: `leadsieve --help` must not load
# them.


def register(app: typer.Typer) -> None:
    """Add the profile commands to the ``icp`` group ``app``."""
    for command in (save, list_, history, diff, revert, clone, share, export):
        app.command(command.__name__.rstrip("_"))(command)


def _context() -> tuple[Any, str | None]:
    """The store and the acting user's email (an empty LEADSIEVE_USER means no one)."""
    from leadsieve.service.store import open_store
    from leadsieve.settings import get_settings

    return open_store(), get_settings().user or None


def _version_number(text: str) -> int:
    """A version given as ``3`` or ``v3``."""
    digits = text.strip().lower().removeprefix("v")
    if not digits.isdigit() or int(digits) < 1:
        raise typer.BadParameter(f"{text!r} is not a version number (write 3 or v3)")
    return int(digits)


def _describe(result: SaveResult) -> str:
    p = result.profile
    shared = "private" if p.visibility == "private" else f"shared with workspace {p.workspace!r}"
    return f"{p.slug} v{result.version} ({shared})"


def save(
    path: Path = typer.Argument(..., metavar="FILE", help="The ICP file (YAML or JSON)."),
    note: str | None = typer.Option(None, "--note", "-m", help="A change note for this version."),
    private: bool = typer.Option(
        False, "--private", help="Keep a new profile to yourself (needs LEADSIEVE_USER)."
    ),
    workspace: str | None = workspace_option(),
) -> None:
    """Save an ICP file as a profile under its slug: the first save creates the profile, each
    later save of a changed document adds a new immutable version. An unchanged document adds
    nothing. New profiles are shared with the workspace unless --private.

    Acts as LEADSIEVE_USER (an email), or as no one when it is unset."""
    from leadsieve.icp import load_icp
    from leadsieve.service.profiles import save_profile

    with user_errors():
        icp = load_icp(path)
        warn_icp(icp, str(path))
        engine, user = _context()
        result = save_profile(
            engine,
            icp,
            workspace=workspace,
            user=user,
            note=note,
            visibility="private" if private else None,
        )
    if result.created:
        console.print(f"saved new profile {_describe(result)}")
    elif result.changed:
        console.print(f"saved {_describe(result)}")
    else:
        console.print(
            f"{result.profile.slug} unchanged: {path} equals v{result.version}; no new version"
        )


def list_(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    workspace: str | None = workspace_option(),
) -> None:
    """List the profiles you may see: those shared with the workspace and your private ones.

    Acts as LEADSIEVE_USER (an email), or as no one when it is unset."""
    from leadsieve.service.profiles import list_profiles

    with user_errors():
        engine, user = _context()
        found = list_profiles(engine, workspace=workspace, user=user)
    if as_json:
        typer.echo(json.dumps([_profile_json(p) for p in found], indent=2, ensure_ascii=False))
        return
    if not found:
        console.print("no profiles yet; save one with `leadsieve icp save FILE`")
        return
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for column in ("slug", "version", "visibility", "owner", "updated", "cloned from", "name"):
        table.add_column(column, justify="right" if column == "version" else "left")
    for p in found:
        table.add_row(
            p.slug,
            f"v{p.current_version}",
            "private" if p.visibility == "private" else "shared",
            p.owner or "",
            f"{p.updated_at:%Y-%m-%d}",
            _source(p),
            p.name if len(p.name) <= 40 else p.name[:39] + "…",
        )
    console.print(table)


def _source(p: ProfileInfo) -> str:
    if p.source_version is None:
        return ""
    return f"{p.source_slug or '(hidden)'} v{p.source_version}"


def _profile_json(p: ProfileInfo) -> dict[str, Any]:
    return {
        "slug": p.slug,
        "name": p.name,
        "workspace": p.workspace,
        "version": p.current_version,
        "visibility": p.visibility,
        "owner": p.owner,
        "created_at": p.created_at.isoformat(),
        "updated_at": p.updated_at.isoformat(),
        "source": None
        if p.source_version is None
        else {"slug": p.source_slug, "version": p.source_version},
    }


def history(
    slug: str = typer.Argument(..., metavar="SLUG", help="The profile's slug."),
    workspace: str | None = workspace_option(),
) -> None:
    """Show every version of a profile: number, time (UTC), author and change note."""
    from rich.table import Table

    from leadsieve.service.profiles import profile_history

    with user_errors():
        engine, user = _context()
        found = profile_history(engine, slug, workspace=workspace, user=user)
    p = found.profile
    source = f", cloned from {_source(p)}" if p.source_version is not None else ""
    console.print(f"[bold]{p.name}[/bold] ({p.slug}, {p.visibility}{source})")
    table = Table(show_edge=False, pad_edge=False)
    for column in ("version", "saved (UTC)", "author", "note"):
        table.add_column(column)
    for v in found.versions:
        mark = " (current)" if v.number == p.current_version else ""
        table.add_row(
            f"v{v.number}{mark}", f"{v.created_at:%Y-%m-%d %H:%M}", v.author or "", v.note or ""
        )
    console.print(table)


def diff(
    slug: str = typer.Argument(..., metavar="SLUG", help="The profile's slug."),
    old: str = typer.Argument(..., metavar="V1", help="The older version (3 or v3)."),
    new: str = typer.Argument(..., metavar="V2", help="The newer version (3 or v3)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
    workspace: str | None = workspace_option(),
) -> None:
    """Show what changed from V1 to V2, rule by rule: rules and disqualifiers added or removed,
    and each changed field (weights, bands, lists, min_score, grades...) with old and new value.
    Exits 0 whether or not the versions differ."""
    from leadsieve.service.profiles import diff_profile

    before, after = _version_number(old), _version_number(new)
    with user_errors():
        engine, user = _context()
        found = diff_profile(engine, slug, before, after, workspace=workspace, user=user)
    if as_json:
        changes = [
            {"path": c.path, "kind": c.kind, "old": c.old, "new": c.new} for c in found.changes
        ]
        typer.echo(json.dumps(changes, indent=2, ensure_ascii=False))
        return
    count = len(found.changes)
    if not count:
        console.print(f"{slug} v{before} and v{after} are the same")
        return
    console.print(f"{slug} v{before} -> v{after}: {count} change{'s' if count > 1 else ''}")
    for change in found.changes:
        console.print(f"  {change.kind:<8} {_render_change(change)}", markup=False)


def _render_change(change: Change) -> str:
    if change.kind == "added":
        return f"{change.path}: {_value(change.new)}"
    if change.kind == "removed":
        return f"{change.path}: {_value(change.old)}"
    text = f"{change.path}: {_value(change.old)} -> {_value(change.new)}"
    if isinstance(change.old, list) and isinstance(change.new, list):
        plus = [f"+{v}" for v in change.new if v not in change.old]
        minus = [f"-{v}" for v in change.old if v not in change.new]
        if plus or minus:
            text += f" ({' '.join(plus + minus)})"
    return text


def _value(value: Any) -> str:
    """A value as short YAML-like text: ``[crypto, gambling]``, ``{min: 50, weight: 15}``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    return str(value)


def revert(
    slug: str = typer.Argument(..., metavar="SLUG", help="The profile's slug."),
    version: str = typer.Argument(..., metavar="V", help="The version to go back to (3 or v3)."),
    note: str | None = typer.Option(
        None, "--note", "-m", help="A change note (default: 'revert to vN')."
    ),
    workspace: str | None = workspace_option(),
) -> None:
    """Add a new version equal to version V (history is kept: nothing is deleted)."""
    from leadsieve.service.profiles import revert_profile

    number = _version_number(version)
    with user_errors():
        engine, user = _context()
        result = revert_profile(engine, slug, number, note=note, workspace=workspace, user=user)
    if result.changed:
        console.print(f"saved {_describe(result)}, equal to v{number}")
    else:
        console.print(f"{slug} v{result.version} already equals v{number}; no new version")


def clone(
    slug: str = typer.Argument(..., metavar="SLUG", help="The profile to copy."),
    new_slug: str = typer.Argument(..., metavar="NEW", help="The new profile's slug."),
    name: str | None = typer.Option(None, "--name", help="The new profile's display name."),
    workspace: str | None = workspace_option(),
) -> None:
    """Copy a profile's current version into a new profile NEW that remembers its source.
    The copy is yours (LEADSIEVE_USER), as visible as its source, and changes independently."""
    from leadsieve.service.profiles import clone_profile

    with user_errors():
        engine, user = _context()
        result = clone_profile(engine, slug, new_slug, name=name, workspace=workspace, user=user)
    source = result.profile.source_version
    console.print(f"saved new profile {_describe(result)}, cloned from {slug} v{source}")


def share(
    slug: str = typer.Argument(..., metavar="SLUG", help="The profile's slug."),
    shared: bool = typer.Option(
        False, "--workspace", "--shared", help="Everyone in the workspace sees it."
    ),
    private: bool = typer.Option(False, "--private", help="Only you (its owner) see it."),
    workspace: str | None = typer.Option(
        None,
        "-w",
        "--in-workspace",
        help="Workspace slug (default: the only one). Here --workspace is the visibility.",
    ),
) -> None:
    """Share a profile with its workspace (--workspace) or make it private (--private).

    Only the owner may; making a profile private needs LEADSIEVE_USER (who becomes its owner
    if it had none)."""
    from leadsieve.service.profiles import share_profile

    if shared == private:
        raise typer.BadParameter("give exactly one of --workspace or --private")
    with user_errors():
        engine, user = _context()
        result = share_profile(
            engine, slug, "private" if private else "workspace", workspace=workspace, user=user
        )
    p = result.profile
    where = "private" if p.visibility == "private" else f"shared with workspace {p.workspace!r}"
    console.print(f"{slug} is {'now' if result.changed else 'already'} {where}")


def export(
    slug: str = typer.Argument(..., metavar="SLUG", help="The profile's slug."),
    version: str | None = typer.Option(
        None, "--version", "-v", metavar="N", help="The version (default: the current one)."
    ),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        metavar="yaml|json",
        help="Document format (default: from the -o suffix, else yaml).",
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to a file instead of the screen."
    ),
    workspace: str | None = workspace_option(),
) -> None:
    """Print or write a version's document, ready for `leadsieve icp validate` or `score`."""
    from leadsieve.service.profiles import export_profile

    number = None if version is None else _version_number(version)
    chosen = (fmt or ("json" if output and output.suffix.lower() == ".json" else "yaml")).lower()
    if chosen not in ("yaml", "json"):
        raise typer.BadParameter(f"{fmt!r} is not yaml or json", param_hint="--format")
    with user_errors():
        engine, user = _context()
        text = export_profile(
            engine,
            slug,
            number,
            fmt="json" if chosen == "json" else "yaml",
            workspace=workspace,
            user=user,
        )
        if output is None:
            typer.echo(text, nl=False)
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise OutputUnwritable(f"cannot write {output}: {exc.strerror}") from None
    console.print(f"wrote {output}")
