"""The staff console (aiohttp), on a port of its own: the public chat endpoints stay on Rasa's.

Sign-in with argon2-hashed passwords (bot.store.staff); sessions in an encrypted, HttpOnly,
SameSite=Strict cookie (aiohttp-session); every POST carries the session's CSRF token.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web
from aiohttp_session import get_session, new_session, setup as setup_sessions
from aiohttp_session.cookie_storage import EncryptedCookieStorage

from bot.console.auth import (SIGN_IN_WINDOW_S, THROTTLE, SignInThrottle, csrf_ok, csrf_token, security_headers,
                               session_key, staff_only)
from bot.console.interview import chat_step, nest
from bot.dialogue.answers import label, typed
from bot.i18n import catalog, normalise_lang, text
from bot.render import render_chat
from bot.rules import FactError, check, registry
from bot.rules.parameters import default_parameters
from bot.store import consultations, staff

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
CONSOLE_LANGS = ("zh-TW", "en")
SESSION_HOURS = 10  # one working day at the hotline
PARTS, TOPICS = registry.PARTS, registry.TOPICS
DB_URL = web.AppKey("db_url", object)  # the store's URL (None: ADVISOR_DB_URL or var/advisor.db)
STATUSES = ("eligible", "not_eligible", "need_more_info")


def ui(key: str, lang: str, **params: Any) -> str:
    """A console text (catalog domain `console`)."""
    template = catalog(lang, "console").get(key) or catalog("zh-TW", "console")[key]
    return template.format(**params) if params else template


@lru_cache(maxsize=1)
def templates() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                              autoescape=jinja2.select_autoescape(["html"]))


def page_lang(request: web.Request) -> str:
    lang = normalise_lang(request.query.get("lang") or request.cookies.get("console_lang") or "zh-TW")
    return lang if lang in CONSOLE_LANGS else "zh-TW"


def render(request: web.Request, name: str, lang: str, status: int = 200, **context: Any) -> web.Response:
    html = templates().get_template(name).render(
        ui=lambda key, **p: ui(key, lang, **p), t=lambda key, **p: text(key, lang, p or None), lang=lang,
        other_lang="en" if lang == "zh-TW" else "zh-TW", **context)
    response = web.Response(text=html, content_type="text/html", status=status)
    response.set_cookie("console_lang", lang, httponly=True, samesite="Strict", max_age=365 * 86400)
    return response


async def login_page(request: web.Request) -> web.Response:
    lang = page_lang(request)
    return render(request, "login.html", lang, csrf=await csrf_token(request), error=None)


async def login(request: web.Request) -> web.Response:
    lang = page_lang(request)
    form = await request.post()
    if not await csrf_ok(request, form.get("csrf")):
        return render(request, "login.html", lang, status=403, csrf=await csrf_token(request),
                      error=ui("login.expired", lang))
    username, password = str(form.get("username", ""))[:64], str(form.get("password", ""))
    throttle, now = request.app[THROTTLE], time.monotonic()
    if throttle.locked(username, now):
        logger.warning("console: sign-in refused, too many failures for one account")
        return render(request, "login.html", lang, status=429, csrf=await csrf_token(request),
                      error=ui("login.locked", lang, minutes=SIGN_IN_WINDOW_S // 60))
    if not staff.verify(username, password, url=request.app[DB_URL]):
        throttle.failed(username, now)
        logger.info("console: a failed sign-in")
        return render(request, "login.html", lang, status=401, csrf=await csrf_token(request),
                      error=ui("login.failed", lang))
    throttle.succeeded(username)
    session = await new_session(request)  # a fresh session: no fixation
    session["user"] = username
    session["csrf"] = secrets.token_urlsafe(32)
    raise web.HTTPFound("/")


async def logout(request: web.Request) -> web.Response:
    (await get_session(request)).invalidate()
    raise web.HTTPFound("/login")


def fact_fields(lang: str) -> list[dict]:
    """The facts form: one field per rule fact, grouped by part, labelled from the catalog."""
    fields = []
    regions = default_parameters().regions
    for f in registry.facts().values():
        fact, part = f.id, f.part
        field: dict[str, Any] = {"fact": fact, "part": part, "label": text(f"fact.{fact}", lang),
                                 "id": "f-" + fact.replace(".", "-")}
        if f.kind == "choice":
            field["kind"] = "select"
            field["options"] = [(str(o), label(fact, o, lang) or str(o)) for o in f.choices]
        elif f.kind == "yes_no":
            field["kind"] = "select"
            field["options"] = [("true", text("word.yes", lang)), ("false", text("word.no", lang))]
        elif f.numeric:
            field["kind"] = "number"
            field["step"] = "1" if f.integral else "any"
        elif f.kind == "region":
            field["kind"] = "region"
            field["options"] = [(r, r) for r in regions]
        else:
            field["kind"] = "text"
        fields.append(field)
    return fields


async def console_page(request: web.Request) -> web.Response:
    lang = page_lang(request)
    session = await get_session(request)
    fields = fact_fields(lang)
    return render(request, "console.html", lang, csrf=await csrf_token(request), user=session["user"],
                  groups=[(part, ui(f"part.{part}", lang), [f for f in fields if f["part"] == part]) for part in PARTS],
                  topics=[(t, text(f"topic.{t}", lang)) for t in TOPICS], today=dt.date.today().isoformat(),
                  case=secrets.token_hex(8))


def _typed(flat: dict) -> dict:
    """Form values as the rules take them, read as the chat's answers are (bot.dialogue.answers.typed)."""
    return {fact: typed(fact, value) for fact, value in flat.items()
            if registry.fact(fact) is not None and value not in (None, "")}


