"""Fuzzing the three webhooks (hypothesis): whatever the body, a 2xx or 4xx, never a 5xx, never a
traceback in the log (also from the background processing of Telegram and LINE).

The bodies are signed as the platform would (a valid Telegram secret, a valid LINE signature), so
the fuzz reaches past authentication. The channels run in process on one loopback server (a
thread with its own event loop) for all examples; the dialogue is a stand-in that echoes.
10,000 examples per webhook when CI is set; FUZZ_EXAMPLES (default 200) otherwise.
"""
from __future__ import annotations

import asyncio
import http.client
import itertools
import json
import logging
import os
import shutil
import tempfile
import threading
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sanic import Sanic

from bot.channels.common import RateLimiter
from bot.channels.line import LineInput
from bot.channels.rest import SafeRestInput
from bot.channels.telegram import TelegramInput
from tests.test_channels import LINE_SECRET, SECRET, FakeTelegram, free_port, sign

EXAMPLES = 10_000 if os.environ.get("CI") else int(os.environ.get("FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


REACHED: dict[str, int] = {"rest": 0, "telegram": 0, "line": 0}


class Echo:
    """The dialogue stand-in: answers every message with its length (and counts them per channel)."""

    async def __call__(self, message):
        REACHED[message.input_channel] += 1
        await message.output_channel.send_text_message(message.sender_id, f"{len(message.text)} 字")


class Crashes(logging.Handler):
    """Collects every record at ERROR or above, and every record carrying a traceback."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.records.append(record)


class Server:
    """The three channels on one Sanic app in a thread; requests by http.client, kept alive."""

    def __init__(self, store: str):
        self.telegram = TelegramInput("123:ABC", SECRET, "advisor_bot", request=FakeTelegram(), store_url=store)
        self.telegram.limiter = RateLimiter(per_chat_s=0, overall=10**9)  # the pacing is tested elsewhere
        self.line = LineInput(LINE_SECRET, "line-token", api_base="http://127.0.0.1:9", store_url=store)
        self.rest = SafeRestInput()
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        assert self.ready.wait(30), "the fuzz server did not start"
        self.http = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        app = Sanic(f"fuzz_{uuid.uuid4().hex}")
        Sanic.test_mode = True
        for channel in (self.telegram, self.line, self.rest):
            app.blueprint(channel.blueprint(Echo()), url_prefix=f"/webhooks/{channel.name()}")

        async def start():
            server = await app.create_server(host="127.0.0.1", port=self.port, return_asyncio_server=True)
            await server.startup()
            await server.start_serving()
            self.server = server
            self.ready.set()

        self.loop.run_until_complete(start())
        self.loop.run_forever()

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> int:
        try:
            self.http.request("POST", path, body=body, headers={"Content-Type": "application/json", **headers})
            reply = self.http.getresponse()
            reply.read()
            return reply.status
        except (http.client.HTTPException, ConnectionError):  # the server closed a keep-alive: once more
            self.http.close()
            self.http = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.http.request("POST", path, body=body, headers={"Content-Type": "application/json", **headers})
            reply = self.http.getresponse()
            reply.read()
            return reply.status

    def drain(self) -> None:
        for channel in (self.telegram, self.line):
            asyncio.run_coroutine_threadsafe(channel.drain(), self.loop).result(60)

    def stop(self) -> None:
        self.http.close()
        self.loop.call_soon_threadsafe(self.server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    memory = Path("/dev/shm")  # the store's commits in memory where the system has it: the fuzz is about input
    folder = Path(tempfile.mkdtemp(dir=memory)) if memory.is_dir() else tmp_path_factory.mktemp("fuzz")
    running = Server(f"sqlite:///{folder / 'store.db'}")
    yield running
    running.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def crashes():
    handler = Crashes()
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    yield handler.records
    root.removeHandler(handler)
    root.setLevel(old_level)


# ---------------------------------------------------------------- strategies

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                    st.text())
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                             st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                           max_leaves=12)
COUNTER = itertools.count(1)
fresh_ids = st.builds(lambda: next(COUNTER))  # a new id each time, so a claim never stops the fuzz
texts = st.one_of(st.text(min_size=1), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1),
                  st.sampled_from(["/forget", "刪除我的資料", "一" * 400, "1年" * 1000, "\u0000", "/start", "\ud800"]))
# JSON text as attackers write it: dumped values, raw bytes, deep nesting, NaN, endless integers
raw_bodies = st.one_of(
    st.binary(max_size=64),
    st.integers(1, 5_000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(1, 5_000).map(lambda n: b"9" * n),
    st.sampled_from([b"NaN", b"-Infinity", b'{"a": 1e999}', b'"\\ud800"', b"", b"{", b"\xff\xfe"]),
)


def mostly(shaped, *others):
    """Most examples shaped like the platform's own (hypothesis favours 0 and the bounds), the rest anything."""
    return st.integers(0, 9).flatmap(lambda i: st.one_of(*others) if i in (0, 4, 9) else shaped)


def dumped(value) -> bytes:
    return json.dumps(value).encode()  # ensure_ascii: lone surrogates travel as \ud800 escapes


rest_messages = st.fixed_dictionaries({"sender": st.text(min_size=1, max_size=200), "message": texts},
                                      optional={"input_channel": json_values, "metadata": json_values}).map(dumped)
rest_bodies = mostly(
    rest_messages,
    raw_bodies,
    json_values.map(dumped),
    st.fixed_dictionaries({"sender": st.one_of(st.text(max_size=200), scalars), "message": st.one_of(texts, scalars)},
                          optional={"input_channel": json_values, "metadata": json_values}).map(dumped),
)

chat = st.fixed_dictionaries({"id": st.integers(-10**12, 10**12),
                              "type": st.sampled_from(["private", "group", "supergroup", "channel", "weird"])})
user = st.fixed_dictionaries({"id": st.integers(1, 10**10), "is_bot": st.booleans(), "first_name": st.text(max_size=10)})
tg_messages = st.fixed_dictionaries(
    {"message_id": st.integers(0, 10**6), "date": st.integers(0, 2**31), "chat": chat},
    optional={"text": texts, "from": user, "sticker": json_values, "new_chat_members": st.lists(user, max_size=2)})
tg_text_messages = st.fixed_dictionaries(
    {"message_id": st.integers(0, 10**6), "date": st.integers(0, 2**31), "chat": chat, "text": texts},
    optional={"from": user})
telegram_texts = st.fixed_dictionaries({"update_id": fresh_ids, "message": tg_text_messages}).map(dumped)
telegram_updates = mostly(
    telegram_texts,
    raw_bodies,
    json_values.map(dumped),
    st.fixed_dictionaries({"update_id": st.one_of(fresh_ids, scalars)},
                          optional={"message": st.one_of(tg_messages, json_values),
                                    "edited_message": tg_messages,
                                    "callback_query": st.fixed_dictionaries(
                                        {"id": st.text(min_size=1, max_size=8), "chat_instance": st.text(max_size=4),
                                         "from": user},
                                        optional={"data": texts, "message": tg_messages})}).map(dumped),
)

line_source = st.one_of(st.fixed_dictionaries({"type": st.sampled_from(["user", "group", "room", "x"])},
                                               optional={"userId": st.one_of(st.text(max_size=40), scalars),
                                                         "groupId": st.text(max_size=40),
                                                         "roomId": st.text(max_size=40)}),
                        json_values)
line_text_events = st.fixed_dictionaries(
    {"webhookEventId": fresh_ids.map(str), "type": st.just("message"),
     "source": st.fixed_dictionaries({"type": st.just("user"), "userId": st.text(min_size=1, max_size=40)}),
     "replyToken": st.text(max_size=20), "message": st.fixed_dictionaries({"type": st.just("text"), "text": texts})})
line_events = st.fixed_dictionaries(
    {"webhookEventId": st.one_of(fresh_ids.map(str), scalars)},
    optional={"type": st.sampled_from(["message", "postback", "follow", "join", "unfollow", "x"]),
              "source": line_source, "replyToken": st.one_of(st.text(max_size=20), scalars),
              "message": st.one_of(st.fixed_dictionaries({"type": st.sampled_from(["text", "sticker"])},
                                                         optional={"text": st.one_of(texts, scalars),
                                                                   "mention": json_values}),
                                   json_values),
              "postback": st.one_of(st.fixed_dictionaries({"data": st.one_of(texts, scalars)}), json_values)})
line_texts = st.fixed_dictionaries({"events": st.lists(line_text_events, min_size=1, max_size=3)}).map(dumped)
line_bodies = mostly(line_texts, raw_bodies, json_values.map(dumped),
                        st.fixed_dictionaries({"events": st.one_of(st.lists(st.one_of(line_events, json_values),
                                                                            max_size=3), json_values)}).map(dumped))

QUERY = st.sampled_from(["", "", "?stream=true", "?stream=1", "?stream=false", "?stream=%00"])


# ---------------------------------------------------------------- the fuzz tests

@FUZZ
@given(body=rest_bodies, query=QUERY)
def test_fuzz_rest_webhook_never_fails(server, crashes, body, query):
    status = server.post(f"/webhooks/rest/webhook{query}", body, {})
    assert status < 500, (status, body[:200])
    assert not crashes, [r.getMessage() for r in crashes]


@FUZZ
@given(body=telegram_updates)
def test_fuzz_telegram_webhook_with_its_secret_never_fails(server, crashes, body):
    status = server.post("/webhooks/telegram/webhook", body, {"X-Telegram-Bot-Api-Secret-Token": SECRET})
    server.drain()
    assert status < 500, (status, body[:200])
    assert not crashes, [r.getMessage() for r in crashes]


@FUZZ
@given(body=line_bodies)
def test_fuzz_line_webhook_with_its_signature_never_fails(server, crashes, body, monkeypatch):
    async def delivered(reply_token, push_to, messages):  # no LINE API here: the replies stop at the channel
        assert all(m["text"] for m in messages)
    monkeypatch.setattr(server.line, "send", delivered)
    status = server.post("/webhooks/line/webhook", body, {"x-line-signature": sign(body)})
    server.drain()
    assert status < 500, (status, body[:200])
    assert not crashes, [r.getMessage() for r in crashes]


def test_the_fuzz_reached_the_dialogue_on_every_channel():
    """Runs after the three above: a fuzz that never gets past the checks would prove nothing."""
    print(REACHED)
    assert all(REACHED.values()), REACHED
