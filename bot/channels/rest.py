"""The REST channel, made safe: bad requests get a 400, and a message is never met with silence.

When an action fails (the action server is down, say), Rasa logs the error and sends nothing; this
channel then answers with an apology and the hotline numbers instead.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.exceptions import InvalidUsage as BadRequest  # sanic 21.12: a 400
from sanic.request import Request

from bot.channels.forget import forgetting
from bot.i18n import text

logger = logging.getLogger(__name__)
MAX_MESSAGE_CHARS = 2000  # a chat message longer than this is not a question to the advisor


class SafeRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def _body(self, request: Request) -> dict:
        try:
            body = request.json
        except Exception:  # sanic raises on malformed JSON
            body = None
        if not isinstance(body, dict):
            raise BadRequest("the body must be a JSON object with `sender` and `message`")
        return body

    async def _extract_sender(self, request: Request) -> Optional[Text]:
        sender = self._body(request).get("sender")
        if not isinstance(sender, str) or not sender:
            raise BadRequest("`sender` must be a non-empty string")
        return sender

    def _extract_message(self, request: Request) -> Optional[Text]:
        message = self._body(request).get("message")
        if not isinstance(message, str) or not message.strip():
            raise BadRequest("`message` must be a non-empty string")
        if len(message) > MAX_MESSAGE_CHARS:
            raise BadRequest(f"`message` is longer than {MAX_MESSAGE_CHARS} characters")
        return message

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = forgetting(on_new_message, self.name())

        async def never_silent(message: UserMessage) -> None:
            collector = message.output_channel
            before = len(collector.messages) if isinstance(collector, CollectingOutputChannel) else None
            try:
                await on_new_message(message)
            finally:
                if before is not None and len(collector.messages) == before:
                    logger.warning("no reply was produced for a message; sending the apology")
                    await collector.send_text_message(message.sender_id, text("chat.action_server_down"))

        return super().blueprint(never_silent)
