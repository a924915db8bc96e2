"""A whole interview through Telegram and through LINE, against the running advisor.

The Rasa server is started with both channels configured; its Telegram and LINE calls go to fake
Bot API / Messaging API servers on loopback, which record what the user would have received.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import os
import threading
import time
import urllib.request

import pytest
from aiohttp import web

from bot.serve import running
from tests.e2e.test_rest_conversations import free_port

TG_SECRET, LINE_SECRET = "tg-secret", "line-secret"
WAIT_S = 30


class FakeApis:
    """Fake Telegram Bot API and LINE Messaging API in a thread of their own, recording sent texts."""

    def __init__(self):
        self.port = free_port()
        self.telegram: list[dict] = []
        self.line: list[dict] = []
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    async def _telegram(self, request):
        method = request.match_info["method"]
        form = await request.post() if request.content_type != "application/json" else await request.json()
        params = dict(form)
        if method == "getMe":
            return web.json_response({"ok": True, "result": {"id": 1, "is_bot": True, "first_name": "A",
                                                             "username": "advisor_bot"}})
        if method == "sendMessage":
            markup = params.get("reply_markup")
            self.telegram.append({"text": params["text"], "markup": json.loads(markup) if markup else None})
            return web.json_response({"ok": True, "result": {"message_id": len(self.telegram), "date": 0,
                                                             "chat": {"id": 1, "type": "private"},
                                                             "text": params["text"]}})
        return web.json_response({"ok": True, "result": True})

    async def _line(self, request):
        self.line.extend((await request.json())["messages"])
        return web.json_response({})

    async def _start(self):
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._telegram)
        app.router.add_post("/v2/bot/message/{kind}", self._line)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", self.port).start()

    def start(self):
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)


@pytest.fixture(scope="module")
def advisor(tmp_path_factory):
    apis = FakeApis()
    apis.start()
    saved = dict(os.environ)
    os.environ.update({
        "TELEGRAM_TOKEN": "123:ABC", "TELEGRAM_SECRET_TOKEN": TG_SECRET, "TELEGRAM_BOT_USERNAME": "advisor_bot",
        "TELEGRAM_API_BASE": f"http://127.0.0.1:{apis.port}", "LINE_CHANNEL_SECRET": LINE_SECRET,
        "LINE_ACCESS_TOKEN": "line-token", "LINE_API_BASE": f"http://127.0.0.1:{apis.port}",
        "ADVISOR_DB_URL": f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.db'}",
    })
    tmp = tmp_path_factory.mktemp("advisor")
    try:
        with running(rasa_port=free_port(), action_port=free_port(), tracker_db=tmp / "t.db", log_dir=tmp) as rest:
            yield rest.rsplit("/webhooks/", 1)[0], apis
    finally:
        os.environ.clear()
        os.environ.update(saved)


def post(url: str, body: bytes, headers: dict) -> int:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **headers})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return reply.status


def wait_for(sent: list, count: int) -> list:
    deadline = time.monotonic() + WAIT_S
    while len(sent) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.3)  # the rest of a multi-message answer
    return sent


MESSAGES = ["我想幫工廠的移工轉成中階技術人力", "我們做金屬加工，員工120人，移工30人，他做了7年，月薪3萬7",
            "他負責焊接", "40", "0", "0"]


def test_a_whole_interview_through_telegram(advisor):
    base, apis = advisor
    for i, text in enumerate(MESSAGES, start=1):
        before = len(apis.telegram)
        update = {"update_id": 1000 + i, "message": {"message_id": i, "date": 0, "text": text,
                                                     "chat": {"id": 555, "type": "private"},
                                                     "from": {"id": 555, "is_bot": False, "first_name": "王"}}}
        assert post(f"{base}/webhooks/telegram/webhook", json.dumps(update).encode(),
                    {"X-Telegram-Bot-Api-Secret-Token": TG_SECRET}) == 200
        # The verdict is three messages, paced at one a second per chat (Telegram's limit).
        wait_for(apis.telegram, before + (3 if i == len(MESSAGES) else 1))
    deadline = time.monotonic() + WAIT_S  # a said-back line may shift the count: wait for the verdict's buttons
    while "/start_over" not in json.dumps(apis.telegram[-1].get("markup")) and time.monotonic() < deadline:
        time.sleep(0.1)
    verdict = "\n".join(m["text"] for m in apis.telegram[-3:])
    assert "依目前資料符合外國技術人力的條件" in verdict and "(03)659-1996" in verdict
    keyboard = apis.telegram[-1]["markup"]["inline_keyboard"]
    assert [row[0]["callback_data"] for row in keyboard] == ["/faq_documents", "/start_over"]


def test_a_whole_interview_through_line(advisor):
    base, apis = advisor
    for i, text in enumerate(MESSAGES, start=1):
        before = len(apis.line)
        body = json.dumps({"destination": "Ubot", "events": [{
            "type": "message", "mode": "active", "timestamp": 0, "webhookEventId": f"EV{i}",
            "deliveryContext": {"isRedelivery": False}, "replyToken": f"rt{i}",
            "source": {"type": "user", "userId": "Uworker1"},
            "message": {"id": f"m{i}", "type": "text", "quoteToken": "q", "text": text}}]}).encode()
        signature = base64.b64encode(hmac.new(LINE_SECRET.encode(), body, hashlib.sha256).digest()).decode()
        assert post(f"{base}/webhooks/line/webhook", body, {"x-line-signature": signature}) == 200
        wait_for(apis.line, before + 1)
    verdict = "\n".join(m["text"] for m in apis.line[-3:])
    assert "依目前資料符合外國技術人力的條件" in verdict
    assert [i["action"]["data"] for i in apis.line[-1]["quickReply"]["items"]] == ["/faq_documents", "/start_over"]
