"""Facts and verdict details as words a person reads: labels from the catalogs, codes as their
names, yes/no, amounts grouped, shares as percentages. Used by the verdict panel, the case list
and the search text, so nobody needs to know the internal English codes.
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from bot.dialogue.answers import label
from bot.i18n import catalog, format_value, text
from bot.rules import registry

# Keys of verdict details that hold codes of a fact's kind, or shares.
CODE_KEYS = {"industry": "company.industry", "industries": "company.industry", "target": "project.target",
             "targets": "project.target", "taiwan_degree": "worker.taiwan_degree", "class_type": "training.class_type",
             "occupation": "worker.occupation_group"}
SHARE_KEYS = {"share"}
PARTS = ("company", "worker", "project", "training")


def ui(key: str, lang: str, **params: Any) -> str:
    """A console text (catalog domain `console`), English or Chinese."""
    template = catalog(lang if lang in ("zh-TW", "en") else "en", "console").get(key) or catalog(
        "zh-TW", "console")[key]
    return template.format(**params) if params else template


def fact_label(fact: str, lang: str) -> str:
    return text(f"fact.{fact}", lang)


def fact_value(fact: str, value: Any, lang: str) -> str:
    """One fact's value as words: a code by its name, a boolean as yes/no, a number grouped."""
    if value is None:
        return "—"
    f = registry.fact(fact)
    if f is not None and f.kind == "choice":
        return label(fact, value, lang) or str(value)
    return format_value(value, lang)


def flatten(facts: dict) -> dict[str, Any]:
    """The rules' nested facts ({"company": {"employees": 120}}) as dotted keys."""
    out = {}
    for part in PARTS:
        for name, value in (facts.get(part) or {}).items() if isinstance(facts.get(part), dict) else ():
            if registry.fact(f"{part}.{name}") is not None and value is not None:
                out[f"{part}.{name}"] = value
    return out


def facts_line(facts: dict, lang: str, limit: int | None = None) -> str:
    """A case's facts in one line, "製造業・員工人數 120・…" (the first `limit` of them)."""
    flat = flatten(facts)
    items = []
    for fact, value in flat.items():
        shown = fact_value(fact, value, lang)
        named = registry.fact(fact).labels is not None  # a choice's name says what it is ("製造業")
        items.append(shown if named else f"{fact_label(fact, lang)} {shown}")
    if limit is not None:
        items = items[:limit]
    return "・".join(items)


def _fact_of_key(key: str) -> str | None:
    if key in CODE_KEYS:
        return CODE_KEYS[key]
    return next((f for f in registry.facts() if f.split(".")[1] == key), None)


def detail_label(key: str, lang: str) -> str:
    if f"detail.{key}" in catalog("zh-TW", "console"):
        return ui(f"detail.{key}", lang)
    fact = _fact_of_key(key)
    return fact_label(fact, lang) if fact else key


def detail_value(key: str, value: Any, lang: str, threshold: bool = False) -> str:
    """A detail's value as words; no threshold (None) reads "any", no actual value "—"."""
    if value is None:
        return ui("detail.any", lang) if threshold else "—"
    if isinstance(value, (list, tuple)):
        return "、".join(detail_value(key, v, lang) for v in value) if lang == "zh-TW" else ", ".join(
            detail_value(key, v, lang) for v in value)
    if isinstance(value, bool):
        return text("word.yes" if value else "word.no", lang)
    if key in SHARE_KEYS and isinstance(value, (int, float)) and math.isfinite(value):
        return format_value(Fraction(value).limit_denominator(1000), lang)
    fact = _fact_of_key(key)
    return fact_value(fact, value, lang) if fact else format_value(value, lang)


def condition_details(condition: dict, lang: str) -> list[dict]:
    """A condition's actual values against its thresholds, as rows of words: [{label, actual, threshold}]."""
    actual, threshold = condition.get("actual"), condition.get("threshold")
    if actual is None and threshold is None:
        return []
    if isinstance(actual, dict) or isinstance(threshold, dict):
        actual, threshold = actual if isinstance(actual, dict) else {}, threshold if isinstance(threshold, dict) else {}
        rows = []
        for key in dict.fromkeys([*actual, *threshold]):
            rows.append({"label": detail_label(key, lang),
                         "actual": detail_value(key, actual[key], lang) if key in actual else "",
                         "threshold": detail_value(key, threshold[key], lang, True) if key in threshold else ""})
        return rows
    key = condition.get("id", "")
    named = f"detail.{key}" in catalog("zh-TW", "console") or _fact_of_key(key)
    return [{"label": detail_label(key, lang) if named else "",
             "actual": detail_value(key, actual, lang), "threshold": detail_value(key, threshold, lang, True)}]


def searchable(facts: dict, extra: list[str]) -> str:
    """The words a case is found by: each fact's label and value in Chinese and English, and `extra`
    (summary, notes), lower-cased, with 臺 written 台 so either spelling finds it."""
    words = []
    for lang in ("zh-TW", "en"):
        for fact, value in flatten(facts).items():
            words.append(f"{fact_label(fact, lang)} {fact_value(fact, value, lang)}")
        if facts.get("topic"):
            words.append(text(f"topic.{facts['topic']}", lang))
    return normalise_search("\n".join(words + [e for e in extra if e]))


def normalise_search(value: str) -> str:
    return value.replace("臺", "台").lower()
