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

    The database is LEADSIEVE_DATABASE_URL (default: ./leadsieve.db, a SQLite file).
    """
    from leadsieve.settings import get_settings
    from leadsieve.store import db

    with user_errors():
        url = get_settings().database_url
        engine = db.make_engine(url)
        before = db.current_revision(engine)
        after = db.upgrade(engine)
    where = engine.url.render_as_string(hide_password=True)
    if before == after:
        console.print(f"{where}: already at revision {after}")
    else:
        console.print(f"{where}: upgraded from {before or 'an empty database'} to {after}")


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
