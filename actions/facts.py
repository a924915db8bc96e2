"""Slots ↔ rule facts, and turning one chat answer into a fact value. No dialogue logic here."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.interview import parse_answer, yes_no
from bot.nlu.extract import bare_number
from bot.rules import FactError, check
from bot.rules.facts import fact_specs, normalise_region

PLAUSIBLE = yaml.safe_load((Path(__file__).with_name("plausibility.yaml")).read_text(encoding="utf-8"))
DEFAULT_LANG = "zh-TW"
# The fact a quantity fills when no word around it says which one, and nothing was asked.
DEFAULT_ROLE_FACT = {"years": "worker.continuous_years", "money": "worker.monthly_wage", "hours": "worker.training_hours"}


def slot_of(fact: str) -> str:
    return fact.replace(".", "_", 1)


def fact_of(slot: str) -> str | None:
    part, _, name = slot.partition("_")
    fact = f"{part}.{name}"
    return fact if fact in fact_specs() else None


FACT_SLOTS = [slot_of(f) for f in fact_specs()]


def kind_of(fact: str) -> str:
    """number / boolean / choice / text: how an answer to this fact is read."""
    spec = fact_specs()[fact]
    if "enum" in spec:
        return "choice"
    types = spec.get("type", [])
    if "boolean" in types:
        return "boolean"
    if "integer" in types or "number" in types:
        return "number"
    return "text"


ENTITY_KINDS = {  # which entity kinds can answer which fact
    "worker.monthly_wage": {"money"}, "worker.annual_wage": {"money"}, "company.paid_in_capital": {"money"},
    "training.cost": {"money"}, "worker.continuous_years": {"years"}, "worker.years_with_employer": {"years"},
    "worker.cumulative_years": {"years"}, "worker.training_hours": {"hours"}, "worker.self_training_hours": {"hours"},
    "company.employees": {"count"}, "company.migrant_allocation": {"count"}, "company.migrant_workers": {"count"},
    "company.midlevel_workers": {"count"}, "company.foreign_professionals": {"count"},
    "worker.occupation_group": {"occupation_group"}, "company.industry": {"industry"}, "project.target": {"target"},
    "training.class_type": {"class_type"}, "company.region": {"region"}, "training.region": {"region"},
}


def facts_from_slots(slots: dict, topic: str | None) -> dict:
    """The rule module's input, from the tracker's slots."""
    facts: dict[str, Any] = {"topic": topic or "midlevel"}
    for fact in fact_specs():
        value = slots.get(slot_of(fact))
        if value is not None:
            part, name = fact.split(".")
            facts.setdefault(part, {})[name] = value
    return facts


def read_answer(fact: str, text: str, entities: list[dict], intent: str | None,
                lang: str = DEFAULT_LANG) -> tuple[bool, Any]:
    """(understood, value) for an answer to the question about ``fact``."""
    kind = kind_of(fact)
    wanted = ENTITY_KINDS.get(fact, set())
    for entity in entities:
        if entity.get("entity") in wanted:
            return True, typed_value(fact, entity["value"])
    if kind == "boolean":
        if intent in ("affirm", "deny"):
            return True, intent == "affirm"
        value = yes_no(text)
        return (value is not None), value
    if kind == "number":
        value = bare_number(text)
        return (value is not None), (typed_value(fact, value) if value is not None else None)
    if kind == "choice" and intent == "deny" and "none" in fact_specs()[fact].get("enum", []):
        return True, "none"
    if kind == "text" and fact.endswith("region"):
        try:
            return True, normalise_region(text, fact)
        except FactError:
            return False, None
    ok, value, _ = parse_answer(fact, text, lang)
    return ok, value


def typed_value(fact: str, value: Any) -> Any:
    """Values as the rules take them: button payloads arrive as text ("7"), numbers as floats."""
    spec = fact_specs()[fact]
    types = spec.get("type", [])
    if isinstance(value, str) and ("integer" in types or "number" in types or
                                   any(isinstance(o, int) for o in spec.get("enum", []))):
        try:
            value = float(value)
        except ValueError:
            return value
    if isinstance(value, float) and value.is_integer() and (
            "integer" in types or any(isinstance(o, int) for o in spec.get("enum", []))):
        return int(value)
    return value


def coerce(slot: str, value: Any) -> Any:
    fact = fact_of(slot)
    return typed_value(fact, value) if fact and value is not None else value


def implausible(fact: str, value: Any) -> bool:
    bounds = PLAUSIBLE.get(fact)
    if bounds is None or not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    return not bounds["min"] <= value <= bounds["max"]


def evaluate(facts: dict) -> tuple[dict | None, FactError | None]:
    """(verdict, None), or (None, error) when a fact is one the rules refuse."""
    try:
        return check(facts), None
    except FactError as exc:
        return None, exc

