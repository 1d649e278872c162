"""sales boards: boards, board_stages, pursuits, pursuit_contacts, pursuit_moves

A board's stages are ordered, each with a win probability in basis points (0..10,000) and
closed/won flags. A pursuit is one organization's sales case on one board; a partial unique
index on (board_id, organization_id) WHERE closed_at IS NULL keeps at most one open per board
and organization, so two openings at once make one (``INSERT ... ON CONFLICT DO NOTHING``).
Amounts are whole millionths of their currency in a BIGINT, exact on SQLite and PostgreSQL.
``pursuit_moves`` is the append-only stage history.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OPEN = "closed_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "boards",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_boards_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_boards")),
        sa.UniqueConstraint("workspace_id", "name", name=op.f("uq_boards_workspace_id_name")),
    )
    op.create_table(
        "board_stages",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("board_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("probability_bp", sa.Integer(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("won", sa.Boolean(), nullable=False),
        sa.CheckConstraint("closed OR NOT won", name=op.f("ck_board_stages_won_closed")),
        sa.CheckConstraint(
            "probability_bp >= 0 AND probability_bp <= 10000",
            name=op.f("ck_board_stages_probability"),
        ),
        sa.ForeignKeyConstraint(
            ["board_id"], ["boards.id"], name=op.f("fk_board_stages_board_id_boards")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_stages")),
        sa.UniqueConstraint("board_id", "key", name=op.f("uq_board_stages_board_id_key")),
    )
    op.create_table(
        "pursuits",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("board_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("stage_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("owner_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("amount_micro", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column(
            "icp_profile_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("icp_version", sa.Integer(), nullable=True),
        sa.Column("fit_score", sa.Integer(), nullable=True),
        sa.Column(
            "opened_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=True),
        sa.Column("won", sa.Boolean(), nullable=True),
        sa.CheckConstraint(
            "(closed_at IS NULL AND won IS NULL) OR (closed_at IS NOT NULL AND won IS NOT NULL)",
            name=op.f("ck_pursuits_closed_won"),
        ),
        sa.CheckConstraint("amount_micro >= 0", name=op.f("ck_pursuits_amount")),
        sa.CheckConstraint(
            "fit_score >= 0 AND fit_score <= 100", name=op.f("ck_pursuits_fit_score")
        ),
        sa.ForeignKeyConstraint(
            ["board_id"], ["boards.id"], name=op.f("fk_pursuits_board_id_boards")
        ),
        sa.ForeignKeyConstraint(
            ["icp_profile_id"],
            ["icp_profiles.id"],
            name=op.f("fk_pursuits_icp_profile_id_icp_profiles"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_pursuits_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_pursuits_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"], ["board_stages.id"], name=op.f("fk_pursuits_stage_id_board_stages")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_pursuits_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pursuits")),
    )
    with op.batch_alter_table("pursuits", schema=None) as batch_op:
        batch_op.create_index(
            "uq_pursuits_open_organization",
            ["board_id", "organization_id"],
            unique=True,
            sqlite_where=sa.text(OPEN),
            postgresql_where=sa.text(OPEN),
        )

    op.create_table(
        "pursuit_contacts",
        sa.Column(
            "pursuit_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "added_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_pursuit_contacts_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["pursuit_id"], ["pursuits.id"], name=op.f("fk_pursuit_contacts_pursuit_id_pursuits")
        ),
        sa.PrimaryKeyConstraint("pursuit_id", "contact_id", name=op.f("pk_pursuit_contacts")),
    )
    with op.batch_alter_table("pursuit_contacts", schema=None) as batch_op:
        batch_op.create_index("ix_pursuit_contacts_contact", ["contact_id"], unique=False)

    op.create_table(
        "pursuit_moves",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "pursuit_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "from_stage_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "to_stage_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["from_stage_id"],
            ["board_stages.id"],
            name=op.f("fk_pursuit_moves_from_stage_id_board_stages"),
        ),
        sa.ForeignKeyConstraint(
            ["pursuit_id"], ["pursuits.id"], name=op.f("fk_pursuit_moves_pursuit_id_pursuits")
        ),
        sa.ForeignKeyConstraint(
            ["to_stage_id"],
            ["board_stages.id"],
            name=op.f("fk_pursuit_moves_to_stage_id_board_stages"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_pursuit_moves_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pursuit_moves")),
    )
    with op.batch_alter_table("pursuit_moves", schema=None) as batch_op:
        batch_op.create_index("ix_pursuit_moves_pursuit", ["pursuit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pursuit_moves", schema=None) as batch_op:
        batch_op.drop_index("ix_pursuit_moves_pursuit")

    op.drop_table("pursuit_moves")
    with op.batch_alter_table("pursuit_contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_pursuit_contacts_contact")

    op.drop_table("pursuit_contacts")
    with op.batch_alter_table("pursuits", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_pursuits_open_organization",
            sqlite_where=sa.text(OPEN),
            postgresql_where=sa.text(OPEN),
        )

    op.drop_table("pursuits")
    op.drop_table("board_stages")
    op.drop_table("boards")
