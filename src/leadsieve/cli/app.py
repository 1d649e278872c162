"""The ``leadsieve`` command: parse, call the library, render."""

from __future__ import annotations

import typer

from leadsieve.cli import (
    boards,
    contacts,
    credits,
    db,
    files,
    icp,
    importing,
    jobs,
    lists,
    pursuits,
    qualify,
    serve,
    suppress,
    workspaces,
)
from leadsieve.cli._common import console

app = typer.Typer(
    name="leadsieve",
    help=(
        "Score lead lists against an Ideal Customer Profile (ICP): a fit score 0-100, a grade "
        "and a reason for every rule, for every row.\n\n"
        "Start with `leadsieve icp init` to write an ICP, then "
        "`leadsieve score leads.csv --icp icp.yaml -o scored.csv`.\n\n"
        "Exit codes: 0 ok, 1 internal error, 2 usage, 3 ICP problem, 4 lead file problem, "
        "5 output not written, 6 stored record problem (not found, exists, ambiguous, refused, "
        "insufficient credits)."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)


def version_callback(value: bool) -> None:
    """Print the version and stop."""
    if value:
        from leadsieve._version import __version__

        console.print(f"leadsieve {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=version_callback, is_eager=True, help="Show the version."
    ),
) -> None:
    """Score lead lists against an Ideal Customer Profile."""


app.add_typer(icp.app, name="icp")
files.register(app)
workspaces.register(app)
lists.register(app)
importing.register(app)
qualify.register(app)
credits.register(app)
boards.register(app)
pursuits.register(app)
contacts.register(app)
db.register(app)
suppress.register(app)
jobs.register(app)
serve.register(app)


def main() -> None:
    """Entry point of the installed ``leadsieve`` script."""
    app()
