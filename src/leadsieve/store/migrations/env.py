"""Alembic's entry point: runs on the connection that ``leadsieve.store.db.upgrade`` passes."""

from __future__ import annotations

from alembic import context

from leadsieve.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
)
with context.begin_transaction():
    context.run_migrations()
