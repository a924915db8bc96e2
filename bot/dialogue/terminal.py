"""`advisor interview`: the interview in a terminal, through the same step as the chat.

No flowchart: after every answer the rules run again and name the next most useful fact.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from bot.dialogue.answers import is_quit, is_skip, nest, yes_no
from bot.dialogue.render import render_verdict
from bot.dialogue.step import Incoming, State, step
from bot.i18n import text
from bot.nlu.extract import as_entities
from bot.rules import check

TOPICS = {"1": "midlevel", "2": "grants", "3": "training"}


class Quit(Exception):
    pass


def run(ask: Callable[[str], str], say: Callable[[str], None], lang: str = "zh-TW",
        today: dt.date | None = None) -> None:
    """One interview after another until the user quits."""
    say(text("interview.welcome", lang))
    try:
        while True:
            topic = None
            while topic is None:
                answer = _ask(ask, text("interview.topic", lang))
                topic = TOPICS.get(answer) or (answer if answer in TOPICS.values() else None)
            say(interview(topic, ask, say, lang, today))
            if not yes_no(_ask(ask, text("interview.again", lang))):
                break
    except Quit:
        pass
    say(text("interview.bye", lang))


def _ask(ask: Callable[[str], str], prompt: str) -> str:
    answer = ask(prompt).strip()
    if is_quit(answer):
        raise Quit
    return answer


def interview(topic: str, ask: Callable[[str], str], say: Callable[[str], None], lang: str,
              today: dt.date | None = None) -> str:
    """Ask the missing facts one at a time; returns the rendered verdict.

    The person at the terminal answers for the employer's side, so every fact may be asked.
    """
    state = State(topic=topic, perspective="employer", lang=lang)
    turn = step(state, Incoming(""), today=today)  # nothing said yet: what to ask first
    while turn.asking is not None:
        answer = _ask(ask, turn.question().text)
        turn = step(turn.state, Incoming(answer, "dont_know" if is_skip(answer) else None, as_entities(answer)),
                    today=today)
        for reply in turn.replies:
            if reply.text != turn.heard:
                say(reply.text)
    return render_verdict(check(nest(turn.state.facts, topic), lang=lang, today=today))
