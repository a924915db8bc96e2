"""One webhook base for the Telegram, LINE and REST channels, and one never-silent wrapper.

The receive sequence is the same for all three; each channel fills in the hooks:

1. `configured`        — else 503 (a channel without its secrets is unavailable, not open)
2. `authenticate_headers(request)` — before a byte of the body is read (Telegram's secret token;
   LINE's signature must be present)
3. the body limit      — a declared or streamed body over `max_body_bytes` gets 413 unread
4. `authenticate_body(request, body)` — what needs the raw body (LINE's HMAC signature)
5. strict JSON         — malformed, too deep, NaN, endless integers, lone surrogates: 400
6. `updates(data, request)` — the updates in the body (ChannelRefusal → 400 with its message)
7. `update_id(update)` — claimed in the store before processing and completed after (None: no
   de-duplication); a store that does not answer in time gets 503, so the platform delivers again
8. `to_message(update)` — an `Incoming` (text, hashed sender, output channel), or None when
   there is nothing to answer
9. the dialogue, through `never_silent(forgetting(...))`, then `deliver(incoming)`

Background channels (Telegram, LINE) answer 200 at once and run 8–9 in a task; the REST channel
runs them inline and returns the replies (`respond`). While a message is handled, its text and the
raw sender ids are kept out of every log (bot.channels.redact).
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Iterable, Optional

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from bot import settings, strict_json
from bot.channels import redact
from bot.channels.forget import forgetting
from bot.i18n import text as catalog_text
from bot.store import webhooks
from bot.store.db import StoreUnavailable, run_db

logger = logging.getLogger(__name__)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class ChannelRefusal(ValueError):
    """A request the channel refuses: `status` and a message for the client (never the body)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass
class Incoming:
    """One message for the dialogue. `text` None: not text (a sticker, a photo) — a kind word."""

    text: Optional[str]
    sender: str  # what Rasa sees: a keyed hash on Telegram and LINE
    output: OutputChannel
    metadata: dict = field(default_factory=dict)
    private: tuple = ()  # raw ids kept out of the logs while this message is handled


def replies(output: OutputChannel) -> int:
    """How many messages an output channel has sent or collected so far."""
    return output.replies  # type: ignore[attr-defined]  (each of our output channels counts)


def never_silent(on_new_message: OnNewMessage) -> OnNewMessage:
    """The dialogue for one message; when it produced no reply (the action server is down, an
    action failed, anything raised), the user gets the apology with the hotline numbers."""
    async def handle(message: UserMessage) -> None:
        output = message.output_channel
        before = replies(output)
        try:
            await on_new_message(message)
        except Exception:  # logged without the body (redact); the user still gets an answer
            logger.exception("the dialogue failed on a message")
        if replies(output) == before:
            logger.warning("no reply was produced for a message; sending the apology")
            await output.send_text_message(message.sender_id, catalog_text("chat.action_server_down"))
    return handle


async def read_body(request: Request, limit: int) -> Optional[bytes]:
    """The body, or None as soon as it is known to exceed `limit` bytes (declared or streamed)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        return None
    if request.stream is None:  # a non-streaming route (tests): the body is already here
        body = request.body or b""
        return body if len(body) <= limit else None
    chunks, size = [], 0
    while True:
        chunk = await request.stream.read()
        if chunk is None:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)


def _refuse_rest_of_body(request: Request) -> None:
    """A refusal before the body was read (413, or 401/403 from the headers): Sanic would read and
    drop the rest of it, up to 100 MB; close the connection instead."""
    stream = getattr(request, "stream", None)
    if stream is not None and getattr(stream, "request_body", None):
        stream.request_max_size = 0
        stream.keep_alive = False


def hide_server_version(app) -> None:
    """Rasa's `GET /` says "Hello from Rasa: <version>"; an attacker needs no version number."""
    async def hello(request: Request) -> response.HTTPResponse:
        return response.text("ok")

    for route in app.router.routes:
        if route.path in ("", "/") and getattr(route.handler, "__name__", "") == "hello":
            route.handler = hello


