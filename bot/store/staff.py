"""Staff accounts for the console: argon2 password hashes (argon2-cffi), never the password; roles
(operator, admin) and disabling; server-side sessions that sign-out, a password change or disabling
ends; and failed sign-ins kept in the store, so the lock-out holds across every console process.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select

from bot.store.consultations import now
from bot.store.db import session
from bot.store.models import SignInFailure, StaffSession, StaffUser

_hasher = PasswordHasher()
MIN_PASSWORD = 10  # characters other than spaces; a hotline tool holds callers' cases
USERNAME_MAX = 64  # the sign-in form reads no more
# Letters (any script), digits and . _ @ -: a name typed the same way on every keyboard, no spaces.
USERNAME = re.compile(r"[^\W_][\w.@-]*")
ROLES = ("operator", "admin")


class WeakPassword(ValueError):
    pass


class BadUsername(ValueError):
    pass


class UnknownUser(LookupError):
    pass


@dataclass(frozen=True)
class Staff:
    username: str
    role: str
    disabled: bool
    created_at: dt.datetime


def check_username(username: str) -> str:
    """The name as it will be typed at sign-in (NFC), or BadUsername saying why it could never sign in."""
    name = unicodedata.normalize("NFC", username or "")
    if not name.strip():
        raise BadUsername("the username is empty")
    if len(name) > USERNAME_MAX:
        raise BadUsername(f"the username is longer than {USERNAME_MAX} characters")
    if not USERNAME.fullmatch(name):
        raise BadUsername("the username may hold only letters, digits and . _ @ - (no spaces), "
                          "and must start with a letter or digit")
    return name


def check_password(password: str) -> None:
    if sum(not c.isspace() for c in password or "") < MIN_PASSWORD:
        raise WeakPassword(f"the password needs at least {MIN_PASSWORD} characters other than spaces")


def set_password(username: str, password: str, role: str | None = None, url: str | None = None) -> None:
    """Creates the account (an operator unless `role` says admin), or changes its password (and role);
    a changed password ends every session of the account."""
    username = check_username(username)
    check_password(password)
    if role is not None and role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    with session(url) as s:
        user = s.get(StaffUser, username)
        if user is None:
            user = StaffUser(username=username, created_at=now(), password_hash="", role=role or "operator",
                             disabled=False)
        elif role is not None:
            user.role = role
        user.password_hash = _hasher.hash(password)
        s.add(user)
        s.execute(delete(StaffSession).where(StaffSession.username == username))
        s.commit()


def set_disabled(username: str, disabled: bool, url: str | None = None) -> None:
    """Disables (ending its sessions) or re-enables an account."""
    with session(url) as s:
        user = s.get(StaffUser, username)
        if user is None:
            raise UnknownUser(username)
        user.disabled = disabled
        if disabled:
            s.execute(delete(StaffSession).where(StaffSession.username == username))
        s.commit()


def verify(username: str, password: str, url: str | None = None) -> bool:
    """True for the right password of an enabled account; a wrong user costs the same hash."""
    with session(url) as s:
        user = s.execute(select(StaffUser).where(StaffUser.username == username)).scalar_one_or_none()
        stored = user.password_hash if user else _DUMMY
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False
        if user is None or user.disabled:
            return False
        if _hasher.check_needs_rehash(stored):
            user.password_hash = _hasher.hash(password)
            s.commit()
        return True


def get(username: str, url: str | None = None) -> Staff | None:
    with session(url) as s:
        user = s.get(StaffUser, username)
        return Staff(user.username, user.role, bool(user.disabled), user.created_at) if user else None


def all_staff(url: str | None = None) -> list[Staff]:
    with session(url) as s:
        return [Staff(u.username, u.role, bool(u.disabled), u.created_at)
                for u in s.execute(select(StaffUser).order_by(StaffUser.username)).scalars()]


def has_users(url: str | None = None) -> bool:
    with session(url) as s:
        return s.execute(select(StaffUser.username).limit(1)).first() is not None


# Sessions: the cookie holds a random id; the store holds its hash, so a leaked table opens nothing.

def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def start_session(username: str, hours: float, url: str | None = None) -> str:
    session_id = secrets.token_urlsafe(32)
    t = now()
    with session(url) as s:
        s.execute(delete(StaffSession).where(StaffSession.expires_at < t))
        s.add(StaffSession(id_hash=_hash(session_id), username=username, created_at=t,
                           expires_at=t + dt.timedelta(hours=hours)))
        s.commit()
    return session_id


def session_user(session_id: str | None, url: str | None = None) -> Staff | None:
    """The enabled account a live session belongs to, or None (signed out, expired, revoked, disabled)."""
    if not session_id or not isinstance(session_id, str):
        return None
    with session(url) as s:
        row = s.get(StaffSession, _hash(session_id))
        if row is None or row.expires_at < now():
            return None
        user = s.get(StaffUser, row.username)
        if user is None or user.disabled:
            return None
        return Staff(user.username, user.role, False, user.created_at)


def end_session(session_id: str | None, url: str | None = None) -> None:
    if not session_id or not isinstance(session_id, str):
        return
    with session(url) as s:
        s.execute(delete(StaffSession).where(StaffSession.id_hash == _hash(session_id)))
        s.commit()


# The lock-out: failed sign-ins in the store, counted per account and address, per address, per account.

@dataclass(frozen=True)
class Limits:
    window: dt.timedelta
    per_account_and_address: int  # one address guessing one account
    per_address: int  # one address trying many accounts
    per_account: int  # many addresses guessing one account


def locked(username: str, address: str, limits: Limits, url: str | None = None) -> bool:
    since = now() - limits.window
    recent = select(func.count()).select_from(SignInFailure).where(SignInFailure.at >= since)
    with session(url) as s:
        pair = s.execute(recent.where(SignInFailure.username == username,
                                      SignInFailure.address == address)).scalar_one()
        by_address = s.execute(recent.where(SignInFailure.address == address)).scalar_one()
        by_account = s.execute(recent.where(SignInFailure.username == username)).scalar_one()
    return (pair >= limits.per_account_and_address or by_address >= limits.per_address
            or by_account >= limits.per_account)


def failed(username: str, address: str, limits: Limits, url: str | None = None) -> None:
    t = now()
    with session(url) as s:
        s.execute(delete(SignInFailure).where(SignInFailure.at < t - limits.window))
        s.add(SignInFailure(username=username[:USERNAME_MAX], address=address[:64], at=t))
        s.commit()


def succeeded(username: str, address: str, url: str | None = None) -> None:
    with session(url) as s:
        s.execute(delete(SignInFailure).where(SignInFailure.username == username,
                                              SignInFailure.address == address))
        s.commit()


_DUMMY = _hasher.hash("no such user, but the same work")
