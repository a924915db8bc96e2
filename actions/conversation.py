"""Small talk and way-finding: greeting, menu, FAQ outside the interview, fallback, starting over."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.form import incoming, slot_events, state_of
from actions.lang import LANGUAGE_SLOTS, keeps_language, lang_of, language_entity
from bot.dialogue.faq import answer_faq
from bot.dialogue.questions import clarify, language_reply, topic_buttons
from bot.dialogue.step import TOPIC_INTENTS, fact_text, is_question, step
from bot.i18n import text
from bot.rules import registry


class Say(Action):
    """Says one catalog text, with the topic menu when `menu` is set."""

    action = ""
    key = ""
    menu = False

    def name(self) -> Text:
        return self.action

    def events(self, tracker: Tracker) -> List[Dict[Text, Any]]:
        return []

    @keeps_language
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        lang = lang_of(tracker)
        dispatcher.utter_message(text=text(self.key, lang), buttons=topic_buttons(lang) if self.menu else [])
        return self.events(tracker)


class ActionGreet(Say):
    action, key, menu = "action_greet", "chat.greet", True


def say_language(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Confirms the language just chosen, in that language (True); with none named, offers the choice."""
    named = language_entity(tracker.latest_message or {})[0] is not None
    reply, buttons = language_reply(named, lang_of(tracker))
    dispatcher.utter_message(text=reply, buttons=buttons)
    return named


class ActionSetLanguage(Action):
    def name(self) -> Text:
        return "action_set_language"

    @keeps_language
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        if say_language(dispatcher, tracker):
            lang = lang_of(tracker)
            dispatcher.utter_message(text=text("chat.ask_topic", lang), buttons=topic_buttons(lang))
        return []


class ActionMenu(Say):
    """A yes, no or 不知道 with no question open: offer what the advisor can do; unless, after a verdict, the
    message is about the case ("那月薪就是31500"), which the interview step takes."""

    action, key, menu = "action_menu", "chat.menu", True

    @keeps_language
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        handled = answered_by_step(dispatcher, tracker)
        if handled is not None:
            return handled
        return await Say.run.__wrapped__(self, dispatcher, tracker, domain)


class ActionGoodbye(Say):
    action, key = "action_goodbye", "chat.goodbye"


class ActionThanks(Say):
    action, key = "action_thanks", "chat.thanks"


class ActionOutOfScope(Say):
    action, key, menu = "action_out_of_scope", "chat.out_of_scope", True


class ActionReferProblem(Say):
    """Broker fees, deductions, changing employers, abuse: what 1955 can do, in the user's language."""

    action, key = "action_refer_problem", "chat.refer_1955"


class ActionRestartAdvisor(Say):
    action, key, menu = "action_restart_advisor", "chat.restarted", True

    def events(self, tracker: Tracker) -> List[Dict[Text, Any]]:
        return [Restarted()] + [SlotSet(slot, tracker.get_slot(slot)) for slot in LANGUAGE_SLOTS]  # keep the language


def facts_in(tracker: Tracker) -> Dict[str, Any]:
    """The facts a message gives, read as the interview would read them ("hello po, I'm a caregiver in a
    nursing home, can I…?" gives the industry even when what it asks is unclear)."""
    message = incoming(tracker)
    if not message.entities:
        return {}
    return step(replace(state_of(tracker), asking=None), replace(message, intent="inform")).changed


def answered_by_step(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]] | None:
    """A message taken for an FAQ or not understood may be about the case itself. After a verdict, a what-if
    ("如果薪水調到3萬6呢") gets the verdict with that value and what would change, the facts kept. A statement, first
    or later ("gaji saya total 22.700", an HR's "allocation of 75, 70 currently hired"), is taken, said back,
    and the interview goes on from it (or the verdict is given again). None otherwise."""
    state = replace(state_of(tracker), asking=None)
    request = request_in_a_tie(tracker)
    message = replace(incoming(tracker), intent=request)
    turn = step(state, message)
    if turn.what_if and state.topic and state.facts:
        for reply in turn.replies:
            dispatcher.utter_message(text=reply.text, buttons=reply.buttons)
        return []
    if not turn.changed or (is_question(message.text) and request is None):
        return None
    for reply in turn.replies if request else [r for r in turn.replies if r.text == turn.heard]:
        dispatcher.utter_message(text=reply.text, buttons=reply.buttons)
    facts = [e for e in slot_events(state, turn) if e["name"] != "requested_slot"]  # the form asks its own question
    return [*facts, FollowupAction("advisor_form" if turn.asking else "action_give_verdict")]


def request_in_a_tie(tracker: Tracker) -> str | None:
    """"Hi, HR here … 300 workers, quota 90. Can our Filipino worker with 9 years become mid-level?": a near tie
    between stating facts and asking for a check is the check, which reads the same facts; not a question back."""
    ranking = [r.get("name") for r in (tracker.latest_message or {}).get("intent_ranking") or []
               if r.get("name") != "nlu_fallback"][:2]
    request = next((name for name in ranking if name in TOPIC_INTENTS), None)
    return request if request is not None and set(ranking) <= {request, "inform"} else None


class ActionFallback(Action):
    """Asks which of the likeliest intents was meant (buttons), else says what the advisor can do; a
    second miss in a row adds the hotline, so it never loops."""

    def name(self) -> Text:
        return "action_fallback"

    @keeps_language
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        handled = answered_by_step(dispatcher, tracker)
        if handled is not None:
            return [SlotSet("misses", 0), *handled] if handled else [SlotSet("misses", 0), FollowupAction("action_listen")]
        lang = lang_of(tracker)
        kept = facts_in(tracker)  # what the message said is kept, whatever it asked
        if kept:
            noted = "・".join(fact_text(fid, value, lang) for fid, value in kept.items())
            dispatcher.utter_message(text=text("chat.heard", lang, {"facts": noted}))
        misses = int(tracker.get_slot("misses") or 0) + 1
        question = clarify((tracker.latest_message or {}).get("intent_ranking") or [], lang) if misses < 2 else None
        if question is not None:
            dispatcher.utter_message(text=question[0], buttons=question[1])
        else:
            key = "chat.fallback_again" if misses >= 2 else "chat.fallback"
            dispatcher.utter_message(text=text(key, lang), buttons=topic_buttons(lang))
        # as Rasa's core fallback (no policy sure of the next action) nothing else would end the turn
        return [*(SlotSet(registry.fact(fid).slot, value) for fid, value in kept.items()),
                SlotSet("misses", 0 if misses >= 2 else misses), FollowupAction("action_listen")]


class ActionAnswerFaq(Action):
    def name(self) -> Text:
        return "action_answer_faq"

    @keeps_language
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        handled = answered_by_step(dispatcher, tracker)
        if handled is not None:
            return [SlotSet("misses", 0), *handled]
        lang = lang_of(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        for message in answer_faq(intent, lang, region=tracker.get_slot("company_region"),
                                  message=tracker.latest_message.get("text") or "",
                                  industry=tracker.get_slot("company_industry"))["messages"]:
            dispatcher.utter_message(text=message)
        return [SlotSet("misses", 0)]
