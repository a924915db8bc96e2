"""Tables of the project's store."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, String, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class SeenWebhook(Base):
    """A webhook event already taken, so a redelivery is answered once (expires after a while)."""

    __tablename__ = "seen_webhooks"
    platform = Column(String(16), primary_key=True)
    event_id = Column(String(128), primary_key=True)
    expires_at = Column(DateTime, nullable=False, index=True)


class PushTarget(Base):
    """The platform's raw id for a keyed-hash sender, kept only to push messages later."""

    __tablename__ = "push_targets"
    sender_hash = Column(String(64), primary_key=True)
    platform = Column(String(16), nullable=False)
    raw_id = Column(String(128), nullable=False)
    updated_at = Column(DateTime, nullable=False)


class ButtonKey(Base):
    """A short key for a button payload too long for Telegram's 64-byte callback data."""

    __tablename__ = "button_keys"
    key = Column(String(32), primary_key=True)
    payload = Column(Text, nullable=False)
