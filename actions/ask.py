"""`action_ask_<slot>`: the question for a fact, from the catalog, with buttons where choices are few."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.facts import FACT_SLOTS, fact_of, fact_specs, kind_of
from actions.lang import lang_of
from bot.i18n import catalog, text

# Choice facts answered by an entity in the button payload (the slot mapping fills the fact).
CHOICE_ENTITY = {"company.industry": ("industry", "industry"), "project.target": ("target", "target"),
                 "training.class_type": ("class_type", "class_type"), "worker.taiwan_degree": ("degree", "degree"),
                 "worker.occupation_group": ("occupation_group", "occupation")}


def buttons_for(fact: str, lang: str) -> List[Dict[str, str]]:
    kind = kind_of(fact)
    if kind == "boolean":
        buttons = [{"title": text("word.yes", lang), "payload": "/affirm"},
                   {"title": text("word.no", lang), "payload": "/deny"}]
    elif kind == "choice" and fact in CHOICE_ENTITY:
        entity, prefix = CHOICE_ENTITY[fact]
        options = [o for o in fact_specs()[fact]["enum"] if o is not None]
        if fact == "worker.occupation_group":
            options = [7, 8, 9]
        buttons = [{"title": text(f"{prefix}.{o}", lang), "payload": f'/inform{{"{entity}":"{o}"}}'} for o in options]
    else:
        buttons = []
    return buttons + [{"title": text("chat.button.dont_know", lang), "payload": "/dont_know"}]


def question(fact: str, lang: str, perspective: str | None) -> str:
    self_key = f"question_self.{fact}"
    if perspective == "worker" and self_key in catalog(lang):
        return text(self_key, lang)
    return text(f"question.{fact}", lang)


class AskFact(Action):
    """Base of the generated `action_ask_<slot>` actions."""

    slot = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        lang = lang_of(tracker)
        fact = fact_of(self.slot)
        dispatcher.utter_message(text=question(fact, lang, tracker.get_slot("perspective")),
                                 buttons=buttons_for(fact, lang))
        return []


class AskTopic(Action):
    def name(self) -> Text:
        return "action_ask_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        lang = lang_of(tracker)
        dispatcher.utter_message(text=text("chat.ask_topic", lang), buttons=topic_buttons(lang))
        return []


def topic_buttons(lang: str) -> List[Dict[str, str]]:
    return [{"title": text(f"chat.button.{t}", lang), "payload": f"/{t}"}
            for t in ("ask_midlevel", "ask_midlevel_worker", "ask_grants", "ask_training", "faq_contacts",
                      "set_language")]


# One class per fact slot, so the form finds `action_ask_<slot>` for every question it may ask.
for _slot in FACT_SLOTS:
    globals()[f"Ask_{_slot}"] = type(f"Ask_{_slot}", (AskFact,), {"slot": _slot})
