"""Tables of the project's store."""
from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Integer, String, Text, false
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
    # A console case's own fields: who took the call, their notes, a number to call back; and the
    # facts as readable words (labels and values in Chinese and English) so staff can search them.
    operator = Column(String(64), index=True)
    notes = Column(Text)
    callback = Column(String(128))
    search_text = Column(Text)


class StaffUser(Base):
    """A hotline operator who may sign in to the console; the password only as an argon2 hash."""

    __tablename__ = "staff_users"
    username = Column(String(64), primary_key=True)
    password_hash = Column(String(255), nullable=False)
    created_at = Column(DateTime, nullable=False)
    role = Column(String(16), nullable=False, server_default="operator")  # operator or admin
    disabled = Column(Boolean, nullable=False, server_default=false())


class StaffSession(Base):
    """A signed-in console session: the cookie carries the id, the store only its hash; signing out,
    a password change or disabling the account deletes it, so a saved cookie stops working."""

    __tablename__ = "staff_sessions"
    id_hash = Column(String(64), primary_key=True)
    username = Column(String(64), nullable=False, index=True)
    created_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False, index=True)


class SignInFailure(Base):
    """A failed sign-in, shared by every console process: the lock-out counts these."""

    __tablename__ = "sign_in_failures"
    id = Column(Integer, primary_key=True, autoincrement=True)
    username = Column(String(64), nullable=False, index=True)
    address = Column(String(64), nullable=False, index=True)
    at = Column(DateTime, nullable=False, index=True)


class AuditEntry(Base):
    """Who did what and when in the console: case views, searches, exports, staff changes."""

    __tablename__ = "audit_log"
    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime, nullable=False, index=True)
    username = Column(String(64), nullable=False, index=True)
    action = Column(String(32), nullable=False, index=True)
    consultation_id = Column(Integer, index=True)
    detail = Column(JSON)


class ConsoleDraft(Base):
    """An operator's call in progress (form, chat, notes), so a reload or a new sign-in loses nothing."""

    __tablename__ = "console_drafts"
    username = Column(String(64), primary_key=True)
    case_key = Column(String(64), nullable=False)
    state = Column(JSON, nullable=False)
    updated_at = Column(DateTime, nullable=False)
