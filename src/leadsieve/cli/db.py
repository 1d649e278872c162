"""``leadsieve db upgrade|status``: the store's schema."""

from __future__ import annotations

import typer

from leadsieve.cli._common import console, user_errors

app = typer.Typer(help="The store's database: schema migrations.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    """Add the ``db`` group to ``root``."""
    root.add_typer(app, name="db")


@app.command()
def upgrade() -> None:
    """Apply every schema migration not yet applied (first use does this too).

    The database is LEADSIEVE_DATABASE_URL (default: ./leadsieve.db, a SQLite file). Run it once
    before starting a server's workers. A migration is atomic, and several processes may start
    it at once: they take turns, and the later ones find nothing to do.
    """
    from leadsieve.service.store import upgrade_store

    with user_errors():
        done = upgrade_store()
    if not done.changed:
        console.print(f"{done.store}: already at revision {done.after}", markup=False)
    else:
        console.print(
            f"{done.store}: upgraded from {done.before or 'an empty database'} to {done.after}",
            markup=False,
        )


@app.command()
def status() -> None:
    """Show the database, its schema revision and the newest one."""
    from leadsieve.settings import get_settings
    from leadsieve.store import db

    with user_errors():
        url = get_settings().database_url
        missing = db.missing_sqlite_file(url)
        if missing is not None:  # telling the state must not make the database
            console.print(
                f"no database at {missing} yet (newest revision {db.head_revision()}): "
                "`leadsieve db upgrade`, or any command that stores something, makes it",
                markup=False,
            )
            return
        engine = db.make_engine(url)
        current, head = db.current_revision(engine), db.head_revision()
    where = engine.url.render_as_string(hide_password=True)
    state = "up to date" if current == head else "needs `leadsieve db upgrade`"
    console.print(f"{where}: revision {current or 'none'} (newest {head}): {state}")
