"""A fresh process rehearses before it takes users, in memory only.

The first interview through a fresh server took 140–360 ms a message against about 20 warm
(2026-12-07): lingua built its Latin detector on the first Latin message, the first parse and the
action server's first step and verdict loaded lexicons, catalogues and locale data. Running these
messages once at start-up pays for that before the port opens. Nothing here touches a tracker, the
consultation store or the network (an earlier warm-up that sent conversations through the server
kept a restarted action server from coming back), so a rehearsal can only cost start-up time.
"""
from __future__ import annotations

import logging
import time

from bot.dialogue.answers import nest
from bot.dialogue.render import render_chat, render_worker_chat
from bot.dialogue.step import Incoming, State, Turn, step
from bot.i18n import LANGS
from bot.nlu.extract import as_entities
from bot.rules import check

logger = logging.getLogger(__name__)

# (topic, perspective, language, messages): an owner's interview in Chinese and a caregiver's in
# Indonesian reach a verdict; the other languages' first messages take their first paths.
CONVERSATIONS = [
    ("midlevel", "employer", "zh-TW", ["製造業 員工120人 在台中", "核配30人 目前移工25人 中階0人",
                                        "他在我們公司做了7年", "做CNC車床", "月薪3萬8", "有技術士證"]),
    ("midlevel", "worker", "id", ["saya caregiver jaga oma di rumah", "sudah 7 tahun di taiwan", "gaji 30rb",
                                  "tidak punya sertifikat"]),
    ("midlevel", "worker", "vi", ["em lam kan ho o dai trung 8 nam, luong 3 van 1"]),
    ("midlevel", "worker", "en", ["caregiver po ako sa taipei, 9 years na, sahod 32k"]),
    ("midlevel", "worker", "th", ["ผมทำงานโรงงานที่เถาหยวน 7 ปี เงินเดือน 33000"]),
    ("grants", "employer", "zh-TW", ["我們是做螺絲的 員工45人"]),
    ("training", "employer", "zh-TW", ["公開班 在台北"]),
]

# Messages for the Rasa process to parse once: one per language, in each script it meets.
MESSAGES = ["你好", "我想幫移工轉中階技術人力", "製造業 員工120人 在台中 月薪3萬8",
            "halo kak", "saya caregiver mau naik jadi pekerja menengah", "gaji 30rb",
            "xin chao", "em lam kan ho 7 nam", "em làm điều dưỡng ở đài trung",
            "hello po", "caregiver po ako, 9 years na", "สวัสดีครับ", "ผมทำงานโรงงาน 7 ปี"]


def converse(topic: str, perspective: str, lang: str, messages: list[str]) -> Turn:
    """The interview step on each message in turn, as the chat would run it; the last turn."""
    turn = step(State(topic=topic, perspective=perspective, lang=lang), Incoming(""))
    for message in messages:
        turn = step(turn.state, Incoming(message, "inform", as_entities(message)))
    return turn


def rehearse() -> float:
    """Runs the conversations through the interview step and renders their verdicts in every language
    and for both speakers; returns the seconds it took."""
    started = time.monotonic()
    for topic, perspective, lang, messages in CONVERSATIONS:
        facts = nest(converse(topic, perspective, lang, messages).state.facts, topic)
        for language in LANGS:
            verdict = check(facts, lang=language)
            render_chat(verdict, perspective)
            if perspective == "worker":
                render_worker_chat(verdict)
    return time.monotonic() - started


def rehearse_safely() -> None:
    """`rehearse`, logged; a failure never stops a server (the first user pays the cost instead)."""
    try:
        logger.info("rehearsed in %.2f s", rehearse())
    except Exception:  # noqa: BLE001
        logger.exception("rehearsal failed; the first conversation will be slower")
