"""What the channels keep: which events were seen, where to push, and long button payloads."""
from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from bot.store.db import session
from bot.store.models import ButtonKey, PushTarget, SeenWebhook

SEEN_TTL = dt.timedelta(days=2)  # platforms redeliver for hours, not days


def _now() -> dt.datetime:
    return dt.datetime.utcnow()


def first_time(platform: str, event_id: str, url: str | None = None) -> bool:
    """True the first time an event id is offered, from any process sharing the store; False after."""
    now = _now()
    with session(url) as s:
        s.execute(delete(SeenWebhook).where(SeenWebhook.expires_at < now))
        s.add(SeenWebhook(platform=platform, event_id=str(event_id), expires_at=now + SEEN_TTL))
        try:
            s.commit()
        except IntegrityError:
            s.rollback()
            return False
    return True


def remember_target(platform: str, sender_hash: str, raw_id: str, url: str | None = None) -> None:
    with session(url) as s:
        s.merge(PushTarget(sender_hash=sender_hash, platform=platform, raw_id=str(raw_id), updated_at=_now()))
        s.commit()


def push_target(sender_hash: str, url: str | None = None) -> str | None:
    with session(url) as s:
        target = s.get(PushTarget, sender_hash)
        return target.raw_id if target else None


def short_key(payload: str, url: str | None = None) -> str:
    """A stable short key for a payload; the same payload always gets the same key."""
    key = "k:" + hashlib.sha256(payload.encode()).hexdigest()[:20]
    with session(url) as s:
        if s.get(ButtonKey, key) is None:
            s.add(ButtonKey(key=key, payload=payload))
            try:
                s.commit()
            except IntegrityError:  # another process stored it first: same key, same payload
                s.rollback()
    return key


def payload_for(key: str, url: str | None = None) -> str | None:
    with session(url) as s:
        found = s.get(ButtonKey, key)
        return found.payload if found else None
