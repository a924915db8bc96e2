"""The consultation log: every verdict given, searchable by staff, forgettable by the user.

Rows hold the user only as the keyed hash (bot.channels.common.sender_hash); a console case keeps
one row, updated as the operator's facts change, with the operator, notes and a callback number.
Each row also keeps its facts as readable words (labels and values in Chinese and English), so a
search for 台中 or 看護 finds it. Times are stored in UTC; callers pass UTC bounds.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, func, or_, select

from bot.store.db import session
from bot.store.models import Consultation

SEARCH_LIMIT = 200


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def search_text(facts: dict, verdict: dict, notes: str | None) -> str:
    """The words a row is found by: its facts as labels and values (Chinese and English), the verdict's
    headline, the programs that fit, and the operator's notes; not the whole summary, whose lists
    name every industry and would match everything."""
    from bot.console.readable import searchable  # labels come from the catalogs

    programs = [p.get("name", "") for p in verdict.get("programs") or [] if p.get("fit")]
    return searchable(facts, [verdict.get("summary", ""), *programs, notes or ""])


def record(*, channel: str, verdict: dict, facts: dict, language: str, summary: str,
           user_hash: str | None = None, case_key: str | None = None, operator: str | None = None,
           notes: str | None = None, callback: str | None = None, url: str | None = None) -> int:
    """Stores one verdict (a console case's row is replaced in place, keeping when it was opened)."""
    values: dict[str, Any] = dict(
        channel=channel, user_hash=user_hash, case_key=case_key, topic=verdict["topic"],
        status=verdict["status"], language=language, as_of=dt.date.fromisoformat(verdict["as_of"]),
        facts=facts, verdict=verdict, summary=summary, operator=operator, notes=notes, callback=callback,
        search_text=search_text(facts, verdict, notes))
    with session(url) as s:
        row = s.execute(select(Consultation).where(Consultation.case_key == case_key)).scalar_one_or_none() \
            if case_key else None
        if row is None:
            row = Consultation(created_at=now(), **values)
            s.add(row)
        else:
            for key, value in values.items():
                setattr(row, key, value)
        s.commit()
        return row.id


def _filtered(query, *, text: str = "", topic: str | None = None, status: str | None = None,
              channel: str | None = None, operator: str | None = None, since: dt.datetime | None = None,
              until: dt.datetime | None = None):
    if text:
        from bot.console.readable import normalise_search

        for word in normalise_search(text).split():  # every word must match somewhere
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(or_(Consultation.search_text.like(pattern, escape="\\"),
                                    Consultation.search_text.is_(None)
                                    & func.lower(Consultation.summary).like(pattern, escape="\\")))
    for column, value in ((Consultation.topic, topic), (Consultation.status, status),
                          (Consultation.channel, channel), (Consultation.operator, operator)):
        if value:
            query = query.where(column == value)
    if since:
        query = query.where(Consultation.created_at >= since)
    if until:
        query = query.where(Consultation.created_at < until)
    return query


def search(*, limit: int = SEARCH_LIMIT, url: str | None = None, **filters: Any) -> list[Consultation]:
    """Newest first; `text` matches the readable facts, the summary or the notes (each word, any case);
    `since`/`until` are UTC datetimes (until exclusive)."""
    query = _filtered(select(Consultation), **filters).order_by(Consultation.created_at.desc(),
                                                                 Consultation.id.desc()).limit(limit)
    with session(url) as s:
        return list(s.execute(query).scalars())


def counts(url: str | None = None, **filters: Any) -> dict[tuple[str, str], int]:
    """(topic, status) → number of verdicts matching the same filters as `search`."""
    query = _filtered(select(Consultation.topic, Consultation.status, func.count()), **filters).group_by(
        Consultation.topic, Consultation.status)
    with session(url) as s:
        return {(topic, status): n for topic, status, n in s.execute(query)}


def get(row_id: int, url: str | None = None) -> Consultation | None:
    with session(url) as s:
        return s.get(Consultation, row_id)


def by_case(case_key: str, url: str | None = None) -> Consultation | None:
    with session(url) as s:
        return s.execute(select(Consultation).where(Consultation.case_key == case_key)).scalar_one_or_none()


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
