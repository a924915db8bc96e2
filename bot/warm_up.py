"""A replica talks to itself before it takes users: the first interview through a fresh server paid for
every first time (the action server's first verdict, the form's first run, the first database writes)
and took 140–280 ms a message against 20 when warm (2026-12-07). The readiness route (bot/health.py)
reports a replica ready only after it has run these conversations once. Their senders start with
WARM_UP_PREFIX: the action server logs no consultation for them (actions/verdict.py), and their trackers
are deleted afterwards. The Rasa server never opens the consultation store for this: when it did (to
delete the rows, as `/forget` does), an action server restarted later did not come back.
"""
from __future__ import annotations

import logging
import time
import uuid
from typing import Any

logger = logging.getLogger(__name__)
CHANNEL = "rest"
WARM_UP_PREFIX = "warm-up-"
# An owner's interview to a verdict and an FAQ, and a worker's in another language and script.
CONVERSATIONS = [
    ["你好", "我想幫移工轉中階技術人力", "製造業 員工120人 在台中", "核配30人 目前移工25人 中階0人",
     "他在我們公司做了7年", "做CNC車床", "月薪3萬8", "有技術士證", "補助呢", "謝謝"],
    ["halo kak", "saya caregiver mau naik jadi pekerja menengah", "sudah 7 tahun di taiwan", "gaji 30rb",
     "tidak punya sertifikat", "makasih"],
]


async def warm_up(agent: Any) -> float:
    """Runs the conversations through `agent` and deletes their trackers; returns the seconds it took."""
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage  # here: the action server

    from bot.channels.forget import delete_tracker  # imports WARM_UP_PREFIX without loading Rasa's server

    started = time.monotonic()
    for turns in CONVERSATIONS:
        sender = f"{WARM_UP_PREFIX}{uuid.uuid4().hex}"
        try:
            for text in turns:
                await agent.handle_message(UserMessage(text, CollectingOutputChannel(), sender,
                                                       input_channel=CHANNEL))
        finally:
            await delete_tracker(agent.tracker_store, sender)
    return time.monotonic() - started
