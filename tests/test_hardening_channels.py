"""Issue 12 on the channels: each attack that worked, now refused (Telegram, LINE and REST in process).

The channels run on a loopback port in the test's event loop (as in test_channels.py); the
dialogue is a stand-in.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import sqlite3
import threading
import uuid

import aiohttp
import pytest
from sanic import Sanic, response

from bot.channels.line import LineInput
from bot.channels.rest import SafeRestInput
from bot.channels.telegram import TelegramInput
from bot.store import webhooks
from bot.store.db import StoreUnavailable, run_db, session
from bot.store.models import SeenWebhook
from tests.test_channels import (
    LINE_SECRET,
    SECRET,
    Dialogue,
    FakeTelegram,
    free_port,
    line_event,
    serve,
    sign,
    tg_message,
)

DEEP = b'{"update_id": 1, "message": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


@pytest.fixture
def store(tmp_path):
    return f"sqlite:///{tmp_path / 'store.db'}"


async def post(url, body: bytes, headers=None, timeout=20):
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as http:
        async with http.post(url, data=body, headers={"Content-Type": "application/json", **(headers or {})}) as r:
            return r.status, await r.text()


def run_channel(channel, dialogue, job):
    """Serves the channel, runs `job(url)`, waits for its background work; returns job's result."""
    async def go():
        server, url = await serve(channel, dialogue)
        try:
            result = await job(url)
            if hasattr(channel, "drain"):
                await channel.drain()
            return result
        finally:
            server.close()
    return asyncio.run(go())


def telegram(store, fake=None):
    return TelegramInput("123:ABC", SECRET, "advisor_bot", request=fake or FakeTelegram(), store_url=store)


def line(store, api_base="http://127.0.0.1:9"):
    return LineInput(LINE_SECRET, "line-token", api_base=api_base, store_url=store)


TG = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


# ------------------------------------------------------------- item 2: input_channel is the endpoint's

def test_rest_never_takes_the_channel_or_metadata_from_the_body(store):
    dialogue = Dialogue()
    body = json.dumps({"sender": "alice", "message": "你好", "input_channel": "telegram",
                       "metadata": {"chat_type": "private"}}).encode()
    status, text = run_channel(SafeRestInput(), dialogue, lambda url: post(f"{url}/webhook", body))
    assert status == 200 and json.loads(text)[0]["text"] == "收到：你好"
    [message] = dialogue.received
    assert message.input_channel == "rest" and not message.metadata


# ------------------------------------------------------------- item 7: ?stream=true

def test_rest_stream_is_refused_with_400_not_a_hang(store):
    body = json.dumps({"sender": "alice", "message": "你好"}).encode()
    dialogue = Dialogue()
    status, text = run_channel(SafeRestInput(), dialogue, lambda url: post(f"{url}/webhook?stream=true", body, timeout=10))
    assert status == 400 and "stream" in text and dialogue.received == []


# ------------------------------------------------------------- item 11: small ones

@pytest.mark.parametrize("sender", [" ", "\t\n", "", 5, None])
def test_rest_refuses_a_blank_or_non_string_sender(store, sender):
    dialogue = Dialogue()
    body = json.dumps({"sender": sender, "message": "你好"}).encode()
    status, _ = run_channel(SafeRestInput(), dialogue, lambda url: post(f"{url}/webhook", body))
    assert status == 400 and dialogue.received == []


@pytest.mark.parametrize("update_id", [True, False, -1, "7", 1.5])
def test_telegram_refuses_an_update_id_that_is_not_a_counting_number(store, update_id):
    dialogue, fake = Dialogue(), FakeTelegram()
    body = json.dumps({**tg_message(1, "你好"), "update_id": update_id}).encode()
    status, _ = run_channel(telegram(store, fake), dialogue, lambda url: post(f"{url}/webhook", body, TG))
    assert status == 400 and dialogue.received == [] and fake.sent() == []


def test_get_root_does_not_show_the_rasa_version():
    app = Sanic(f"test_{uuid.uuid4().hex}")
    Sanic.test_mode = True

    @app.get("/")
    async def hello(request):  # what rasa.server.add_root_route registers
        return response.text("Hello from Rasa: 3.6.21")

    app.blueprint(SafeRestInput().blueprint(Dialogue()), url_prefix="/webhooks/rest")

    async def go():
        port = free_port()
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
        await server.startup()
        await server.before_start()
        await server.start_serving()
        try:
            async with aiohttp.ClientSession() as http:
                async with http.get(f"http://127.0.0.1:{port}/") as r:
                    return r.status, await r.text()
        finally:
            server.close()

    status, text = asyncio.run(go())
    assert status == 200 and "Rasa" not in text and "3.6" not in text


# ------------------------------------------------------------- item 6: limits before reading

async def raw_request(url: str, headers: dict[str, str], body: bytes = b"", wait_s: float = 10) -> int:
    """Sends the request line, the headers and `body` (less than announced), then waits for a status."""
    host_port, path = url.split("//", 1)[1].split("/", 1)
    host, port = host_port.split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    head = f"POST /{path} HTTP/1.1\r\nHost: {host_port}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    writer.write(head.encode() + b"\r\n" + body)
    await writer.drain()
    try:
        line = await asyncio.wait_for(reader.readline(), wait_s)
    finally:
        writer.close()
    return int(line.split()[1])


