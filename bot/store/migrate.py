"""Brings a database to the latest schema with alembic (SQLite or PostgreSQL alike).

A database made before migrations existed (tables created directly, no alembic_version) is
stamped at the revision that matches it first, so its rows are kept.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
FIRST = "0001"


def config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def upgrade(engine: Engine) -> None:
    with engine.begin() as connection:
        cfg = config(engine)
        cfg.attributes["connection"] = connection
        tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables and "seen_webhooks" in tables:
            command.stamp(cfg, FIRST)
        command.upgrade(cfg, "head")
