"""The console's guards: the session key, CSRF tokens, staff-only pages, security headers, and the
sign-in throttle. Passwords themselves are bot.store.staff's.
"""
from __future__ import annotations

import base64
import hmac
import os
import secrets
from pathlib import Path

from aiohttp import web
from aiohttp_session import get_session

ROOT = Path(__file__).resolve().parent.parent.parent
KEY_FILE = ROOT / "var" / "session-key"
SIGN_IN_TRIES = 5  # failed sign-ins per username within SIGN_IN_WINDOW_S before it is locked for that long
SIGN_IN_WINDOW_S = 15 * 60
OPEN_PATHS = ("/login", "/health")


def session_key() -> bytes:
    """ADVISOR_SESSION_KEY (32 bytes, url-safe base64), or one made once and kept in var/ (mode 600)."""
    env = os.environ.get("ADVISOR_SESSION_KEY")
    if env:
        return base64.urlsafe_b64decode(env)
    if not KEY_FILE.exists():
        KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
    return base64.urlsafe_b64decode(KEY_FILE.read_text().strip())


async def csrf_token(request: web.Request) -> str:
    session = await get_session(request)
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


async def csrf_ok(request: web.Request, sent: str | None) -> bool:
    session = await get_session(request)
    expected = session.get("csrf")
    return bool(expected and sent and hmac.compare_digest(expected, sent))


@web.middleware
async def security_headers(request: web.Request, handler):
    response = await handler(request)
    response.headers.setdefault("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@web.middleware
async def staff_only(request: web.Request, handler):
    """Everything but the sign-in page and static files needs a signed-in operator and, for POST, CSRF."""
    if request.path in OPEN_PATHS or request.path.startswith("/static/"):
        return await handler(request)
    session = await get_session(request)
    if not session.get("user"):
        if request.path.startswith("/api/"):
            return web.json_response({"error": "sign in first"}, status=401)
        raise web.HTTPFound("/login")
    if request.method == "POST":
        sent = request.headers.get("X-CSRF-Token")
        if sent is None and request.content_type == "application/x-www-form-urlencoded":
            sent = (await request.post()).get("csrf")
        if not await csrf_ok(request, sent):
            return web.json_response({"error": "bad CSRF token"}, status=403)
    return await handler(request)


class SignInThrottle:
    """Failed sign-ins per username, in memory: after too many, that username waits (guessing is slow)."""

    def __init__(self, tries: int = SIGN_IN_TRIES, window_s: float = SIGN_IN_WINDOW_S):
        self.tries, self.window_s, self.failures = tries, window_s, {}

    def _recent(self, username: str, now: float) -> list:
        recent = [t for t in self.failures.get(username, []) if now - t < self.window_s]
        self.failures[username] = recent
        return recent

    def locked(self, username: str, now: float) -> bool:
        return len(self._recent(username, now)) >= self.tries

    def failed(self, username: str, now: float) -> None:
        self._recent(username, now).append(now)

    def succeeded(self, username: str) -> None:
        self.failures.pop(username, None)


THROTTLE = web.AppKey("throttle", SignInThrottle)
