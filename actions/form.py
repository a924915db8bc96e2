"""The interview form's validation: slots in, ``bot.dialogue.step`` on the latest message, slots out.

All reading and deciding is in the step; this adapter only maps the tracker to the step's state and
its turn back to slot events and messages. Leaving (start_over, goodbye) falls through to the rules
in data/rules.yml.
"""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.lang import keeps_language, lang_of, language_entity
from bot.dialogue.step import Incoming, State, Turn, step
from bot.rules import registry

# Slots the interview keeps besides the facts (State field → slot).
CONTROL_SLOTS = {"topic": "topic", "previous_topic": "previous_topic", "perspective": "perspective",
                 "skipped": "skipped_facts", "misses": "misses"}
PSEUDO_QUESTIONS = ("topic", "perspective")  # asked like facts, kept in their own slots


def state_of(tracker: Tracker) -> State:
    """The interview's state from the tracker's slots and, for the order facts were set, its events."""
    slots = tracker.slots
    requested = slots.get("requested_slot")
    asked = registry.by_slot(requested) if requested else None
    recent: List[str] = []
    for event in tracker.events:
        fact = registry.by_slot(event.get("name") or "") if event.get("event") == "slot" else None
        if fact is not None and event.get("value") is not None:
            recent = [f for f in recent if f != fact.id] + [fact.id]
    return State(facts={f.id: slots.get(f.slot) for f in registry.facts().values() if slots.get(f.slot) is not None},
                 topic=slots.get("topic"), previous_topic=slots.get("previous_topic"),
                 perspective=slots.get("perspective"),
                 asking=asked.id if asked else (requested if requested in PSEUDO_QUESTIONS else None),
                 skipped=list(slots.get("skipped_facts") or []), misses=int(slots.get("misses") or 0),
                 lang=lang_of(tracker), recent=recent)


def incoming(tracker: Tracker) -> Incoming:
    message = tracker.latest_message or {}
    return Incoming(text=message.get("text") or "", intent=(message.get("intent") or {}).get("name"),
                    entities=list(message.get("entities") or []),
                    language_named=language_entity(message)[0] is not None)


def slot_events(before: State, turn: Turn) -> List[EventType]:
    after = turn.state
    events = [SlotSet(registry.fact(fid).slot, value) for fid, value in turn.changed.items()]
    events += [SlotSet(registry.fact(fid).slot, after.facts.get(fid)) for fid in set(before.facts) - set(turn.changed)
               if after.facts.get(fid) != before.facts.get(fid)]
    events += [SlotSet(slot, getattr(after, name)) for name, slot in CONTROL_SLOTS.items()
               if getattr(after, name) != getattr(before, name)]
    asking = turn.asking
    return events + [SlotSet("requested_slot", registry.fact(asking).slot if registry.fact(asking) else asking)]


class ValidateAdvisorForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_advisor_form"

    @keeps_language
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        before = state_of(tracker)
        turn = step(before, incoming(tracker))
        if turn.leave:  # only the requested slot: the rules for start_over and goodbye take over
            return slot_events(before, Turn(before, {}, [], turn.asking))
        for reply in turn.replies + [q for q in [turn.question()] if q is not None]:
            dispatcher.utter_message(text=reply.text, buttons=reply.buttons)
        # The next question is asked here, not by an `action_ask_<slot>`: one call to the action server a turn.
        # Always one slot besides requested_slot: a form whose validation sets none is rejected by Rasa,
        # and a message the step handled without a fact (resume, an FAQ, 謝謝) would fall to the rules.
        return [*slot_events(before, turn), SlotSet("misses", turn.state.misses)]

