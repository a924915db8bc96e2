"""The console's chat: what the operator types (the caller's words) goes through the same interview
step as the chat assistant (``bot.dialogue.step``), in process: no Rasa round trip while a caller waits.
"""
from __future__ import annotations

from typing import Any

from bot.dialogue.answers import is_skip, nest
from bot.dialogue.step import Incoming, State, step
from bot.i18n import text
from bot.nlu.extract import as_entities
from bot.rules import check, registry

__all__ = ["chat_step", "nest"]


def chat_step(flat: dict[str, Any], topic: str, as_of: str | None, requested: str | None, message: str,
              lang: str) -> dict:
    """One operator message: {facts (flat), filled, changed, heard, replies, requested, verdict}.

    The operator asks whatever the caller can answer, so the console speaks as the employer's side
    (every fact may be asked); "不知道" skips the question asked.
    """
    state = State(facts={f: v for f, v in flat.items() if registry.fact(f) and v is not None}, topic=topic,
                  perspective="employer", asking=requested if registry.fact(requested or "") else None,
                  lang=lang, as_of=as_of)
    intent = "dont_know" if is_skip(message) else None
    turn = step(state, Incoming(message, intent, as_entities(message)))
    replies = [r.text for r in turn.replies]
    if not turn.changed and not replies:
        replies.append(text("chat.not_understood", lang))
    verdict = check(nest(turn.state.facts, topic, as_of), lang=lang)
    question = turn.question()
    replies.append(question.text if question else verdict["summary"])
    facts = {f: v for f, v in {**flat, **turn.state.facts}.items() if not (f in turn.changed and turn.changed[f] is None)}
    return {"facts": facts, "filled": turn.changed, "changed": sorted(turn.changed),
            "heard": turn.heard, "replies": replies, "requested": turn.asking if registry.fact(turn.asking or "") else None,
            "verdict": verdict}

