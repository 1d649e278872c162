"""match keys: organizations and contacts kept without domain, number, email or LinkedIn URL

A company known only by its name or its company LinkedIn URL, and a person known only by
name (and employer), were rejected or dropped by the import. They are now kept, each under a
``match_key`` (``m:<name key>``, ``l:<company LinkedIn URL>``, ``p:<organization key>|<name>``)
that is unique per workspace, so that importing the same file again matches them instead of
creating them twice. The indexes are partial: the records keyed by domain, number, email or
LinkedIn URL (nearly all) carry no ``match_key`` and cost the index nothing.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

KEYED = "match_key IS NOT NULL"


def upgrade() -> None:
    # plain ADD COLUMN and CREATE INDEX, which SQLite does in place: a batch operation would
    # copy the table and drop the original, which the foreign keys pointing at it refuse
    for table in ("organizations", "contacts"):
        op.add_column(table, sa.Column("match_key", sa.Text(), nullable=True))
        op.create_index(
            f"uq_{table}_match_key",
            table,
            ["workspace_id", "match_key"],
            unique=True,
            sqlite_where=sa.text(KEYED),
            postgresql_where=sa.text(KEYED),
        )


def downgrade() -> None:
    for table in ("contacts", "organizations"):
        op.drop_index(f"uq_{table}_match_key", table_name=table)
        op.drop_column(table, "match_key")
