"""Tables of the project's store."""
from __future__ import annotations

from sqlalchemy import JSON, Column, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class SeenWebhook(Base):
    """A webhook event taken by a process (claimed_at) and, once answered, done (done_at), so a
    redelivery is answered once; a claim never completed can be taken again after a timeout.
    Rows expire after a while."""

    __tablename__ = "seen_webhooks"
    platform = Column(String(16), primary_key=True)
    event_id = Column(String(128), primary_key=True)
    expires_at = Column(DateTime, nullable=False, index=True)
    claimed_at = Column(DateTime, nullable=True)
    done_at = Column(DateTime, nullable=True)


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


class Consultation(Base):
    """One verdict given, in chat or in the staff console: what was asked, what the rules said."""

    __tablename__ = "consultations"
    id = Column(Integer, primary_key=True, autoincrement=True)
    created_at = Column(DateTime, nullable=False, index=True)
    channel = Column(String(16), nullable=False)  # rest, telegram, line, console, …
    case_key = Column(String(64), index=True)  # a console case updated in place; None for chat verdicts
    user_hash = Column(String(64), index=True)  # the keyed hash of the sender, never the raw id
    topic = Column(String(16), nullable=False, index=True)
    status = Column(String(24), nullable=False, index=True)
    language = Column(String(8), nullable=False)
    as_of = Column(Date, nullable=False)
    facts = Column(JSON, nullable=False)
    verdict = Column(JSON, nullable=False)
    summary = Column(Text, nullable=False)  # the verdict's text, for search


class StaffUser(Base):
    """A hotline operator who may sign in to the console; the password only as an argon2 hash."""

    __tablename__ = "staff_users"
    username = Column(String(64), primary_key=True)
    password_hash = Column(String(255), nullable=False)
    created_at = Column(DateTime, nullable=False)
