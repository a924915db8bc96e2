"""Which language a message is in, offline: script first (Han, Thai), then lingua for Latin text.

A message too short or too mixed to tell returns None, so "ok", "6" or an amount alone never flip the
conversation's language. An explicit request ("English please", "/lang id", "tiếng Việt") is
read separately by ``requested_language`` and always wins.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import yaml
from lingua import Language, LanguageDetectorBuilder

LANGUAGES = Path(__file__).with_name("languages.yaml")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
THAI = re.compile(r"[\u0e01-\u0e4e]")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]{2,}")
LINGUA = {"en": Language.ENGLISH, "id": Language.INDONESIAN, "vi": Language.VIETNAMESE}


@lru_cache(maxsize=1)
def settings() -> dict:
    return yaml.safe_load(LANGUAGES.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _detector():
    return LanguageDetectorBuilder.from_languages(*LINGUA.values()).with_preloaded_language_models().build()


def _latin_language(words: list[str]) -> str | None:
    cfg = settings()["detect"]
    if any(not w.isascii() for w in words):
        return "vi"  # of the Latin-script languages served, only Vietnamese writes diacritics
    if len(words) < cfg["min_latin_words"] or sum(map(len, words)) < cfg["min_latin_letters"]:
        return None
    lowered = [w.lower() for w in words]
    if all(w in settings()["neutral_words"] for w in lowered):
        return None
    for listed, code in (("vietnamese_unmarked", "vi"), ("tagalog_words", "en"), ("indonesian_words", "id")):
        known = [w for w in lowered if w in settings()[listed]]
        if len(set(known)) >= 2 and 3 * len(known) >= len(lowered):
            return code  # Vietnamese without its diacritics; Tagalog, answered in English; Indonesian beside English
    confidences = _detector().compute_language_confidence_values(" ".join(words))
    best = confidences[0]
    if best.value < cfg["min_confidence"]:
        return None
    return next(code for code, lang in LINGUA.items() if lang == best.language)


@lru_cache(maxsize=1)
def _greetings() -> dict[str, str]:
    return {g.lower(): code for code, words in settings()["greetings"].items() for g in words}


@lru_cache(maxsize=1)
def _greetings_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_greetings(), key=len, reverse=True))


def greeting_language(text: str) -> str | None:
    """The language of a greeting alone ("halo kak", "xin chao"): enough to welcome someone in, not to
    switch a conversation already going in another language ("hi" mid-Vietnamese)."""
    return _greetings().get(re.sub(r"[^\w\s]", "", text).strip().lower())


MORE_THAN_A_GREETING = 3  # words left once a greeting is taken off (two Han or five Thai letters make a word)


def more_than_a_greeting(text: str) -> bool:
    """Whether the message says something besides a greeting ("hello po, can I…" does; "hi po" does not)."""
    lowered = re.sub(r"[^\w\s]", " ", text.lower()).strip()
    for words in _greetings_longest_first():
        if lowered.startswith(words):
            lowered = lowered[len(words):].strip()
            break
    words = len(LATIN_WORD.findall(lowered)) + math.ceil(len(HAN.findall(lowered)) / 2) + len(THAI.findall(lowered)) // 5
    return words >= MORE_THAN_A_GREETING


def detect_language(text: str) -> str | None:
    """zh-TW, en, id, vi or th when the message says so clearly enough; else None."""
    greeting = greeting_language(text)
    if greeting:
        return greeting
    han, thai = len(HAN.findall(text)), len(THAI.findall(text))
    words = LATIN_WORD.findall(text)
    latin = sum(map(len, words))
    cfg = settings()["detect"]
    scores = {"zh-TW": han * cfg["han_weight"], "th": thai, "latin": latin}
    script, top = max(scores.items(), key=lambda kv: kv[1])
    if top == 0 or top < cfg["script_share"] * sum(scores.values()):
        return None  # nothing to go on, or mixed without a clear majority
    if script == "latin":
        return _latin_language(words)
    minimum = cfg["min_han_chars"] if script == "zh-TW" else cfg["min_thai_chars"]
    return script if (han if script == "zh-TW" else thai) >= minimum else None


@lru_cache(maxsize=1)
def _requests() -> list[tuple[re.Pattern, str]]:
    out = []
    for code, phrases in settings()["requests"].items():
        for phrase in phrases:
            # Latin names must be whole words ("thai" is not in "thailand"); Han and Thai have no spaces.
            before = r"(?<![\w])" if phrase[0].isascii() else ""
            after = r"(?![\w])" if phrase[-1].isascii() else ""
            out.append((re.compile(before + re.escape(phrase.lower()) + after), code))
    return sorted(out, key=lambda p: -len(p[0].pattern))


COMMAND = re.compile(r"^\s*/lang(?:uage)?\s+([A-Za-z-]+)\s*$", re.I)


def requested_language(text: str) -> str | None:
    """The language the user asked for by name or by `/lang xx`, if any."""
    command = COMMAND.match(text)
    if command:
        return normalise_code(command.group(1))
    lowered = text.lower()
    if len(lowered) > settings()["max_request_chars"]:
        return None
    for pattern, code in _requests():
        if pattern.search(lowered):
            return code
    return None


def normalise_code(code: str) -> str | None:
    code = code.lower().replace("_", "-")
    return settings()["codes"].get(code)


# A messenger's language setting (Telegram's `language_code`, an IETF tag) → the language we answer in.
# Filipino phones set to Tagalog get English, the language Filipino workers use with the advisor.
APP_LANGUAGES = {"zh": "zh-TW", "id": "id", "in": "id", "vi": "vi", "th": "th", "en": "en", "tl": "en", "fil": "en"}


def app_language(tag: object) -> str | None:
    """The answer language for a messenger's language tag, or None when it is not one we serve."""
    if not isinstance(tag, str) or not tag.strip():
        return None
    return APP_LANGUAGES.get(tag.strip().replace("_", "-").split("-")[0].lower())
