"""``ProcessAhead``: items made in a child process arrive in order, errors after them."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from leadsieve.errors import LeadFileUnreadable, LeadsieveError
from leadsieve.service.background import ProcessAhead


def squares(n: int) -> Iterator[tuple[int, int]]:
    for i in range(n):
        yield os.getpid(), i * i


def fails_after(n: int) -> Iterator[int]:
    yield from range(n)
    raise LeadFileUnreadable("line 7 is not UTF-8")


class Unpicklable(Exception):
    def __init__(self, a: int, b: int) -> None:  # pickling calls Unpicklable(message)
        super().__init__(f"{a}+{b}")


def fails_unpicklable() -> Iterator[int]:
    yield 1
    raise Unpicklable(1, 2)


def dies_after_one() -> Iterator[int]:
    yield 1
    os.kill(os.getpid(), signal.SIGKILL)
    yield 2


def test_items_come_in_order_from_another_process() -> None:
    ahead = ProcessAhead(squares, 5)
    try:
        got = list(ahead)
    finally:
        ahead.close()
    assert [value for _, value in got] == [0, 1, 4, 9, 16]
    assert {pid for pid, _ in got} != {os.getpid()}


def test_an_error_in_the_child_is_raised_after_the_items_before_it() -> None:
    ahead = ProcessAhead(fails_after, 3)
    seen = []
    with pytest.raises(LeadFileUnreadable, match="line 7 is not UTF-8"):
        for item in ahead:
            seen.append(item)
    ahead.close()
    assert seen == [0, 1, 2]


def test_an_error_that_cannot_be_pickled_still_says_what_it_was() -> None:
    ahead = ProcessAhead(fails_unpicklable)
    assert next(ahead) == 1
    with pytest.raises(RuntimeError, match=r"Unpicklable: 1\+2"):
        next(ahead)
    ahead.close()


def test_a_child_that_dies_is_a_clear_error_not_a_hang() -> None:
    ahead = ProcessAhead(dies_after_one)
    assert next(ahead) == 1
    with pytest.raises(LeadsieveError, match="ended unexpectedly"):
        next(ahead)
    ahead.close()


def test_closing_early_stops_the_child() -> None:
    ahead = ProcessAhead(squares, 10**9)
    pid, first = next(ahead)
    assert first == 0
    ahead.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
