"""Rasa's SQL tracker store, made to ride out a database restart.

`endpoints.yml`: `tracker_store: {type: bot.tracker_store.ResilientSQLTrackerStore, url: …}`.

Rasa's SQLTrackerStore keeps pooled connections that are dead after PostgreSQL restarts, and Rasa's
FailSafeTrackerStore wrapper then saves the conversation in memory only: the message is answered
but lost from the shared store, and the next one starts a new conversation. Here connections are
checked before use (`pool_pre_ping`), and a read or a write that fails on a lost connection is
tried again a few times, with back-off (bounded: RETRY_DELAYS_S), before Rasa's fallback applies.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Optional, Text, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs

from bot.backoff import again

logger = logging.getLogger(__name__)
RETRY_DELAYS_S = (0.25, 0.5, 1.0, 2.0, 4.0)
T = TypeVar("T")


class ResilientSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Any = None, host: Optional[Text] = None, url: Optional[Text] = None,
                 **kwargs: Any) -> None:
        super().__init__(domain=domain, host=url or host, **kwargs)
        engine_url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(engine_url, pool_pre_ping=True, **create_engine_kwargs(str(engine_url)))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _again(self, what: str, work: Callable[[], Awaitable[T]]) -> T:
        return await again(f"tracker store {what}", work, (sa.exc.OperationalError, sa.exc.InterfaceError),
                           RETRY_DELAYS_S, logger)

    async def save(self, tracker: Any) -> None:
        await self._again("save", lambda: super(ResilientSQLTrackerStore, self).save(tracker))

    async def retrieve(self, sender_id: Text) -> Any:
        return await self._again("read", lambda: super(ResilientSQLTrackerStore, self).retrieve(sender_id))

    async def retrieve_full_tracker(self, conversation_id: Text) -> Any:
        return await self._again(
            "read", lambda: super(ResilientSQLTrackerStore, self).retrieve_full_tracker(conversation_id))
