"""Every text a user sees, from gettext catalogs (``bot/locale/<lang>/LC_MESSAGES/messages.po``).

Rules return message keys with raw parameters; this module formats the parameters for the language
(NT$ amounts with separators, ratios as percentages, codes as their names) and fills the template.
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LANG = "zh-TW"
LANGS = ("zh-TW", "en", "id", "vi", "th")

# Parameters whose values are codes, and the catalog prefix that names them.
CODE_PREFIXES = {
    "industry": "industry", "industries": "industry", "class_type": "class_type", "path": "path",
    "reviewer": "agency", "program": "program", "targets": "target", "taiwan_degree": "degree",
}
LIST_SEPARATOR = {"zh-TW": "、", "th": " "}  # others: ", "


def _dir_name(lang: str) -> str:
    return lang.replace("-", "_")


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale:
    """Parsed once: Babel looks the locale up on disk on every call otherwise (a third of a turn's step)."""
    return Locale.parse(_dir_name(lang))


@lru_cache(maxsize=None)
def catalog(lang: str, domain: str = "messages") -> dict[str, str]:
    """msgid → msgstr for one language; empty translations are left out so they count as missing.
    Domain `messages` is what users see (every language); `console` is the staff console (zh-TW, en)."""
    path = LOCALE_DIR / _dir_name(lang) / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as fh:
        po = read_po(fh, locale=_dir_name(lang))
    return {m.id: m.string for m in po if m.id and m.string}


def normalise_lang(lang: str | None) -> str:
    if not lang:
        return DEFAULT_LANG
    lang = lang.replace("_", "-")
    if lang.lower() in ("zh", "zh-tw", "zh-hant"):
        return "zh-TW"
    base = lang.split("-")[0].lower()
    return base if base in LANGS else DEFAULT_LANG


def format_value(value: Any, lang: str, name: str = "") -> str:
    if value is None:
        return "—"
    prefix = CODE_PREFIXES.get(name)
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.get(lang, ", ").join(format_value(x, lang, name) for x in value)
    if prefix and isinstance(value, str):
        return text(f"{prefix}.{value}", lang)
    if isinstance(value, bool):
        return text("word.yes" if value else "word.no", lang)
    if isinstance(value, Fraction):
        pct = value * 100
        return f"{int(pct)}%" if pct.denominator == 1 else f"{float(pct):.1f}%"
    if isinstance(value, (int, float)):  # thousands grouped by ',' in zh-TW, en, th; by '.' in id, vi
        return format_decimal(value, format="#,##0.#", locale=_locale(lang))
    return str(value)


def text(key: str, lang: str = DEFAULT_LANG, params: dict | None = None) -> str:
    """The message ``key`` in ``lang`` (falling back to zh-TW), filled with formatted ``params``."""
    lang = normalise_lang(lang)
    template = catalog(lang).get(key) or catalog(DEFAULT_LANG).get(key)
    if template is None:
        raise KeyError(f"message key {key!r} is in no catalog")
    if not params:
        return template
    return template.format_map({k: format_value(v, lang, k) for k, v in params.items()})
