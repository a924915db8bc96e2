"""The tracker store rides out lost database connections (as after a PostgreSQL restart): Rasa's own
SQL store fails the write, ours checks connections and tries again."""
from __future__ import annotations

import asyncio
import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

PG = os.environ.get("ADVISOR_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not PG, reason="needs PostgreSQL: set ADVISOR_TEST_PG_URL (.ci/run starts it)")


@pytest.fixture
def database():
    import sqlalchemy as sa

    name = f"advisor_tracker_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield urlunsplit(urlsplit(PG)._replace(path=f"/{name}")), name
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def cut_connections(name: str) -> None:
    """What a database restart does to a pool: every open connection to the database dies."""
    import sqlalchemy as sa

    admin = sa.create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                   "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
    admin.dispose()


def tracker(sender: str, *texts: str):
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    t = DialogueStateTracker(sender, slots=[])
    for text in texts:
        t.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    return t


async def save_across_a_cut(store, name: str) -> list[str]:
    await store.save(tracker("s1", "one"))
    cut_connections(name)
    await store.save(tracker("s1", "one", "two"))
    again = await store.retrieve("s1")
    return [e.text for e in again.events if getattr(e, "text", None)]


def test_rasas_sql_store_fails_after_the_connections_are_cut(database):
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    url, name = database
    store = SQLTrackerStore(Domain.empty(), host=url)
    with pytest.raises(sa.exc.OperationalError):
        asyncio.run(save_across_a_cut(store, name))


def test_ours_checks_the_connection_and_keeps_every_message(database):
    from rasa.shared.core.domain import Domain

    from bot.tracker_store import ResilientSQLTrackerStore

    url, name = database
    store = ResilientSQLTrackerStore(Domain.empty(), url=url)
    assert asyncio.run(save_across_a_cut(store, name)) == ["one", "two"]
