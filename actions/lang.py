"""The conversation's language: read from each message, remembered in the `language` slot.

A language the user asked for ("English please", `/lang id`, a language button) is kept until they
ask for another; until then each message written clearly in a language switches to it, and short
or mixed ones ("ok", "6") change nothing. The NLU's LanguageTagger supplies the `language` entity.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.i18n import DEFAULT_LANG, LANGS, normalise_lang

LANGUAGE_SLOTS = ["language", "language_chosen"]


def lang_of(tracker: Tracker) -> str:
    return normalise_lang(tracker.get_slot("language") if "language" in tracker.slots else None) or DEFAULT_LANG


def language_entity(message: dict) -> tuple[Optional[str], Optional[str]]:
    """(code, role) of the message's language entity; a button payload's entity counts as chosen."""
    for entity in message.get("entities") or []:
        if entity.get("entity") == "language" and entity.get("value"):
            code = normalise_lang(str(entity["value"]))
            if code in LANGS and str(entity["value"]).lower() in {code.lower(), code.split("-")[0].lower()}:
                return code, entity.get("role") or "chosen"
    return None, None


def next_language(current: Optional[str], chosen: bool, message: dict) -> tuple[Optional[str], bool]:
    """The language after this message, and whether the user chose it."""
    code, role = language_entity(message)
    if code is None:
        return current, chosen
    if role == "app":  # the messenger's setting: only a conversation's first language
        return (current, chosen) if current else (code, False)
    if role == "chosen":
        return code, True
    return (current, chosen) if chosen else (code, False)


def language_events(tracker: Tracker) -> List[Dict[Text, Any]]:
    """The language slots' changes after the latest message, applied to `tracker` too (so the action
    answers in the new language)."""
    current, chosen = tracker.get_slot("language"), bool(tracker.get_slot("language_chosen"))
    language, now_chosen = next_language(current, chosen, tracker.latest_message or {})
    events = []
    if language != current and language in LANGS:
        events.append(SlotSet("language", language))
    if now_chosen != chosen:
        events.append(SlotSet("language_chosen", now_chosen))
    for event in events:
        tracker.slots[event["name"]] = event["value"]
    return events


def keeps_language(run: Callable) -> Callable:
    """For an action's `run`: the language slots follow the latest message. Every turn runs at least one of
    our actions, so this replaces a slot-mapping action called on every message (one round trip less)."""
    @functools.wraps(run)
    async def wrapper(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List:
        events = language_events(tracker)
        return events + list(await run(self, dispatcher, tracker, domain))
    return wrapper
