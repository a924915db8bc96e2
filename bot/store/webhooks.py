"""What the channels keep: which events were claimed and answered, where to push, long button payloads.

An event id is claimed before it is processed and completed after its answer is sent. A redelivery
of a completed or freshly claimed event is refused; a claim left unfinished for `claim_timeout_s`
(the process died, the reply failed) is taken again, so no message is lost. The calls are blocking:
async code runs them with `bot.store.db.run_db`.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from bot import settings
from bot.store.db import session
from bot.store.models import ButtonKey, PushTarget, SeenWebhook


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def claim(platform: str, event_id: str, url: str | None = None) -> bool:
    """True when this caller may process the event: the first offer, from any process sharing the
    store, or a redelivery of a claim never completed within the claim timeout. False otherwise."""
    now, event_id = _now(), str(event_id)
    ttl = dt.timedelta(hours=settings.limit("seen_ttl_hours"))
    with session(url) as s:
        s.execute(delete(SeenWebhook).where(SeenWebhook.expires_at < now))
        s.add(SeenWebhook(platform=platform, event_id=event_id, expires_at=now + ttl, claimed_at=now))
        try:
            s.commit()
            return True
        except IntegrityError:
            s.rollback()
        stale = now - dt.timedelta(seconds=settings.limit("claim_timeout_s"))
        # Take over an unfinished claim only if it is stale; one UPDATE, so one taker wins.
        taken = s.execute(update(SeenWebhook)
                          .where(SeenWebhook.platform == platform, SeenWebhook.event_id == event_id,
                                 SeenWebhook.done_at.is_(None), SeenWebhook.claimed_at < stale)
                          .values(claimed_at=now, expires_at=now + ttl))
        s.commit()
        return taken.rowcount == 1


def complete(platform: str, event_id: str, url: str | None = None) -> None:
    """The event was answered: a redelivery is refused from now on."""
    with session(url) as s:
        s.execute(update(SeenWebhook).where(SeenWebhook.platform == platform, SeenWebhook.event_id == str(event_id))
                  .values(done_at=_now()))
        s.commit()


def release(platform: str, event_id: str, url: str | None = None) -> None:
    """The event could not be answered: forget the claim, so a redelivery is processed at once."""
    with session(url) as s:
        s.execute(delete(SeenWebhook).where(SeenWebhook.platform == platform, SeenWebhook.event_id == str(event_id),
                                            SeenWebhook.done_at.is_(None)))
        s.commit()


def remember_target(platform: str, sender_hash: str, raw_id: str, url: str | None = None) -> None:
    """Insert or update; two events of one sender at once (threads, processes) may both insert
    first: the loser updates the winner's row."""
    for attempt in range(2):
        with session(url) as s:
            s.merge(PushTarget(sender_hash=sender_hash, platform=platform, raw_id=str(raw_id), updated_at=_now()))
            try:
                s.commit()
                return
            except IntegrityError:
                s.rollback()
                if attempt:
                    raise


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
