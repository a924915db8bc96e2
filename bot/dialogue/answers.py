"""Reading one answer into a fact's value: the only place values are typed and answer words are read.

The chat, the console and the terminal interview all read answers here. Numbers are read only by
the extractor (``bot.nlu.extract``), answer words (yes, no, skip) come from its lexicon, and what a
fact accepts comes from the fact registry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.i18n import catalog, text
from bot.nlu.extract import THAI_RUN, bare_number, lexicon, not_knowing_phrases, said_not, word_pattern

__all__ = ["Answer", "bare_number", "is_none", "says_none", "is_quit", "is_skip", "label", "nest", "read", "typed", "yes_no"]
from bot.rules import FactError, registry
from bot.rules.facts import normalise_region

MIN_PARTIAL = 2  # letters of a choice's name that may stand for it ("製造" for 製造業)


@dataclass(frozen=True)
class Answer:
    understood: bool
    value: Any = None
    complaint: str | None = None  # what to tell the user when not understood


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset]:
    return {kind: frozenset(w.lower() for w in words) for kind, words in lexicon()["answers"].items()}


PUNCTUATION = re.compile(r"[\s,.!?;:~…，。！？；：、()（）\[\]\"'“”‘’]+|[\U0001F000-\U0001FAFF\u2600-\u27BF]+")


def _normal(answer: str) -> str:
    """The answer without punctuation, emoji and the politeness words around it ("gak ada kak", "None yet.",
    "ยังไม่มีครับ", "沒有欸")."""
    words = [w for w in PUNCTUATION.split(answer.strip().lower()) if w]
    particles = _particles()
    while len(words) > 1 and words[-1] in particles:  # "ya" alone is yes, not a particle
        words.pop()
    while len(words) > 1 and words[0] in particles:
        words.pop(0)
    joined = " ".join(words)
    for suffix in _particle_suffixes():
        if joined.endswith(suffix) and len(joined) > len(suffix):
            joined = joined[:-len(suffix)].rstrip()
            break
    return joined


@lru_cache(maxsize=1)
def _particles() -> frozenset:
    return frozenset(w.lower() for w in lexicon()["answers"]["particles"])


@lru_cache(maxsize=1)
def _particle_suffixes() -> tuple[str, ...]:
    """Particles written onto the word before them (ครับ, 欸), longest first."""
    return tuple(sorted((p for p in _particles() if not p.isascii()), key=len, reverse=True))


def yes_no(answer: str) -> bool | None:
    word = _normal(answer)
    return True if word in _words()["yes"] else False if word in _words()["no"] else None


NOT_AN_ANSWER_AFTER = ("idea", "sure", "clue", "problem", "worries")  # "no idea", "no problem"


def clause_yes_no(answer: str) -> bool | None:
    """A yes or no that is the whole first clause ("有啊，他去年有考到…"), not the first word of one ("對 他朋友有…")."""
    first = re.split(r"[,，、.。!！;；]", answer.strip(), maxsplit=1)[0]
    return yes_no(first) if first.strip() != answer.strip() else None


def leading_yes_no(answer: str) -> bool | None:
    """A yes or no that opens a longer answer ("có, chứng chỉ hàn bậc 3", "มีครับ ใบช่างเชื่อม", "wala po, pero
    may TESDA", "沒有 他在越南高中畢業"): the first clause, or the first word when it is one of them."""
    normal = _normal(answer)
    if any(normal.startswith(w) for w in _words()["skip"] if len(w) > 3):
        return None  # "không biết nữa anh": not knowing is not a no
    value = clause_yes_no(answer)
    if value is None:
        words = answer.strip().split(maxsplit=1)
        if len(words) == 2 and not words[1].lower().startswith(NOT_AN_ANSWER_AFTER):
            value = yes_no(words[0])
    return value


def is_skip(answer: str) -> bool:
    return _normal(answer) in _words()["skip"]


def is_none(answer: str) -> bool:
    """"都沒有", "zero", "wala po": none at all (a headcount or hours answered with 0)."""
    return _normal(answer) in _words()["none"]


SHORT_REPLY = 20  # characters: a reply this short that contains a whole phrase saying none says none
NONE_ENDINGS = ("沒有", "還沒", "都沒", "沒請", "沒用")


def knows_not(answer: str) -> bool:
    """The reply says the speaker does not know ("không biết bao nhiêu giờ", "hindi ko alam ilang oras"): its
    "không" or "hindi" is not a no, and a count or hours stays unknown."""
    whole = f" {_normal(answer)} "
    return any((f" {w} " in whole if w.isascii() else w in whole) for w in not_knowing_phrases())


def names_none(answer: str) -> bool:
    """A phrase of the none list stands in the reply ("ora tau ikut kursus blas"): none, even in a reply the model
    took for not knowing; a bare no-word is not enough there ("hindi ko po alam")."""
    lowered = answer.lower()
    return any(len(w) >= NONE_PHRASE_MIN and word_pattern(w).search(lowered) for w in _words()["none"])


NONE_PHRASE_MIN = 5  # letters of a none phrase that says none inside a longer reply


def says_none(answer: str) -> bool:
    """"外國白領喔 沒有欸", "none po, I never attended any course": a part of the answer, with no figure anywhere,
    says none (for a headcount or hours question only)."""
    if any(ch.isdigit() for ch in answer) or knows_not(answer):
        return False
    parts = [answer, *re.split(r"[,，。.!！\s]+", answer)] if len(answer) < 80 else [answer]
    if any(p.strip() and _normal(p) in _words()["none"] | _words()["no"] for p in parts):
        return True
    whole = _normal(answer)  # Han text comes without spaces: "外國白領喔沒有欸"
    short = SHORT_REPLY * (2 if THAI_RUN.search(answer) else 1)  # Thai spells a word in more letters ("นายจ้างไม่เคยจัด")
    if len(answer) < short and any(len(w) >= 4 and not w.isascii() and w in whole for w in _words()["none"]):
        return True  # "我們沒有自己辦訓練": a whole phrase saying none, with a word or two around it
    return len(answer) < 40 and whole.endswith(NONE_ENDINGS) and not whole.endswith("有沒有")


SUBJECT = re.compile(r"^(?:他|她|dia|ia|he|she|anh ấy|chị ấy)\s*")
LEADING_NONE_MIN = 4  # letters of a Latin none phrase that, opening a reply, answers it ("blm pernah …"); Han or Thai: 2


def leading_none(answer: str) -> bool:
    """The reply opens by saying none, then says why ("blm pernah ikut kursus kak, gk ada waktu, jaga akong 24
    jam", "都沒上 我們傳產啦"): its first clause says none, or it starts with a whole phrase that does."""
    if knows_not(answer):
        return False
    first = re.split(r"[,，、.。!！;；?？]", answer.strip(), maxsplit=1)[0]
    if _normal(first) in _words()["none"] | _words()["no"] and first.strip() != answer.strip():
        return True
    whole = SUBJECT.sub("", _normal(answer))  # "他還沒上課": the worker has not
    return any(whole.startswith(w) and (len(w) >= LEADING_NONE_MIN if w.isascii() else len(w) >= 2)
               and not (w[-1].isascii() and whole[len(w):len(w) + 1].isalnum()) for w in _words()["none"])


def is_quit(answer: str) -> bool:
    return _normal(answer) in _words()["quit"]


def typed(fid: str, value: Any) -> Any:
    """A value as the rules take it: button payloads arrive as text ("7"), numbers as floats."""
    f = registry.fact(fid)
    if f is None or value is None:
        return value
    if isinstance(value, str) and f.numeric:
        try:
            value = float(value.replace(",", ""))
        except ValueError:
            return value
    if f.json_type == "boolean" and isinstance(value, str):
        word = yes_no(value)
        return value if word is None else word
    if isinstance(value, float) and value.is_integer() and f.integral:
        return int(value)
    return value


def choice_names(fid: str, lang: str) -> dict[str, Any]:
    """Every way to name a choice: its code, its number in the list, its name in the language."""
    f = registry.fact(fid)
    names: dict[str, Any] = {}
    for i, code in enumerate(f.choices, 1):
        names[str(code).lower()] = code
        if f.labels:
            names.setdefault(str(i), code)
            if (name := label(fid, code, lang)) is not None:
                names[name.lower()] = code
    return names


def label(fid: str, code: Any, lang: str) -> str | None:
    """A choice's name in the language, when the catalog names it."""
    key = registry.fact(fid).label(code)
    return text(key, lang) if key and key in catalog("zh-TW") else None


def read(fid: str, answer: str, entities: list[dict] = (), intent: str | None = None,
         lang: str = "zh-TW") -> Answer:
    """An answer to the question about ``fid``: its value, or why it was not understood."""
    f = registry.fact(fid)
    for entity in entities:
        if entity.get("entity") == f.entity and entity.get("role") in (None, f.role):
            return Answer(True, typed(fid, entity["value"]))
    if f.kind == "yes_no":  # the words first ("否", "ko co chi"), the intent only when they say neither
        value = yes_no(answer)
        value = leading_yes_no(answer) if value is None else value
        if value is None and intent in ("affirm", "deny"):
            value = intent == "affirm"
        return Answer(True, value) if value is not None else Answer(False, complaint=text("interview.yes_no_hint", lang))
    if f.numeric and f.kind != "choice":
        value = bare_number(answer)
        return (Answer(True, typed(fid, value)) if value is not None
                else Answer(False, complaint=text("interview.invalid_number", lang)))
    if f.kind == "region":
        try:
            return Answer(True, normalise_region(answer, fid))
        except FactError as exc:
            return Answer(False, complaint=text(exc.reason, lang, exc.params))
    if f.kind == "choice":
        return _choice(f, answer, intent, lang)
    return Answer(True, answer.strip())


def _choice(f: registry.Fact, answer: str, intent: str | None, lang: str) -> Answer:
    if "none" in f.choices and (intent == "deny" or yes_no(answer) is False
                                or leading_yes_no(answer) is False):  # 沒有 to "which degree?"
        return Answer(True, "none")
    names = choice_names(f.id, lang)
    word = _normal(answer)
    if word in names:
        return Answer(True, names[word])
    if f.labels and len(word) >= MIN_PARTIAL:
        partial = {code for name, code in names.items() if word in name and not name.isdigit()}
        if len(partial) == 1:
            return Answer(True, partial.pop())
    # "我們自己的台灣員工 10個人要上", "是要給中階技術人力上的": a choice named in a sentence, and only one
    lowered = answer.lower()
    chosen = {code for code, words in lexicon().get("choice_words", {}).get(f.id, {}).items()
              for w in words for m in [word_pattern(w).search(lowered)] if m and not said_not(lowered, m.start())}
    if len(chosen) == 1:  # "不是給移工的" names no choice
        return Answer(True, chosen.pop())
    named = [(i, c, label(f.id, c, lang)) for i, c in enumerate(f.choices, 1)]
    if any(name for *_, name in named):  # only the choices with a name ("7 technician"), not bare codes 1–6
        named = [(i, c, name) for i, c, name in named if name]
    shown = "、".join(name if name and name.startswith(str(c)) else f"{i}={name}" if name else str(c)
                     for i, c, name in named)
    return Answer(False, complaint=text("interview.invalid_choice", lang, {"choices": shown}))


def nest(flat: dict[str, Any], topic: str | None, as_of: str | None = None) -> dict:
    """Flat facts ("worker.monthly_wage": 35000) as the rules' input, leaving out what is unknown."""
    facts: dict[str, Any] = {"topic": topic or "midlevel"}
    if as_of:
        facts["as_of"] = as_of
    for fid, value in flat.items():
        if value is not None and registry.fact(fid):
            part, name = fid.split(".", 1)
            facts.setdefault(part, {})[name] = value
    return facts
