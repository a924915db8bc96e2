"""LINE as a Rasa channel, calling the Messaging API with aiohttp (line-bot-sdk 3 needs pydantic 2).

On the webhook base (bot.channels.base): a request without x-line-signature is refused before its
body is read, the signature (HMAC-SHA256 of the raw body) is checked in constant time, the webhook
answers 200 at once and handles each event in the background, each webhookEventId is claimed once
across processes and completed when answered, and replies keep within LINE's limits: 5 messages a reply (the rest by
push), 5000 UTF-16 units a text,
13 quick-reply items.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Text

import aiohttp
from rasa.core.channels.channel import OutputChannel
from sanic.request import Request

from bot import settings
from bot.channels.base import ChannelRefusal, Incoming, WebhookChannel
from bot.channels.common import sender_hash, split_text, utf16_units
from bot.store.db import run_db
from bot.store.webhooks import remember_target

logger = logging.getLogger(__name__)
API_BASE = "https://api.line.me"
MAX_TEXT_UNITS = 5000
MAX_REPLY_MESSAGES = 5
MAX_QUICK_REPLIES = 13
MAX_LABEL = 20
MAX_RETRIES = 3
RETRY_WAIT_S = 1.0
PROFILE_TIMEOUT_S = 2.0  # the profile call only sets a first language: never worth keeping a user waiting
PROFILES_KEPT = 10_000  # users whose app language this process remembers (one profile call each)


class LineApiError(RuntimeError):
    pass


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and value.strip() else None


def _id(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and value else None


class LineOutput(OutputChannel):
    """Collects the bot's messages for one event, then sends them in one reply (and pushes the rest)."""

    @classmethod
    def name(cls) -> Text:
        return "line"

    def __init__(self):
        self.messages: List[dict] = []

    @property
    def replies(self) -> int:
        return len(self.messages)

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
        found = settings.line(credentials)
        return cls(secret=found["secret"], token=found["token"], api_base=found["api_base"] or API_BASE)

    def __init__(self, secret: Optional[str], token: Optional[str], api_base: str = API_BASE,
                 store_url: Optional[str] = None):
        self.secret, self.token, self.api_base, self.store_url = secret, token, api_base.rstrip("/"), store_url
        self.tasks: set = set()
        self.languages: OrderedDict[str, Optional[str]] = OrderedDict()

    @property
    def configured(self) -> bool:
        return bool(self.secret and self.token)

    def valid_signature(self, body: bytes, signature: str) -> bool:
        expected = base64.b64encode(hmac.new(self.secret.encode(), body, hashlib.sha256).digest())
        return hmac.compare_digest(expected, signature.encode())

    def authenticate_headers(self, request: Request) -> None:
        if not request.headers.get("x-line-signature"):
            raise ChannelRefusal("missing signature", 401)

    def authenticate_body(self, request: Request, body: bytes) -> None:
        if not self.valid_signature(body, request.headers["x-line-signature"]):
            raise ChannelRefusal("forbidden", 403)

    def updates(self, data: Any, request: Request) -> List[Any]:
        events = data.get("events") if isinstance(data, dict) else None
        if not isinstance(events, list):
            raise ChannelRefusal("not a LINE webhook body")
        # LINE's "verify" call sends none; an event without an id cannot be de-duplicated: skipped
        return [e for e in events if isinstance(e, dict) and isinstance(e.get("webhookEventId"), str)
                and e["webhookEventId"]]

    def update_id(self, event: dict) -> str:
        return event["webhookEventId"]

    @staticmethod
    def _text_of(event: dict) -> tuple[Optional[str], bool]:
        """(text for the dialogue, whether to answer at all); anything not shaped as LINE documents
        it counts as not text."""
        kind = event.get("type")
        source = _dict(event.get("source"))
        if kind in ("follow", "join"):
            return "你好", True
        if kind == "postback":
            return _text(_dict(event.get("postback")).get("data")), True
        if kind != "message":
            return None, False
        message = _dict(event.get("message"))
        if source.get("type") in ("group", "room"):
            mentionees = _dict(message.get("mention")).get("mentionees")
            mentioned = isinstance(mentionees, list) and any(_dict(m).get("isSelf") is True for m in mentionees)
            if not mentioned:
                return None, False
        if message.get("type") != "text":
            return None, True
        return _text(message.get("text")), True

    async def to_message(self, event: dict) -> Optional[Incoming]:
        text, answer = self._text_of(event)
        if not answer:
            return None
        source = _dict(event.get("source"))
        push_to = _id(source.get("groupId")) or _id(source.get("roomId")) or _id(source.get("userId"))
        raw = ":".join(part for part in (_id(source.get("groupId")) or _id(source.get("roomId")),
                                         _id(source.get("userId"))) if part)
        sender = sender_hash("line", raw)
        if push_to:
            await run_db(remember_target, "line", sender, str(push_to), self.store_url)
        user = _id(source.get("userId"))
        metadata = {"source_type": source.get("type"),
                    "app_language": await self.profile_language(user) if user and source.get("type") == "user" else None}
        return Incoming(text, sender, LineOutput(), metadata=metadata,
                        private=tuple(str(v) for v in (source.get("groupId"), source.get("roomId"),
                                                       source.get("userId"), event.get("replyToken")) if v))

    async def profile_language(self, user: str) -> Optional[str]:
        """The language of the user's LINE app (the profile API's `language`), asked once per user: LINE's
        webhook carries none. It only sets a conversation's first language; any failure means none."""
        if user in self.languages:
            self.languages.move_to_end(user)
            return self.languages[user]
        language = None
        try:
            timeout = aiohttp.ClientTimeout(total=PROFILE_TIMEOUT_S)
            async with aiohttp.ClientSession(timeout=timeout, headers={"Authorization": f"Bearer {self.token}"}) as http:
                async with http.get(f"{self.api_base}/v2/bot/profile/{user}") as reply:
                    if reply.status == 200:
                        found = (await reply.json(content_type=None)).get("language")
                        language = found if isinstance(found, str) and len(found) <= 16 else None
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError, AttributeError):
            language = None
        self.languages[user] = language
        while len(self.languages) > PROFILES_KEPT:
            self.languages.popitem(last=False)
        return language

    async def deliver(self, event: dict, incoming: Incoming) -> None:
        source = _dict(event.get("source"))
        push_to = _id(source.get("groupId")) or _id(source.get("roomId")) or _id(source.get("userId"))
        await self.send(_id(event.get("replyToken")), push_to, incoming.output.messages)

    async def send(self, reply_token: Optional[str], push_to: Optional[str], messages: List[dict]) -> None:
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
                if reply.status >= 400:  # the claim is released, so LINE's redelivery is answered
                    raise LineApiError(f"line: {path} answered {reply.status}")
                return
