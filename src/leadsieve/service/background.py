"""Work ahead on a background thread: the next batch is read (and prepared) while the
current one is scored or written. Polars, SQLite and psycopg release the GIL while they work,
so the two overlap on two cores."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar, cast

T = TypeVar("T")


class ReadAhead(Iterator[T]):
    """Iterate ``items`` while a background thread reads the next one: the reader (Polars,
    which releases the GIL) works while the current batch is scored. Errors surface in order."""

    def __init__(self, items: Iterator[T]) -> None:
        self._queue: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(items,), name="leadsieve-read", daemon=True
        )
        self._thread.start()

    def _run(self, items: Iterator[T]) -> None:
        try:
            for item in items:
                if not self._put(("item", item)):
                    return
        except BaseException as exc:  # handed to the consumer, raised there
            self._put(("error", exc))
            return
        self._put(("done", None))

    def _put(self, message: tuple[str, object]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(message, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def __next__(self) -> T:
        kind, value = self._queue.get()
        if kind == "item":
            return cast(T, value)
        self._thread.join()
        if isinstance(value, BaseException):
            raise value
        raise StopIteration

    def close(self) -> None:
        """Stop reading ahead (after a failure or at the end) and wait for the reader."""
        self._stop.set()
        self._thread.join()
