"""The case pages: the list (/cases: readable search, local time, counts that follow the filters),
one case (/cases/<id>), reopening it in the console, CSV export, and for admins the staff and the
audit log. Every case view, search and export is written to the audit log with who and when.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any, Callable

from aiohttp import web

from bot.console.api import new_case_id
from bot.console.auth import DB_URL, STAFF, csrf_token
from bot.console.readable import fact_label, fact_value, facts_line, flatten, ui
from bot.console.settings import day_start_utc, settings, to_local
from bot.console.validate import date
from bot.i18n import text
from bot.rules.registry import TOPICS
from bot.store import audit, consultations, drafts, staff

STATUSES = ("eligible", "not_eligible", "need_more_info")
CHANNELS = ("console", "telegram", "line", "rest")
ROW_FACTS = 6  # facts shown on a row's line
EXPORT_LIMIT = 5000


class BadFilter(ValueError):
    pass


def filters(query) -> dict[str, Any]:
    """The list's filters from the query string; dates are the hotline's local days."""
    out: dict[str, Any] = {"text": query.get("q", "").strip()[:200]}
    for key, allowed in (("topic", TOPICS), ("status", STATUSES), ("channel", CHANNELS)):
        value = query.get(key) or None
        if value is not None and value not in allowed:
            raise BadFilter(key)
        out[key] = value
    out["operator"] = (query.get("operator") or "").strip()[:64] or None
    for key in ("since", "until"):
        try:
            day = date(query.get(key))
        except ValueError:
            raise BadFilter(key)
        if day is not None:
            out[key] = day_start_utc(day if key == "since" else day + dt.timedelta(days=1))
    return out


def row_view(row, lang: str) -> dict:
    local = to_local(row.created_at)
    return {"id": row.id, "time": local.strftime("%Y-%m-%d %H:%M"), "channel": row.channel,
            "operator": row.operator or "", "topic": text(f"topic.{row.topic}", lang), "status": row.status,
            "status_label": ui(f"status.{row.status}", lang), "language": row.language, "as_of": row.as_of.isoformat(),
            "line": facts_line(row.facts, lang, ROW_FACTS) or ui("cases.no_facts", lang),
            "notes": (row.notes or "")[:80], "callback": row.callback or "", "console": row.channel == "console"}


def make_routes(page: Callable, page_lang: Callable):
    async def cases_page(request: web.Request) -> web.Response:
        lang = page_lang(request)
        user, url = request[STAFF], request.app[DB_URL]
        error = None
        try:
            chosen = filters(request.query)
        except BadFilter as exc:
            error, chosen = ui("cases.bad_filter", lang, field=ui(f"cases.{exc}", lang)), None
        rows = consultations.search(url=url, **chosen) if chosen else []
        counts = consultations.counts(url=url, **chosen) if chosen else {}
        audit.record(user.username, "cases_search", detail={"filters": {k: str(v) for k, v in (chosen or {}).items()
                                                                         if v},
                                                             "ids": [r.id for r in rows]}, url=url)
        biggest = max(counts.values(), default=0) or 1
        table = [(t, text(f"topic.{t}", lang), [(s, counts.get((t, s), 0)) for s in STATUSES]) for t in TOPICS]
        return page(request, "cases.html", lang, status=400 if error else 200, csrf=await csrf_token(request),
                      rows=[row_view(r, lang) for r in rows], query=request.query, table=table, biggest=biggest,
                      total=sum(counts.values()), error=error, zone=settings()["timezone"],
                      statuses=[(s, ui(f"status.{s}", lang)) for s in STATUSES],
                      topics=[(t, text(f"topic.{t}", lang)) for t in TOPICS], channels=CHANNELS,
                      export_query=request.query_string)

    async def case_page(request: web.Request) -> web.Response:
        lang = page_lang(request)
        user, url = request[STAFF], request.app[DB_URL]
        row = _row(request)
        audit.record(user.username, "case_view", consultation_id=row.id, url=url)
        facts = [(fact_label(f, lang), fact_value(f, v, lang)) for f, v in flatten(row.facts).items()]
        history = audit.entries(consultation_id=row.id, url=url) if user.role == "admin" else []
        return page(request, "case.html", lang, csrf=await csrf_token(request), row=row_view(row, lang),
                      facts=facts, summary=row.summary, notes=row.notes or "", zone=settings()["timezone"],
                      history=[(to_local(e.at).strftime("%Y-%m-%d %H:%M:%S"), e.username, e.action) for e in history])

    async def reopen(request: web.Request) -> web.Response:
        """Puts a logged case back in the operator's console: a console case keeps its id (and row);
        a chat verdict opens as a new console case with its facts."""
        user, url = request[STAFF], request.app[DB_URL]
        row = _row(request)
        case = row.case_key.split(":", 1)[1] if row.channel == "console" and row.case_key else new_case_id()
        state = {"topic": row.topic, "as_of": row.as_of.isoformat(), "facts": flatten(row.facts),
                 "notes": row.notes or "", "callback": row.callback or "", "caller_lang": row.language, "log": []}
        drafts.save(user.username, case, state, url=url)
        audit.record(user.username, "case_reopen", consultation_id=row.id, url=url)
        raise web.HTTPFound("/")

    async def export(request: web.Request) -> web.Response:
        lang = page_lang(request)
        user, url = request[STAFF], request.app[DB_URL]
        try:
            chosen = filters(request.query)
        except BadFilter as exc:
            return web.Response(text=ui("cases.bad_filter", lang, field=ui(f"cases.{exc}", lang)), status=400)
        rows = consultations.search(url=url, limit=EXPORT_LIMIT, **chosen)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([ui(k, lang) for k in ("cases.time", "cases.channel", "cases.operator", "facts.topic",
                                                 "cases.status", "cases.language", "facts.case_date", "cases.facts",
                                                 "case.notes", "case.callback", "cases.summary")])
        for r in rows:
            v = row_view(r, lang)
            writer.writerow([v["time"], v["channel"], v["operator"], v["topic"], v["status_label"], v["language"],
                             v["as_of"], facts_line(r.facts, lang), r.notes or "", r.callback or "", r.summary])
        audit.record(user.username, "cases_export", detail={"ids": [r.id for r in rows]}, url=url)
        return web.Response(body=("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv",
                            charset="utf-8",
                            headers={"Content-Disposition": 'attachment; filename="cases.csv"'})

    async def staff_page(request: web.Request, error: str | None = None, status: int = 200) -> web.Response:
        lang = page_lang(request)
        return page(request, "staff.html", lang, status=status, csrf=await csrf_token(request),
                      people=staff.all_staff(url=request.app[DB_URL]), error=error)

    async def staff_add(request: web.Request) -> web.Response:
        lang = page_lang(request)
        form = await request.post()
        user, url = request[STAFF], request.app[DB_URL]
        username, role = str(form.get("username", "")), str(form.get("role", "operator"))
        try:
            staff.set_password(username, str(form.get("password", "")), role=role if role in staff.ROLES else None,
                               url=url)
        except staff.BadUsername:
            return await staff_page(request, ui("staff.bad_username", lang), 422)
        except staff.WeakPassword:
            return await staff_page(request, ui("staff.weak_password", lang, n=staff.MIN_PASSWORD), 422)
        audit.record(user.username, "staff_add", detail={"username": staff.check_username(username), "role": role},
                     url=url)
        raise web.HTTPFound("/staff")

    async def staff_toggle(request: web.Request) -> web.Response:
        user, url = request[STAFF], request.app[DB_URL]
        name, action = request.match_info["name"], request.match_info["action"]
        if name == user.username:
            raise web.HTTPBadRequest(text="you cannot disable yourself")
        try:
            staff.set_disabled(name, action == "disable", url=url)
        except staff.UnknownUser:
            raise web.HTTPNotFound()
        audit.record(user.username, "staff_disable" if action == "disable" else "staff_enable",
                     detail={"username": name}, url=url)
        raise web.HTTPFound("/staff")

    async def audit_page(request: web.Request) -> web.Response:
        lang = page_lang(request)
        q = request.query
        entries = audit.entries(username=q.get("user") or None, action=q.get("action") or None,
                                url=request.app[DB_URL])
        return page(request, "audit.html", lang, csrf=await csrf_token(request), query=q, actions=audit.ACTIONS,
                      zone=settings()["timezone"],
                      entries=[(to_local(e.at).strftime("%Y-%m-%d %H:%M:%S"), e.username, e.action, e.consultation_id,
                                _detail(e.detail)) for e in entries])

    return cases_page, case_page, reopen, export, staff_page, staff_add, staff_toggle, audit_page


def _detail(detail: dict | None) -> str:
    if not detail:
        return ""
    parts = []
    for key, value in detail.items():
        if key == "ids":
            parts.append(f"{len(value)} ↦ " + ", ".join(map(str, value[:20])) + (" …" if len(value) > 20 else ""))
        elif isinstance(value, dict):
            parts.append(", ".join(f"{k}={v}" for k, v in value.items()))
        else:
            parts.append(f"{key}={value}")
    return "; ".join(parts)


def _row(request: web.Request):
    try:
        row_id = int(request.match_info["id"])
    except ValueError:
        raise web.HTTPNotFound()
    row = consultations.get(row_id, url=request.app[DB_URL]) if 0 < row_id < 2 ** 62 else None
    if row is None:
        raise web.HTTPNotFound()
    return row


def routes(app: web.Application, page: Callable, page_lang: Callable) -> None:
    cases_page, case_page, reopen, export, staff_page, staff_add, staff_toggle, audit_page = make_routes(
        page, page_lang)
    app.router.add_get("/cases", cases_page)
    app.router.add_get("/cases.csv", export)
    app.router.add_get(r"/cases/{id:\d+}", case_page)
    app.router.add_post(r"/cases/{id:\d+}/open", reopen)
    app.router.add_get("/staff", staff_page)
    app.router.add_post("/staff", staff_add)
    app.router.add_post(r"/staff/{name}/{action:disable|enable}", staff_toggle)
    app.router.add_get("/audit", audit_page)

