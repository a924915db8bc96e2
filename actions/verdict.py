"""`action_give_verdict`: the rules' verdict on the facts collected, rendered for chat."""
from __future__ import annotations

import hashlib
import json
import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.form import state_of
from actions.lang import keeps_language, lang_of
from bot.dialogue.answers import nest
from bot.dialogue.render import render_chat, render_worker_chat
from bot.i18n import text
from bot.privacy import user_key
from bot.rules import FactError, check
from bot.store import consultations
from bot.store.db import run_db

logger = logging.getLogger(__name__)


async def log_verdict(tracker: Tracker, facts: dict, verdict: dict, messages: List[str], lang: str) -> None:
    """Every verdict given goes to the consultation log, off the event loop and with a short timeout:
    a slow or failing store never costs this user, or any other, the answer."""
    channel = tracker.get_latest_input_channel() or "rest"
    try:
        await run_db(consultations.record, channel=channel, verdict=verdict, facts=facts, language=lang,
                     user_hash=user_key(channel, tracker.sender_id), summary="\n".join(messages))
    except Exception:  # noqa: BLE001 — logged; the verdict is still sent
        logger.exception("could not store the consultation")


def verdict_on(tracker: Tracker, dispatcher: CollectingDispatcher, topic: str, lang: str) -> tuple[dict, dict] | None:
    """(facts, verdict) on the facts in the slots; None when the rules refuse a value the form let
    through, after saying which."""
    try:
        facts = nest(state_of(tracker).facts, topic)
        return facts, check(facts, lang=lang)
    except FactError as exc:
        dispatcher.utter_message(text=text(exc.reason, lang, exc.params))
        return None


class ActionGiveVerdict(Action):
    def name(self) -> Text:
        return "action_give_verdict"

    @keeps_language
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        lang = lang_of(tracker)
        topic = tracker.get_slot("topic") or "midlevel"
        checked = verdict_on(tracker, dispatcher, topic, lang)
        if checked is None:
            return []
        facts, verdict = checked
        perspective = tracker.get_slot("perspective")
        said = verdict_digest(facts, perspective, lang)
        if said == tracker.get_slot("last_verdict"):  # a follow-up that changed nothing: not the whole verdict again
            dispatcher.utter_message(text=text("chat.verdict_unchanged", lang, {"summary": verdict["summary"]}),
                                     buttons=self.buttons(tracker, topic, lang))
            return []
        worker = perspective == "worker" and topic == "midlevel"
        messages = render_worker_chat(verdict) if worker else render_chat(verdict, perspective)
        await log_verdict(tracker, facts, verdict, messages, lang)
        for message in messages[:-1]:
            dispatcher.utter_message(text=message)
        dispatcher.utter_message(text=messages[-1], buttons=self.buttons(tracker, topic, lang))
        return [SlotSet("last_verdict", said)]

    @staticmethod
    def buttons(tracker: Tracker, topic: str, lang: str) -> List[Dict[str, str]]:
        buttons = []
        if topic == "midlevel" and tracker.get_slot("perspective") == "worker":  # the short verdict: the rest on request
            buttons.append({"title": text("chat.button.details", lang), "payload": "/more_details"})
        if topic == "midlevel":
            buttons.append({"title": text("chat.button.documents", lang), "payload": "/faq_documents"})
        previous = tracker.get_slot("previous_topic")
        if previous and previous != topic:
            buttons.append({"title": text("chat.button.resume", lang, {"topic": text(f"topic.{previous}", lang)}),
                            "payload": "/resume"})
        buttons.append({"title": text("chat.button.restart", lang), "payload": "/start_over"})
        return buttons


def verdict_digest(facts: dict, perspective: str | None, lang: str) -> str:
    """What a verdict was given on: the same facts, speaker and language give the same digest."""
    return hashlib.sha256(json.dumps([facts, perspective, lang], sort_keys=True, default=str).encode()).hexdigest()[:16]


class ActionVerdictDetails(Action):
    """"More details" under a worker's short verdict: every condition, what would change it, the notes,
    the contacts and all the sources, on the same facts."""

    def name(self) -> Text:
        return "action_verdict_details"

    @keeps_language
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        lang = lang_of(tracker)
        checked = verdict_on(tracker, dispatcher, tracker.get_slot("topic") or "midlevel", lang)
        if checked is None:
            return []
        for message in render_chat(checked[1], tracker.get_slot("perspective")):
            dispatcher.utter_message(text=message)
        return []
