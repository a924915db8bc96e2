"""Webhook ids: the claim and its completion, so an unfinished claim can be taken again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("seen_webhooks", sa.Column("claimed_at", sa.DateTime, nullable=True))
    op.add_column("seen_webhooks", sa.Column("done_at", sa.DateTime, nullable=True))
    # Ids seen before this revision were recorded before processing: count them as done.
    op.execute("UPDATE seen_webhooks SET claimed_at = CURRENT_TIMESTAMP, done_at = CURRENT_TIMESTAMP")


def downgrade() -> None:
    with op.batch_alter_table("seen_webhooks") as batch:
        batch.drop_column("done_at")
        batch.drop_column("claimed_at")