def _verdict_payload(verdict: dict) -> dict:
    return {"verdict": verdict, "summary": "\n".join(render_chat(verdict)),
            "missing_labels": [text(f"fact.{f}", verdict["lang"]) for f in verdict["missing"]]}


def _log(request: web.Request, case: str | None, facts: dict, verdict: dict, summary: str) -> None:
    if not case or not any(isinstance(v, dict) and v for v in facts.values()):
        return  # an empty form is not a consultation
    consultations.record(channel="console", case_key=f"console:{case}", verdict=verdict, facts=facts,
                         language=verdict["lang"], summary=summary, url=request.app[DB_URL])


async def _body(request: web.Request) -> dict:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise web.HTTPBadRequest(text='{"error": "the body must be JSON"}', content_type="application/json")
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text='{"error": "the body must be a JSON object"}', content_type="application/json")
    return body


def _refused(exc: FactError, lang: str) -> web.Response:
    return web.json_response({"error": text(exc.reason, lang, exc.params), "field": exc.field}, status=422)


async def api_check(request: web.Request) -> web.Response:
    body = await _body(request)
    lang = normalise_lang(body.get("lang"))
    topic = body.get("topic") if body.get("topic") in TOPICS else "midlevel"
    try:
        facts = nest(_typed(body.get("facts") or {}), topic, body.get("as_of") or None)
        verdict = check(facts, lang=lang)
    except FactError as exc:
        return _refused(exc, lang)
    payload = _verdict_payload(verdict)
    _log(request, body.get("case"), facts, verdict, payload["summary"])
    return web.json_response(payload)


async def api_chat(request: web.Request) -> web.Response:
    body = await _body(request)
    lang = normalise_lang(body.get("lang"))
    topic = body.get("topic") if body.get("topic") in TOPICS else "midlevel"
    message = str(body.get("message") or "").strip()
    if not message:
        return web.json_response({"error": text("chat.not_understood", lang)}, status=422)
    flat = _typed(body.get("facts") or {})
    try:  # the form's own values first: a refused one is the operator's to fix, whatever the chat says
        check(nest(flat, topic, body.get("as_of") or None))
    except FactError as exc:
        return _refused(exc, lang)
    requested = body.get("requested") if registry.fact(str(body.get("requested"))) else None
    step = chat_step(flat, topic, body.get("as_of") or None, requested, message[:2000], lang)
    payload = _verdict_payload(step["verdict"])
    _log(request, body.get("case"), nest(step["facts"], topic, body.get("as_of") or None), step["verdict"],
         payload["summary"])
    return web.json_response({**payload, "facts": step["facts"], "filled": step["filled"],
                              "replies": step["replies"], "requested": step["requested"]})


async def cases_page(request: web.Request) -> web.Response:
    lang = page_lang(request)
    q = request.query
    since = _date(q.get("since"))
    until = _date(q.get("until"))
    rows = consultations.search(text=q.get("q", "").strip(), topic=q.get("topic") or None,
                                status=q.get("status") or None, channel=q.get("channel") or None,
                                since=since, until=until, url=request.app[DB_URL])
    counts = consultations.counts(url=request.app[DB_URL])
    biggest = max(counts.values(), default=0) or 1
    table = [(t, text(f"topic.{t}", lang), [(s, counts.get((t, s), 0)) for s in STATUSES]) for t in TOPICS]
    return render(request, "cases.html", lang, csrf=await csrf_token(request), rows=rows, query=q, table=table,
                  biggest=biggest,
                  statuses=[(s, ui(f"status.{s}", lang)) for s in STATUSES],
                  topics=[(t, text(f"topic.{t}", lang)) for t in TOPICS],
                  channels=["console", "telegram", "line", "rest"], user=(await get_session(request))["user"])


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def make_app(db_url: str | None = None, key: bytes | None = None, secure_cookie: bool = False) -> web.Application:
    app = web.Application(client_max_size=256 * 1024)
    app[DB_URL] = db_url
    app[THROTTLE] = SignInThrottle()
    setup_sessions(app, EncryptedCookieStorage(key or session_key(), cookie_name="advisor_staff", httponly=True,
                                               samesite="Strict", secure=secure_cookie,
                                               max_age=SESSION_HOURS * 3600))
    app.middlewares.extend([security_headers, staff_only])
    app.router.add_get("/login", login_page)
    app.router.add_post("/login", login)
    app.router.add_post("/logout", logout)
    app.router.add_get("/", console_page)
    app.router.add_get("/cases", cases_page)
    app.router.add_post("/api/check", api_check)
    app.router.add_post("/api/chat", api_chat)
    app.router.add_get("/health", health)
    app.router.add_static("/static/", HERE / "static")
    return app
