"""The console's chat: what the operator types (the caller's words) fills facts, and the reply asks
the next fact the rules miss, the same reading as the chat assistant's form (actions.facts) and the
same rules, in process: no Rasa round trip while a caller waits.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from actions.facts import DEFAULT_ROLE_FACT, facts_from_slots, implausible, read_answer, slot_of
from bot.i18n import format_value, text
from bot.nlu.extract import extract
from bot.rules import FactError, check
from bot.rules.facts import fact_specs

DOMAIN = Path(__file__).resolve().parent.parent.parent / "domain.yml"


@lru_cache(maxsize=1)
def entity_facts() -> dict[tuple[str, str | None], str]:
    """(entity, role) → fact, from the domain's slot mappings: one source for chat and console."""
    slots = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["slots"]
    out = {}
    for slot, spec in slots.items():
        for mapping in spec.get("mappings") or []:
            if mapping.get("type") == "from_entity":
                fact = slot.replace("_", ".", 1)
                if fact in fact_specs():
                    out.setdefault((mapping["entity"], mapping.get("role")), fact)
    return out


def nest(flat: dict[str, Any], topic: str, as_of: str | None) -> dict:
    facts = facts_from_slots({slot_of(f): v for f, v in flat.items() if f in fact_specs()}, topic)
    if as_of:
        facts["as_of"] = as_of
    return facts


def chat_step(flat: dict[str, Any], topic: str, as_of: str | None, requested: str | None, message: str,
              lang: str) -> dict:
    """One operator message: {facts (flat), replies, requested, filled}."""
    found = extract(message)
    entities = [{"entity": f.kind, "value": f.value, **({"role": f.role} if f.role else {})} for f in found]
    filled: dict[str, Any] = {}
    replies: list[str] = []
    for entity in entities:
        fact = entity_facts().get((entity["entity"], entity.get("role")))
        if fact and entity.get("role"):
            filled[fact] = entity["value"]
    if requested and requested not in filled:
        understood, value = read_answer(requested, message, entities, None, lang)
        if understood:
            filled[requested] = value
    for entity in entities:  # a quantity with no word saying which fact: its usual fact, if still empty
        fact = entity_facts().get((entity["entity"], None)) or DEFAULT_ROLE_FACT.get(entity["entity"])
        if fact and fact not in filled and flat.get(fact) is None and not entity.get("role"):
            filled[fact] = entity["value"]
    for fact, value in list(filled.items()):
        if implausible(fact, value):
            replies.append(text("chat.implausible", lang, {"fact": text(f"fact.{fact}", lang),
                                                            "value": format_value(value, lang)}))
            del filled[fact]
    merged = {**flat, **filled}
    try:
        verdict = check(nest(merged, topic, as_of), lang=lang)
    except FactError as exc:
        replies.append(text(exc.reason, lang, exc.params))
        merged = flat
        verdict = check(nest(merged, topic, as_of), lang=lang)
    if not filled and not replies:
        replies.append(text("chat.not_understood", lang))
    nxt = verdict["missing"][0] if verdict["missing"] else None
    replies.append(verdict["missing_questions"][0] if nxt else verdict["summary"])
    return {"facts": merged, "filled": filled, "replies": replies, "requested": nxt, "verdict": verdict}
