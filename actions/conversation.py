"""Small talk and way-finding: greeting, menu, FAQ outside the interview, fallback, restart."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.ask import topic_buttons
from actions.lang import lang_of
from bot.faq import answer_faq
from bot.i18n import text


class ActionGreet(Action):
    def name(self) -> Text:
        return "action_greet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        lang = lang_of(tracker)
        dispatcher.utter_message(text=text("chat.greet", lang), buttons=topic_buttons(lang))
        return []


class ActionMenu(Action):
    """A yes, no or 不知道 with no question open: offer what the advisor can do."""

    def name(self) -> Text:
        return "action_menu"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        lang = lang_of(tracker)
        dispatcher.utter_message(text=text("chat.menu", lang), buttons=topic_buttons(lang))
        return []


class ActionGoodbye(Action):
    def name(self) -> Text:
        return "action_goodbye"

    async def run(self, dispatcher, tracker, domain) -> List:
        dispatcher.utter_message(text=text("chat.goodbye", lang_of(tracker)))
        return []


class ActionThanks(Action):
    def name(self) -> Text:
        return "action_thanks"

    async def run(self, dispatcher, tracker, domain) -> List:
        dispatcher.utter_message(text=text("chat.thanks", lang_of(tracker)))
        return []


class ActionOutOfScope(Action):
    def name(self) -> Text:
        return "action_out_of_scope"

    async def run(self, dispatcher, tracker, domain) -> List:
        lang = lang_of(tracker)
        dispatcher.utter_message(text=text("chat.out_of_scope", lang), buttons=topic_buttons(lang))
        return []


class ActionFallback(Action):
    """Says what the advisor can do; a second miss in a row adds the hotline, so it never loops."""

    def name(self) -> Text:
        return "action_fallback"

    async def run(self, dispatcher, tracker, domain) -> List:
        lang = lang_of(tracker)
        misses = int(tracker.get_slot("misses") or 0) + 1
        key = "chat.fallback_again" if misses >= 2 else "chat.fallback"
        dispatcher.utter_message(text=text(key, lang), buttons=topic_buttons(lang))
        return [SlotSet("misses", 0 if misses >= 2 else misses)]


class ActionAnswerFaq(Action):
    def name(self) -> Text:
        return "action_answer_faq"

    async def run(self, dispatcher, tracker, domain) -> List:
        lang = lang_of(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        answer = answer_faq(intent, lang, region=tracker.get_slot("company_region"))
        for message in answer["messages"]:
            dispatcher.utter_message(text=message)
        return [SlotSet("misses", 0)]


class ActionRestartAdvisor(Action):
    def name(self) -> Text:
        return "action_restart_advisor"

    async def run(self, dispatcher, tracker, domain) -> List:
        lang = lang_of(tracker)
        dispatcher.utter_message(text=text("chat.restarted", lang), buttons=topic_buttons(lang))
        return [Restarted()]
