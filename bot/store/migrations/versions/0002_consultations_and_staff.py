"""The consultation log and the staff who sign in to the console.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("consultations",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("created_at", sa.DateTime, nullable=False),
                    sa.Column("channel", sa.String(16), nullable=False),
                    sa.Column("case_key", sa.String(64)),
                    sa.Column("user_hash", sa.String(64)),
                    sa.Column("topic", sa.String(16), nullable=False),
                    sa.Column("status", sa.String(24), nullable=False),
                    sa.Column("language", sa.String(8), nullable=False),
                    sa.Column("as_of", sa.Date, nullable=False),
                    sa.Column("facts", sa.JSON, nullable=False),
                    sa.Column("verdict", sa.JSON, nullable=False),
                    sa.Column("summary", sa.Text, nullable=False))
    for column in ("created_at", "case_key", "user_hash", "topic", "status"):
        op.create_index(f"ix_consultations_{column}", "consultations", [column])
    op.create_table("staff_users",
                    sa.Column("username", sa.String(64), primary_key=True),
                    sa.Column("password_hash", sa.String(255), nullable=False),
                    sa.Column("created_at", sa.DateTime, nullable=False))


def downgrade() -> None:
    op.drop_table("staff_users")
    for column in ("created_at", "case_key", "user_hash", "topic", "status"):
        op.drop_index(f"ix_consultations_{column}", "consultations")
    op.drop_table("consultations")
