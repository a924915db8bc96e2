"""The console's JSON API: the verdict for the form (/api/check), the chat (/api/chat), the call's
draft (/api/draft) and a new call (/api/case/new). Every body is checked field by field
(bot.console.validate): a wrong type is a 400, a fact the rules refuse a 422, both with a message.

A case is logged with the verdict for its own date; another rules' date is a comparison shown
beside it ("then vs now") and never rewrites the logged row.
"""
from __future__ import annotations

import secrets
from typing import Any

from aiohttp import web

from bot.console import validate
from bot.console.auth import DB_URL, STAFF
from bot.console.chat import chat_step, nest
from bot.console.readable import condition_details, fact_label, ui
from bot.console.settings import local_today, settings
from bot.console.summaries import full_summary, short_summary
from bot.console.validate import Invalid, bad_request
from bot.dialogue.answers import typed
from bot.i18n import text
from bot.rules import FactError, check, registry
from bot.store import consultations, drafts

CONSOLE_LANGS = ("zh-TW", "en")


def new_case_id() -> str:
    return secrets.token_hex(8)


def case_key(case: str) -> str:
    return f"console:{case}"


def _typed(flat: dict) -> dict:
    """Form values as the rules take them, read as the chat's answers are (bot.dialogue.answers.typed)."""
    return {fact: typed(fact, value) for fact, value in flat.items()
            if registry.fact(fact) is not None and value not in (None, "")}


class Refused(Exception):
    """A value the rules cannot use: a 422 naming the field by its label, so the summary is not kept."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field, self.message = field, message

    def response(self) -> web.Response:
        return web.json_response({"error": self.message, "field": self.field}, status=422)


def _field_label(field: str | None, lang: str) -> str:
    if field == "as_of":
        return ui("facts.case_date", lang)
    if registry.fact(field or "") is not None:
        return fact_label(field, lang)
    return field or ""


def _refused(exc: FactError, lang: str) -> Refused:
    return Refused(exc.field, text(exc.reason, lang, {**exc.params, "field": _field_label(exc.field, lang)}))


class Call:
    """One request's case: what the form says, for whom, in which languages."""

    def __init__(self, request: web.Request, body: dict):
        self.request, self.body = request, body
        ui_lang = validate.lang(body)
        self.lang = ui_lang if ui_lang in CONSOLE_LANGS else "zh-TW"
        self.caller_lang = validate.lang(body, "caller_lang") if body.get("caller_lang") else self.lang
        self.topic = validate.topic(body)
        self.case = validate.case_id(body)
        self.notes = validate.text_field(body, "notes", settings()["notes_chars"]) or None
        self.callback = validate.text_field(body, "callback", settings()["callback_chars"]) or None
        as_of = validate.text_field(body, "as_of", 32)
        compare = validate.text_field(body, "compare_as_of", 32)
        try:
            self.as_of = (validate.date(as_of) or local_today()).isoformat()
        except ValueError:
            raise Refused("as_of", ui("error.date", self.lang, value=as_of))
        try:
            day = validate.date(compare)
        except ValueError:
            raise Refused("compare_as_of", ui("error.date", self.lang, value=compare))
        self.compare_as_of = day.isoformat() if day and day.isoformat() != self.as_of else None
        try:
            self.flat = _typed(validate.facts(body))
        except FactError as exc:
            raise _refused(exc, self.lang)

    def verdict(self, flat: dict, lang: str, as_of: str | None = None) -> dict:
        try:
            return check(nest(flat, self.topic, as_of or self.as_of), lang=lang)
        except FactError as exc:
            raise _refused(exc, self.lang)

    def payload(self, flat: dict, verdict: dict) -> dict:
        """The verdict for the panel (readable details), the caller's summaries, and the comparison."""
        conditions = [{**c, "details": condition_details(c, self.lang)} for c in verdict["conditions"]]
        caller = verdict if self.caller_lang == self.lang else self.verdict(flat, self.caller_lang)
        full = full_summary(caller)
        out: dict[str, Any] = {
            "verdict": {**verdict, "conditions": conditions},
            "missing_labels": [fact_label(f, self.lang) for f in verdict["missing"]],
            "summary_short": short_summary(caller, settings()["short_summary_chars"]),
            "summary_full": full, "summary": full, "compare": None}
        if self.compare_as_of:
            then = self.verdict(flat, self.lang, self.compare_as_of)
            now_by_id = {c["id"]: c for c in verdict["conditions"]}
            changes = [{"id": c["id"], "then": c["message"], "now": now_by_id[c["id"]]["message"],
                        "passed_then": c["passed"], "passed_now": now_by_id[c["id"]]["passed"]}
                       for c in then["conditions"] if c["id"] in now_by_id
                       and (c["passed"], c["message"]) != (now_by_id[c["id"]]["passed"], now_by_id[c["id"]]["message"])]
            out["compare"] = {"as_of": then["as_of"], "status": then["status"], "summary": then["summary"],
                              "rules_since": then["rules_since"], "changes": changes}
        self.log(flat, verdict, full)
        return out

    def log(self, flat: dict, verdict: dict, summary: str) -> None:
        if not self.case or not (flat or self.notes):
            return  # an empty form is not a consultation
        consultations.record(channel="console", case_key=case_key(self.case), verdict=verdict,
                             facts=nest(flat, self.topic, self.as_of), language=self.caller_lang, summary=summary,
                             operator=self.request[STAFF].username, notes=self.notes, callback=self.callback,
                             url=self.request.app[DB_URL])


