"""A replica talks to itself before it takes users: the first interview through a fresh server paid for
every first time (the action server's first verdict, the form's first run, the first database writes)
and took 140–280 ms a message against 20 when warm (2026-12-07). The readiness route (bot/health.py)
reports a replica ready only after it has run these conversations once; they are then forgotten
(tracker and consultation rows deleted, as `/forget` does)."""
from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.forget import forget

logger = logging.getLogger(__name__)
CHANNEL = "rest"
# An owner's interview to a verdict and an FAQ, and a worker's in another language and script.
CONVERSATIONS = [
    ["你好", "我想幫移工轉中階技術人力", "製造業 員工120人 在台中", "核配30人 目前移工25人 中階0人",
     "他在我們公司做了7年", "做CNC車床", "月薪3萬8", "有技術士證", "補助呢", "謝謝"],
    ["halo kak", "saya caregiver mau naik jadi pekerja menengah", "sudah 7 tahun di taiwan", "gaji 30rb",
     "tidak punya sertifikat", "makasih"],
]


async def warm_up(agent: Any) -> float:
    """Runs the conversations through `agent` and forgets them; returns the seconds it took."""
    started = time.monotonic()
    for turns in CONVERSATIONS:
        sender = f"warm-up-{uuid.uuid4().hex}"
        try:
            for text in turns:
                await agent.handle_message(UserMessage(text, CollectingOutputChannel(), sender,
                                                       input_channel=CHANNEL))
        finally:
            await forget(sender, CHANNEL, agent)
    return time.monotonic() - started
