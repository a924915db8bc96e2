"""What the messenger channels need besides the webhook base: keyed sender hashes, message
splitting, outgoing rate limits."""
from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from typing import Callable

from bot.privacy import sender_hash  # noqa: F401  (the channels' import)


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int, size: Callable[[str], int] = len) -> list[str]:
    """Pieces of at most `limit`, cut at paragraph breaks, else line breaks, else hard."""
    if size(text) <= limit:
        return [text]
    pieces: list[str] = []
    for separator in ("\n\n", "\n"):
        parts = text.split(separator)
        if len(parts) > 1:
            current = ""
            for part in parts:
                candidate = part if not current else current + separator + part
                if size(candidate) <= limit:
                    current = candidate
                    continue
                if current:
                    pieces.append(current)
                current = part
            pieces.append(current)
            return [p for piece in pieces for p in split_text(piece, limit, size)]
    cut = limit
    while size(text[:cut]) > limit:
        cut -= 1
    return [text[:cut], *split_text(text[cut:], limit, size)]


class RateLimiter:
    """At most one message a second per chat, and `overall` a second in all (Telegram's limits)."""

    def __init__(self, per_chat_s: float = 1.0, overall: int = 30):
        self.per_chat_s = per_chat_s
        self.overall = overall
        self._last: dict[str, float] = defaultdict(float)
        self._window: list[float] = []
        self._lock = asyncio.Lock()

    async def wait(self, chat: str) -> None:
        async with self._lock:
            now = time.monotonic()
            delay = max(0.0, self._last[chat] + self.per_chat_s - now)
            self._window = [t for t in self._window if t > now - 1.0]
            if len(self._window) >= self.overall:
                delay = max(delay, self._window[0] + 1.0 - now)
            self._last[chat] = now + delay
            self._window.append(now + delay)
        if delay:
            await asyncio.sleep(delay)
