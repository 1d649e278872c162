"""Pieces every command shares: consoles, exit codes, and the one place errors are rendered.

Exit codes:
  0  success
  1  internal error (a bug: please report it with LEADSIEVE_DEBUG=1 output)
  2  usage error (unknown option, missing argument)
  3  ICP problem (ICP_INVALID, ICP_NOT_FOUND, SALES_ICP_AMBIGUOUS)
  4  lead file problem (LEAD_FILE_*, COLUMN_MAPPING_*)
  5  output could not be written
  6  stored records: not found, already exists, ambiguous, refused, unpaid (NOT_FOUND and its
     *_NOT_FOUND kinds, ALREADY_EXISTS, WORKSPACE_AMBIGUOUS, INVALID_VALUE, FORBIDDEN,
     INSUFFICIENT_CREDITS, PURSUIT_CLOSED, JOB_RUNNING, STORE_UNAVAILABLE)
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

if TYPE_CHECKING:
    from rich.progress import Progress

    from leadsieve.icp import Icp

from leadsieve.errors import (
    IcpError,
    InvalidArgument,
    LeadFileError,
    LeadsieveError,
    OutputUnwritable,
    StoreError,
)

EXIT_INTERNAL, EXIT_USAGE, EXIT_ICP, EXIT_LEAD_FILE, EXIT_OUTPUT, EXIT_STORE = 1, 2, 3, 4, 5, 6

err_console = Console(stderr=True, highlight=False, soft_wrap=True)
console = Console(highlight=False, soft_wrap=True)


def exit_code_for(error: LeadsieveError) -> int:
    """Map an error class to the documented exit code."""
    if isinstance(error, IcpError):
        return EXIT_ICP
    if isinstance(error, LeadFileError):
        return EXIT_LEAD_FILE
    if isinstance(error, OutputUnwritable):
        return EXIT_OUTPUT
    if isinstance(error, StoreError):
        return EXIT_STORE
    if isinstance(error, InvalidArgument):
        return EXIT_USAGE
    return EXIT_INTERNAL


@contextmanager
def user_errors() -> Iterator[None]:
    """Render a user's mistake as a message with its code and exit with the mapped code."""
    try:
        yield
    except LeadsieveError as error:
        err_console.print(f"error [{error.code}]: {error.message}", markup=False)
        for problem in error.problems:
            err_console.print(f"  - {problem}", markup=False)
        _notes(error)
        raise typer.Exit(exit_code_for(error)) from None
    except KeyboardInterrupt as interrupt:
        err_console.print("interrupted; nothing was written past the last complete batch")
        _notes(interrupt)
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as error:
        if os.environ.get("LEADSIEVE_DEBUG"):
            raise
        err_console.print(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in leadsieve. Rerun with LEADSIEVE_DEBUG=1 for details and report it.",
            markup=False,
        )
        _notes(error)
        raise typer.Exit(EXIT_INTERNAL) from None


def _notes(error: BaseException) -> None:
    """What the code that saw the error added to it (what was refunded, how to resume)."""
    for note in getattr(error, "__notes__", ()):
        err_console.print(note, markup=False)


def parse_day(value: str | None) -> date:
    """A ``--as-of`` date (YYYY-MM-DD); today when not given."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def workspace_option() -> Any:
    """``--workspace/-w``: the workspace a store command acts in (default: the only one)."""
    return typer.Option(
        None,
        "--workspace",
        "-w",
        envvar="LEADSIEVE_WORKSPACE",
        show_envvar=True,
        help="Workspace slug (default: LEADSIEVE_WORKSPACE, else the only workspace; "
        "'default' is made on first use).",
    )


def progress_bar(enabled: bool) -> Progress:
    """A transient progress bar on stderr (disabled: it draws nothing)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=not enabled,
        transient=True,
    )


def warn_unfed(rules: Sequence[str], icp_slug: str, source: str, hint: str) -> None:
    """Tell, on stderr, that ``rules`` of an ICP had no data in ``source``: every lead is
    unknown for them, which costs each lead their weight without saying why."""
    if not rules:
        return
    names = ", ".join(rules)
    err_console.print(
        f"warning: no data feeds {names} of ICP {icp_slug!r} in {source}: every lead is unknown "
        f"for {'it' if len(rules) == 1 else 'them'}; {hint}",
        markup=False,
    )


def warn_icp(icp: Icp, source: str) -> None:
    """Print, on stderr, what in an ICP is valid but probably not meant (``Icp.warnings``)."""
    for problem in icp.warnings():
        err_console.print(f"warning: {source}: {problem}", markup=False)
