"""The conversation's language: the `language` slot when a language has been chosen, else zh-TW."""
from __future__ import annotations

from rasa_sdk import Tracker

from bot.i18n import DEFAULT_LANG, normalise_lang


def lang_of(tracker: Tracker) -> str:
    return normalise_lang(tracker.get_slot("language") if "language" in tracker.slots else None) or DEFAULT_LANG
