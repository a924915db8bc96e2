"""The channels' tables: seen webhook ids, push targets, long button payloads.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("seen_webhooks",
                    sa.Column("platform", sa.String(16), primary_key=True),
                    sa.Column("event_id", sa.String(128), primary_key=True),
                    sa.Column("expires_at", sa.DateTime, nullable=False))
    op.create_index("ix_seen_webhooks_expires_at", "seen_webhooks", ["expires_at"])
    op.create_table("push_targets",
                    sa.Column("sender_hash", sa.String(64), primary_key=True),
                    sa.Column("platform", sa.String(16), nullable=False),
                    sa.Column("raw_id", sa.String(128), nullable=False),
                    sa.Column("updated_at", sa.DateTime, nullable=False))
    op.create_table("button_keys",
                    sa.Column("key", sa.String(32), primary_key=True),
                    sa.Column("payload", sa.Text, nullable=False))


def downgrade() -> None:
    op.drop_table("button_keys")
    op.drop_table("push_targets")
    op.drop_index("ix_seen_webhooks_expires_at", "seen_webhooks")
    op.drop_table("seen_webhooks")
