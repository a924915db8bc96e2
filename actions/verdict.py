"""`action_give_verdict`: the rules' verdict on the facts collected, rendered for chat."""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.form import state_of
from actions.lang import lang_of
from bot.dialogue.answers import nest
from bot.i18n import text
from bot.privacy import user_key
from bot.render import render_chat
from bot.rules import FactError, check
from bot.store import consultations

logger = logging.getLogger(__name__)


def log_verdict(tracker: Tracker, facts: dict, verdict: dict, messages: List[str], lang: str) -> None:
    """Every verdict given goes to the consultation log; a failing store never costs the user the answer."""
    channel = tracker.get_latest_input_channel() or "rest"
    try:
        consultations.record(channel=channel, verdict=verdict, facts=facts, language=lang,
                             user_hash=user_key(channel, tracker.sender_id), summary="\n".join(messages))
    except Exception:  # noqa: BLE001 — logged; the verdict is still sent
        logger.exception("could not store the consultation")


class ActionGiveVerdict(Action):
    def name(self) -> Text:
        return "action_give_verdict"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        lang = lang_of(tracker)
        topic = tracker.get_slot("topic") or "midlevel"
        try:
            facts = nest(state_of(tracker).facts, topic)
            verdict = check(facts, lang=lang)
        except FactError as exc:  # a value the form let through and the rules refuse: say which
            dispatcher.utter_message(text=text(exc.reason, lang, exc.params))
            return []
        messages = render_chat(verdict, tracker.get_slot("perspective"))
        log_verdict(tracker, facts, verdict, messages, lang)
        buttons = []
        if topic == "midlevel":
            buttons.append({"title": text("chat.button.documents", lang), "payload": "/faq_documents"})
        previous = tracker.get_slot("previous_topic")
        if previous and previous != topic:
            buttons.append({"title": text("chat.button.resume", lang, {"topic": text(f"topic.{previous}", lang)}),
                            "payload": "/resume"})
        buttons.append({"title": text("chat.button.restart", lang), "payload": "/start_over"})
        for message in messages[:-1]:
            dispatcher.utter_message(text=message)
        dispatcher.utter_message(text=messages[-1], buttons=buttons)
        return []
