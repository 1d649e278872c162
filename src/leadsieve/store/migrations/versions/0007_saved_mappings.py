"""saved mappings, and a contact's own subdivision

Column mappings confirmed once are reused by name per workspace (``saved_mappings``). A
contact keeps the subdivision its row gave (``contacts.subdivision``), as it keeps its country:
a contact without an employer, or away from its employer's state, scores from the store as its
row in the file did.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.add_column("contacts", sa.Column("subdivision", sa.String(length=8), nullable=True))
    op.create_table(
        "saved_mappings",
        sa.Column("id", ID, nullable=False),
        sa.Column("workspace_id", ID, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("overrides", sa.JSON(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        *(
            sa.Column(
                column,
                sa.DateTime(timezone=True),
                server_default=sa.text("(CURRENT_TIMESTAMP)"),
                nullable=False,
            )
            for column in ("created_at", "updated_at")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_saved_mappings_workspace_id_workspaces"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_mappings")),
        sa.UniqueConstraint(
            "workspace_id", "name", name=op.f("uq_saved_mappings_workspace_id_name")
        ),
    )


def downgrade() -> None:
    op.drop_table("saved_mappings")
    op.drop_column("contacts", "subdivision")
