"""credit ledger: credit_entries, append-only, amounts in micro-credits

The balance of a workspace is the sum of its entries. Amounts are whole micro-credits in a
BIGINT, exact on SQLite and PostgreSQL alike. (workspace_id, job, kind) is unique, so a retried
charge or refund of one job is written once; grants have no job and never collide.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "credit_entries",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("job", sa.String(length=128), nullable=True),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(kind = 'charge' AND amount < 0) OR (kind <> 'charge' AND amount > 0)",
            name=op.f("ck_credit_entries_amount_sign"),
        ),
        sa.CheckConstraint("kind = 'grant' OR job IS NOT NULL", name=op.f("ck_credit_entries_job")),
        sa.CheckConstraint(
            "kind IN ('grant', 'charge', 'refund')", name=op.f("ck_credit_entries_kind")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_credit_entries_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_credit_entries_workspace_id_workspaces"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_entries")),
        sa.UniqueConstraint(
            "workspace_id", "job", "kind", name=op.f("uq_credit_entries_workspace_id_job_kind")
        ),
    )


def downgrade() -> None:
    op.drop_table("credit_entries")
