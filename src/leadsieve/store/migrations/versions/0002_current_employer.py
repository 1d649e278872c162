"""current employer on the contact: contacts.employer_since; employments keep past ones only

A contact's current employer was a row of ``employments`` with ``ended_at`` null, written for
every contact linked to an organization: a million rows and three million foreign-key checks
for an import of a million contacts. The contact's ``organization_id`` already names it; with
``employer_since`` beside it, ``employments`` holds only the employers a contact has left.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("contacts", sa.Column("employer_since", sa.DateTime(timezone=True)))
    op.execute(
        "UPDATE contacts SET employer_since = COALESCE("
        "(SELECT MAX(e.started_at) FROM employments e"
        " WHERE e.contact_id = contacts.id AND e.ended_at IS NULL), created_at)"
        " WHERE organization_id IS NOT NULL"
    )
    op.execute("DELETE FROM employments WHERE ended_at IS NULL")
    with op.batch_alter_table("employments", schema=None) as batch_op:
        batch_op.alter_column(
            "started_at",
            existing_type=sa.DateTime(timezone=True),
            server_default=None,
            existing_nullable=False,
        )
        batch_op.alter_column("ended_at", existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("employments", schema=None) as batch_op:
        batch_op.alter_column("ended_at", existing_type=sa.DateTime(timezone=True), nullable=True)
        batch_op.alter_column(
            "started_at",
            existing_type=sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            existing_nullable=False,
        )
    op.execute(
        "INSERT INTO employments (workspace_id, contact_id, organization_id, started_at)"
        " SELECT workspace_id, id, organization_id, COALESCE(employer_since, created_at)"
        " FROM contacts WHERE organization_id IS NOT NULL"
    )
    # a plain ALTER (SQLite >= 3.35): a batch copy of contacts would trip their foreign keys
    op.drop_column("contacts", "employer_since")
