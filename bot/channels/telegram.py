"""Telegram as a Rasa channel, built on python-telegram-bot, safe under real webhook traffic.

On the webhook base (bot.channels.base): the secret token is checked in constant time before the
body is read, the webhook answers 200 at once and processes the update in the background (so
Telegram never times out and never retries a slow answer), each update_id is claimed once across
processes and completed when answered (bot.store), and replies keep within Telegram's limits.
"""
from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.channel import OutputChannel
from sanic.request import Request
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import RetryAfter
from telegram.request import BaseRequest

from bot import settings
from bot.channels.base import ChannelRefusal, Incoming, WebhookChannel
from bot.channels.common import RateLimiter, sender_hash, split_text
from bot.store.db import run_db
from bot.store.webhooks import payload_for, remember_target, short_key

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
        self.replies = 0

    async def _send(self, text: str, markup: Optional[InlineKeyboardMarkup] = None) -> None:
        for attempt in range(MAX_RETRIES + 1):
            await self.limiter.wait(str(self.chat_id))
            try:
                await self.bot.send_message(self.chat_id, text, reply_markup=markup)
                self.replies += 1
                return
            except RetryAfter as exc:  # 429: wait as told, then try again
                if attempt == MAX_RETRIES:
                    raise
                await asyncio.sleep(_seconds(exc.retry_after))

    async def keyboard(self, buttons: List[Dict[Text, Any]]) -> InlineKeyboardMarkup:
        rows = []
        for button in buttons:
            payload = button["payload"]
            if len(payload.encode()) > MAX_CALLBACK_BYTES:
                payload = await run_db(short_key, payload, self.store_url)
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
        await self._send(pieces[-1], await self.keyboard(buttons))


class TelegramInput(WebhookChannel):
    """Webhook at /webhooks/telegram/webhook; health at /webhooks/telegram/."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramInput":
        return cls(**settings.telegram(credentials))

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

    def authenticate_headers(self, request: Request) -> None:
        token = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not token or not hmac.compare_digest(token.encode(), self.secret.encode()):
            raise ChannelRefusal("forbidden", 403)

    def updates(self, data: Any, request: Request) -> List[dict]:
        # bool is an int in Python: `true` is no update id
        if not isinstance(data, dict) or type(data.get("update_id")) is not int or data["update_id"] < 0:
            raise ChannelRefusal("not a Telegram update")
        return [data]

    def update_id(self, update: dict) -> str:
        return str(update["update_id"])

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

    async def to_message(self, data: dict) -> Optional[Incoming]:
        bot = await self.bot()
        try:
            update = Update.de_json(data, bot)
        except (TypeError, ValueError, KeyError, AttributeError, IndexError):
            logger.warning("telegram: an update not shaped as the Bot API documents it was ignored")
            return None
        text, chat = await self._text_of(update, bot)
        if chat is None:
            return None
        user = update.effective_user
        raw = f"{chat.id}" if chat.type == "private" else f"{chat.id}:{user.id if user else ''}"
        sender = sender_hash("telegram", raw)
        await run_db(remember_target, "telegram", sender, str(chat.id), self.store_url)
        return Incoming(text, sender, TelegramOutput(bot, chat.id, self.limiter, self.store_url),
                        metadata={"chat_type": chat.type, "app_language": getattr(user, "language_code", None)},
                        private=(str(chat.id), str(user.id) if user else ""))

    async def _text_of(self, update: Update, bot: Bot):
        """(text or None for non-text, chat), or (None, None) when there is nothing to answer."""
        if update.callback_query:
            query = update.callback_query
            await bot.answer_callback_query(query.id)  # always, or the button keeps spinning
            payload = query.data or ""
            if payload.startswith("k:"):
                payload = await run_db(payload_for, payload, self.store_url) or ""
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
