"""`advisor understand --jsonl`: what the advisor understands from a message, as a stable contract.

One JSON object per input line: {"message", "facts" (flat "worker.monthly_wage": … or nested as for
`advisor check`), "asking" (a fact id or null), "lang", optional "topic" and "perspective"}. One per
output line: {"intent", "language", "facts" (after the message), "changed", "what_if", "ignored",
"heard", "asking"}. The model is loaded once; each message goes through the trained NLU and the same
interview step as the chat, so what this says is what the chat does.
"""
from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, Callable, Iterable, TextIO

from bot.dialogue.step import Incoming, State, step
from bot.i18n import LANGS, normalise_lang
from bot.rules import registry
from bot.settings import MODELS

Parse = Callable[[str], dict]


class InputError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def rasa_parser(model: Path = MODELS / "advisor.tar.gz") -> Parse:
    """The trained model's NLU (tokenizer, taggers, extractor, DIET), loaded once."""
    import logging
    import sys

    import structlog
    from rasa.core.agent import Agent

    logging.disable(logging.INFO)
    agent = Agent.load(str(model))
    # Rasa's structlog prints each parse (with the message) at debug on stdout: keep stdout for the contract.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING),
                        logger_factory=structlog.PrintLoggerFactory(sys.stderr))
    loop = asyncio.new_event_loop()
    return lambda text: loop.run_until_complete(agent.parse_message(text))


def flat_facts(raw: Any) -> dict[str, Any]:
    """Facts as dotted ids, from either the flat or the nested (`advisor check`) shape."""
    if not isinstance(raw, dict):
        raise InputError("facts", "facts must be an object")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict) and key in registry.PARTS:
            out.update({f"{key}.{name}": v for name, v in value.items()})
        else:
            out[key] = value
    unknown = sorted(k for k in out if registry.fact(k) is None)
    if unknown:
        raise InputError(f"facts.{unknown[0]}", f"unknown fact {unknown[0]!r}")
    return {k: v for k, v in out.items() if v is not None}


def understand(line: dict, parse: Parse) -> dict:
    if not isinstance(line, dict) or not isinstance(line.get("message"), str):
        raise InputError("message", "each line needs a \"message\" string")
    asking = line.get("asking")
    if asking is not None and registry.fact(asking) is None and asking not in ("topic", "perspective"):
        raise InputError("asking", f"unknown fact {asking!r}")
    lang = line.get("lang")
    if lang is not None and normalise_lang(lang) not in LANGS:
        raise InputError("lang", f"lang is one of {', '.join(LANGS)}")
    parsed = parse(line["message"])
    language = next((e["value"] for e in parsed.get("entities", []) if e.get("entity") == "language"), None)
    facts = flat_facts(line.get("facts") or {})
    state = State(facts=facts, topic=line.get("topic"), perspective=line.get("perspective"), asking=asking,
                  lang=normalise_lang(lang or language), recent=list(facts))  # the order given is the order set
    intent = (parsed.get("intent") or {}).get("name")  # the text as the NLU normalised it: entity offsets are in it
    turn = step(state, Incoming(parsed.get("text") or line["message"], intent, parsed.get("entities") or [],
                                language_named=any(e.get("entity") == "language" and e.get("role") == "chosen"
                                                   for e in parsed.get("entities") or [])))
    return {"intent": intent, "language": language or state.lang, "facts": turn.state.facts,
            "changed": sorted(turn.changed), "what_if": turn.what_if, "ignored": turn.ignored,
            "heard": turn.heard, "topic": turn.state.topic, "perspective": turn.state.perspective,
            "asking": turn.asking}


def run(lines: Iterable[str], out: TextIO, parse: Parse) -> int:
    """Every line answered, in order; a bad line gets {"error": …} and the rest go on (exit 2 at the end)."""
    status = 0
    for raw in lines:
        if not raw.strip():
            continue
        try:
            result = understand(json.loads(raw), parse)
        except (json.JSONDecodeError, RecursionError):
            result, status = {"error": {"field": "(line)", "message": "not a JSON object"}}, 2
        except InputError as exc:
            result, status = {"error": {"field": exc.field, "message": str(exc)}}, 2
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return status