async def _body(request: web.Request) -> dict:
    return validate.parse(await request.read())


async def api_check(request: web.Request) -> web.Response:
    try:
        call = Call(request, await _body(request))
        return web.json_response(call.payload(call.flat, call.verdict(call.flat, call.lang)))
    except Invalid as exc:
        return bad_request(exc)
    except Refused as exc:
        return exc.response()


async def api_chat(request: web.Request) -> web.Response:
    try:
        body = await _body(request)
        call = Call(request, body)
        message = (validate.text_field(body, "message") or "").strip()[:settings()["chat_message_chars"]]
        requested = validate.text_field(body, "requested", 64)
        if not message:
            return web.json_response({"error": text("chat.not_understood", call.lang)}, status=422)
        call.verdict(call.flat, call.lang)  # the form's own values first: a refused one is the operator's to fix
        step = chat_step(call.flat, call.topic, call.as_of, requested if registry.fact(requested or "") else None,
                         message, call.lang)
        payload = call.payload(step["facts"], step["verdict"])
    except Invalid as exc:
        return bad_request(exc)
    except Refused as exc:
        return exc.response()
    changed = step.get("changed")
    if changed is None:
        changed = [f for f in step["facts"] if call.flat.get(f) != step["facts"][f]]
    return web.json_response({**payload, "facts": step["facts"], "filled": step["filled"],
                              "replies": step["replies"], "requested": step["requested"],
                              "heard": step.get("heard"), "changed": list(changed)})


async def api_draft(request: web.Request) -> web.Response:
    """Saves the call in progress (the console posts it as it changes)."""
    raw = await request.read()
    if len(raw) > settings()["draft_bytes"]:
        return web.json_response({"error": "the draft is too large"}, status=413)
    try:
        body = validate.parse(raw)
        case = validate.case_id(body)
        state = body.get("state")
        if case is None or not isinstance(state, dict):
            raise Invalid("state", "a draft needs 'case' and a 'state' object")
    except Invalid as exc:
        return bad_request(exc)
    drafts.save(request[STAFF].username, case, state, url=request.app[DB_URL])
    return web.json_response({"saved": True})


async def api_new_case(request: web.Request) -> web.Response:
    """A new call: a new case id and an empty draft (the previous case stays logged as it was)."""
    case = new_case_id()
    state = {"as_of": local_today().isoformat()}
    drafts.save(request[STAFF].username, case, state, url=request.app[DB_URL])
    return web.json_response({"case": case, **state})


def routes(app: web.Application) -> None:
    app.router.add_post("/api/check", api_check)
    app.router.add_post("/api/chat", api_chat)
    app.router.add_post("/api/draft", api_draft)
    app.router.add_post("/api/case/new", api_new_case)

