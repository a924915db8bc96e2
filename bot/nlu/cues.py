"""Cue words from the lexicon (`cues:`), compiled once: what a message says about its figures ("如果", "more",
"with this employer", "其實"). The interview step and the what-if reader ask the same question of a text, so
they share this one reading of the lexicon."""
from __future__ import annotations

import re
from functools import lru_cache

from bot.nlu.extract import lexicon, word_pattern


def _pattern(word: str) -> re.Pattern:
    word = word.lower()
    if word.startswith("^"):  # only where a clause starts: 要是 "if", not 主要是 "mainly is"
        return re.compile(r"(?<![\u3400-\u9fff])" + re.escape(word[1:]))
    return word_pattern(word)


@lru_cache(maxsize=None)
def cue_patterns(kind: str) -> tuple[re.Pattern, ...]:
    return tuple(_pattern(w) for w in lexicon()["cues"][kind])


def has_cue(kind: str, text: str) -> bool:
    """A cue word of this kind in the text, outside the phrases listed as `<kind>_not` ("salah satu" is
    "one of", not "wrong")."""
    lowered = text.lower()
    for phrase in lexicon()["cues"].get(f"{kind}_not", ()):
        lowered = lowered.replace(phrase.lower(), " ")
    return any(p.search(lowered) for p in cue_patterns(kind))


@lru_cache(maxsize=None)
def cue_words(kind: str) -> tuple[str, ...]:
    return tuple(w.lower().lstrip("^") for w in lexicon()["cues"][kind])


def starts_with_cue(kind: str, text: str) -> bool:
    """Text right after a value opens with a cue word ("2,400 meal allowance", "射出的工廠")."""
    return text.lower().startswith(cue_words(kind))
