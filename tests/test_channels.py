"""Telegram and LINE channels under real webhook payloads, with their outgoing calls captured.

The channel's Sanic blueprint runs on a loopback port in the test's event loop; the dialogue is a
stand-in that records what reached it and answers with text and buttons.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import socket
import uuid

import aiohttp
import pytest
from aiohttp import web
from sanic import Sanic
from telegram.request import BaseRequest

from bot.channels.common import sender_hash, split_text, utf16_units
from bot.channels.line import LineInput
from bot.channels.telegram import TelegramInput
from bot.store.webhooks import claim, push_target

SECRET = "s3cret-token"
LONG_PAYLOAD = '/inform{"industry":"manufacturing","note":"a payload longer than sixty-four bytes"}'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Dialogue:
    """Stands in for Rasa: records messages; answers with text and buttons (or a very long text)."""

    def __init__(self):
        self.received = []

    async def __call__(self, message):
        self.received.append(message)
        if message.text == "長":
            paragraph = "段落" * 1500
            await message.output_channel.send_text_message(message.sender_id, "\n\n".join([paragraph] * 3))
            return
        if message.text == "很多":
            for i in range(7):
                await message.output_channel.send_text_message(message.sender_id, f"第{i + 1}則")
            return
        await message.output_channel.send_text_with_buttons(
            message.sender_id, f"收到：{message.text}",
            [{"title": "是", "payload": "/affirm"}, {"title": "製造業", "payload": LONG_PAYLOAD}]
            + [{"title": f"選項{i}", "payload": f"/inform{{\"n\":{i}}}"} for i in range(14)])


async def serve(channel, dialogue):
    app = Sanic(f"test_{uuid.uuid4().hex}")
    Sanic.test_mode = True  # sanic 21.12 rewrites its own code per app; test mode redoes it from the originals
    app.blueprint(channel.blueprint(dialogue), url_prefix=f"/webhooks/{channel.name()}")
    port = free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
    await server.startup()
    await server.start_serving()
    return server, f"http://127.0.0.1:{port}/webhooks/{channel.name()}"


# ---------------------------------------------------------------- Telegram

def _decoded(value):
    """The Bot API gets every parameter JSON-encoded: a chat id as '4242', a keyboard as an object."""
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


class FakeTelegram(BaseRequest):
    """python-telegram-bot's HTTP layer, answering like the Bot API and recording every call."""

    def __init__(self, retry_after_first_send: int = 0):
        self.calls: list[tuple[str, dict]] = []
        self.retry_after = retry_after_first_send

    @property
    def read_timeout(self):
        return 5.0

    async def initialize(self):
        pass

    async def shutdown(self):
        pass

    async def do_request(self, url, method, request_data=None, read_timeout=None, write_timeout=None,
                         connect_timeout=None, pool_timeout=None):
        endpoint = url.rsplit("/", 1)[-1]
        params = {k: _decoded(v) for k, v in (request_data.json_parameters if request_data else {}).items()}
        if endpoint == "sendMessage" and self.retry_after:
            self.retry_after, wait = 0, self.retry_after
            self.calls.append(("429", params))
            return 429, json.dumps({"ok": False, "error_code": 429, "description": "Too Many Requests",
                                    "parameters": {"retry_after": wait}}).encode()
        self.calls.append((endpoint, params))
        result: object = True
        if endpoint == "getMe":
            result = {"id": 99, "is_bot": True, "first_name": "Advisor", "username": "advisor_bot"}
        elif endpoint == "sendMessage":
            result = {"message_id": len(self.calls), "date": 0, "chat": {"id": int(params["chat_id"]), "type": "private"},
                      "text": params["text"]}
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def sent(self):
        return [p for e, p in self.calls if e == "sendMessage"]


def tg_message(update_id, text=None, chat_id=4242, chat_type="private", **extra):
    message = {"message_id": update_id, "date": 1732406400, "chat": {"id": chat_id, "type": chat_type},
               "from": {"id": 777, "is_bot": False, "first_name": "阿明"}, **extra}
    if text is not None:
        message["text"] = text
    return {"update_id": update_id, "message": message}


@pytest.fixture
def store(tmp_path):
    return f"sqlite:///{tmp_path / 'store.db'}"


