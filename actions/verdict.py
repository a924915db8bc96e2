"""`action_give_verdict`: the rules' verdict on the facts collected, rendered for chat."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.facts import facts_from_slots
from actions.lang import lang_of
from bot.i18n import text
from bot.render import render_chat
from bot.rules import FactError, check


class ActionGiveVerdict(Action):
    def name(self) -> Text:
        return "action_give_verdict"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        lang = lang_of(tracker)
        topic = tracker.get_slot("topic") or "midlevel"
        try:
            verdict = check(facts_from_slots(tracker.slots, topic), lang=lang)
        except FactError as exc:  # a value the form let through and the rules refuse: say which
            dispatcher.utter_message(text=text(exc.reason, lang, exc.params))
            return []
        messages = render_chat(verdict, tracker.get_slot("perspective"))
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
