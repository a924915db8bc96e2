"""Staff accounts for the console: argon2 password hashes (argon2-cffi), never the password."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from bot.store.consultations import now
from bot.store.db import session
from bot.store.models import StaffUser

_hasher = PasswordHasher()
MIN_PASSWORD = 10  # characters; a hotline tool holds callers' cases


class WeakPassword(ValueError):
    pass


def set_password(username: str, password: str, url: str | None = None) -> None:
    """Creates the account, or changes its password."""
    if len(password) < MIN_PASSWORD:
        raise WeakPassword(f"the password needs at least {MIN_PASSWORD} characters")
    with session(url) as s:
        user = s.get(StaffUser, username) or StaffUser(username=username, created_at=now(), password_hash="")
        user.password_hash = _hasher.hash(password)
        s.add(user)
        s.commit()


def verify(username: str, password: str, url: str | None = None) -> bool:
    """True for the right password; a wrong user costs the same hash as a wrong password."""
    with session(url) as s:
        user = s.execute(select(StaffUser).where(StaffUser.username == username)).scalar_one_or_none()
        stored = user.password_hash if user else _DUMMY
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False
        if user is None:
            return False
        if _hasher.check_needs_rehash(stored):
            user.password_hash = _hasher.hash(password)
            s.commit()
        return True


def has_users(url: str | None = None) -> bool:
    with session(url) as s:
        return s.execute(select(StaffUser.username).limit(1)).first() is not None


_DUMMY = _hasher.hash("no such user, but the same work")