def telegram_run(store, updates, secret=SECRET, retry_after=0, raw_bodies=None):
    """Posts updates to a running Telegram webhook; returns (statuses, fake API, dialogue)."""
    fake, dialogue = FakeTelegram(retry_after), Dialogue()
    channel = TelegramInput("123:ABC", SECRET, "advisor_bot", request=fake, store_url=store)

    async def go():
        server, url = await serve(channel, dialogue)
        statuses = []
        try:
            async with aiohttp.ClientSession() as http:
                for body in (raw_bodies or [json.dumps(u).encode() for u in updates]):
                    headers = {"Content-Type": "application/json"}
                    if secret is not None:
                        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
                    async with http.post(f"{url}/webhook", data=body, headers=headers) as reply:
                        statuses.append(reply.status)
                async with http.get(f"{url}/") as reply:
                    statuses.append(await reply.json())
            await channel.drain()
        finally:
            server.close()
        return statuses

    return asyncio.run(go()), fake, dialogue


def test_telegram_message_is_acknowledged_then_answered_with_a_keyboard(store):
    statuses, fake, dialogue = telegram_run(store, [tg_message(1, "你好")])
    assert statuses[:1] == [200] and statuses[-1] == {"status": "ok", "configured": True}
    [sent] = fake.sent()
    assert sent["chat_id"] == 4242 and sent["text"] == "收到：你好"
    keyboard = sent["reply_markup"]["inline_keyboard"]
    assert keyboard[0][0] == {"text": "是", "callback_data": "/affirm"}
    assert keyboard[1][0]["callback_data"].startswith("k:")
    assert all(len(row[0]["callback_data"].encode()) <= 64 for row in keyboard)
    # Rasa sees a keyed hash, never the chat id; the raw id is kept only to push.
    assert dialogue.received[0].sender_id == sender_hash("telegram", "4242") != "4242"
    assert push_target(dialogue.received[0].sender_id, store) == "4242"


@pytest.mark.parametrize("secret, status", [("wrong", 403), (None, 403)])
def test_telegram_refuses_a_forged_or_missing_secret_and_stores_nothing(store, secret, status):
    statuses, fake, dialogue = telegram_run(store, [tg_message(2, "你好")], secret=secret)
    assert statuses[0] == status
    assert fake.sent() == [] and dialogue.received == []
    assert claim("telegram", "2", store)  # the update id was never recorded


def test_telegram_answers_a_redelivered_update_once(store):
    statuses, fake, dialogue = telegram_run(store, [tg_message(3, "你好"), tg_message(3, "你好")])
    assert statuses[:2] == [200, 200]
    assert len(dialogue.received) == 1 and len(fake.sent()) == 1


@pytest.mark.parametrize("body, status", [(b"{not json", 400), (b'{"hello": 1}', 400),
                                          (b'{"update_id": 1, "x": "' + b"a" * 1_000_001 + b'"}', 413)])
def test_telegram_refuses_malformed_and_oversized_bodies(store, body, status):
    statuses, fake, dialogue = telegram_run(store, [], raw_bodies=[body])
    assert statuses[0] == status and fake.sent() == [] and dialogue.received == []


def test_telegram_callback_query_is_answered_and_its_long_payload_restored(store):
    first, fake, _ = telegram_run(store, [tg_message(4, "你好")])
    key = fake.sent()[0]["reply_markup"]["inline_keyboard"][1][0]["callback_data"]
    query = {"update_id": 5, "callback_query": {
        "id": "cbq-1", "chat_instance": "ci", "data": key, "from": {"id": 777, "is_bot": False, "first_name": "阿明"},
        "message": {"message_id": 9, "date": 1732406400, "chat": {"id": 4242, "type": "private"}, "text": "收到"}}}
    _, fake, dialogue = telegram_run(store, [query])
    assert ("answerCallbackQuery", {"callback_query_id": "cbq-1"}) in fake.calls
    assert dialogue.received[0].text == LONG_PAYLOAD


def test_telegram_sticker_gets_a_kind_word_not_an_error(store):
    sticker = tg_message(6, sticker={"file_id": "f", "file_unique_id": "u", "width": 512, "height": 512,
                                     "is_animated": False, "is_video": False, "type": "regular"})
    _, fake, dialogue = telegram_run(store, [sticker])
    assert dialogue.received == [] and "只看得懂文字" in fake.sent()[0]["text"]


def test_telegram_edited_message_is_read(store):
    edited = {"update_id": 7, "edited_message": {**tg_message(7, "員工80人")["message"], "edit_date": 1732406500}}
    _, fake, dialogue = telegram_run(store, [edited])
    assert dialogue.received[0].text == "員工80人"


def test_telegram_in_a_group_answers_only_when_addressed(store):
    _, fake, dialogue = telegram_run(store, [tg_message(8, "大家好", chat_id=-100, chat_type="group"),
                                             tg_message(9, "@advisor_bot 補助有哪些", chat_id=-100, chat_type="group")])
    assert [m.text for m in dialogue.received] == ["補助有哪些"]
    assert dialogue.received[0].sender_id == sender_hash("telegram", "-100:777")


