"""Workspaces, users and API keys.

A user is one email address, in one or more workspaces with a role there (owner, admin or
member); a workspace keeps at least one owner once it has one. An API key belongs to one
workspace (and optionally one of its users), carries scopes, and is stored as a hash only.

Why SHA-256 and not a password hash: a key is ``secrets.token_urlsafe(32)``, 256 random bits.
Slow, salted hashes (bcrypt, argon2) protect low-entropy passwords against guessing and
precomputed tables; neither attack works on a 2**256 space, so a fast unsalted hash is as safe
here, and being deterministic it lets ``authenticate`` find the key by an indexed lookup.
The caller owns the transaction.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy.orm import Session

from leadsieve.errors import AlreadyExists, Forbidden, InvalidValue, NotFound
from leadsieve.normalize.identity import normalize_email
from leadsieve.store.repositories import accounts, workspaces
from leadsieve.store.tables import ApiKey, User, Workspace

ROLES = ("owner", "admin", "member")
SCOPES = ("read", "write", "admin")
#: Roles whose keys may carry the ``admin`` scope.
ADMIN_ROLES = frozenset({"owner", "admin"})
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 64
TOKEN_PREFIX = "ls"


@dataclass(frozen=True, slots=True)
class WorkspaceSummary:
    """A workspace with its number of members and lead lists."""

    slug: str
    name: str
    members: int
    lists: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Member:
    """A user's role in one workspace; ``created`` when this call made the user,
    ``previous_role`` the role before (None when the user just joined)."""

    user: User
    role: str
    created: bool = False
    previous_role: str | None = None


@dataclass(frozen=True, slots=True)
class KeySummary:
    """An API key as lists show it: never its secret."""

    prefix: str
    name: str
    scopes: list[str]
    user_email: str | None
    created_at: datetime
    revoked_at: datetime | None


class Principal(NamedTuple):
    """Who an API key acts as: its workspace, its user (None for a workspace key), its scopes."""

    workspace: Workspace
    user: User | None
    scopes: tuple[str, ...]


# --- workspaces ----------------------------------------------------------------------------


def create_workspace(session: Session, slug: str, name: str | None = None) -> Workspace:
    """A new workspace; its slug is lowercase letters, digits and single hyphens."""
    if len(slug) > MAX_SLUG or SLUG.fullmatch(slug) is None:
        suggestion = "-".join(re.findall(r"[a-z0-9]+", slug.lower()))[:MAX_SLUG]
        hint = f"; try {suggestion!r}" if suggestion else ""
        raise InvalidValue(
            f"{slug!r} is not a workspace slug: use lowercase letters, digits and hyphens, "
            f"at most {MAX_SLUG} characters{hint}"
        )
    created = workspaces.create(session, slug, (name or "").strip() or slug)
    if created is None:
        raise AlreadyExists(
            f"workspace {slug!r} already exists; use it with --workspace {slug} "
            "or choose another slug"
        )
    return created


def list_workspaces(session: Session) -> list[WorkspaceSummary]:
    """Every workspace by slug, with its member and list counts."""
    return [
        WorkspaceSummary(w.slug, w.name, members, lists, w.created_at)
        for w, members, lists in workspaces.list_with_counts(session)
    ]


# --- users ---------------------------------------------------------------------------------


def _email(text: str) -> str:
    """The address as stored: NFKC-folded (fullwidth ``ａｌｉｃｅ`` is ``alice``), domain
    lowercased; one that mixes look-alike scripts is refused (see ``_mixed_script``)."""
    email = normalize_email(text.strip())
    if email is None:
        raise InvalidValue(f"{text!r} is not an email address; write it as name@company.com")
    local, _, domain = email.partition("@")
    for part, where in [
        (local, "name before the @"),
        *((label, "domain") for label in domain.split(".")),
    ]:
        mixed = _mixed_script(part)
        if mixed is not None:
            raise InvalidValue(
                f"{text.strip()!r} mixes {mixed} letters in its {where} ({part!r}), so it would "
                "look like another address; write the address in one script"
            )
    return email


#: Scripts whose letters look alike: a Cyrillic "а" or a Greek "ο" among Latin letters makes
#: an address that reads as another user's.
_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def _mixed_script(text: str) -> str | None:
    """ "Latin and Cyrillic" when ``text`` has letters of more than one of the look-alike
    scripts, with the first letter of each; None otherwise. Digits, punctuation and other
    scripts (a Japanese name beside Latin letters) are no look-alikes and pass."""
    if text.isascii():
        return None
    first: dict[str, str] = {}
    for char in text:
        if char.isalpha():
            script = unicodedata.name(char, "").partition(" ")[0]
            if script in _CONFUSABLE_SCRIPTS:
                first.setdefault(script, char)
    if len(first) < 2:
        return None
    return " and ".join(
        f"{script.title()} ({char!r}, U+{ord(char):04X})" for script, char in first.items()
    )


def _one_of(value: str, allowed: Iterable[str], what: str) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise InvalidValue(f"{value!r} is not a {what}; use one of: {', '.join(allowed)}")
    return value


def add_user(
    session: Session,
    workspace_id: int,
    email: str,
    *,
    name: str | None = None,
    role: str | None = None,
) -> Member:
    """Add the user (created if new) to the workspace with ``role``, or change their role.

    Without a role, a new member is the owner when the workspace has none yet, else a member;
    an existing member keeps their role. Demoting the workspace's last owner is refused."""
    if role is not None:
        _one_of(role, ROLES, "role")
    user, created = accounts.ensure_user(session, _email(email), (name or "").strip() or None)
    owners = accounts.lock_owners(session, workspace_id)
    previous = accounts.get_role(session, workspace_id, user.id)
    if role is None:
        role = previous or ("member" if owners else "owner")
    if previous == "owner" and role != "owner" and owners == [user.id]:
        raise Forbidden(
            f"{user.email} is the workspace's only owner; make another user owner first "
            f"(`leadsieve user add EMAIL --role owner`), then change this role"
        )
    if role != previous:
        accounts.set_role(session, workspace_id, user.id, role)
    return Member(user, role, created=created, previous_role=previous)