class WebhookChannel(InputChannel):
    """The base of the three channels; see the module's docstring for the sequence and hooks."""

    background = True  # answer 200 at once and process in a task (Telegram, LINE)
    store_url: Optional[str] = None
    tasks: set

    # ---- hooks

    @property
    def configured(self) -> bool:
        return True

    def body_limit(self) -> int:
        return int(settings.limit("max_body_bytes"))

    def authenticate_headers(self, request: Request) -> None:
        """Raise ChannelRefusal (401/403) from the headers alone."""

    def authenticate_body(self, request: Request, body: bytes) -> None:
        """Raise ChannelRefusal (403) when the body is not authentic."""

    def updates(self, data: Any, request: Request) -> Iterable[Any]:
        raise NotImplementedError

    def update_id(self, update: Any) -> Optional[str]:
        return None

    async def to_message(self, update: Any) -> Optional[Incoming]:
        raise NotImplementedError

    async def deliver(self, update: Any, incoming: Incoming) -> None:
        """Sends what the output channel collected (LINE); Telegram sends as it goes."""

    def respond(self, incoming: Incoming) -> response.HTTPResponse:
        """The HTTP answer of an inline channel (REST)."""
        raise NotImplementedError

    # ---- the sequence

    def new_blueprint(self) -> Blueprint:
        bp = Blueprint(f"{self.name()}_webhook_{id(self)}", __name__)
        redact.install()

        @bp.listener("before_server_start")
        async def hide_version(app, loop) -> None:
            hide_server_version(app)

        @bp.listener("before_server_stop")
        async def finish(app, loop) -> None:  # SIGTERM: the updates in flight are answered first
            try:
                await asyncio.wait_for(self.drain(), float(settings.limit("shutdown_grace_s")))
            except asyncio.TimeoutError:  # their claims are taken again on redelivery after the timeout
                logger.warning("%s: stopped with updates in flight", self.name())

        @bp.route("/", methods=["GET"])
        async def health(request: Request) -> response.HTTPResponse:
            return response.json({"status": "ok", "configured": self.configured})

        return bp

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        dialogue = never_silent(forgetting(on_new_message, self.name()))
        self.tasks = getattr(self, "tasks", set())
        bp = self.new_blueprint()

        @bp.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> response.HTTPResponse:
            try:
                return await self.receive(request, dialogue)
            except ChannelRefusal as refusal:
                _refuse_rest_of_body(request)
                return response.json({"error": str(refusal)}, status=refusal.status)

        return bp

    async def receive(self, request: Request, dialogue: OnNewMessage) -> response.HTTPResponse:
        if not self.configured:
            raise ChannelRefusal(f"{self.name()} is not configured", 503)
        self.authenticate_headers(request)
        body = await read_body(request, self.body_limit())
        if body is None:
            raise ChannelRefusal("too large", 413)
        self.authenticate_body(request, body)
        try:
            data = strict_json.loads(body, locate=False)
        except strict_json.Refused as exc:
            raise ChannelRefusal(f"refused JSON at {exc.field}: {exc.reason}") from None
        except ValueError:  # not UTF-8, not JSON
            raise ChannelRefusal("malformed JSON") from None
        updates = list(self.updates(data, request))
        if not self.background:
            [update] = updates
            incoming = await self.to_message(update)
            with redact.private(incoming.text, *incoming.private):
                await self._answer(incoming, dialogue)
            return self.respond(incoming)
        for update in updates:
            update_id = self.update_id(update)
            if update_id is not None:
                try:
                    claimed = await run_db(webhooks.claim, self.name(), update_id, self.store_url)
                except StoreUnavailable:
                    logger.error("%s: the store did not answer; asking for a redelivery", self.name())
                    raise ChannelRefusal("the store is busy; try again", 503) from None
                if not claimed:
                    continue  # a redelivery of an answered (or freshly taken) update is answered once
            self.spawn(self._process(update, update_id, dialogue))
        return response.json({"status": "ok"})

    async def _answer(self, incoming: Incoming, dialogue: OnNewMessage) -> None:
        if incoming.text is None:  # a sticker, photo, location …: a kind word, not an error
            await incoming.output.send_text_message(incoming.sender, catalog_text("chat.non_text"))
            return
        await dialogue(UserMessage(incoming.text, incoming.output, incoming.sender, input_channel=self.name(),
                                   metadata=incoming.metadata))

    async def _process(self, update: Any, update_id: Optional[str], dialogue: OnNewMessage) -> None:
        """One update in the background: answered, then completed; on failure released for a redelivery."""
        incoming: Optional[Incoming] = None
        try:
            incoming = await self.to_message(update)
            if incoming is not None:
                with redact.private(incoming.text, *incoming.private):
                    await self._answer(incoming, dialogue)
                    await self.deliver(update, incoming)
            if update_id is not None:
                await run_db(webhooks.complete, self.name(), update_id, self.store_url)
        except Exception:  # logged (redacted), never re-raised: the platform has its 200 already
            with redact.private(*((incoming.text, *incoming.private) if incoming else ())):
                logger.exception("%s: failed while answering an update", self.name())
            if update_id is not None:
                try:
                    await run_db(webhooks.release, self.name(), update_id, self.store_url)
                except Exception:  # noqa: BLE001 — the claim then expires after claim_timeout_s
                    logger.error("%s: could not release a claim; it is taken again after the timeout", self.name())

    def spawn(self, job: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(job)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def drain(self) -> None:
        """Waits for the updates being processed (tests, and a clean shutdown)."""
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)