def test_telegram_splits_a_long_answer_at_paragraphs(store):
    _, fake, _ = telegram_run(store, [tg_message(10, "長")])
    texts = [s["text"] for s in fake.sent()]
    assert len(texts) == 3 and all(len(t) <= 4096 for t in texts) and texts[0] == "段落" * 1500


def test_telegram_waits_as_told_on_429_and_sends_once(store):
    _, fake, _ = telegram_run(store, [tg_message(11, "你好")], retry_after=1)
    assert [e for e, _ in fake.calls if e in ("429", "sendMessage")] == ["429", "sendMessage"]


def test_telegram_without_secrets_is_unavailable_not_open(store):
    channel = TelegramInput(None, None, store_url=store)

    async def go():
        server, url = await serve(channel, Dialogue())
        try:
            async with aiohttp.ClientSession() as http:
                async with http.post(f"{url}/webhook", data=b"{}") as reply:
                    return reply.status
        finally:
            server.close()

    assert asyncio.run(go()) == 503


# ---------------------------------------------------------------- LINE

LINE_SECRET = "line-channel-secret"


def line_event(event_id, kind="message", text="你好", source=None, redelivery=False, **extra):
    event = {"type": kind, "mode": "active", "timestamp": 1732406400000, "webhookEventId": event_id,
             "deliveryContext": {"isRedelivery": redelivery}, "replyToken": f"rt-{event_id}",
             "source": source or {"type": "user", "userId": "U1234567890abcdef"}, **extra}
    if kind == "message" and "message" not in extra:
        event["message"] = {"id": "m1", "type": "text", "quoteToken": "q", "text": text}
    return event


