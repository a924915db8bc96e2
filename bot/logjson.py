"""Logs as JSON lines on standard output, so a service manager or a log shipper can parse them.

`JsonFormatter` formats stdlib records (`deploy/logging.yml` gives it to `rasa run` and the action
server in containers); `relay` turns each line a child process prints into one JSON line tagged
with the process, keeping lines that already are JSON objects (Rasa's structlog) as fields.

Only the record's message, level, logger and time are written: the channels and actions log hashes
and lengths, never message bodies or tokens, and nothing here adds request data.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
from typing import IO, Any

LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
_LEVEL_IN_LINE = re.compile(r"\b(CRITICAL|ERROR|WARNING|WARN|INFO|DEBUG)\b")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


class JsonFormatter(logging.Formatter):
    """One JSON object per record: ts, level, logger, msg (and exc when there is a traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {"ts": dt.datetime.fromtimestamp(record.created, dt.timezone.utc)
                                 .isoformat(timespec="milliseconds"),
                                 "level": record.levelname, "logger": record.name, "msg": record.getMessage()}
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup(level: int = logging.INFO, stream: IO[str] | None = None) -> None:
    """Sends this process's own logging to standard output as JSON lines."""
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def relay_line(proc: str, line: str) -> str:
    """The JSON line for one line a child printed: its JSON fields kept, or the text with a level guessed."""
    line = line.rstrip("\n")
    entry: dict[str, Any] | None = None
    if line.startswith("{"):
        try:
            parsed = json.loads(line)
            entry = parsed if isinstance(parsed, dict) else None
        except ValueError:
            entry = None
    if entry is None:
        found = _LEVEL_IN_LINE.search(line[:80])
        level = (found.group(1) if found else "INFO").replace("WARN", "WARNING").replace("WARNINGING", "WARNING")
        entry = {"ts": _now(), "level": level, "msg": line}
    else:
        entry.setdefault("ts", _now())
        entry["level"] = str(entry.get("level", "INFO")).upper()
    entry["proc"] = proc
    return json.dumps(entry, ensure_ascii=False)


def relay(proc: str, source: IO[bytes], sink: IO[str] | None = None) -> None:
    """Copies a child's output to standard output as JSON lines until the child closes it."""
    sink = sink or sys.stdout
    for raw in iter(source.readline, b""):
        text = raw.decode("utf-8", "replace")
        if text.strip():
            sink.write(relay_line(proc, text) + "\n")
            sink.flush()
