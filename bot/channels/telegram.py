"""Telegram as a Rasa channel, built on python-telegram-bot, safe under real webhook traffic.

The webhook checks the secret token in constant time, answers 200 at once and processes the update
in the background (so Telegram never times out and never retries a slow answer), takes each
update_id once across processes (bot.store), and sends replies within Telegram's limits.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import RetryAfter, TelegramError
from telegram.request import BaseRequest

from bot.channels.common import MAX_BODY_BYTES, WebhookChannel, RateLimiter, sender_hash, split_text
from bot.channels.forget import forgetting
from bot.i18n import text as catalog_text
from bot.store.webhooks import first_time, payload_for, remember_target, short_key

logger = logging.getLogger(__name__)
# httpx logs each request URL at INFO, and Bot API URLs carry the token: keep it out of the logs.
logging.getLogger("httpx").setLevel(logging.WARNING)
MAX_TEXT = 4096
MAX_CALLBACK_BYTES = 64
MAX_RETRIES = 3


def _seconds(retry_after: Any) -> float:
    return retry_after.total_seconds() if hasattr(retry_after, "total_seconds") else float(retry_after)


class TelegramOutput(OutputChannel):
    """Sends to one chat: split at paragraphs, buttons as an inline keyboard, paced and retried."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    def __init__(self, bot: Bot, chat_id: int, limiter: RateLimiter, store_url: Optional[str] = None):
        self.bot, self.chat_id, self.limiter, self.store_url = bot, chat_id, limiter, store_url
        self.sent = 0

    async def _send(self, text: str, markup: Optional[InlineKeyboardMarkup] = None) -> None:
        for attempt in range(MAX_RETRIES + 1):
            await self.limiter.wait(str(self.chat_id))
            try:
                await self.bot.send_message(self.chat_id, text, reply_markup=markup)
                self.sent += 1
                return
            except RetryAfter as exc:  # 429: wait as told, then try again
                if attempt == MAX_RETRIES:
                    raise
                await asyncio.sleep(_seconds(exc.retry_after))

    def keyboard(self, buttons: List[Dict[Text, Any]]) -> InlineKeyboardMarkup:
        rows = []
        for button in buttons:
            payload = button["payload"]
            if len(payload.encode()) > MAX_CALLBACK_BYTES:
                payload = short_key(payload, self.store_url)
            rows.append([InlineKeyboardButton(button["title"], callback_data=payload)])
        return InlineKeyboardMarkup(rows)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for piece in split_text(text, MAX_TEXT):
            await self._send(piece)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        pieces = split_text(text, MAX_TEXT)
        for piece in pieces[:-1]:
            await self._send(piece)
        await self._send(pieces[-1], self.keyboard(buttons))


class TelegramInput(WebhookChannel):
    """Webhook at /webhooks/telegram/webhook; health at /webhooks/telegram/."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramInput":
        credentials = credentials or {}
        return cls(token=credentials.get("access_token") or os.environ.get("TELEGRAM_TOKEN"),
                   secret=credentials.get("secret_token") or os.environ.get("TELEGRAM_SECRET_TOKEN"),
                   username=credentials.get("verify") or os.environ.get("TELEGRAM_BOT_USERNAME"),
                   api_base=credentials.get("api_base") or os.environ.get("TELEGRAM_API_BASE"))

    def __init__(self, token: Optional[str], secret: Optional[str], username: Optional[str] = None,
                 request: Optional[BaseRequest] = None, store_url: Optional[str] = None,
                 api_base: Optional[str] = None):
        self.token, self.secret, self.username = token, secret, (username or "").lstrip("@")
        self.request, self.store_url, self.api_base = request, store_url, api_base
        self.limiter = RateLimiter()
        self._bot: Optional[Bot] = None
        self.tasks: set = set()

    @property
    def configured(self) -> bool:
        return bool(self.token and self.secret)

    async def bot(self) -> Bot:
        if self._bot is None:
            options: Dict[str, Any] = {"request": self.request} if self.request else {}
            if self.api_base:  # another Bot API server (a local one, or a test double)
                options["base_url"] = f"{self.api_base.rstrip('/')}/bot"
            bot = Bot(self.token, **options)
            await bot.initialize()
            self._bot = bot
        return self._bot

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = forgetting(on_new_message, self.name())
        bp = self.new_blueprint()

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            if not self.configured:
                return response.json({"error": "telegram is not configured"}, status=503)
            token = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
            if not token or not hmac.compare_digest(token.encode(), self.secret.encode()):
                return response.json({"error": "forbidden"}, status=403)
            if len(request.body or b"") > MAX_BODY_BYTES:
                return response.json({"error": "too large"}, status=413)
            try:
                data = json.loads(request.body)
            except (ValueError, TypeError):
                return response.json({"error": "malformed JSON"}, status=400)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                return response.json({"error": "not a Telegram update"}, status=400)
            if not first_time("telegram", str(data["update_id"]), self.store_url):
                return response.json({"status": "duplicate"})
            self.spawn(self._process(data, on_new_message))
            return response.json({"status": "ok"})

        return bp

    def _addressed(self, message: Message) -> Optional[str]:
        """The text meant for the bot, or None when a group message is not addressed to it."""
        text = message.text or ""
        if message.chat.type == "private":
            return text
        mention = f"@{self.username}" if self.username else None
        replied = message.reply_to_message and message.reply_to_message.from_user and \
            message.reply_to_message.from_user.username == self.username
        if mention and mention in text:
            return text.replace(mention, "").strip()
        return text if replied else None

    async def _process(self, data: dict, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        try:
            bot = await self.bot()
            update = Update.de_json(data, bot)
            text, chat = await self._text_of(update, bot)
            if chat is None:
                return
            user = update.effective_user
            raw = f"{chat.id}" if chat.type == "private" else f"{chat.id}:{user.id if user else ''}"
            sender = sender_hash("telegram", raw)
            remember_target("telegram", sender, str(chat.id), self.store_url)
            output = TelegramOutput(bot, chat.id, self.limiter, self.store_url)
            if text is None:  # a sticker, photo, location …: a kind word, not an error
                await output.send_text_message(sender, catalog_text("chat.non_text"))
                return
            await on_new_message(UserMessage(text, output, sender, input_channel=self.name(),
                                             metadata={"chat_type": chat.type}))
            if output.sent == 0:
                await output.send_text_message(sender, catalog_text("chat.action_server_down"))
        except TelegramError:
            logger.exception("telegram: could not answer an update")
        except Exception:  # logged, never re-raised: Telegram must not retry the update forever
            logger.exception("telegram: failed while answering an update")

    async def _text_of(self, update: Update, bot: Bot):
        """(text or None for non-text, chat), or (None, None) when there is nothing to answer."""
        if update.callback_query:
            query = update.callback_query
            await bot.answer_callback_query(query.id)  # always, or the button keeps spinning
            payload = query.data or ""
            if payload.startswith("k:"):
                payload = payload_for(payload, self.store_url) or ""
            chat = query.message.chat if query.message else None
            return (payload or None), chat
        message = update.message or update.edited_message
        if message is None:
            return None, None
        if message.new_chat_members and any(m.username == self.username for m in message.new_chat_members):
            return "你好", message.chat  # added to a group: greet once
        if message.chat.type != "private" and not message.text:
            return None, None
        if not message.text:
            return None, message.chat
        text = self._addressed(message)
        if text is None:
            return None, None
        if text.startswith("/start"):
            text = "你好"
        return text, message.chat