def sign(body: bytes, secret: str = LINE_SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def line_run(store, bodies, signature=sign, status_429_first=False, profile_language=None):
    """Posts webhook bodies to a running LINE webhook with a fake LINE API; returns (statuses, calls, dialogue)."""
    calls, dialogue = [], Dialogue()

    dialogue.profile_calls = []

    async def profile(request):
        dialogue.profile_calls.append(request.path)
        if profile_language is None:
            return web.json_response({"message": "not found"}, status=404)
        return web.json_response({"displayName": "A", "userId": request.match_info["user"], "language": profile_language})
    state = {"429": status_429_first}

    async def api(request):
        calls.append((request.path, await request.json(), request.headers.get("Authorization")))
        if state["429"]:
            state["429"] = False
            return web.json_response({"message": "rate limited"}, status=429)
        return web.json_response({})

    async def go():
        api_app = web.Application()
        api_app.router.add_post("/v2/bot/message/reply", api)
        api_app.router.add_post("/v2/bot/message/push", api)
        api_app.router.add_get("/v2/bot/profile/{user}", profile)
        runner = web.AppRunner(api_app)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        channel = LineInput(LINE_SECRET, "line-token", api_base=f"http://127.0.0.1:{port}", store_url=store)
        server, url = await serve(channel, dialogue)
        statuses = []
        try:
            async with aiohttp.ClientSession() as http:
                for body in bodies:
                    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                    headers = {"Content-Type": "application/json"}
                    if signature is not None:
                        headers["x-line-signature"] = signature(raw) if callable(signature) else signature
                    async with http.post(f"{url}/webhook", data=raw, headers=headers) as reply:
                        statuses.append(reply.status)
            await channel.drain()
        finally:
            server.close()
            await runner.cleanup()
        return statuses

    return asyncio.run(go()), calls, dialogue


def test_line_text_is_answered_by_reply_with_quick_replies(store):
    statuses, calls, dialogue = line_run(store, [{"destination": "Ubot", "events": [line_event("E1")]}])
    assert statuses == [200]
    [(path, body, auth)] = calls
    assert path == "/v2/bot/message/reply" and body["replyToken"] == "rt-E1" and auth == "Bearer line-token"
    message = body["messages"][0]
    assert message["text"] == "收到：你好"
    items = message["quickReply"]["items"]
    assert len(items) == 13 and items[0]["action"] == {"type": "postback", "label": "是", "data": "/affirm",
                                                        "displayText": "是"}
    assert dialogue.received[0].sender_id == sender_hash("line", "U1234567890abcdef")
    assert push_target(dialogue.received[0].sender_id, store) == "U1234567890abcdef"


@pytest.mark.parametrize("signature, status", [("forged", 403), (None, 401),
                                               (lambda raw: sign(raw, "other-secret"), 403)])
def test_line_refuses_bad_signatures_and_stores_nothing(store, signature, status):
    statuses, calls, dialogue = line_run(store, [{"events": [line_event("E2")]}], signature=signature)
    assert statuses == [status] and calls == [] and dialogue.received == []
    assert claim("line", "E2", store)


def test_line_redelivered_event_is_answered_once(store):
    body = {"events": [line_event("E3")]}
    again = {"events": [line_event("E3", redelivery=True)]}
    statuses, calls, dialogue = line_run(store, [body, again])
    assert statuses == [200, 200] and len(calls) == 1 and len(dialogue.received) == 1


def test_line_postback_follow_and_sticker(store):
    events = [line_event("E4", kind="postback", postback={"data": "/affirm"}),
              line_event("E5", kind="follow"),
              line_event("E6", message={"id": "m2", "type": "sticker", "packageId": "1", "stickerId": "2"})]
    _, calls, dialogue = line_run(store, [{"events": events}])
    assert sorted(m.text for m in dialogue.received) == sorted(["/affirm", "你好"])
    texts = [b["messages"][0]["text"] for _, b, _ in calls]
    assert any("只看得懂文字" in t for t in texts)


def test_line_in_a_group_answers_only_when_mentioned(store):
    group = {"type": "group", "groupId": "Cgroup", "userId": "Uuser"}
    quiet = line_event("E7", text="大家好", source=group)
    mentioned = line_event("E8", source=group, message={
        "id": "m3", "type": "text", "text": "@小幫手 補助有哪些",
        "mention": {"mentionees": [{"index": 0, "length": 4, "type": "user", "isSelf": True}]}})
    _, calls, dialogue = line_run(store, [{"events": [quiet, mentioned]}])
    assert [m.text for m in dialogue.received] == ["@小幫手 補助有哪些"]
    assert dialogue.received[0].sender_id == sender_hash("line", "Cgroup:Uuser")


def test_line_sends_five_by_reply_and_pushes_the_rest(store):
    _, calls, _ = line_run(store, [{"events": [line_event("E9", text="很多")]}])
    assert [(p, len(b["messages"])) for p, b, _ in calls] == [("/v2/bot/message/reply", 5),
                                                              ("/v2/bot/message/push", 2)]
    assert calls[1][1]["to"] == "U1234567890abcdef"


@pytest.mark.parametrize("body, status", [(b"{not json", 400), (b'{"no": "events"}', 400),
                                          (b'{"events": [], "x": "' + b"a" * 1_000_001 + b'"}', 413)])
def test_line_refuses_malformed_and_oversized_bodies(store, body, status):
    statuses, calls, dialogue = line_run(store, [body])
    assert statuses == [status] and calls == [] and dialogue.received == []


def test_line_backs_off_on_429(store):
    _, calls, _ = line_run(store, [{"events": [line_event("E10")]}], status_429_first=True)
    assert [p for p, _, _ in calls] == ["/v2/bot/message/reply", "/v2/bot/message/reply"]


def test_splitting_counts_utf16_units_and_keeps_paragraphs():
    emoji = "😀" * 3000  # 2 UTF-16 units each
    pieces = split_text(emoji, 5000, utf16_units)
    assert [utf16_units(p) for p in pieces] == [5000, 1000]
    assert split_text("甲\n\n乙", 2) == ["甲", "乙"]


def test_the_bot_token_never_reaches_the_info_log():
    import logging

    import bot.channels.telegram  # noqa: F401  (sets the level on import)
    assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)


def test_telegram_passes_the_users_app_language_to_the_nlu(store):
    update = tg_message(1, "ok")
    update["message"]["from"]["language_code"] = "id"
    _, _, dialogue = telegram_run(store, [update])
    assert dialogue.received[0].metadata["app_language"] == "id"


def test_line_passes_the_users_app_language_once_per_user(store):
    """LINE's webhook carries no language: the profile API's is asked once per user and passed to the NLU
    (it only sets a conversation's first language)."""
    bodies = [{"destination": "Ubot", "events": [line_event(f"E{i}", text="ok")]} for i in range(3)]
    _, _, dialogue = line_run(store, bodies, profile_language="vi")
    assert [m.metadata["app_language"] for m in dialogue.received] == ["vi", "vi", "vi"]
    assert len(dialogue.profile_calls) == 1
    other = [{"destination": "Ubot", "events": [line_event("F1", text="ok")]}]
    _, _, dialogue = line_run(store, other)  # no profile: no language, and the message is still answered
    assert dialogue.received[0].metadata["app_language"] is None
