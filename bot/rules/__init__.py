"""The rule module: facts in, sourced and dated verdict out. Pure Python; no Rasa import.

    from bot.rules import check
    check({"topic": "midlevel", "worker": {"monthly_wage": 34000}}, lang="en")

The chat's actions, the ``advisor`` CLI and the staff console all call these functions.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from . import grants, midlevel, training
from .facts import FactError, Facts, parse_facts
from .output import verdict_to_dict
from .parameters import NotInForce, Parameters, default_parameters
from .result import Verdict

EVALUATORS = {"midlevel": midlevel.evaluate, "grants": grants.evaluate, "training": training.evaluate}

__all__ = ["check", "evaluate", "parse_facts", "verdict_to_dict", "Facts", "FactError", "NotInForce", "Verdict"]


def evaluate(facts: Facts | dict, params: Parameters | None = None, today: dt.date | None = None) -> Verdict:
    """Evaluate parsed facts (or raw input, parsed first). Raises FactError or NotInForce."""
    if not isinstance(facts, Facts):
        facts = parse_facts(facts, today=today)
    try:
        return EVALUATORS[facts.topic](facts, params or default_parameters())
    except NotInForce as exc:
        raise FactError("as_of", "error.not_in_force", first=exc.first.isoformat(), as_of=exc.as_of.isoformat()) from exc


def check(raw: Any, lang: str = "zh-TW", today: dt.date | None = None) -> dict:
    """The `advisor check --json` contract as a function: raw facts in, verdict dict out."""
    return verdict_to_dict(evaluate(raw, today=today), lang)