BIG = {"Content-Type": "application/json", "Content-Length": str(20_000_000)}


@pytest.mark.parametrize("make, headers, status", [
    (lambda store: telegram(store), {**BIG, **TG}, 413),
    (lambda store: telegram(store), {**BIG, "X-Telegram-Bot-Api-Secret-Token": "forged"}, 403),
    (lambda store: line(store), BIG, 401),
    (lambda store: line(store), {**BIG, "x-line-signature": "c2lnbmF0dXJl"}, 413),
    (lambda store: SafeRestInput(), BIG, 413),
], ids=["telegram-signed", "telegram-forged", "line-unsigned", "line-signed", "rest"])
def test_a_20mb_body_is_refused_before_it_is_read(store, make, headers, status):
    dialogue = Dialogue()
    got = run_channel(make(store), dialogue, lambda url: raw_request(f"{url}/webhook", headers, b'{"update_id": 1'))
    assert got == status and dialogue.received == []


def test_a_chunked_body_is_cut_off_at_the_limit(store):
    """No Content-Length to go by: the body is read in chunks until it passes the limit, then 413."""
    chunk = b"x" * 100_000
    body = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in [b'{"sender": "a", "message": "'] + [chunk] * 12)
    headers = {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}
    dialogue = Dialogue()
    got = run_channel(SafeRestInput(), dialogue, lambda url: raw_request(f"{url}/webhook", headers, body))
    assert got == 413 and dialogue.received == []


# ------------------------------------------------------------- item 10: nested JSON with a valid secret

def test_telegram_100000_deep_json_with_the_secret_is_a_clean_400(store, caplog):
    status, text = run_channel(telegram(store), Dialogue(), lambda url: post(f"{url}/webhook", DEEP, TG))
    assert status == 400 and "Traceback" not in caplog.text


def test_line_100000_deep_json_with_a_valid_signature_is_a_clean_400(store, caplog):
    body = b'{"events": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    status, text = run_channel(line(store), Dialogue(),
                               lambda url: post(f"{url}/webhook", body, {"x-line-signature": sign(body)}))
    assert status == 400 and "Traceback" not in caplog.text


# ------------------------------------------------------------- item 5: claim and completion

def test_claim_complete_and_a_stale_unfinished_claim(store, monkeypatch):
    assert webhooks.claim("line", "E1", store)
    assert not webhooks.claim("line", "E1", store)  # in flight elsewhere: not twice
    with session(store) as s:  # the claimer died an hour ago without completing
        s.get(SeenWebhook, ("line", "E1")).claimed_at -= dt.timedelta(hours=1)
        s.commit()
    assert webhooks.claim("line", "E1", store)  # the redelivery is processed
    webhooks.complete("line", "E1", store)
    with session(store) as s:
        s.get(SeenWebhook, ("line", "E1")).claimed_at -= dt.timedelta(hours=1)
        s.commit()
    assert not webhooks.claim("line", "E1", store)  # answered: never again


class FailingTelegram(FakeTelegram):
    """The Bot API failing on the first sendMessage calls (a platform error)."""

    def __init__(self, failures: int):
        super().__init__()
        self.failures = failures

    async def do_request(self, url, method, request_data=None, **kwargs):
        if url.endswith("sendMessage") and self.failures:
            self.failures -= 1
            return 500, json.dumps({"ok": False, "error_code": 500, "description": "Internal Server Error"}).encode()
        return await super().do_request(url, method, request_data, **kwargs)


def test_telegram_update_failed_on_a_platform_error_is_answered_on_redelivery(store):
    fake, dialogue = FailingTelegram(failures=2), Dialogue()  # the reply and the apology both fail
    channel = telegram(store, fake)
    body = json.dumps(tg_message(21, "你好")).encode()

    async def job(url):
        first = await post(f"{url}/webhook", body, TG)
        await channel.drain()
        second = await post(f"{url}/webhook", body, TG)  # Telegram (or the operator) delivers it again
        return first[0], second[0]

    assert run_channel(channel, dialogue, job) == (200, 200)
    assert [s["text"] for s in fake.sent()] == ["收到：你好"]
    assert len(dialogue.received) == 2


def test_line_event_failed_on_a_platform_error_is_answered_on_redelivery(store):
    from aiohttp import web

    calls = []

    async def api(request):
        calls.append(request.path)
        return web.json_response({}, status=500 if len(calls) == 1 else 200)

    async def go():
        api_app = web.Application()
        api_app.router.add_post("/v2/bot/message/reply", api)
        runner = web.AppRunner(api_app)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        channel, dialogue = line(store, f"http://127.0.0.1:{port}"), Dialogue()
        server, url = await serve(channel, dialogue)
        body = json.dumps({"events": [line_event("E-fail")]}).encode()
        try:
            first = await post(f"{url}/webhook", body, {"x-line-signature": sign(body)})
            await channel.drain()
            second = await post(f"{url}/webhook", body, {"x-line-signature": sign(body)})
            await channel.drain()
            third = await post(f"{url}/webhook", body, {"x-line-signature": sign(body)})
            await channel.drain()
        finally:
            server.close()
            await runner.cleanup()
        return [first[0], second[0], third[0]], len(dialogue.received)

    statuses, received = asyncio.run(go())
    assert statuses == [200, 200, 200] and len(calls) == 2 and received == 2  # failed, answered, then refused


