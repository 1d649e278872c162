"""Stored ICP profiles: save, list, history, diff, revert, clone, share, export.

Every edit makes a new immutable version (number, author, time, change note); saving a document
equal to the current one makes none. A profile is shared with its workspace or private to its
owner. A private profile of someone else is invisible: asking for it gives ``IcpNotFound`` (as if
it did not exist) rather than ``Forbidden``, so slugs do not leak; only creating a profile with
its slug says the slug is taken. Only the owner may change who sees a profile; anyone who sees a
profile may add versions to it.

``user`` is the acting user's email (the CLI passes ``LEADSIEVE_USER``); None acts as no one in
particular: it sees shared profiles only and authors versions anonymously. A user who is named
must exist and be a member of the workspace.

Documents are stored as the full JSON dump of the validated ``Icp`` (defaults included), so a
version keeps its meaning if a default changes later, and a diff shows every effective value.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from leadsieve.errors import AlreadyExists, Forbidden, IcpNotFound, InvalidValue, NotFound
from leadsieve.icp import Icp, dump_icp, validate_icp
from leadsieve.service.store import resolve_workspace, unit_of_work
from leadsieve.store.repositories import icps
from leadsieve.store.tables import IcpProfile, IcpVersion, User, Workspace

Visibility = Literal["private", "workspace"]
Format = Literal["yaml", "json"]
ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class ProfileInfo:
    """A profile as its reader may see it; ``source_slug`` is None when the source is hidden."""

    workspace: str
    slug: str
    name: str
    visibility: Visibility
    owner: str | None
    current_version: int
    created_at: datetime
    updated_at: datetime
    source_slug: str | None = None
    source_version: int | None = None


@dataclass(frozen=True)
class VersionInfo:
    """One immutable version: its number, author (email), change note and time."""

    number: int
    author: str | None
    note: str | None
    created_at: datetime


@dataclass(frozen=True)
class ProfileVersion:
    """A version with its stored document."""

    profile: ProfileInfo
    version: VersionInfo
    document: dict[str, Any]

    def icp(self) -> Icp:
        """The document as an ``Icp`` model."""
        return validate_icp(self.document, source_name=f"{self.profile.slug} v{self.number}")

    @property
    def number(self) -> int:
        return self.version.number


@dataclass(frozen=True)
class ProfileHistory:
    profile: ProfileInfo
    versions: list[VersionInfo]


@dataclass(frozen=True)
class SaveResult:
    """What a save, revert or clone did: ``created`` a profile, ``changed`` (added a version)."""

    profile: ProfileInfo
    version: int
    created: bool
    changed: bool


@dataclass(frozen=True)
class Change:
    """One difference between two documents, at a dotted ``path`` (``rules.employees.weight``)."""

    path: str
    kind: ChangeKind
    old: Any
    new: Any


@dataclass(frozen=True)
class IcpDiff:
    slug: str
    old_version: int
    new_version: int
    changes: list[Change]


@dataclass(frozen=True)
class ShareResult:
    profile: ProfileInfo
    changed: bool


def save_profile(
    engine: Engine,
    icp: Icp,
    *,
    workspace: str | None = None,
    user: str | None = None,
    note: str | None = None,
    visibility: Visibility | None = None,
) -> SaveResult:
    """Save ``icp`` under its slug: a new profile (shared unless ``visibility='private'``), or a
    new version of the existing one when the document differs from its current version."""
    document = icp.model_dump(mode="json")
    with _acting(engine, workspace, user) as scope:
        if icps.get(scope.session, scope.space.id, icp.slug) is None:
            if visibility == "private" and scope.actor is None:
                raise _needs_owner("save a private profile")
            created = scope.create(icp, visibility or "workspace")
            if created is not None:
                return scope.add_version(created, document, icp.title, note, created=True)
        # The slug exists, perhaps since a concurrent save made it a moment ago.
        profile = scope.locked(icp.slug, creating=True)
        if visibility is not None and visibility != profile.visibility:
            flag = "--private" if visibility == "private" else "--shared"
            now = "private" if profile.visibility == "private" else "shared with the workspace"
            raise InvalidValue(
                f"ICP {icp.slug!r} is {now}; saving does not change that: "
                f"use `leadsieve icp share {icp.slug} {flag}`"
            )
        return scope.add_version(profile, document, icp.title, note)


def list_profiles(
    engine: Engine, *, workspace: str | None = None, user: str | None = None
) -> list[ProfileInfo]:
    """The profiles the user may see in the workspace, by slug."""
    with _acting(engine, workspace, user) as scope:
        return scope.infos(icps.list_visible(scope.session, scope.space.id, scope.actor_id))


def profile_history(
    engine: Engine, slug: str, *, workspace: str | None = None, user: str | None = None
) -> ProfileHistory:
    """Every version of the profile, oldest first."""
    with _acting(engine, workspace, user) as scope:
        profile = scope.visible(slug)
        rows = icps.versions(scope.session, profile.id)
        authors = icps.emails(scope.session, {v.author_id for v in rows})
        return ProfileHistory(scope.info(profile), [_version_info(v, authors) for v in rows])


def get_profile_version(
    engine: Engine,
    slug: str,
    number: int | None = None,
    *,
    workspace: str | None = None,
    user: str | None = None,
) -> ProfileVersion:
    """Version ``number`` of the profile (default: the current one), with its document."""
    with _acting(engine, workspace, user) as scope:
        return scope.version(scope.visible(slug), number)


def diff_profile(
    engine: Engine,
    slug: str,
    old: int,
    new: int,
    *,
    workspace: str | None = None,
    user: str | None = None,
) -> IcpDiff:
    """What changed from version ``old`` to version ``new``, rule by rule."""
    with _acting(engine, workspace, user) as scope:
        profile = scope.visible(slug)
        before, after = scope.version(profile, old), scope.version(profile, new)
    return IcpDiff(slug, old, new, diff_documents(before.document, after.document))


def revert_profile(
    engine: Engine,
    slug: str,
    number: int,
    *,
    note: str | None = None,
    workspace: str | None = None,
    user: str | None = None,
) -> SaveResult:
    """A new version whose document equals version ``number``'s (note "revert to vN"); none
    when the current version already equals it."""
    with _acting(engine, workspace, user) as scope:
        profile = scope.locked(slug)
        document = scope.version(profile, number).document
        title = str(document.get("name") or slug)
        return scope.add_version(profile, document, title, note or f"revert to v{number}")


def clone_profile(
    engine: Engine,
    slug: str,
    new_slug: str,
    *,
    name: str | None = None,
    workspace: str | None = None,
    user: str | None = None,
) -> SaveResult:
    """A new profile whose version 1 is ``slug``'s current document under ``new_slug`` (and
    ``name``); it keeps a link to its source and version, and is independent afterwards. The
    clone is owned by the acting user and as visible as its source."""
    with _acting(engine, workspace, user) as scope:
        source = scope.visible(slug)
        current = scope.version(source, None)
        document = {**current.document, "slug": new_slug}
        if name is not None:
            document["name"] = name
        icp = validate_icp(document, source_name=f"the clone {new_slug!r}")
        created = scope.create(icp, source.visibility, source=(source.id, current.number))
        if created is None:
            raise AlreadyExists(
                f"an ICP {new_slug!r} already exists in workspace {scope.space.slug!r}; "
                "choose another slug for the clone"
            )
        note = f"cloned from {slug} v{current.number}"
        return scope.add_version(
            created, icp.model_dump(mode="json"), icp.title, note, created=True
        )


def share_profile(
    engine: Engine,
    slug: str,
    visibility: Visibility,
    *,
    workspace: str | None = None,
    user: str | None = None,
) -> ShareResult:
    """Share the profile with the workspace or make it private; only its owner may (a profile
    without an owner becomes the acting user's when made private)."""
    with _acting(engine, workspace, user) as scope:
        profile = scope.locked(slug)
        if visibility == "private" and scope.actor is None:
            raise _needs_owner("make a profile private")
        owner_id = profile.owner_id
        if owner_id is not None and owner_id != scope.actor_id:
            owner = icps.emails(scope.session, {owner_id}).get(owner_id, "someone else")
            raise Forbidden(
                f"only the owner of ICP {slug!r} ({owner}) may change who sees it; "
                f"clone it with `leadsieve icp clone {slug} NEW-SLUG` to get your own"
            )
        if owner_id is None and visibility == "private":
            owner_id = scope.actor_id
        changed = (profile.visibility, profile.owner_id) != (visibility, owner_id)
        if changed:
            icps.set_visibility(scope.session, profile, visibility, owner_id)
        return ShareResult(scope.info(profile), changed)


def export_profile(
    engine: Engine,
    slug: str,
    number: int | None = None,
    *,
    fmt: Format = "yaml",
    workspace: str | None = None,
    user: str | None = None,
) -> str:
    """The document of a version (default: current) as YAML or JSON text that
    `leadsieve icp validate` accepts."""
    found = get_profile_version(engine, slug, number, workspace=workspace, user=user)
    return dump_icp(found.icp(), fmt)


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """The differences between two ICP documents, in document order: a rule or disqualifier
    added or removed whole, or each field that changed inside it (``rules.employees.weight``)."""
    changes: list[Change] = []
    _diff(_clean(old), _clean(new), "", changes)
    return changes


def _diff(old: Any, new: Any, path: str, out: list[Change]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            where = f"{path}.{key}" if path else str(key)
            if key not in old:
                out.append(Change(where, "added", None, new[key]))
            elif key not in new:
                out.append(Change(where, "removed", old[key], None))
            else:
                _diff(old[key], new[key], where, out)
    elif old != new:
        out.append(Change(path, "changed", old, new))


def _clean(value: Any, *, top: bool = True) -> Any:
    """Drop what means "not set" (None, empty lists and mappings, ``required: false``), so an
    absent rule and an added one differ as added/removed, not field by field. The document's
    own sections (``rules``, ``disqualifiers``, ``grades``) stay, even empty."""
    if isinstance(value, dict):
        kept = {k: _clean(v, top=False) for k, v in value.items()}
        return {
            k: v
            for k, v in kept.items()
            if v is not None
            and v != []
            and (v != {} or top)
            and not (k == "required" and v is False)
        }
    return value


# -- inside one unit of work -----------------------------------------------------------------


@contextmanager
def _acting(engine: Engine, workspace: str | None, email: str | None) -> Iterator[_Scope]:
    """One transaction in a workspace, as the user ``email`` (who must exist and be a member)."""
    with unit_of_work(engine) as session:
        space = resolve_workspace(session, workspace)
        yield _Scope(session, space, _actor(session, space, email))


def _actor(session: Session, space: Workspace, email: str | None) -> User | None:
    """The user ``email``, who must exist and be a member of ``space``; None for no one."""
    if not email:
        return None
    actor = icps.find_user(session, email)
    if actor is None:
        raise NotFound(
            f"LEADSIEVE_USER is {email!r} but there is no such user; "
            f"add the user with `leadsieve user add {email}`, or unset LEADSIEVE_USER"
        )
    if not icps.is_member(session, space.id, actor.id):
        raise Forbidden(
            f"{actor.email} is not a member of workspace {space.slug!r}; add them with "
            f"`leadsieve user add {actor.email} --workspace {space.slug}`"
        )
    return actor


def visible_version(
    session: Session, space: Workspace, slug: str, number: int | None, user: str | None
) -> tuple[ProfileVersion, int]:
    """In the caller's transaction: version ``number`` (default: the current one) of the
    profile ``slug`` of ``space`` as ``user`` may see it, and the version's row id.
    ``IcpNotFound`` names the profiles the user sees; a missing version names those that
    exist."""
    scope = _Scope(session, space, _actor(session, space, user))
    profile = scope.visible(slug)
    found = scope.version(profile, number)
    row = icps.get_version(session, profile.id, found.number)
    assert row is not None  # read just above, in this transaction
    return found, row.id


@dataclass
class _Scope:
    """The session, workspace and acting user (None: no one) of one use case."""

    session: Session
    space: Workspace
    actor: User | None

    @property
    def actor_id(self) -> int | None:
        return None if self.actor is None else self.actor.id

    def can_see(self, profile: IcpProfile) -> bool:
        return profile.visibility == "workspace" or (
            self.actor is not None and profile.owner_id == self.actor.id
        )

    def not_found(self, slug: str) -> IcpNotFound:
        """Names only the profiles this user may see."""
        slugs = [p.slug for p in icps.list_visible(self.session, self.space.id, self.actor_id)]
        known = f"profiles: {', '.join(slugs)}" if slugs else "no profiles yet"
        return IcpNotFound(
            f"no ICP profile {slug!r} in workspace {self.space.slug!r} ({known}); "
            "save one with `leadsieve icp save FILE`"
        )

    def visible(self, slug: str) -> IcpProfile:
        profile = icps.get(self.session, self.space.id, slug)
        if profile is None or not self.can_see(profile):
            raise self.not_found(slug)
        return profile

    def locked(self, slug: str, *, creating: bool = False) -> IcpProfile:
        """The profile locked for writing, checked visible after the lock (it may have
        changed while we waited)."""
        profile = icps.get(self.session, self.space.id, slug)
        if profile is not None:
            profile = icps.lock(self.session, profile.id)
            if self.can_see(profile):
                return profile
            if creating:
                raise AlreadyExists(
                    f"the slug {slug!r} is taken in workspace {self.space.slug!r} by a profile "
                    "you cannot see; change the document's slug"
                )
        raise self.not_found(slug)

    def create(
        self, icp: Icp, visibility: str, source: tuple[int, int] | None = None
    ) -> IcpProfile | None:
        return icps.create(
            self.session,
            workspace_id=self.space.id,
            slug=icp.slug,
            name=icp.title,
            owner_id=self.actor_id,
            visibility=visibility,
            source_profile_id=source[0] if source else None,
            source_version=source[1] if source else None,
        )

    def version(self, profile: IcpProfile, number: int | None) -> ProfileVersion:
        wanted = profile.current_version if number is None else number
        row = icps.get_version(self.session, profile.id, wanted)
        if row is None:
            have = profile.current_version
            which = "only version 1" if have == 1 else f"versions 1 to {have}"
            raise NotFound(f"ICP {profile.slug!r} has no version {wanted}; it has {which}")
        authors = icps.emails(self.session, {row.author_id})
        return ProfileVersion(self.info(profile), _version_info(row, authors), dict(row.document))

    def add_version(
        self,
        profile: IcpProfile,
        document: dict[str, Any],
        name: str,
        note: str | None,
        *,
        created: bool = False,
    ) -> SaveResult:
        """A new current version, unless the current one already holds ``document``."""
        current = icps.get_version(self.session, profile.id, profile.current_version)
        if current is not None and current.document == document:
            return SaveResult(self.info(profile), profile.current_version, False, False)
        note = (note or "").strip() or None
        added = icps.add_version(
            self.session, profile, document=document, name=name, author_id=self.actor_id, note=note
        )
        return SaveResult(self.info(profile), added.number, created, True)

    def info(self, profile: IcpProfile) -> ProfileInfo:
        return self.infos([profile])[0]

    def infos(self, profiles: list[IcpProfile]) -> list[ProfileInfo]:
        owners = icps.emails(self.session, {p.owner_id for p in profiles})
        latest = icps.latest_versions(self.session, [p.id for p in profiles])
        out = []
        for p in profiles:
            source = None
            if p.source_profile_id is not None:
                source = icps.get_by_id(self.session, p.source_profile_id)
            current = latest.get(p.id)
            out.append(
                ProfileInfo(
                    workspace=self.space.slug,
                    slug=p.slug,
                    name=p.name,
                    visibility="private" if p.visibility == "private" else "workspace",
                    owner=owners.get(p.owner_id) if p.owner_id is not None else None,
                    current_version=p.current_version,
                    created_at=_utc(p.created_at),
                    updated_at=_utc(current.created_at if current else p.created_at),
                    source_slug=source.slug if source and self.can_see(source) else None,
                    source_version=p.source_version,
                )
            )
        return out


def _needs_owner(what: str) -> InvalidValue:
    return InvalidValue(
        f"to {what} leadsieve must know who owns it: set LEADSIEVE_USER to your email "
        "(add the user with `leadsieve user add EMAIL`)"
    )


def _version_info(row: IcpVersion, authors: dict[int, str]) -> VersionInfo:
    author = authors.get(row.author_id) if row.author_id is not None else None
    return VersionInfo(row.number, author, row.note, _utc(row.created_at))


def _utc(moment: datetime) -> datetime:
    """SQLite returns naive UTC times, PostgreSQL aware ones: make both aware."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
