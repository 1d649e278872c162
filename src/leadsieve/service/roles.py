"""Who may manage a workspace: credits grants, users and API keys need an owner or an admin.

The CLI acts as the user named by ``LEADSIEVE_USER`` (an email) with the database's own
credentials, so the checks here keep honest people from mistakes and from stepping on each
other; the REST API and the portal, which authenticate every request, are the security
boundary. The rules:

- a workspace with no members yet is being set up: anyone may act in it (its first user
  becomes its owner, as ``add_user`` says);
- once it has members, managing it needs ``LEADSIEVE_USER`` to name one of its owners or
  admins; no user named, or a member, or a stranger is ``Forbidden`` (a user that does not
  exist is ``NotFound``);
- making or unmaking an owner needs an owner;
- a member may create, list and revoke their own API keys (never an admin-scoped one).

The caller owns the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from leadsieve.errors import Forbidden, NotFound
from leadsieve.normalize.identity import normalize_email
from leadsieve.store.repositories import accounts
from leadsieve.store.tables import User, Workspace

#: Roles that manage a workspace: grant credits, add users, create and revoke any API key.
MANAGERS = frozenset({"owner", "admin"})


@dataclass(frozen=True, slots=True)
class Acting:
    """Who is acting in one workspace: ``user`` with ``role``, or no one (``user`` None) in a
    workspace that has no members yet."""

    user: User | None
    role: str | None

    @property
    def manages(self) -> bool:
        """True for an owner or an admin, and for anyone in a workspace being set up."""
        return self.user is None or self.role in MANAGERS

    @property
    def email(self) -> str | None:
        return None if self.user is None else self.user.email


def acting(session: Session, workspace_id: int, email: str | None, *, doing: str) -> Acting:
    """Who acts in the workspace: the member named by ``email``; no one only while the
    workspace has no members. ``doing`` ("grant credits") words the refusals."""
    slug = _slug(session, workspace_id)
    members = accounts.members(session, workspace_id)
    if not email:
        if not members:
            return Acting(None, None)
        raise Forbidden(
            f"workspace {slug!r} has members, and only one of its owners or admins may {doing}: "
            f"say who you are with LEADSIEVE_USER (owners and admins: {_managers(members)})"
        )
    address = normalize_email(email) or email.strip().lower()
    user = accounts.get_user_by_email(session, address)
    if user is None:
        if not members:
            return Acting(None, None)
        raise NotFound(
            f"LEADSIEVE_USER is {email!r} but there is no such user; only an owner or admin of "
            f"{slug!r} may {doing} (owners and admins: {_managers(members)})"
        )
    role = accounts.get_role(session, workspace_id, user.id)
    if role is None:
        if not members:
            return Acting(None, None)
        raise Forbidden(
            f"{user.email} is not a member of workspace {slug!r}; only one of its owners or "
            f"admins may {doing} (owners and admins: {_managers(members)})"
        )
    return Acting(user, role)


def require_manager(
    session: Session, workspace_id: int, email: str | None, *, doing: str
) -> Acting:
    """``acting``, refused (``Forbidden``) unless the actor is an owner or an admin."""
    actor = acting(session, workspace_id, email, doing=doing)
    if not actor.manages:
        members = accounts.members(session, workspace_id)
        raise Forbidden(
            f"{actor.email} is a {actor.role} of workspace {_slug(session, workspace_id)!r}: "
            f"only an owner or admin may {doing} (owners and admins: {_managers(members)})"
        )
    return actor


def check_role_change(actor: Acting, *, role: str | None, previous: str | None, email: str) -> None:
    """An owner is made or unmade by an owner only; a member manages nobody."""
    if actor.user is None:
        return
    if not actor.manages:
        raise Forbidden(
            f"{actor.email} is a {actor.role}: only an owner or admin may add users or change "
            "their roles"
        )
    if actor.role != "owner" and "owner" in {role, previous}:
        raise Forbidden(
            f"{actor.email} is an {actor.role}: only an owner may make {email} an owner or "
            "change an owner's role"
        )


def _managers(members: list[tuple[User, str]]) -> str:
    found = [user.email for user, role in members if role in MANAGERS]
    return ", ".join(found) or "none"


def _slug(session: Session, workspace_id: int) -> str:
    space = session.get(Workspace, workspace_id)
    return "?" if space is None else space.slug
