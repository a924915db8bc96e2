"""Alembic environment: the URL comes from the caller (bot.store.migrate), the tables from the models."""
from alembic import context
from sqlalchemy import create_engine

from bot.store.models import Base

config = context.config
url = config.get_main_option("sqlalchemy.url")
connection = config.attributes.get("connection")


def run(conn) -> None:
    context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:
    with create_engine(url, future=True).connect() as conn:
        run(conn)
