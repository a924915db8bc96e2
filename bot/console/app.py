"""The staff console (aiohttp), on a port of its own: the public chat endpoints stay on Rasa's.

Sign-in with argon2-hashed passwords (bot.store.staff) and server-side sessions (the encrypted,
HttpOnly, SameSite=Strict cookie carries only the session id and the CSRF token); every POST
carries the session's CSRF token. Pages: the call (/), the case list (/cases, /cases/<id>, CSV),
staff (/staff) and the audit log (/audit) for admins. The JSON API is bot.console.api's.
"""
from __future__ import annotations

import logging
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web
from aiohttp_session import get_session, new_session
from aiohttp_session import setup as setup_sessions
from aiohttp_session.cookie_storage import EncryptedCookieStorage

from bot.console import api, cases
from bot.console.auth import (
    DB_URL,
    STAFF,
    client_address,
    csrf_ok,
    csrf_token,
    security_headers,
    session_key,
    staff_only,
)
from bot.console.fields import fact_fields
from bot.console.readable import ui
from bot.console.settings import local_today, settings, sign_in_limits
from bot.i18n import LANGS, normalise_lang, text
from bot.rules.registry import TOPICS
from bot.store import audit, drafts, staff

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
CONSOLE_LANGS = ("zh-TW", "en")
PARTS = ("company", "worker", "project", "training")
LANG_NAMES = {"zh-TW": "中文", "en": "English", "id": "Bahasa Indonesia", "vi": "Tiếng Việt", "th": "ไทย"}


@lru_cache(maxsize=1)
def templates() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                              autoescape=jinja2.select_autoescape(["html"]))


def page_lang(request: web.Request) -> str:
    lang = normalise_lang(request.query.get("lang") or request.cookies.get("console_lang") or "zh-TW")
    return lang if lang in CONSOLE_LANGS else "zh-TW"


def page(request: web.Request, name: str, lang: str, status: int = 200, **context: Any) -> web.Response:
    user = request.get(STAFF)
    html = templates().get_template(name).render(
        ui=lambda key, **p: ui(key, lang, **p), t=lambda key, **p: text(key, lang, p or None), lang=lang,
        other_lang="en" if lang == "zh-TW" else "zh-TW", user=user.username if user else None,
        admin=bool(user and user.role == "admin"), path=request.path, **context)
    response = web.Response(text=html, content_type="text/html", status=status)
    response.set_cookie("console_lang", lang, httponly=True, samesite="Strict", max_age=365 * 86400)
    return response


async def login_page(request: web.Request) -> web.Response:
    lang = page_lang(request)
    return page(request, "login.html", lang, csrf=await csrf_token(request), error=None)


async def login(request: web.Request) -> web.Response:
    lang = page_lang(request)
    form = await request.post()
    if not await csrf_ok(request, form.get("csrf")):
        return page(request, "login.html", lang, status=403, csrf=await csrf_token(request),
                      error=ui("login.expired", lang))
    username, password = str(form.get("username", ""))[:staff.USERNAME_MAX], str(form.get("password", ""))
    url, address, limits = request.app[DB_URL], client_address(request), sign_in_limits()
    if staff.locked(username, address, limits, url=url):
        logger.warning("console: sign-in refused, too many recent failures")
        return page(request, "login.html", lang, status=429, csrf=await csrf_token(request),
                      error=ui("login.locked", lang, minutes=settings()["sign_in"]["window_minutes"]))
    if not staff.verify(username, password, url=url):
        staff.failed(username, address, limits, url=url)
        logger.info("console: a failed sign-in")
        return page(request, "login.html", lang, status=401, csrf=await csrf_token(request),
                      error=ui("login.failed", lang))
    staff.succeeded(username, address, url=url)
    session = await new_session(request)  # a fresh session: no fixation
    session["sid"] = staff.start_session(username, settings()["session_hours"], url=url)
    session["csrf"] = secrets.token_urlsafe(32)
    audit.record(username, "sign_in", url=url)
    raise web.HTTPFound("/")


async def logout(request: web.Request) -> web.Response:
    session = await get_session(request)
    staff.end_session(session.get("sid"), url=request.app[DB_URL])
    audit.record(request[STAFF].username, "sign_out", url=request.app[DB_URL])
    session.invalidate()
    raise web.HTTPFound("/login")


async def console_page(request: web.Request) -> web.Response:
    lang = page_lang(request)
    user = request[STAFF]
    saved = drafts.load(user.username, url=request.app[DB_URL])
    if saved:
        case, state = saved
    else:
        case, state = api.new_case_id(), {}
        state = {"as_of": local_today().isoformat()}
    fields = fact_fields(lang)
    return page(request, "console.html", lang, csrf=await csrf_token(request),
                  groups=[(part, ui(f"part.{part}", lang), [f for f in fields if f["part"] == part]) for part in PARTS],
                  topics=[(t, text(f"topic.{t}", lang)) for t in TOPICS], case=case,
                  draft={"case": case, **state}, today=local_today().isoformat(),
                  caller_langs=[(code, LANG_NAMES[code]) for code in LANGS],
                  short_limit=settings()["short_summary_chars"])


async def warm_up(app: web.Application) -> None:
    """Loads the extractor and the rules once at start, off the event loop, so the first caller's
    message does not wait for them."""
    import asyncio

    def load() -> None:
        from bot.console.chat import chat_step
        chat_step({}, "midlevel", None, None, "員工1人", "zh-TW")

    asyncio.get_running_loop().run_in_executor(None, load)


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def make_app(db_url: str | None = None, key: bytes | None = None, secure_cookie: bool = False) -> web.Application:
    app = web.Application(client_max_size=settings()["draft_bytes"] + 64 * 1024)
    app[DB_URL] = db_url
    setup_sessions(app, EncryptedCookieStorage(key or session_key(), cookie_name="advisor_staff", httponly=True,
                                               samesite="Strict", secure=secure_cookie,
                                               max_age=settings()["session_hours"] * 3600))
    app.middlewares.extend([security_headers, staff_only])
    app.router.add_get("/login", login_page)
    app.router.add_post("/login", login)
    app.router.add_post("/logout", logout)
    app.router.add_get("/", console_page)
    api.routes(app)
    cases.routes(app, page, page_lang)
    app.router.add_get("/health", health)
    app.on_startup.append(warm_up)
    app.router.add_static("/static/", HERE / "static")
    return app
