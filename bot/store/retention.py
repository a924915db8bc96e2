"""Retention: consultation-log rows and Rasa conversations older than N days are deleted."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import create_engine, inspect, text

from bot import settings
from bot.store import consultations


def retention_days() -> int:
    """ADVISOR_RETENTION_DAYS, else bot/settings.yaml."""
    return int(settings.limit("retention_days"))


def purge_conversations(days: int, tracker_url: str, now: dt.datetime | None = None) -> int:
    """Deletes tracker events older than `days` from a SQL tracker store (Rasa's `events` table)."""
    cutoff = ((now or dt.datetime.now(dt.timezone.utc)) - dt.timedelta(days=days)).timestamp()
    engine = create_engine(tracker_url, future=True)
    try:
        if "events" not in inspect(engine).get_table_names():
            return 0
        with engine.begin() as connection:
            return connection.execute(text("DELETE FROM events WHERE timestamp < :cutoff"), {"cutoff": cutoff}).rowcount
    finally:
        engine.dispose()


def purge(days: int | None = None, store_url: str | None = None, tracker_url: str | None = None) -> tuple[int, int]:
    """(consultation rows, conversation events) deleted."""
    days = retention_days() if days is None else days
    rows = consultations.purge(days, url=store_url)
    events = purge_conversations(days, tracker_url) if tracker_url else 0
    return rows, events
