"""A terminal interview driven by the rules' ``missing`` list: ask only what the verdict still lacks.

No flowchart: after every answer the rules run again and name the next most useful fact.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

from bot.i18n import text
from bot.render import render_verdict
from bot.rules import FactError, check
from bot.rules.facts import fact_specs

# Answers in every language served (zh-TW, en, id, vi, th), compared lower-cased and trimmed.
SKIP_WORDS = {"不知道", "不清楚", "跳過", "略過", "skip", "?", "？", "dont know", "don't know", "idk",
              "tidak tahu", "gak tau", "nggak tahu", "tidak tau", "không biết", "ko biết", "ไม่รู้", "ไม่ทราบ"}
QUIT_WORDS = {"結束", "離開", "quit", "exit", "bye", "q"}
YES = {"是", "有", "對", "會", "y", "yes", "yep", "yeah", "true", "1", "ya", "iya", "ada", "punya", "sudah", "betul",
       "benar", "có", "phải", "đúng", "rồi", "ใช่", "มี", "ใช่ครับ", "ใช่ค่ะ", "มีครับ", "มีค่ะ"}
NO = {"否", "沒有", "無", "不是", "不會", "n", "no", "nope", "none", "false", "0", "tidak", "tdk", "nggak", "gak", "enggak",
      "belum", "tidak ada", "gak ada", "không", "ko", "chưa", "không có", "ไม่", "ไม่ใช่", "ไม่มี", "ยัง", "ไม่มีครับ",
      "ไม่มีค่ะ"}
TOPICS = {"1": "midlevel", "2": "grants", "3": "training"}
ENUM_PREFIX = {"company.industry": "industry", "worker.taiwan_degree": "degree", "project.target": "target",
               "training.class_type": "class_type"}
_NUMBER = re.compile(r"^([0-9][0-9,]*(?:\.[0-9]+)?)\s*(萬|万|k|K|千)?\s*(元|人|位|年|小時|hours?|h)?$")
_MULTIPLIER = {"萬": 10_000, "万": 10_000, "k": 1_000, "K": 1_000, "千": 1_000}


class Quit(Exception):
    pass


def parse_number(answer: str) -> float | None:
    match = _NUMBER.match(answer.strip())
    if not match:
        return None
    value = float(match.group(1).replace(",", "")) * _MULTIPLIER.get(match.group(2) or "", 1)
    return int(value) if value.is_integer() else value


def yes_no(answer: str) -> bool | None:
    lowered = answer.strip().lower()
    return True if lowered in YES else False if lowered in NO else None


def parse_answer(key: str, answer: str, lang: str) -> tuple[bool, Any, str | None]:
    """(understood, value, complaint): turn one typed answer into the fact's value."""
    spec = fact_specs()[key]
    answer = answer.strip()
    kinds = spec.get("type", [])
    if "enum" in spec:
        options = [o for o in spec["enum"] if o is not None]
        prefix = ENUM_PREFIX.get(key)
        if "none" in options and yes_no(answer) is False:  # 沒有 / 否 / no to "which degree?"
            return True, "none", None
        for i, option in enumerate(options, 1):
            names = {str(option), str(i)} if prefix else {str(option)}
            if prefix:
                names.add(text(f"{prefix}.{option}", lang))
            if answer in names or answer.lower() in names:
                return True, option, None
        if prefix and len(answer) >= 2:  # "公開班" for 在職公開班, "製造" for 製造業
            partial = [o for o in options if answer.lower() in text(f"{prefix}.{o}", lang).lower()]
            if len(partial) == 1:
                return True, partial[0], None
        shown = "、".join(f"{i}={text(f'{prefix}.{o}', lang)}" if prefix else str(o) for i, o in enumerate(options, 1))
        return False, None, text("interview.invalid_choice", lang, {"choices": shown})
    if "boolean" in kinds:
        value = yes_no(answer)
        if value is None:
            return False, None, text("interview.yes_no_hint", lang)
        return True, value, None
    if "integer" in kinds or "number" in kinds:
        value = parse_number(answer)
        if value is None:
            return False, None, text("interview.invalid_number", lang)
        return True, value, None
    return True, answer, None


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
    if answer.lower() in QUIT_WORDS:
        raise Quit
    return answer


def interview(topic: str, ask: Callable[[str], str], say: Callable[[str], None], lang: str,
              today: dt.date | None = None) -> str:
    """Ask the missing facts one at a time; returns the rendered verdict."""
    facts: dict[str, Any] = {"topic": topic}
    skipped: set[str] = set()
    while True:
        verdict = check(facts, lang=lang, today=today)
        pending = [k for k in verdict["missing"] if k not in skipped]
        if not pending:
            return render_verdict(verdict)
        key = pending[0]
        answer = _ask(ask, text(f"question.{key}", lang))
        if answer.lower() in SKIP_WORDS:
            skipped.add(key)
            continue
        ok, value, complaint = parse_answer(key, answer, lang)
        if not ok:
            say(complaint)
            continue
        part, name = key.split(".")
        trial = {**facts, part: {**facts.get(part, {}), name: value}}
        try:
            check(trial, lang=lang, today=today)
        except FactError as exc:
            say(text(exc.reason, lang, exc.params))
            continue
        facts = trial
