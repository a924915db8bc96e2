"""The REST channel on the webhook base: the endpoint decides, the client does not.

`POST /webhooks/rest/webhook` with `{"sender": "...", "message": "..."}` answers with the bot's
replies as a JSON list. The channel is always `rest` (an `input_channel` or `metadata` in the body
is ignored, so a client cannot store rows under another channel); a blank sender or message, a
message over `max_message_chars`, a body over `max_body_bytes` and `?stream=true` get a 400 (413
for the size) with a message, never a hang or a 500. When the dialogue produces no reply (the
action server is down, say), the user gets the apology with the hotline numbers (never_silent).
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel
from sanic import response
from sanic.request import Request

from bot import settings
from bot.channels.base import ChannelRefusal, Incoming, WebhookChannel

logger = logging.getLogger(__name__)
STREAM_OFF = ("", "false", "0", "no")


class RestOutput(CollectingOutputChannel):
    """Collects the replies for the HTTP answer."""

    @property
    def replies(self) -> int:
        return len(self.messages)


class SafeRestInput(WebhookChannel):
    """Webhook at /webhooks/rest/webhook; health at /webhooks/rest/."""

    background = False  # the replies are the HTTP answer

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SafeRestInput":
        return cls()

    def body_limit(self) -> int:
        return int(settings.limit("max_rest_body_bytes"))

    def updates(self, data: Any, request: Request) -> List[dict]:
        if str(request.args.get("stream", "")).strip().lower() not in STREAM_OFF:
            raise ChannelRefusal("streaming is not supported: drop ?stream=true to get the replies as a list")
        if not isinstance(data, dict):
            raise ChannelRefusal("the body must be a JSON object with `sender` and `message`")
        sender, message = data.get("sender"), data.get("message")
        if not isinstance(sender, str) or not sender.strip():
            raise ChannelRefusal("`sender` must be a non-empty string")
        if len(sender) > settings.limit("max_sender_chars"):
            raise ChannelRefusal(f"`sender` is longer than {settings.limit('max_sender_chars')} characters")
        if not isinstance(message, str) or not message.strip():
            raise ChannelRefusal("`message` must be a non-empty string")
        if len(message) > settings.limit("max_message_chars"):
            raise ChannelRefusal(f"`message` is longer than {settings.limit('max_message_chars')} characters")
        return [{"sender": sender, "message": message}]

    async def to_message(self, update: dict) -> Incoming:
        return Incoming(update["message"], update["sender"], RestOutput(), private=(update["sender"],))

    def respond(self, incoming: Incoming) -> response.HTTPResponse:
        return response.json(incoming.output.messages)
