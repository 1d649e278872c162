"""an organization's industry slugs: several, so no length limit

A lead may have several industries (every YC tag that names one, every part of a list cell);
``organizations.industry_slug`` keeps them joined by ``|``, which can pass 128 characters.
SQLite does not enforce a VARCHAR length, so only PostgreSQL's column changes type (on SQLite
a batch copy of the table would be refused by the foreign keys pointing at it).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "organizations",
            "industry_slug",
            type_=sa.Text(),
            existing_type=sa.String(length=128),
            existing_nullable=True,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "organizations",
            "industry_slug",
            type_=sa.String(length=128),
            existing_type=sa.Text(),
            existing_nullable=True,
        )
