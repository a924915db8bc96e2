"""What-ifs said as a change ("2 more years", "加薪2000", "hire 10 more migrant workers", "kalau gaji naik 2rb"):
worked out from the fact already known, never stored. Without this a change was taken as the new value
("naik 2rb" became a what-if wage of 2,000) or missed when no unit stood beside the figure."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from bot.nlu.cues import cue_patterns
from bot.nlu.extract import lexicon, numbers, word_pattern
from bot.rules import registry

GAP_BEFORE = 3  # letters (spaces aside) between a change word and its figure ("再做兩年", "再多請10個", "naik 2rb")
REACH_AFTER = 12  # letters after a figure in which a change word counts ("2 more years", "10 nguoi nua")
NOT_A_FIGURE_AFTER = ("下", "次", "點", "些", "趟", "遍")  # 再問一下, 再一次: a time, not a change
LIMITS = {"worker.monthly_wage": (100, 100000), "company.migrant_workers": (1, 10000)}  # a change that can be one
NEW_VALUE_SHARE = 0.5
YEAR_WORDS = ("年", "ปี")  # written onto the figure, so not whole words
HOUR_WORDS = ("小時", "ชั่วโมง")


CUE_KINDS = ("more", "more_after", "hire", "this_employer", "what_if", "raise_to")


@lru_cache(maxsize=None)
def _words(kind: str) -> tuple[re.Pattern, ...]:
    if kind in CUE_KINDS:
        return cue_patterns(kind)
    lex = lexicon()
    words = {"years": lex["units"]["years"], "hours": lex["units"]["hours"],
             "wage": lex["roles"]["money"]["monthly"] + ["薪", "薪水", "เงินเดือน", "ได้", "wage", "raise", "sweldo"],
             "migrant": lex["roles"]["count"]["migrant_workers"]}[kind]
    return tuple(word_pattern(w) for w in words)


def _has(kind: str, text: str) -> bool:
    lowered = text.lower()
    return any(p.search(lowered) for p in _words(kind))


def _just_before(kind: str, before: str) -> bool:
    """A word of `kind` ending at most GAP_BEFORE letters before the figure."""
    return any(len(before[m.end():].replace(" ", "")) <= GAP_BEFORE for p in _words(kind) for m in p.finditer(before))


def _fact_for(value: float, after: str, message: str) -> str | None:
    """Which fact a change is to, from the unit after it and the words of the message."""
    if _has("years", after) or after.lstrip().startswith(YEAR_WORDS):
        return "worker.years_with_employer" if _has("this_employer", message) else "worker.continuous_years"
    if _has("hours", after) or after.lstrip().startswith(HOUR_WORDS):
        return "worker.training_hours"
    if _has("hire", message) and _has("migrant", message):
        return "company.migrant_workers"
    if _has("wage", message):  # "ถ้านายจ้างขึ้นเงินเดือนให้อีก 1,500": นายจ้าง (employer) holds จ้าง, no hiring
        return "worker.monthly_wage"
    return None


NUMBER_THEN_IF = re.compile(r"[0-9一二三四五六七八九十兩]萬一")  # 三萬一 is 31,000, not 萬一 ("in case")


def asks_what_if(message: str) -> bool:
    return _has("what_if", NUMBER_THEN_IF.sub(" ", message.lower()))


def changed_by(message: str, facts: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[int, int]]]:
    """({fact id: known value + change}, the changes' spans) for each change a what-if names on a known fact."""
    lowered = message.lower()
    if not asks_what_if(lowered) and not lowered.rstrip().endswith(("?", "？")):
        return {}, []
    out: dict[str, Any] = {}
    spans: list[tuple[int, int]] = []
    for value, start, end in numbers(message):
        before, after = lowered[max(0, start - 12):start], lowered[end:end + REACH_AFTER]
        if after.startswith(NOT_A_FIGURE_AFTER) or _has("raise_to", before):
            continue  # "再問一下"; "調到36000" is the new value itself
        after_words = re.split(r"\d", after, maxsplit=1)[0]  # up to the next figure
        if not (_just_before("more", before) or _has("more_after", after_words)):
            continue
        fid = _fact_for(value, after, lowered)
        known = facts.get(fid) if fid else None
        low, high = LIMITS.get(fid, (0, float("inf")))
        if fid == "worker.monthly_wage" and isinstance(known, (int, float)) and value >= known * NEW_VALUE_SHARE:
            continue  # "加薪到36000" said loosely: a raise as large as half the wage is the new wage, not a change
        if isinstance(known, (int, float)) and not isinstance(known, bool) and low <= value <= high:
            total = known + value
            out[fid] = int(total) if float(total).is_integer() and registry.fact(fid).kind != "years" else total
            spans.append((start, end))
    return out, spans


def bare_amount(message: str, facts: dict[str, Any], least: float) -> dict[str, Any]:
    """"ถ้าได้ 31000 ล่ะคะ", "if I get 31000?": one amount of wage size in a what-if, with the wage known, is the
    wage it asks about."""
    if not asks_what_if(message) or facts.get("worker.monthly_wage") is None:
        return {}
    found = numbers(message)
    if len(found) != 1 or found[0][0] < least:
        return {}
    return {"worker.monthly_wage": found[0][0]}
