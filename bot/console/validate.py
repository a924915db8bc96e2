"""The console API's input: a JSON object whose fields have the types they should, or a 400 saying
which field is wrong. Never a 500 for what a client sends."""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from aiohttp import web

from bot.console.settings import date_range, settings
from bot.i18n import LANGS
from bot.rules.registry import TOPICS

CASE_ID = re.compile(r"^[0-9a-f]{16}$")
SCALARS = (str, int, float, bool)


class Invalid(ValueError):
    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field


def _reject_constant(name: str):
    raise Invalid(None, f"the body may not hold {name}")


def parse(raw: bytes) -> dict:
    try:
        body = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except Invalid:
        raise
    except (ValueError, RecursionError, UnicodeDecodeError):  # bad JSON, a 5,000-digit number, deep nesting
        raise Invalid(None, "the body must be JSON")
    if not isinstance(body, dict):
        raise Invalid(None, "the body must be a JSON object")
    return body


def text_field(body: dict, key: str, limit: int | None = None, default: str | None = None) -> str | None:
    value = body.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise Invalid(key, f"'{key}' must be text")
    if limit is not None and len(value) > limit:
        raise Invalid(key, f"'{key}' is longer than {limit} characters")
    return value


def choice(body: dict, key: str, choices: tuple[str, ...], default: str | None) -> str | None:
    value = text_field(body, key, default=None)
    if value in (None, ""):
        return default
    if value not in choices:
        raise Invalid(key, f"'{key}' must be one of {', '.join(choices)}")
    return value


def lang(body: dict, key: str = "lang") -> str:
    from bot.i18n import normalise_lang

    value = text_field(body, key, limit=16)
    if not value:
        return "zh-TW"
    normal = normalise_lang(value)
    if normal == "zh-TW" and not value.lower().replace("_", "-").startswith("zh"):
        raise Invalid(key, f"'{key}' must be one of {', '.join(LANGS)}")  # not a language we speak
    return normal


def topic(body: dict) -> str:
    return choice(body, "topic", TOPICS, "midlevel")


def case_id(body: dict) -> str | None:
    value = text_field(body, "case", limit=16)
    if value is not None and not CASE_ID.match(value):
        raise Invalid("case", "'case' must be a case id from the console")
    return value


def facts(body: dict) -> dict[str, Any]:
    value = body.get("facts")
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Invalid("facts", "'facts' must be an object of fact → value")
    for key, item in value.items():
        if item is not None and not isinstance(item, SCALARS):
            raise Invalid("facts", f"the fact {key[:64]!r} must be a number, text, true/false or null")
        if isinstance(item, float) and not math.isfinite(item):
            raise Invalid("facts", f"the fact {key[:64]!r} must be a finite number")
        if isinstance(item, str) and len(item) > settings()["chat_message_chars"]:
            raise Invalid("facts", f"the fact {key[:64]!r} is too long")
    return value


def date(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD date within the accepted range, None for empty, or ValueError."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(value)
    day = dt.date.fromisoformat(value)
    earliest, latest = date_range()
    if not earliest <= day <= latest:
        raise ValueError(value)
    return day


def bad_request(exc: Invalid) -> web.Response:
    return web.json_response({"error": str(exc), "field": exc.field}, status=400)
