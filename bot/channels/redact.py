"""No message body and no raw sender id reaches a log, at any level, from any library.

While a message is handled, its text and the sender's raw ids are registered in a context
variable (`private(...)`); every log record made in that context (ours, Rasa's, Sanic's, the
structlog events Rasa renders through logging) has them replaced by their length and a short hash,
in the message and in the traceback. Installed once by the channels (`install()`).
"""
from __future__ import annotations

import hashlib
import logging
import re
import traceback
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

SHORT = 4  # a value shorter than this is replaced only where it stands quoted or after "=" (not inside words)
_private: ContextVar[tuple[str, ...]] = ContextVar("advisor_private_values", default=())
_installed = False


def describe(value: str) -> str:
    """What a log may say about a private value: its length and a short hash."""
    digest = hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:12]
    return f"<{len(value)} chars sha256:{digest}>"


@contextmanager
def private(*values: object) -> Iterator[None]:
    """Within this block (and the tasks it starts), these values never appear in a log record."""
    found = tuple(str(v) for v in values if isinstance(v, (str, int)) and not isinstance(v, bool) and str(v))
    token = _private.set(_private.get() + found)
    try:
        yield
    finally:
        _private.reset(token)


def scrub(text: str, values: tuple[str, ...]) -> str:
    for value in sorted(values, key=len, reverse=True):
        if value not in text:
            continue
        if len(value) >= SHORT:
            text = text.replace(value, describe(value))
        else:
            text = re.sub(r"(?<=['\"=])" + re.escape(value) + r"(?=['\"\s,)}]|$)", describe(value), text)
    return text


def _scrub_record(record: logging.LogRecord, values: tuple[str, ...]) -> None:
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 — a record with bad arguments: keep only its template
        message = str(record.msg)
    cleaned = scrub(message, values)
    if cleaned != message:
        record.msg, record.args = cleaned, ()
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = scrub("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"), values)
    if record.stack_info:
        record.stack_info = scrub(record.stack_info, values)


def install() -> None:
    """Wraps the log record factory once: records made while values are private get scrubbed."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        values = _private.get()
        if values:
            _scrub_record(record, values)
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
