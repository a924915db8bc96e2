"""`action_ask_<slot>`: the question for a fact (bot.dialogue.questions), with its buttons."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.lang import keeps_language, lang_of
from bot.dialogue.questions import buttons, question
from bot.rules import registry


class AskFact(Action):
    """Base of the generated `action_ask_<slot>` actions; `fact` is a fact id, "topic" or "perspective"."""

    slot = ""
    fact = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    @keeps_language
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List:
        lang = lang_of(tracker)
        dispatcher.utter_message(text=question(self.fact, lang, tracker.get_slot("perspective")),
                                 buttons=buttons(self.fact, lang))
        return []


# One class per question the form may ask, so it finds `action_ask_<slot>` for each.
for _slot, _fact in [("topic", "topic"), ("perspective", "perspective"),
                     *((f.slot, f.id) for f in registry.facts().values())]:
    globals()[f"Ask_{_slot}"] = type(f"Ask_{_slot}", (AskFact,), {"slot": _slot, "fact": _fact})
