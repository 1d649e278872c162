"""Cursor paging: ``?limit=`` (1..500, default 50) and an opaque ``cursor``.

The cursor is the sort key of the last item of the page, base64-encoded: opaque to clients,
stable when items are added or removed between pages (no offsets that shift).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar

from fastapi import Query

from leadsieve.errors import InvalidValue

T = TypeVar("T")

Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (1 to 500)")]
Cursor = Annotated[
    str | None, Query(description="The `next_cursor` of the page before; none for the first")
]


def encode(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode("utf-8")).decode("ascii")


def decode(cursor: str) -> str:
    try:
        return base64.b64decode(cursor.encode("ascii"), altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeError, ValueError):
        raise InvalidValue(
            f"{cursor!r} is not a cursor of this list; pass the next_cursor of the page before"
        ) from None


def page(
    items: Sequence[T], key: Callable[[T], str], limit: int, cursor: str | None
) -> tuple[list[T], str | None]:
    """The page of ``items`` (sorted by ``key``) after ``cursor``, and the next cursor."""
    after = None if cursor is None else decode(cursor)
    rest = [item for item in items if after is None or key(item) > after]
    chosen = rest[:limit]
    more = len(rest) > limit
    return chosen, encode(key(chosen[-1])) if more and chosen else None