# ------------------------------------------------------------- item 4: the store off the event loop

def lock(url: str) -> sqlite3.Connection:
    db = sqlite3.connect(url[len("sqlite:///"):], isolation_level=None, check_same_thread=False)
    db.execute("BEGIN EXCLUSIVE")
    return db


def test_a_locked_store_delays_nobody_else_and_the_webhook_asks_for_a_redelivery(store, monkeypatch):
    monkeypatch.setenv("ADVISOR_DB_TIMEOUT_S", "2")
    webhooks.claim("telegram", "warm-up", store)  # tables made before the lock
    holder = lock(store)
    finished = []
    channel = telegram(store)

    async def job(url):
        async def webhook():
            result = await post(f"{url}/webhook", json.dumps(tg_message(31, "你好")).encode(), TG)
            finished.append("webhook")
            return result

        async def health():
            await asyncio.sleep(0.3)
            async with aiohttp.ClientSession() as http:
                async with http.get(f"{url}/") as r:
                    finished.append("health")
                    return r.status

        return await asyncio.gather(webhook(), health())

    try:
        (webhook_status, _), health_status = run_channel(channel, Dialogue(), job)
    finally:
        holder.rollback() if holder.in_transaction else None
        holder.close()
    assert finished == ["health", "webhook"]  # the health check did not wait for the lock
    assert health_status == 200 and webhook_status == 503  # the platform delivers again later
    assert webhooks.claim("telegram", "31", store)  # nothing was recorded: the redelivery is processed


def test_run_db_runs_in_another_thread_and_gives_up_on_a_locked_store(store, monkeypatch):
    monkeypatch.setenv("ADVISOR_DB_TIMEOUT_S", "1")
    webhooks.claim("line", "warm-up", store)
    assert asyncio.run(run_db(threading.get_ident)) != threading.get_ident()
    holder = lock(store)
    try:
        with pytest.raises(StoreUnavailable):
            asyncio.run(run_db(webhooks.claim, "line", "E-locked", store))
    finally:
        holder.close()


# ------------------------------------------------------------- item 9: no bodies, no raw ids in logs

class LoudDialogue(Dialogue):
    """Logs the message at every level, as Rasa's processor does at DEBUG, then fails like an action."""

    async def __call__(self, message):
        self.received.append(message)
        noisy = logging.getLogger("rasa.core.processor")
        noisy.debug("Received user message '%s' from '%s'", message.text, message.sender_id)
        noisy.info(f"text={message.text}")
        raise RuntimeError(f"action failed on {message.text!r} for {message.sender_id}")


SECRET_TEXT = "我的員工編號是A123456789"


def test_rest_logs_hold_no_body_and_no_raw_sender(store, caplog):
    caplog.set_level(logging.DEBUG)
    dialogue = LoudDialogue()
    body = json.dumps({"sender": "alice-raw-id-42", "message": SECRET_TEXT}).encode()
    status, text = run_channel(SafeRestInput(), dialogue, lambda url: post(f"{url}/webhook", body))
    assert status == 200 and "1955" in text  # the apology, not silence
    assert dialogue.received and caplog.records
    logged = caplog.text + "".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert SECRET_TEXT not in logged and "alice-raw-id-42" not in logged
    assert "chars sha256:" in logged  # what is logged instead: length and hash


def test_telegram_logs_hold_no_body_and_no_raw_chat_id(store, caplog):
    caplog.set_level(logging.DEBUG)
    fake = FakeTelegram()
    body = json.dumps(tg_message(41, SECRET_TEXT, chat_id=987654321)).encode()
    status, _ = run_channel(telegram(store, fake), LoudDialogue(), lambda url: post(f"{url}/webhook", body, TG))
    assert status == 200 and "1955" in fake.sent()[0]["text"]
    logged = caplog.text + "".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert SECRET_TEXT not in logged and "987654321" not in logged


def test_updates_in_flight_are_answered_before_the_server_stops(store):
    """SIGTERM: Sanic runs before_server_stop, and the channel waits for its updates."""
    class Slow(Dialogue):
        async def __call__(self, message):
            await asyncio.sleep(1)
            await super().__call__(message)

    fake, dialogue = FakeTelegram(), Slow()
    channel = telegram(store, fake)

    async def go():
        server, url = await serve(channel, dialogue)
        status, _ = await post(f"{url}/webhook", json.dumps(tg_message(51, "你好")).encode(), TG)
        await server.before_stop()  # what a SIGTERM starts
        answered = len(fake.sent())
        server.close()
        return status, answered

    assert asyncio.run(go()) == (200, 1)
    assert not webhooks.claim("telegram", "51", store)  # completed
