"""Console cases (operator, notes, callback, readable search text), staff roles and sessions, the
shared sign-in lock-out, the audit log and call drafts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consultations") as batch:
        batch.add_column(sa.Column("operator", sa.String(64)))
        batch.add_column(sa.Column("notes", sa.Text))
        batch.add_column(sa.Column("callback", sa.String(128)))
        batch.add_column(sa.Column("search_text", sa.Text))
        batch.create_index("ix_consultations_operator", ["operator"])
    with op.batch_alter_table("staff_users") as batch:
        batch.add_column(sa.Column("role", sa.String(16), nullable=False, server_default="operator"))
        batch.add_column(sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_table("staff_sessions",
                    sa.Column("id_hash", sa.String(64), primary_key=True),
                    sa.Column("username", sa.String(64), nullable=False),
                    sa.Column("created_at", sa.DateTime, nullable=False),
                    sa.Column("expires_at", sa.DateTime, nullable=False))
    op.create_index("ix_staff_sessions_username", "staff_sessions", ["username"])
    op.create_index("ix_staff_sessions_expires_at", "staff_sessions", ["expires_at"])
    op.create_table("sign_in_failures",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("username", sa.String(64), nullable=False),
                    sa.Column("address", sa.String(64), nullable=False),
                    sa.Column("at", sa.DateTime, nullable=False))
    for column in ("username", "address", "at"):
        op.create_index(f"ix_sign_in_failures_{column}", "sign_in_failures", [column])
    op.create_table("audit_log",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("at", sa.DateTime, nullable=False),
                    sa.Column("username", sa.String(64), nullable=False),
                    sa.Column("action", sa.String(32), nullable=False),
                    sa.Column("consultation_id", sa.Integer),
                    sa.Column("detail", sa.JSON))
    for column in ("at", "username", "action", "consultation_id"):
        op.create_index(f"ix_audit_log_{column}", "audit_log", [column])
    op.create_table("console_drafts",
                    sa.Column("username", sa.String(64), primary_key=True),
                    sa.Column("case_key", sa.String(64), nullable=False),
                    sa.Column("state", sa.JSON, nullable=False),
                    sa.Column("updated_at", sa.DateTime, nullable=False))
    _fill_search_text()


def _fill_search_text() -> None:
    """Rows logged before: their facts as readable words too, so old cases are found as well."""
    from bot.store.consultations import search_text

    bind = op.get_bind()
    rows = sa.table("consultations", sa.column("id", sa.Integer), sa.column("facts", sa.JSON),
                    sa.column("verdict", sa.JSON), sa.column("search_text", sa.Text))
    for row_id, facts, verdict in bind.execute(sa.select(rows.c.id, rows.c.facts, rows.c.verdict)).all():
        bind.execute(rows.update().where(rows.c.id == row_id).values(
            search_text=search_text(facts or {}, verdict or {}, None)))


def downgrade() -> None:
    op.drop_table("console_drafts")
    for column in ("at", "username", "action", "consultation_id"):
        op.drop_index(f"ix_audit_log_{column}", "audit_log")
    op.drop_table("audit_log")
    for column in ("username", "address", "at"):
        op.drop_index(f"ix_sign_in_failures_{column}", "sign_in_failures")
    op.drop_table("sign_in_failures")
    op.drop_index("ix_staff_sessions_expires_at", "staff_sessions")
    op.drop_index("ix_staff_sessions_username", "staff_sessions")
    op.drop_table("staff_sessions")
    with op.batch_alter_table("staff_users") as batch:
        batch.drop_column("disabled")
        batch.drop_column("role")
    with op.batch_alter_table("consultations") as batch:
        batch.drop_index("ix_consultations_operator")
        batch.drop_column("search_text")
        batch.drop_column("callback")
        batch.drop_column("notes")
        batch.drop_column("operator")
