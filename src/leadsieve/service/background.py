"""Work ahead in the background: the next batch is read (and prepared) while the current one
is scored or written. On a thread (``ReadAhead``) when the work is Polars', which releases the
GIL, so the two overlap on two cores; in a child process (``ProcessAhead``) when the work is
Python's own and would hold the GIL."""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar, cast

import leadsieve
from leadsieve.errors import LeadsieveError

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


class ProcessAhead(Iterator[T]):
    """Like ``ReadAhead``, in a child process: for preparation that holds the GIL (Python
    work per distinct value), which on a thread would stall the consumer's own Python between
    its database round trips.

    ``produce(*args)`` runs in a fresh interpreter started with ``sys.executable`` (not
    ``multiprocessing``, which would import the caller's main script again in the child, and
    whose "fork" is unsafe with Polars' threads), so it must be a module-level function and
    its arguments picklable. The child sends each item as soon as it is made and waits until
    it is taken: it works one item ahead. An error in the child is raised here, in order."""

    def __init__(self, produce: Callable[..., Iterator[T]], *args: object) -> None:
        package_root = str(Path(leadsieve.__file__).resolve().parents[1])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        self._child = subprocess.Popen(
            [sys.executable, "-c", "from leadsieve.service.background import _child; _child()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        assert self._child.stdin is not None and self._child.stdout is not None
        self._out = self._child.stdout
        with self._child.stdin as job:
            pickle.dump((produce, args), job, protocol=pickle.HIGHEST_PROTOCOL)
        self._done = False

    def __next__(self) -> T:
        if self._done:
            raise StopIteration
        try:
            kind, value = pickle.load(self._out)
        except (EOFError, pickle.UnpicklingError):
            self._done = True
            code = self._child.wait()
            raise LeadsieveError(
                f"the process reading the file ended unexpectedly (exit code {code}; killed, "
                "or out of memory?). The batches written so far are stored: run the same "
                "command again to complete it."
            ) from None
        if kind == "item":
            return cast(T, value)
        self._done = True
        if isinstance(value, BaseException):
            raise value
        raise StopIteration

    def close(self) -> None:
        """Stop the child (after a failure or at the end) and wait for it."""
        if self._child.poll() is None:
            self._child.terminate()
        self._child.wait()
        self._out.close()


#: How much lower the child's scheduling priority is than the parent's.
NICE = 10


def _child() -> None:
    """The child's side of ``ProcessAhead``: read the job from stdin, send items to stdout."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must not corrupt the stream
    # Working ahead, the child can wait: the parent's own work, which it feeds, comes first
    # for the machine's cores.
    os.nice(NICE)
    produce, args = pickle.load(sys.stdin.buffer)
    try:
        try:
            for item in produce(*args):
                pickle.dump(("item", item), out, protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()
            message: tuple[str, object] = ("done", None)
        except Exception as exc:  # handed to the parent, raised there
            message = ("error", _picklable(exc))
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
    except (BrokenPipeError, KeyboardInterrupt):  # the parent stopped reading, or Ctrl-C
        os._exit(1)


def _picklable(exc: BaseException) -> BaseException:
    """The error itself when it survives pickling, else a RuntimeError that says what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
