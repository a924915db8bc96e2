"""LINE as a Rasa channel, calling the Messaging API with aiohttp (line-bot-sdk 3 needs pydantic 2).

The webhook checks x-line-signature (HMAC-SHA256 of the raw body) in constant time, answers 200 at
once and handles each event in the background, takes each webhookEventId once across processes,
and replies within LINE's limits: 5 messages a reply (the rest by push), 5000 UTF-16 units a text,
13 quick-reply items.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import aiohttp
from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels.common import MAX_BODY_BYTES, WebhookChannel, sender_hash, split_text, utf16_units
from bot.channels.forget import forgetting
from bot.i18n import text as catalog_text
from bot.store.webhooks import first_time, remember_target

logger = logging.getLogger(__name__)
API_BASE = "https://api.line.me"
MAX_TEXT_UNITS = 5000
MAX_REPLY_MESSAGES = 5
MAX_QUICK_REPLIES = 13
MAX_LABEL = 20
MAX_RETRIES = 3
RETRY_WAIT_S = 1.0


class LineOutput(OutputChannel):
    """Collects the bot's messages for one event, then sends them in one reply (and pushes the rest)."""

    @classmethod
    def name(cls) -> Text:
        return "line"

    def __init__(self):
        self.messages: List[dict] = []

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for piece in split_text(text, MAX_TEXT_UNITS, utf16_units):
            self.messages.append({"type": "text", "text": piece})

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, text)
        self.messages[-1]["quickReply"] = {"items": [
            {"type": "action", "action": {"type": "postback", "label": b["title"][:MAX_LABEL],
                                          "data": b["payload"], "displayText": b["title"]}}
            for b in buttons[:MAX_QUICK_REPLIES]]}


class LineInput(WebhookChannel):
    """Webhook at /webhooks/line/webhook; health at /webhooks/line/."""

    @classmethod
    def name(cls) -> Text:
        return "line"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "LineInput":
        credentials = credentials or {}
        return cls(secret=credentials.get("channel_secret") or os.environ.get("LINE_CHANNEL_SECRET"),
                   token=credentials.get("access_token") or os.environ.get("LINE_ACCESS_TOKEN"),
                   api_base=credentials.get("api_base") or os.environ.get("LINE_API_BASE") or API_BASE)

    def __init__(self, secret: Optional[str], token: Optional[str], api_base: str = API_BASE,
                 store_url: Optional[str] = None):
        self.secret, self.token, self.api_base, self.store_url = secret, token, api_base.rstrip("/"), store_url
        self.tasks: set = set()

    @property
    def configured(self) -> bool:
        return bool(self.secret and self.token)

    def valid_signature(self, body: bytes, signature: str) -> bool:
        expected = base64.b64encode(hmac.new(self.secret.encode(), body, hashlib.sha256).digest())
        return hmac.compare_digest(expected, signature.encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = forgetting(on_new_message, self.name())
        bp = self.new_blueprint()

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            if not self.configured:
                return response.json({"error": "line is not configured"}, status=503)
            body = request.body or b""
            signature = request.headers.get("x-line-signature")
            if not signature:
                return response.json({"error": "missing signature"}, status=401)
            if len(body) > MAX_BODY_BYTES:
                return response.json({"error": "too large"}, status=413)
            if not self.valid_signature(body, signature):
                return response.json({"error": "forbidden"}, status=403)
            try:
                data = json.loads(body)
                events = data["events"]
                assert isinstance(events, list)
            except (ValueError, TypeError, KeyError, AssertionError):
                return response.json({"error": "not a LINE webhook body"}, status=400)
            for event in events:  # LINE's "verify" call sends none
                event_id = event.get("webhookEventId") if isinstance(event, dict) else None
                if not event_id or not first_time("line", event_id, self.store_url):
                    continue  # a redelivered event is answered once
                self.spawn(self._process(event, on_new_message))
            return response.json({"status": "ok"})

        return bp

    @staticmethod
    def _text_of(event: dict) -> tuple[Optional[str], bool]:
        """(text for the dialogue, whether to answer at all)."""
        kind = event.get("type")
        source = event.get("source") or {}
        if kind in ("follow", "join"):
            return "你好", True
        if kind == "postback":
            return (event.get("postback") or {}).get("data"), True
        if kind != "message":
            return None, False
        message = event.get("message") or {}
        if source.get("type") in ("group", "room"):
            mentioned = any(m.get("isSelf") for m in ((message.get("mention") or {}).get("mentionees") or []))
            if not mentioned:
                return None, False
        if message.get("type") != "text":
            return None, True
        return message.get("text"), True

    async def _process(self, event: dict, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        try:
            text, answer = self._text_of(event)
            if not answer:
                return
            source = event.get("source") or {}
            push_to = source.get("groupId") or source.get("roomId") or source.get("userId")
            raw = ":".join(filter(None, [source.get("groupId") or source.get("roomId"), source.get("userId")]))
            sender = sender_hash("line", raw)
            if push_to:
                remember_target("line", sender, push_to, self.store_url)
            output = LineOutput()
            if text is None:  # a sticker, image, location …: a kind word, not an error
                await output.send_text_message(sender, catalog_text("chat.non_text"))
            else:
                await on_new_message(UserMessage(text, output, sender, input_channel=self.name(),
                                                 metadata={"source_type": source.get("type")}))
                if not output.messages:
                    await output.send_text_message(sender, catalog_text("chat.action_server_down"))
            await self.deliver(event.get("replyToken"), push_to, output.messages)
        except Exception:  # logged, never re-raised: LINE must not redeliver forever
            logger.exception("line: failed while answering an event")

    async def deliver(self, reply_token: Optional[str], push_to: Optional[str], messages: List[dict]) -> None:
        """The first five by the (single-use) reply token, the rest by push, five at a time."""
        batches = [messages[i:i + MAX_REPLY_MESSAGES] for i in range(0, len(messages), MAX_REPLY_MESSAGES)]
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        async with aiohttp.ClientSession(headers=headers) as http:
            for i, batch in enumerate(batches):
                if i == 0 and reply_token:
                    await self._post(http, "/v2/bot/message/reply", {"replyToken": reply_token, "messages": batch})
                elif push_to:
                    await self._post(http, "/v2/bot/message/push", {"to": push_to, "messages": batch})

    async def _post(self, http: aiohttp.ClientSession, path: str, body: dict) -> None:
        for attempt in range(MAX_RETRIES + 1):
            async with http.post(self.api_base + path, json=body) as reply:
                if reply.status == 429 and attempt < MAX_RETRIES:  # rate limited: back off and retry
                    await asyncio.sleep(RETRY_WAIT_S * 2 ** attempt)
                    continue
                if reply.status >= 400:
                    logger.error("line: %s answered %s", path, reply.status)
                return
