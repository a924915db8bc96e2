"""Keyed hashes of senders: the only form in which a user is stored or logged.

Telegram and LINE hand Rasa the hash already (bot.channels); other channels hand Rasa their own
id, which is hashed before it is stored anywhere of ours.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from bot import settings

HASHED_BY_CHANNEL = {"telegram", "line"}


def _id_secret() -> bytes:
    """ADVISOR_ID_SECRET, or one made once for this installation and kept in var/ (mode 600)."""
    env = settings.id_secret()
    if env:
        return env.encode()
    secret_file = settings.id_secret_file()
    if not secret_file.exists():
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return secret_file.read_text().strip().encode()


def sender_hash(platform: str, raw_id: str) -> str:
    """What Rasa sees instead of a platform id: HMAC-SHA256 with the server secret."""
    return hmac.new(_id_secret(), f"{platform}:{raw_id}".encode(), hashlib.sha256).hexdigest()[:40]


def user_key(channel: str | None, sender_id: str) -> str:
    """The consultation log's key for a Rasa sender: its hash, made once whatever the channel."""
    return sender_id if channel in HASHED_BY_CHANNEL else sender_hash(channel or "rest", sender_id)
