"""The consultation log: every verdict given, searchable by staff, forgettable by the user.

Rows hold the user only as the keyed hash (bot.channels.common.sender_hash); a console case keeps
one row, updated as the operator's facts change.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Text, delete, func, or_, select

from bot.store.db import session
from bot.store.models import Consultation

SEARCH_LIMIT = 200


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def record(*, channel: str, verdict: dict, facts: dict, language: str, summary: str,
           user_hash: str | None = None, case_key: str | None = None, url: str | None = None) -> int:
    """Stores one verdict (a console case's row is replaced in place); returns the row id."""
    values: dict[str, Any] = dict(
        created_at=now(), channel=channel, user_hash=user_hash, case_key=case_key, topic=verdict["topic"],
        status=verdict["status"], language=language, as_of=dt.date.fromisoformat(verdict["as_of"]),
        facts=facts, verdict=verdict, summary=summary)
    with session(url) as s:
        row = s.execute(select(Consultation).where(Consultation.case_key == case_key)).scalar_one_or_none() \
            if case_key else None
        if row is None:
            row = Consultation(**values)
            s.add(row)
        else:
            for key, value in values.items():
                setattr(row, key, value)
        s.commit()
        return row.id


def search(*, text: str = "", topic: str | None = None, status: str | None = None, channel: str | None = None,
           since: dt.date | None = None, until: dt.date | None = None, limit: int = SEARCH_LIMIT,
           url: str | None = None) -> list[Consultation]:
    """Newest first; `text` matches the verdict's summary or the facts, case-insensitively."""
    query = select(Consultation).order_by(Consultation.created_at.desc(), Consultation.id.desc()).limit(limit)
    if text:
        pattern = f"%{text.lower()}%"
        query = query.where(or_(func.lower(Consultation.summary).like(pattern),
                                func.lower(func.cast(Consultation.facts, Text)).like(pattern)))
    for column, value in ((Consultation.topic, topic), (Consultation.status, status), (Consultation.channel, channel)):
        if value:
            query = query.where(column == value)
    if since:
        query = query.where(Consultation.created_at >= dt.datetime.combine(since, dt.time()))
    if until:
        query = query.where(Consultation.created_at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    with session(url) as s:
        return list(s.execute(query).scalars())


def counts(url: str | None = None) -> dict[tuple[str, str], int]:
    """(topic, status) → number of verdicts."""
    query = select(Consultation.topic, Consultation.status, func.count()).group_by(
        Consultation.topic, Consultation.status)
    with session(url) as s:
        return {(topic, status): n for topic, status, n in s.execute(query)}


def forget(user_hash: str, url: str | None = None) -> int:
    """Deletes every row of one user; returns how many."""
    with session(url) as s:
        result = s.execute(delete(Consultation).where(Consultation.user_hash == user_hash))
        s.commit()
        return result.rowcount


def purge(days: int, url: str | None = None, today: dt.datetime | None = None) -> int:
    """Deletes rows older than `days` days; returns how many."""
    cutoff = (today or now()) - dt.timedelta(days=days)
    with session(url) as s:
        result = s.execute(delete(Consultation).where(Consultation.created_at < cutoff))
        s.commit()
        return result.rowcount
