"""A terminal chat with the running advisor over its REST channel (like `rasa shell`).

Buttons are shown numbered; typing the number presses the button.
"""
from __future__ import annotations

import uuid
from typing import Callable

from bot.serve import send


def show(replies: list[dict], say: Callable[[str], None]) -> list[dict]:
    buttons: list[dict] = []
    for reply in replies:
        if reply.get("text"):
            say(reply["text"])
        for button in reply.get("buttons") or []:
            buttons.append(button)
            say(f"  [{len(buttons)}] {button['title']}")
    return buttons


def chat(url: str, ask: Callable[[str], str] = input, say: Callable[[str], None] = print) -> None:
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    buttons = show(send(url, sender, "你好"), say)
    while True:
        try:
            line = ask("\n> ").strip()
        except (EOFError, KeyboardInterrupt):
            return
        if not line:
            continue
        if line.isdigit() and 1 <= int(line) <= len(buttons):
            line = buttons[int(line) - 1]["payload"]
        buttons = show(send(url, sender, line), say)
