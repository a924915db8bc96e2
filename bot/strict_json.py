"""JSON from outside (webhook bodies, `advisor check`), refused where Python would choke later.

`json.loads` accepts what the rest of the program cannot take: nesting deep enough to raise
RecursionError, integers too long to print, NaN and Infinity, and lone surrogates that fail when
the text is encoded. `loads` refuses these with `Refused`, which names the field where it happened
("company.employees", "events[0].message.text"; "(input)" for the whole document). The limits are
`max_json_depth` and `max_int_digits` in bot/settings.yaml.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

from bot import settings

ROOT_FIELD = "(input)"
SHOWN_LEVELS = 3  # a field nested too deeply is named by its outer levels
TOKEN = re.compile(r"""
    (?P<ws>[ \t\n\r]+)
  | (?P<str>"[^"\\]*(?:\\.[^"\\]*)*")
  | (?P<num>-?(?:0|[1-9][0-9]*)(?P<frac>\.[0-9]+)?(?P<exp>[eE][+-]?[0-9]+)?)
  | (?P<lit>true|false|null)
  | (?P<const>NaN|-?Infinity)
  | (?P<open>[{\[])
  | (?P<close>[}\]])
  | (?P<colon>:)
  | (?P<comma>,)
""", re.VERBOSE | re.DOTALL)


STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
NOT_BRACKETS = bytes(sorted(set(range(256)) - set(b"[]{}")))


def too_deep(text: str, max_depth: int) -> bool:
    """Whether the brackets nest deeper than max_depth, at C speed: strings dropped, everything but
    brackets deleted, then one level of empty pairs removed per pass (brackets that do not pair up
    are left for json.loads to report)."""
    skeleton = STRING.sub("", text).encode("utf-8", "surrogatepass").translate(None, NOT_BRACKETS)
    for _ in range(max_depth):
        shorter = skeleton.replace(b"[]", b"").replace(b"{}", b"")
        if not shorter or shorter == skeleton:
            return False
        skeleton = shorter
    return True


class Refused(ValueError):
    """A JSON document refused for a value at `field`; `reason` says what (for logs and tests)."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def _path(stack: list[list]) -> str:
    field = ""
    for kind, key, _ in stack:
        if key is None:
            continue
        if kind == "[":
            field += f"[{key}]"
        else:
            field += ("." if field else "") + key
    return field or ROOT_FIELD


def _check(text: str, max_depth: int, max_digits: int) -> None:
    """Walks the tokens, keeping the path; stops quietly at anything json.loads will report itself."""
    stack: list[list] = []  # [kind "{" or "[", current key or index, expecting a key]
    pos, end = 0, len(text)
    while pos < end:
        match = TOKEN.match(text, pos)
        if match is None:
            return  # not JSON: json.loads says where
        pos, kind = match.end(), match.lastgroup
        top = stack[-1] if stack else None
        if kind == "ws":
            continue
        if kind == "str":
            try:
                value = json.loads(match.group())
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise Refused(_path(stack), "a lone surrogate in a string") from None
            except ValueError:
                return
            if top is not None and top[0] == "{" and top[2]:
                top[1], top[2] = value, False
        elif kind == "num":
            if not match.group("frac") and not match.group("exp"):
                if len(match.group().lstrip("-")) > max_digits:
                    raise Refused(_path(stack), f"an integer of more than {max_digits} digits")
            elif not math.isfinite(float(match.group())):
                raise Refused(_path(stack), "a number too large")
        elif kind == "const":
            raise Refused(_path(stack), f"{match.group()} is not a number")
        elif kind == "open":
            if len(stack) >= max_depth:
                field = re.sub(r"(\[\d+\])+$", "", _path(stack[:SHOWN_LEVELS])) or ROOT_FIELD
                raise Refused(field, f"nested more than {max_depth} levels deep")
            opener = match.group()
            stack.append([opener, None if opener == "{" else 0, opener == "{"])
        elif kind == "close":
            if not stack:
                return
            stack.pop()
        elif kind == "comma" and top is not None:
            if top[0] == "{":
                top[1], top[2] = None, True
            else:
                top[1] += 1


class _Limit(Exception):
    pass


def loads(text: str | bytes, max_depth: int | None = None, max_digits: int | None = None,
          locate: bool = True) -> Any:
    """json.loads within the limits; Refused beyond them, ValueError when not JSON.

    The common case runs at json's own speed; a refused document is walked token by token to name
    the field, unless `locate` is False (a webhook needs no field name, and the walk costs time)."""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8")  # UnicodeDecodeError is a ValueError
    max_depth = max_depth if max_depth is not None else settings.limit("max_json_depth")
    max_digits = max_digits if max_digits is not None else settings.limit("max_int_digits")

    def parse_int(digits: str) -> int:
        if len(digits) > max_digits and len(digits.lstrip("-")) > max_digits:
            raise _Limit
        return int(digits)

    def parse_float(number: str) -> float:
        value = float(number)
        if not math.isfinite(value):
            raise _Limit
        return value

    def parse_constant(name: str) -> Any:
        raise _Limit

    if too_deep(text, max_depth):  # before json.loads recurses into it
        if locate:
            _check(text, max_depth, max_digits)
        raise Refused(ROOT_FIELD, f"nested more than {max_depth} levels deep")
    try:
        value = json.loads(text, parse_int=parse_int, parse_float=parse_float, parse_constant=parse_constant)
        json.dumps(value, ensure_ascii=False).encode("utf-8")  # a lone surrogate anywhere fails here
        return value
    except (_Limit, RecursionError, UnicodeEncodeError):
        if locate:
            _check(text, max_depth, max_digits)  # raises Refused, naming the field
        raise Refused(ROOT_FIELD, "beyond the limits") from None
