"""lead fits: lead_fits, one fit per (ICP version, lead)

A fit is what the engine gave for one lead of a list against one ICP version: score, grade,
qualified, coverage, the rule names matched/missed/unknown, the reasons, what disqualified it,
the as_of date, the leadsieve version and the job that paid for it. The primary key (ICP
version, lead key) makes qualifying again with the same version an upsert and keeps the fits of
older versions; it is also the index ``list show --icp`` joins on. No column is a foreign key:
PostgreSQL checks references row by row, which would double the cost of writing a million
fits (see ``LeadFit``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-13
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "lead_fits",
        sa.Column("icp_version_id", ID, nullable=False),
        sa.Column("lead_key", sa.String(length=32), nullable=False),
        sa.Column("workspace_id", ID, nullable=False),
        sa.Column("organization_id", ID, nullable=True),
        sa.Column("contact_id", ID, nullable=True),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("grade", sa.String(length=2), nullable=False),
        sa.Column("qualified", sa.Boolean(), nullable=False),
        sa.Column("coverage", sa.Float(), nullable=False),
        sa.Column("matched", sa.Text(), nullable=False),
        sa.Column("missed", sa.Text(), nullable=False),
        sa.Column("unknown", sa.Text(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("disqualified_by", sa.Text(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("leadsieve_version", sa.String(length=32), nullable=False),
        sa.Column("job", sa.String(length=128), nullable=False),
        sa.Column(
            "scored_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint("grade IN ('A', 'B', 'C', 'D', 'DQ')", name=op.f("ck_lead_fits_grade")),
        sa.CheckConstraint("score >= 0 AND score <= 100", name=op.f("ck_lead_fits_score")),
        sa.PrimaryKeyConstraint("icp_version_id", "lead_key", name=op.f("pk_lead_fits")),
    )


def downgrade() -> None:
    op.drop_table("lead_fits")
