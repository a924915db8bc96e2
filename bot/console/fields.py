"""The facts form: one field per fact of the registry (bot.rules.registry), labelled from the
catalog and tagged with the topics whose rules read it, so the console shows the topic's fields."""
from __future__ import annotations

from typing import Any

from bot.dialogue.answers import label
from bot.i18n import text
from bot.rules import registry
from bot.rules.parameters import default_parameters


def fact_fields(lang: str) -> list[dict]:
    fields = []
    regions = default_parameters().regions
    for f in registry.facts().values():
        fact, part = f.id, f.part
        field: dict[str, Any] = {"fact": fact, "part": part, "label": text(f"fact.{fact}", lang),
                                 "id": "f-" + fact.replace(".", "-"), "topics": " ".join(f.topics)}
        if f.kind == "choice":
            field["kind"] = "select"
            field["options"] = [(str(o), label(fact, o, lang) or str(o)) for o in f.choices]
        elif f.kind == "yes_no":
            field["kind"] = "select"
            field["options"] = [("true", text("word.yes", lang)), ("false", text("word.no", lang))]
        elif f.numeric:
            field["kind"] = "number"
            field["step"] = "1" if f.integral else "any"
        elif f.kind == "region":
            field["kind"] = "region"
            field["options"] = [(r, r) for r in regions]
        else:
            field["kind"] = "text"
        fields.append(field)
    return fields
