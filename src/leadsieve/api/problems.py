"""One exception, one rendering: every error as an RFC 9457 ``application/problem+json`` body.

The core raises ``LeadsieveError`` subclasses grouped by kind and never speaks HTTP; this module
is where a kind gets its status (``status_for``). The body carries ``type``, ``title``,
``status``, ``detail`` and the stable ``code``; ``errors`` lists every problem of a document or
file with its path (``ICP_INVALID``, a request that breaks the schema), and an
``INSUFFICIENT_CREDITS`` problem says ``required`` and ``available``.

Errors only the edge can meet (no key, a body too large, a request that breaks the schema, a
route that does not exist) are ``ApiError`` here, with codes of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException

from leadsieve import errors

MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:leadsieve:problem:"

#: Status per kind of error, most specific first: the first class an error is an instance of.
STATUSES: tuple[tuple[type[errors.LeadsieveError], int], ...] = (
    (errors.InsufficientCredits, 402),
    (errors.Forbidden, 403),
    (errors.NotFound, 404),
    (errors.IcpNotFound, 404),
    (errors.AlreadyExists, 409),
    (errors.JobRunning, 409),
    (errors.PursuitClosed, 409),
    (errors.SalesIcpAmbiguous, 409),
    (errors.WorkspaceAmbiguous, 409),
    (errors.InvalidValue, 422),
    (errors.InvalidArgument, 422),
    (errors.IcpError, 422),
    (errors.LeadFileError, 422),
    (errors.StoreUnavailable, 503),
    (errors.OutputUnwritable, 500),
)


class ApiError(errors.LeadsieveError):
    """An error only the API can meet; ``status`` and ``code`` are its own."""

    def __init__(
        self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.headers = headers or {}


def unauthorized(message: str) -> ApiError:
    """401 with the challenge a client answers with ``Authorization: Bearer <key>``."""
    return ApiError(401, "UNAUTHORIZED", message, headers={"WWW-Authenticate": "Bearer"})


class ProblemDetail(BaseModel):
    """One problem inside a document, a file or a request: where it is and what is wrong."""

    path: str
    message: str
    hint: str | None = None


class Problem(BaseModel):
    """An RFC 9457 problem: what went wrong, its HTTP status and leadsieve's stable code."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(examples=["urn:leadsieve:problem:icp-not-found"])
    title: str
    status: int
    detail: str
    code: str = Field(examples=["ICP_NOT_FOUND"])
    errors: list[ProblemDetail] | None = None


#: Declared on every route: the problems any authenticated route can answer with.
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "content": {MEDIA_TYPE: {}}, "description": what}
    for status, what in [
        (401, "No API key, or a key that is not valid"),
        (403, "The key's scope is too low"),
        (413, "The request body is larger than the limit"),
        (422, "The request breaks the schema, or a value is refused"),
        (503, "The store is unreachable or its schema is behind"),
    ]
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``COMMON_RESPONSES`` plus the problems of these ``statuses`` (404, 409...)."""
    extra = {
        404: "No such record in the key's workspace",
        402: "The workspace's credits do not cover the request",
    }
    found: dict[int | str, dict[str, Any]] = {
        s: {"model": Problem, "content": {MEDIA_TYPE: {}}, "description": extra[s]}
        for s in statuses
    }
    return {**COMMON_RESPONSES, **found}


def status_for(error: errors.LeadsieveError) -> int:
    """The HTTP status of an error, by its kind; 400 for a kind no entry names."""
    if isinstance(error, ApiError):
        return error.status
    return next((status for kind, status in STATUSES if isinstance(error, kind)), 400)


def render(
    status: int,
    code: str,
    detail: str,
    *,
    title: str | None = None,
    details: Sequence[ProblemDetail] = (),
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """The problem+json response; ``title`` defaults to the code in words."""
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + code.lower().replace("_", "-"),
        "title": title or code.replace("_", " ").capitalize(),
        "status": status,
        "detail": detail,
        "code": code,
        **extra,
    }
    if details:
        body["errors"] = [d.model_dump() for d in details]
    return JSONResponse(body, status_code=status, headers=headers, media_type=MEDIA_TYPE)


def from_error(error: errors.LeadsieveError) -> JSONResponse:
    """The problem of any ``LeadsieveError``: its status by kind, its message as detail."""
    extra: dict[str, Any] = {}
    if isinstance(error, errors.InsufficientCredits):
        extra = {"required": str(error.required), "available": str(error.available)}
    details = [ProblemDetail(path=p.path, message=p.message, hint=p.hint) for p in error.problems]
    title = None if isinstance(error, ApiError) else _title(type(error))
    return render(
        status_for(error),
        error.code,
        error.message,
        title=title,
        details=details,
        headers=getattr(error, "headers", None),
        **extra,
    )


#: Titles where the class's docstring speaks of one case of the kind only.
TITLES = {
    "FORBIDDEN": "Not allowed for this key or its user",
    "INVALID_VALUE": "A value is refused",
    "INVALID_ARGUMENT": "An argument cannot be used",
}


def _title(kind: type[errors.LeadsieveError]) -> str | None:
    """What the kind of error means: the first sentence of its class's docstring."""
    if kind.code in TITLES:
        return TITLES[kind.code]
    doc = " ".join((kind.__doc__ or "").split())
    first = re.split(r"[.;:(](?:\s|$)|\s\(", doc, maxsplit=1)[0].strip()
    return first.replace("``", "") or None


async def handle_leadsieve_error(request: Request, error: Exception) -> JSONResponse:
    """The handler FastAPI calls for a ``LeadsieveError`` raised by a route or dependency."""
    assert isinstance(error, errors.LeadsieveError)
    return from_error(error)


async def handle_validation_error(request: Request, error: Exception) -> JSONResponse:
    """A request that breaks the schema: 422 ``REQUEST_INVALID`` with every problem's path."""
    assert isinstance(error, RequestValidationError)
    details = [
        ProblemDetail(path=".".join(str(part) for part in e["loc"]), message=e["msg"])
        for e in error.errors()
    ]
    count = len(details)
    return render(
        422,
        "REQUEST_INVALID",
        f"the request breaks the schema in {count} place{'s' if count != 1 else ''}; see errors",
        details=details,
    )


async def handle_http_error(request: Request, error: Exception) -> JSONResponse:
    """Routing errors (no such route, method not allowed) as problems too."""
    assert isinstance(error, HTTPException)
    codes = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}
    code = codes.get(error.status_code, "HTTP_ERROR")
    detail = str(error.detail)
    if error.status_code == 404:
        detail = f"no route {request.url.path}; see /docs for the routes this server has"
    elif error.status_code == 405:
        allowed = (error.headers or {}).get("Allow", "")
        detail = f"{request.method} is not a method of {request.url.path}; use {allowed}"
    headers = None if error.headers is None else dict(error.headers)
    return render(error.status_code, code, detail, headers=headers)


async def handle_unexpected(request: Request, error: Exception) -> JSONResponse:
    """A bug: 500 with no trace in the body (the server's log has it)."""
    return render(
        500,
        "INTERNAL_ERROR",
        "internal error; this is a bug in leadsieve: please report it with the request",
    )
