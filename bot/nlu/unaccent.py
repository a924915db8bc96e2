"""Vietnamese written without diacritics ("luong 4 van", "chua co"): each lexicon word is also known
unaccented (the message itself is read as written)."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

VIETNAMESE_LETTERS = range(0x00C0, 0x1EFF + 1)  # from Latin-1 to Latin Extended Additional; only letters with an ASCII base kept


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """ạ, ấ, ơ, ư → a, a, o, u; đ → d: a letter's base when it decomposes to one ASCII letter and marks."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for code in VIETNAMESE_LETTERS:
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base
    return table


def unaccented(text: str) -> str:
    """The text with Vietnamese (and other Latin) diacritics taken off, as long as it was."""
    return text.translate(_table())
