"""The acting ``Actor`` of a request, from its ``Authorization: Bearer <api key>`` header.

No key, or a key that is unknown, revoked or whose user left the workspace, is 401 with
``WWW-Authenticate: Bearer``; a key whose scope is too low for a route is 403. The key is
found by the SHA-256 digest of the token (``accounts.authenticate``), never compared byte by
byte, and never logged.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from leadsieve.api.problems import unauthorized
from leadsieve.errors import Forbidden
from leadsieve.service.actors import Actor, actor_for_key
from leadsieve.service.store import open_store

bearer = HTTPBearer(
    auto_error=False,
    description="An API key: `leadsieve key create NAME --scope read|write|admin`",
)


def database_url(request: Request) -> str:
    """The store URL the application was created with."""
    url: str = request.app.state.database_url
    return url


def actor(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Actor:
    """The actor of the request's API key; 401 without a valid one."""
    if credentials is None or not credentials.credentials.strip():
        raise unauthorized(
            "this route needs an API key: send `Authorization: Bearer <key>`; create a key "
            "with `leadsieve key create NAME`"
        )
    engine = open_store(database_url(request), migrate=False)
    try:
        return actor_for_key(engine, credentials.credentials)
    except Forbidden as refused:
        raise unauthorized(refused.message) from None


def reader(found: Annotated[Actor, Depends(actor)]) -> Actor:
    """An actor whose key may read (any key)."""
    found.require("read", doing="read")
    return found


def writer(found: Annotated[Actor, Depends(actor)]) -> Actor:
    """An actor whose key may write (scope ``write`` or ``admin``)."""
    found.require("write", doing="change or spend anything")
    return found


Reader = Annotated[Actor, Depends(reader)]
Writer = Annotated[Actor, Depends(writer)]
