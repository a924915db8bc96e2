"""The interview: one form whose next question is the first fact the rules still miss.

Everything a user may say inside the interview is read here (answers, several facts at once,
不知道, corrections, a switch of topic and the way back, an FAQ); only leaving (start_over, goodbye)
falls through to the rules in data/rules.yml.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.facts import (DEFAULT_ROLE_FACT, ENTITY_KINDS, FACT_SLOTS, coerce, fact_of, facts_from_slots,
                           evaluate, implausible, kind_of, read_answer, slot_of)
from actions.conversation import say_language
from actions.lang import lang_of
from bot.faq import FAQ_INTENTS, answer_faq
from bot.i18n import format_value, text
from bot.rules import check

TOPIC_INTENTS = {"ask_midlevel": ("midlevel", "employer"), "ask_midlevel_worker": ("midlevel", "worker"),
                 "ask_grants": ("grants", None), "ask_training": ("training", None)}
LEAVE_INTENTS = {"start_over", "goodbye"}
MAX_MISSES = 2  # after this many answers not understood, the question is skipped: the bot never loops


def infer_topic(slots: dict) -> Optional[str]:
    """A first message full of facts, with no topic named: guess it from which facts they are."""
    if any(slots.get(s) is not None for s in FACT_SLOTS if s.startswith("worker_")):
        return "midlevel"
    if slots.get("training_class_type") is not None:
        return "training"
    if slots.get("project_target") is not None:
        return "grants"
    return None


# A worker seldom knows the employer's allocation or headcounts: those stay for the employer to check.
WORKER_ASKS_COMPANY = {"company.industry", "company.region"}


def next_question(slots: dict, topic: Optional[str], skipped: List[str],
                  missing: Optional[List[str]] = None) -> Optional[str]:
    """The slot to ask next, or None when the verdict has everything it can get."""
    if topic is None:
        return "topic"
    if missing is None:
        missing = check(facts_from_slots(slots, topic))["missing"]
    if topic == "midlevel" and slots.get("perspective") == "worker":
        missing = [f for f in missing if not f.startswith("company.") or f in WORKER_ASKS_COMPANY]
    return next((slot_of(f) for f in missing if f not in skipped), None)


def last_filled(tracker: Tracker, candidates: set) -> Optional[str]:
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") in candidates and event.get("value") is not None:
            return event["name"]
    return None


class ValidateAdvisorForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_advisor_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        lang = lang_of(tracker)
        say = lambda key, **params: dispatcher.utter_message(text=text(key, lang, params))  # noqa: E731
        slots: Dict[str, Any] = dict(tracker.slots)
        updates: Dict[str, Any] = {}
        entities = message.get("entities") or []
        just_set = {k: coerce(k, v) for k, v in tracker.slots_to_validate().items() if fact_of(k)}
        requested = slots.get("requested_slot")
        requested_fact = fact_of(requested) if requested else None
        skipped = list(slots.get("skipped_facts") or [])
        understood = bool(just_set)
        answer = None
        if requested_fact and requested not in just_set and intent not in {*TOPIC_INTENTS, "resume", "dont_know", "correct", "set_language"}:
            answer = read_answer(requested_fact, message.get("text") or "", entities, intent, lang)
            if not answer[0] or intent in FAQ_INTENTS and kind_of(requested_fact) != "number":
                answer = None  # "40" is an answer even if it looked like goodbye; a question stays a question
        if intent in LEAVE_INTENTS and answer is None:
            # Rejected (only the requested slot is set): the rules for start_over and goodbye take over.
            # When the form resumes after them, the same call names the question to ask again.
            return [SlotSet("requested_slot", next_question(slots, slots.get("topic"), skipped))]
        updates.update({k: v for k, v in just_set.items() if v != slots.get(k)})  # typed values back
        slots.update(just_set)

        if intent in TOPIC_INTENTS:
            topic, perspective = TOPIC_INTENTS[intent]
            if slots.get("topic") and slots["topic"] != topic:
                updates["previous_topic"] = slots["topic"]
                say("chat.topic_switched", topic=text(f"topic.{topic}", lang), back=text(f"topic.{slots['topic']}", lang))
            updates["topic"] = topic
            if perspective:
                updates["perspective"] = perspective
            understood = True
        elif intent == "resume":
            if slots.get("previous_topic"):
                updates.update(topic=slots["previous_topic"], previous_topic=slots.get("topic"))
                say("chat.resumed", topic=text(f"topic.{slots['previous_topic']}", lang))
            understood = True
        elif intent == "dont_know" and requested_fact:
            skipped.append(requested_fact)
            updates["skipped_facts"] = skipped
            say("chat.skipped")
            understood = True
        elif intent == "correct":
            understood |= self._correct(tracker, entities, requested, updates, lang, say)
        elif answer is not None:
            updates[requested] = answer[1]
            understood = True
        elif intent == "set_language":
            say_language(dispatcher, tracker)  # the question is asked again, in the new language
            understood = True
        elif intent in FAQ_INTENTS:
            for line in answer_faq(intent, lang, region=slots.get("company_region"))["messages"]:
                dispatcher.utter_message(text=line)
            understood = True

        self._fill_defaults(entities, requested_fact, slots, updates)
        self._reject_implausible({**just_set, **{k: v for k, v in updates.items() if fact_of(k)}}, updates, lang, say)

        merged = {**slots, **updates}
        topic = merged.get("topic") or infer_topic(merged)
        if topic and not merged.get("topic"):
            updates["topic"] = topic
        verdict, error = evaluate(facts_from_slots(merged, topic))
        if error is not None and fact_of(slot_of(error.field)):
            say(error.reason, **error.params)
            updates[slot_of(error.field)] = None
            merged[slot_of(error.field)] = None
            verdict = None  # evaluated again below, without the refused value

        if understood or not requested:
            updates["misses"] = 0
        else:
            misses = int(slots.get("misses") or 0) + 1
            if misses >= MAX_MISSES and requested_fact:
                skipped.append(requested_fact)
                updates["skipped_facts"] = skipped
                say("chat.skip_after_misses")
                misses = 0
            else:
                say("chat.not_understood")
            updates["misses"] = misses

        # The misses and skips above change no fact, so the verdict above still holds.
        missing = verdict["missing"] if verdict is not None and topic else None
        nxt = next_question({**slots, **updates}, topic, skipped, missing)
        return [SlotSet(k, v) for k, v in updates.items()] + [SlotSet("requested_slot", nxt)]

    @staticmethod
    def _correct(tracker, entities, requested, updates, lang, say) -> bool:
        """"不對，是80人": the number goes to the fact of its kind that was filled last."""
        for entity in entities:
            if entity.get("role"):
                return True  # a role says which fact: the slot mapping already set it
            candidates = {slot_of(f) for f, kinds in ENTITY_KINDS.items() if entity.get("entity") in kinds}
            slot = last_filled(tracker, candidates) or (requested if requested in candidates else None)
            if slot:
                updates[slot] = entity["value"]
                say("chat.corrected", fact=text(f"fact.{fact_of(slot)}", lang),
                    value=format_value(entity["value"], lang))
                return True
        return False

    @staticmethod
    def _fill_defaults(entities, requested_fact, slots, updates) -> None:
        """A quantity with no word saying which fact, and not the one asked: its usual fact, if still empty."""
        asked_kinds = ENTITY_KINDS.get(requested_fact, set()) if requested_fact else set()
        for entity in entities:
            kind = entity.get("entity")
            if entity.get("role") or kind not in DEFAULT_ROLE_FACT or kind in asked_kinds:
                continue
            slot = slot_of(DEFAULT_ROLE_FACT[kind])
            if slots.get(slot) is None and slot not in updates:
                updates[slot] = entity["value"]

    @staticmethod
    def _reject_implausible(values: dict, updates: dict, lang: str, say) -> None:
        for slot, value in values.items():
            fact = fact_of(slot)
            if fact and value is not None and implausible(fact, value):
                updates[slot] = None
                say("chat.implausible", fact=text(f"fact.{fact}", lang), value=format_value(value, lang))
