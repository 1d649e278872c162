"""suppression lists, and the lists a fit was scored with

Named sets of domains, emails and org numbers per workspace (``suppression_lists`` and their
``suppression_entries``) that disqualify the leads they name when ``score``, ``qualify`` or
``board ingest`` applies them. A fit records the lists applied (``lead_fits.exclusions``), so
a run with other lists never reuses it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _now(column: str) -> sa.Column[object]:
    return sa.Column(
        column,
        sa.DateTime(timezone=True),
        server_default=sa.text("(CURRENT_TIMESTAMP)"),
        nullable=False,
    )


def upgrade() -> None:
    op.add_column("lead_fits", sa.Column("exclusions", sa.Text(), nullable=True))
    op.create_table(
        "suppression_lists",
        sa.Column("id", ID, nullable=False),
        sa.Column("workspace_id", ID, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        _now("created_at"),
        _now("updated_at"),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_suppression_lists_workspace_id_workspaces"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppression_lists")),
        sa.UniqueConstraint(
            "workspace_id", "name", name=op.f("uq_suppression_lists_workspace_id_name")
        ),
    )
    op.create_table(
        "suppression_entries",
        sa.Column("id", ID, nullable=False),
        sa.Column("list_id", ID, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("value", sa.String(length=320), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        _now("added_at"),
        sa.CheckConstraint(
            "kind IN ('domain', 'email', 'org_no')", name=op.f("ck_suppression_entries_kind")
        ),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["suppression_lists.id"],
            name=op.f("fk_suppression_entries_list_id_suppression_lists"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppression_entries")),
        sa.UniqueConstraint(
            "list_id", "kind", "value", name=op.f("uq_suppression_entries_list_id_kind_value")
        ),
    )


def downgrade() -> None:
    op.drop_table("suppression_entries")
    op.drop_table("suppression_lists")
    op.drop_column("lead_fits", "exclusions")
