"""The console's guards: the session key, server-side sessions, CSRF tokens, staff-only and
admin-only pages, security headers. Passwords and the shared sign-in lock-out are bot.store.staff's.
"""
from __future__ import annotations

import base64
import hmac
import os
import secrets

from aiohttp import web
from aiohttp_session import get_session

from bot import settings
from bot.store import staff

KEY_FILE = settings.VAR / "session-key"
OPEN_PATHS = ("/login", "/health")
ADMIN_PATHS = ("/staff", "/audit")
DB_URL = web.AppKey("db_url", object)  # the store's URL (None: ADVISOR_DB_URL or var/advisor.db)
STAFF = "staff"  # request key: the signed-in bot.store.staff.Staff


def session_key() -> bytes:
    """ADVISOR_SESSION_KEY (32 bytes, url-safe base64), or one made once and kept in var/ (mode 600)."""
    env = settings.session_key()
    if env:
        return base64.urlsafe_b64decode(env)
    if not KEY_FILE.exists():
        KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
    return base64.urlsafe_b64decode(KEY_FILE.read_text().strip())


def client_address(request: web.Request) -> str:
    """The peer's address (a proxy in front must keep one console per client address in mind)."""
    return request.remote or "unknown"


async def csrf_token(request: web.Request) -> str:
    session = await get_session(request)
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


async def csrf_ok(request: web.Request, sent: str | None) -> bool:
    session = await get_session(request)
    expected = session.get("csrf")
    return bool(isinstance(expected, str) and isinstance(sent, str) and expected and sent
                and hmac.compare_digest(expected.encode(), sent.encode()))


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
    """Everything but the sign-in page and static files needs a live server-side session (checked on
    every request, so a signed-out or revoked cookie stops working at once) and, for POST, CSRF."""
    if request.path in OPEN_PATHS or request.path.startswith("/static/"):
        return await handler(request)
    session = await get_session(request)
    user = staff.session_user(session.get("sid"), url=request.app[DB_URL])
    if user is None:
        session.pop("sid", None)  # a dead session id goes; the sign-in page's CSRF token stays
        if request.path.startswith("/api/"):
            return web.json_response({"error": "sign in first"}, status=401)
        raise web.HTTPFound("/login")
    request[STAFF] = user
    if request.method == "POST":
        sent = request.headers.get("X-CSRF-Token")
        if sent is None and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            sent = (await request.post()).get("csrf")
        if not await csrf_ok(request, sent):
            return web.json_response({"error": "bad CSRF token"}, status=403)
    if request.path.startswith(ADMIN_PATHS) and user.role != "admin":
        raise web.HTTPForbidden(text="admins only")
    return await handler(request)
