"""Who acts through an API key: the ``Actor`` a shell resolves once per request.

An API key belongs to one workspace and, usually, one of its users; its scopes are ``read`` <
``write`` < ``admin``. The actor carries the workspace (id and slug), the user's email and role
there (None for a workspace key, which acts as no one in particular and sees only what is
shared), and the scopes, so each service can check what it does against them.

Keys are stored as SHA-256 digests and found by an indexed lookup of the digest
(``accounts.authenticate``): the secret is never compared byte by byte, so the time taken
tells nothing about how much of a guess was right.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from leadsieve.errors import Forbidden
from leadsieve.service import accounts
from leadsieve.service.store import unit_of_work

#: Scopes from the weakest: a key holding one holds every scope before it.
SCOPE_ORDER = accounts.SCOPES


@dataclass(frozen=True, slots=True)
class Actor:
    """One workspace's key holder: ``user_email`` and ``role`` are None for a workspace key."""

    workspace_id: int
    workspace_slug: str
    user_email: str | None
    role: str | None
    scopes: tuple[str, ...]

    def allows(self, scope: str) -> bool:
        """True when the key holds ``scope`` or a stronger one."""
        wanted = SCOPE_ORDER.index(scope)
        return any(SCOPE_ORDER.index(held) >= wanted for held in self.scopes)

    def require(self, scope: str, *, doing: str) -> None:
        """``Forbidden`` unless the key holds ``scope`` (or a stronger one) to do ``doing``."""
        if not self.allows(scope):
            held = ", ".join(self.scopes) or "none"
            raise Forbidden(
                f"to {doing} an API key needs the {scope!r} scope; this key has {held}: "
                f"create a key with the {scope!r} scope"
            )


def actor_for_key(engine: Engine, token: str) -> Actor:
    """The actor of the API key ``token``; ``Forbidden`` for an unknown or revoked key, or one
    whose user has left the workspace."""
    with unit_of_work(engine) as session:
        principal = accounts.authenticate(session, token)
        space = principal.workspace
        email = role = None
        if principal.user is not None:
            email = principal.user.email
            role = accounts.role_of(session, space.id, email)
        return Actor(space.id, space.slug, email, role, tuple(principal.scopes))