def role_of(session: Session, workspace_id: int, email: str) -> str | None:
    """The role of the user ``email`` in the workspace; None for a stranger or no such user."""
    user = accounts.get_user_by_email(session, _email(email))
    return None if user is None else accounts.get_role(session, workspace_id, user.id)


def list_members(session: Session, workspace_id: int) -> list[Member]:
    """The workspace's users with their roles, by email."""
    return [Member(user, role) for user, role in accounts.members(session, workspace_id)]


def _member(session: Session, workspace_id: int, email: str) -> tuple[User, str]:
    address = _email(email)
    user = accounts.get_user_by_email(session, address)
    role = None if user is None else accounts.get_role(session, workspace_id, user.id)
    if user is None or role is None:
        known = ", ".join(m.user.email for m in list_members(session, workspace_id)) or "none yet"
        raise NotFound(
            f"{address} is not a member of this workspace (members: {known}); "
            "add them with `leadsieve user add`"
        )
    return user, role


# --- API keys ------------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _scopes(scopes: Iterable[str]) -> list[str]:
    wanted = {_one_of(scope.strip().lower(), SCOPES, "scope") for scope in scopes}
    return [scope for scope in SCOPES if scope in wanted]


def create_key(
    session: Session,
    workspace_id: int,
    name: str,
    *,
    scopes: Iterable[str] = ("read",),
    user_email: str | None = None,
) -> tuple[KeySummary, str]:
    """A new API key and its token, ``ls_<prefix>_<secret>``: the only time the token exists
    outside its holder's hands, since only its SHA-256 is stored.

    With ``user_email`` the key acts as that member; the ``admin`` scope needs an owner or an
    admin."""
    name = name.strip()
    if not name:
        raise InvalidValue("an API key needs a name saying what uses it, such as 'crm-sync'")
    granted = _scopes(scopes)
    if not granted:
        raise InvalidValue(f"an API key needs at least one scope: {', '.join(SCOPES)}")
    user: User | None = None
    if user_email is not None:
        user, role = _member(session, workspace_id, user_email)
        if "admin" in granted and role not in ADMIN_ROLES:
            raise Forbidden(
                f"{user.email} is a {role}: only an owner or admin may hold an admin-scoped key"
            )
    prefix = secrets.token_hex(6)
    token = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    key = accounts.add_key(
        session,
        workspace_id=workspace_id,
        user_id=None if user is None else user.id,
        name=name,
        prefix=prefix,
        digest=_digest(token),
        scopes=granted,
    )
    return _summary(key, None if user is None else user.email), token


