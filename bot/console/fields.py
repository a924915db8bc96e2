"""The facts form: one field per rule fact, labelled from the catalog, tagged with the topics whose
rules read it, so the console shows only the fields of the topic in hand."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.console.readable import ENUM_PREFIX
from bot.i18n import catalog, text
from bot.rules import facts as rule_facts
from bot.rules.facts import TOPICS, fact_specs
from bot.rules.parameters import default_parameters

RULES_DIR = Path(rule_facts.__file__).resolve().parent


@lru_cache(maxsize=1)
def fact_topics() -> dict[str, tuple[str, ...]]:
    """fact → the topics whose rules read it: from the facts registry when it says so, else from
    the rule modules' own text (each names the facts it reads)."""
    registry = getattr(rule_facts, "fact_topics", None)
    if callable(registry):
        return {fact: tuple(topics) for fact, topics in registry().items()}
    out: dict[str, list[str]] = {fact: [] for fact in fact_specs()}
    for topic in TOPICS:
        source = (RULES_DIR / f"{topic}.py").read_text(encoding="utf-8")
        for fact in fact_specs():
            part, name = fact.split(".")
            if re.search(rf'"{re.escape(fact)}"|\bf\.{part}\.{name}\b', source):
                out[fact].append(topic)
    return {fact: tuple(topics) for fact, topics in out.items()}


def fact_fields(lang: str) -> list[dict]:
    fields = []
    regions = default_parameters().regions
    for fact, spec in fact_specs().items():
        part = fact.split(".")[0]
        field: dict[str, Any] = {"fact": fact, "part": part, "label": text(f"fact.{fact}", lang),
                                 "id": "f-" + fact.replace(".", "-"), "topics": " ".join(fact_topics()[fact])}
        types = spec.get("type", [])
        if "enum" in spec:
            prefix = ENUM_PREFIX.get(fact)
            options = [o for o in spec["enum"] if o is not None]
            field["kind"] = "select"
            field["options"] = [(str(o), text(f"{prefix}.{o}", lang) if prefix and f"{prefix}.{o}" in catalog(lang)
                                 else str(o)) for o in options]
        elif "boolean" in types:
            field["kind"] = "select"
            field["options"] = [("true", text("word.yes", lang)), ("false", text("word.no", lang))]
        elif "integer" in types or "number" in types:
            field["kind"] = "number"
            field["step"] = "1" if "integer" in types else "any"
        elif fact.endswith("region"):
            field["kind"] = "region"
            field["options"] = [(r, r) for r in regions]
        else:
            field["kind"] = "text"
        fields.append(field)
    return fields
