"""The conversation's language: read from each message, remembered in the `language` slot.

A language the user asked for ("English please", `/lang id`, a language button) is kept until they
ask for another; until then each message written clearly in a language switches to it, and short
or mixed ones ("ok", "6") change nothing. The NLU's LanguageTagger supplies the `language` entity.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
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


class ValidateSlotMappings(ValidationAction):
    """Runs after every user message (action_validate_slot_mappings): updates the language slots."""

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        return LANGUAGE_SLOTS

    async def extract_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> Dict[Text, Any]:
        current, chosen = tracker.get_slot("language"), bool(tracker.get_slot("language_chosen"))
        language, now_chosen = next_language(current, chosen, tracker.latest_message or {})
        changes: Dict[Text, Any] = {}
        if language != current:
            changes["language"] = language
        if now_chosen != chosen:
            changes["language_chosen"] = now_chosen
        return changes

    async def validate_language(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> Dict[Text, Any]:
        return {"language": value if value in LANGS else None}

    async def validate_language_chosen(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> Dict[Text, Any]:
        return {"language_chosen": bool(value)}