def _summary(key: ApiKey, email: str | None) -> KeySummary:
    return KeySummary(key.prefix, key.name, list(key.scopes), email, key.created_at, key.revoked_at)


def list_keys(session: Session, workspace_id: int) -> list[KeySummary]:
    """The workspace's API keys, oldest first, revoked ones included."""
    return [_summary(key, email) for key, email in accounts.list_keys(session, workspace_id)]


def key_holder(session: Session, workspace_id: int, prefix: str) -> str | None:
    """The email of the user a key of the workspace acts as; None for a workspace key or no
    such key (``revoke_key`` then says which keys exist)."""
    prefix = prefix.strip().removeprefix(f"{TOKEN_PREFIX}_").partition("_")[0]
    for key in list_keys(session, workspace_id):
        if key.prefix == prefix:
            return key.user_email
    return None


def revoke_key(session: Session, workspace_id: int, prefix: str) -> KeySummary:
    """Revoke the workspace's key with this prefix; revoking a revoked key changes nothing and
    says so (``InvalidValue``)."""
    prefix = prefix.strip().removeprefix(f"{TOKEN_PREFIX}_").partition("_")[0]
    found = accounts.keys_by_prefix(session, workspace_id, prefix)
    if not found:
        known = ", ".join(k.prefix for k in list_keys(session, workspace_id)) or "none yet"
        raise NotFound(
            f"no API key with prefix {prefix!r} in this workspace (keys: {known}); "
            "see `leadsieve key list`"
        )
    (key,) = found  # 48 random bits: two keys of one workspace never share a prefix
    if not accounts.revoke_key(session, key.id, datetime.now(UTC)):
        session.refresh(key)
        raise InvalidValue(
            f"API key {prefix} ({key.name!r}) was already revoked at "
            f"{key.revoked_at:%Y-%m-%d %H:%M}; nothing changed"
        )
    session.refresh(key)
    user = None if key.user_id is None else session.get(User, key.user_id)
    return _summary(key, None if user is None else user.email)


def authenticate(session: Session, token: str) -> Principal:
    """The workspace, user and scopes of an API key; ``Forbidden`` for an unknown or revoked
    key, or one whose user has left the workspace."""
    key = accounts.get_key_by_hash(session, _digest(token.strip()))
    if key is None:
        raise Forbidden("the API key is not valid; create one with `leadsieve key create`")
    if key.revoked_at is not None:
        raise Forbidden(
            f"the API key {key.prefix} ({key.name!r}) was revoked; create a new one with "
            "`leadsieve key create`"
        )
    workspace = session.get(Workspace, key.workspace_id)
    assert workspace is not None  # a foreign key
    user = None
    if key.user_id is not None:
        user = session.get(User, key.user_id)
        if user is None or accounts.get_role(session, workspace.id, key.user_id) is None:
            raise Forbidden(
                f"the API key {key.prefix} belongs to a user no longer in workspace "
                f"{workspace.slug!r}; create a new key"
            )
    return Principal(workspace, user, tuple(key.scopes))
