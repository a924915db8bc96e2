"""`/forget`, "刪除我的資料": the user's conversation (Rasa tracker) and consultation-log rows go.

Handled in the channel, before Rasa: an action cannot delete its own tracker (Rasa saves the
conversation after the action runs, and would write it back).
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot.i18n import DEFAULT_LANG, text
from bot.nlu.language import settings
from bot.privacy import user_key
from bot.store import consultations
from bot.store.db import run_db

logger = logging.getLogger(__name__)
RASA_APPS = ("rasa_server", "rasa_core_no_api")


def is_forget_request(message: str | None) -> bool:
    return (message or "").strip().lower().rstrip("!！。.") in settings()["forget_commands"]


def _agent():
    for name in RASA_APPS:
        try:
            return Sanic.get_app(name).ctx.agent
        except Exception:  # noqa: BLE001 — no such app, or no agent yet, in this process (tests, CLI)
            continue
    return None


def _inner(store):
    while hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store


async def delete_tracker(tracker_store, sender_id: str) -> None:
    store = _inner(tracker_store)
    if hasattr(store, "session_scope") and hasattr(store, "SQLEvent"):  # SQLTrackerStore
        with store.session_scope() as session:
            session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender_id).delete()
            session.commit()
    elif isinstance(getattr(store, "store", None), dict):  # InMemoryTrackerStore
        store.store.pop(sender_id, None)
    else:
        logger.warning("forget: cannot delete conversations from a %s", type(store).__name__)


async def forget(sender_id: str, channel: str, agent=None, store_url: str | None = None) -> str:
    """Deletes the user's tracker and log rows; returns the conversation's language for the reply."""
    agent = agent or _agent()
    lang = DEFAULT_LANG
    if agent is not None and agent.tracker_store is not None:
        tracker = await agent.tracker_store.retrieve(sender_id)
        if tracker is not None and "language" in tracker.slots:
            lang = tracker.get_slot("language") or DEFAULT_LANG
        await delete_tracker(agent.tracker_store, sender_id)
    deleted = await run_db(consultations.forget, user_key(channel, sender_id), url=store_url)
    logger.info("forget: a user's conversation and %d consultation rows deleted", deleted)
    return lang


def forgetting(on_new_message: Callable[[UserMessage], Awaitable[Any]], channel: str):
    """Wraps a channel's `on_new_message`: a forget request is answered here, the rest go to Rasa."""
    async def handle(message: UserMessage) -> Any:
        if not is_forget_request(message.text):
            return await on_new_message(message)
        lang = await forget(message.sender_id, channel)
        await message.output_channel.send_text_message(message.sender_id, text("chat.forgotten", lang))
        return None
    return handle
