"""The staff console over HTTP (aiohttp's test client): sign-in, sessions, CSRF, the verdict API, the
case lifecycle, summaries, the case list, staff and the audit log."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import re

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import update

from bot.console.app import make_app
from bot.console.settings import settings
from bot.dialogue.render import title_key
from bot.i18n import catalog, text
from bot.store import audit, consultations, staff
from bot.store.db import session
from bot.store.models import Consultation

PASSWORD = "correct horse battery"
KEY = b"k" * 32
FACTS = {"company.industry": "manufacturing", "worker.continuous_years": "7", "worker.monthly_wage": "37000",
         "worker.occupation_group": "7", "company.employees": "120", "company.migrant_allocation": "40",
         "company.migrant_workers": "30", "company.midlevel_workers": "0", "company.foreign_professionals": "0"}


def run(coro):
    return asyncio.run(coro)


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'console.db'}"
    staff.set_password("amei", PASSWORD, url=url)
    staff.set_password("boss", PASSWORD, role="admin", url=url)
    return url


async def client(db) -> TestClient:
    c = TestClient(TestServer(make_app(db_url=db, key=KEY)))
    await c.start_server()
    return c


def token(html: str) -> str:
    return re.search(r'name="csrf(?:-token)?" (?:value|content)="([^"]+)"', html).group(1)


def draft_of(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="draft">(.*?)</script>', html, re.S).group(1))


async def sign_in(c: TestClient, user: str = "amei", password: str = PASSWORD):
    page = await (await c.get("/login")).text()
    return await c.post("/login", data={"csrf": token(page), "username": user, "password": password},
                        allow_redirects=False)


async def signed_in(db, user: str = "amei") -> tuple[TestClient, str]:
    c = await client(db)
    r = await sign_in(c, user)
    assert r.status == 302 and r.headers["Location"] == "/"
    console = await (await c.get("/")).text()
    return c, token(console)


async def case_of(c: TestClient) -> str:
    return draft_of(await (await c.get("/")).text())["case"]


def test_staff_pages_need_a_signed_in_operator(db):
    async def go():
        c = await client(db)
        try:
            r = await c.get("/", allow_redirects=False)
            assert r.status == 302 and r.headers["Location"] == "/login"
            assert (await c.post("/api/check", json={"facts": {}})).status == 401
            assert (await c.get("/cases", allow_redirects=False)).status == 302
        finally:
            await c.close()
    run(go())


def test_a_wrong_password_or_a_missing_csrf_token_is_refused(db):
    async def go():
        c = await client(db)
        try:
            r = await sign_in(c, password="wrong one!")
            assert r.status == 401 and "帳號或密碼不正確" in await r.text()
            r = await c.post("/login", data={"csrf": "forged", "username": "amei", "password": PASSWORD},
                             allow_redirects=False)
            assert r.status == 403
        finally:
            await c.close()
    run(go())


def test_signed_in_the_api_needs_the_sessions_csrf_token(db):
    async def go():
        c, csrf = await signed_in(db)
        try:
            body = {"facts": {"company.industry": "manufacturing"}, "topic": "midlevel"}
            assert (await c.post("/api/check", json=body)).status == 403
            assert (await c.post("/api/check", json=body, headers={"X-CSRF-Token": "forged"})).status == 403
            assert (await c.post("/api/check", json=body, headers={"X-CSRF-Token": csrf})).status == 200
            r = await c.post("/api/check", data=b"{not json", headers={"X-CSRF-Token": csrf,
                                                                       "Content-Type": "application/json"})
            assert r.status == 400
        finally:
            await c.close()
    run(go())


def test_the_session_cookie_is_httponly_and_strict_and_pages_forbid_framing(db):
    async def go():
        c = await client(db)
        try:
            r = await c.get("/login")
            staff_cookie = next(h for h in r.headers.getall("Set-Cookie") if h.startswith("advisor_staff="))
            assert "HttpOnly" in staff_cookie and "SameSite=Strict" in staff_cookie
            assert r.headers["X-Frame-Options"] == "DENY"
            assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
        finally:
            await c.close()
    run(go())


def test_a_saved_cookie_stops_working_after_sign_out_and_after_a_password_change(db):
    """Issue 12 item 8: sessions live in the store and are checked on every request."""
    async def go():
        c, csrf = await signed_in(db)
        other, _ = await signed_in(db)  # the same operator on a second machine
        try:
            saved = {m.key: m.value for m in c.session.cookie_jar}
            r = await c.post("/logout", data={"csrf": csrf}, allow_redirects=False)
            assert r.status == 302
            replay = TestClient(c.server)  # a copy of the cookie taken before signing out
            replay.session.cookie_jar.update_cookies(saved)
            r = await replay.get("/", allow_redirects=False)
            assert r.status == 302 and r.headers["Location"] == "/login"
            assert (await other.get("/", allow_redirects=False)).status == 200  # signing out ends one session
            staff.set_password("amei", "a brand new password", url=db)
            assert (await other.get("/", allow_redirects=False)).status == 302  # a new password ends them all
            await replay.close()
        finally:
            await c.close()
            await other.close()
    run(go())


def test_the_verdict_api_answers_with_readable_details_and_logs_the_case_with_its_operator(db):
    async def go():
        c, csrf = await signed_in(db)
        h = {"X-CSRF-Token": csrf}
        try:
            case = await case_of(c)
            r = await c.post("/api/check", json={"facts": FACTS, "topic": "midlevel", "as_of": "2026-06-01",
                                                 "lang": "zh-TW", "case": case, "notes": "食品廠，CNC 車床",
                                                 "callback": "0912-345-678", "caller_lang": "vi"}, headers=h)
            data = await r.json()
            assert data["verdict"]["status"] == "eligible" and data["verdict"]["as_of"] == "2026-06-01"
            history = next(c for c in data["verdict"]["conditions"] if c["id"] == "worker_history")
            assert {"label": "在臺連續工作年資", "actual": "7", "threshold": "6"} in history["details"]
            shown = json.dumps(data["verdict"]["conditions"], ensure_ascii=False)
            assert "continuous_years" not in json.dumps([c["details"] for c in data["verdict"]["conditions"]])
            assert "製造業" in shown
            (row,) = consultations.search(url=db)  # one case, one row
            assert (row.operator, row.notes, row.callback, row.language) == ("amei", "食品廠，CNC 車床", "0912-345-678",
                                                                             "vi")
            assert row.facts["worker"]["monthly_wage"] == 37000 and row.status == "eligible"
        finally:
            await c.close()
    run(go())


def test_grant_details_read_as_words_not_codes(db):
    async def go():
        c, csrf = await signed_in(db)
        try:
            r = await c.post("/api/check", json={"facts": {"company.industry": "manufacturing", "company.employees": "50",
                                                           "project.target": "product"}, "topic": "grants"},
                             headers={"X-CSRF-Token": csrf})
            details = [d for cond in (await r.json())["verdict"]["conditions"] for d in cond["details"]]
            labels = {d["label"] for d in details}
            assert {"計畫方向相符", "限中小企業", "適用計畫方向"} <= labels
            assert not {"target", "sme_only", "targets"} & labels
            assert all(d["actual"] not in ("false", "true", "False", "True") for d in details)
        finally:
            await c.close()
    run(go())


def test_a_new_call_gets_a_new_case_and_the_previous_row_is_kept(db):
    async def go():
        c, csrf = await signed_in(db)
        h = {"X-CSRF-Token": csrf}
        try:
            first = await case_of(c)
            await c.post("/api/check", json={"facts": FACTS, "topic": "midlevel", "case": first}, headers=h)
            r = await c.post("/api/case/new", json={}, headers=h)
            second = (await r.json())["case"]
            assert second != first and await case_of(c) == second  # the page now opens the new case
            await c.post("/api/check", json={"facts": {"company.industry": "construction"}, "topic": "midlevel",
                                             "case": second}, headers=h)
            rows = consultations.search(url=db)
            assert len(rows) == 2 and {r.case_key for r in rows} == {f"console:{first}", f"console:{second}"}
            kept = next(r for r in rows if r.case_key == f"console:{first}")
            assert kept.facts["company"]["industry"] == "manufacturing"
        finally:
            await c.close()
    run(go())


def test_another_rules_date_is_a_comparison_that_does_not_rewrite_the_logged_verdict(db):
    async def go():
        c, csrf = await signed_in(db)
        h = {"X-CSRF-Token": csrf}
        try:
            case = await case_of(c)
            facts = {**FACTS, "worker.monthly_wage": "34000", "worker.certificate": "true"}
            now = await (await c.post("/api/check", json={"facts": facts, "as_of": "2026-06-01", "case": case},
                                      headers=h)).json()
            r = await c.post("/api/check", json={"facts": facts, "as_of": "2026-06-01", "compare_as_of": "2025-06-01",
                                                 "case": case}, headers=h)
            data = await r.json()
            assert data["verdict"]["as_of"] == "2026-06-01" and data["verdict"]["status"] == now["verdict"]["status"]
            assert data["compare"]["as_of"] == "2025-06-01"
            salary = next(ch for ch in data["compare"]["changes"] if ch["id"] == "salary")
            assert "33,000" in salary["then"] and "35,000" in salary["now"]
            (row,) = consultations.search(url=db)
            assert row.as_of == dt.date(2026, 6, 1) and row.verdict["status"] == now["verdict"]["status"]
        finally:
            await c.close()
    run(go())


def test_a_bad_date_or_value_gets_a_clear_message_and_no_summary(db):
    async def go():
        c, csrf = await signed_in(db)
        h = {"X-CSRF-Token": csrf}
        try:
            for bad in ({"compare_as_of": "275760-01-01"}, {"compare_as_of": "last year"}, {"as_of": "2026-02-30"},
                        {"facts": {"company.employees": "-5"}}, {"facts": {"company.employees": "7.5"}},
                        {"facts": {"company.employees": "many"}}):
                for api in ("/api/check", "/api/chat"):
                    r = await c.post(api, json={"facts": {}, "topic": "midlevel", "message": "6", **bad}, headers=h)
                    data = await r.json()
                    assert r.status == 422 and "summary" not in data and "summary_short" not in data, (api, bad)
                    assert "as_of" not in data["error"] and "company.employees" not in data["error"]  # labels, not codes
                    assert data["field"] in ("company.employees", "as_of", "compare_as_of")
            r = await c.post("/api/check", json={"compare_as_of": "275760-01-01"}, headers=h)
            assert "275760-01-01" in (await r.json())["error"] and "2000" in (await r.json())["error"]
            r = await c.post("/api/check", json={"facts": {"company.employees": "-5"}}, headers=h)
            assert "員工人數" in (await r.json())["error"]
        finally:
            await c.close()
    run(go())


def test_a_draft_survives_a_reload_and_a_new_sign_in(db):
    async def go():
        c, csrf = await signed_in(db)
        try:
            case = await case_of(c)
            state = {"topic": "grants", "facts": {"company.employees": "50"}, "notes": "回電下午",
                     "log": [{"who": "caller", "text": "員工50人"}], "caller_lang": "th"}
            r = await c.post("/api/draft", json={"case": case, "state": state}, headers={"X-CSRF-Token": csrf})
            assert r.status == 200
            assert draft_of(await (await c.get("/")).text()) == {"case": case, **state}  # a reload
            await c.post("/logout", data={"csrf": csrf})
            c2, _ = await signed_in(db)
            assert draft_of(await (await c2.get("/")).text()) == {"case": case, **state}  # a new sign-in
            await c2.close()
        finally:
            await c.close()
    run(go())


def test_summaries_for_the_caller_in_their_language_short_one_fits_a_line_bubble(db):
    limit = settings()["short_summary_chars"]

    async def go():
        c, csrf = await signed_in(db)
        try:
            for lang in ("zh-TW", "en", "id", "vi", "th"):
                for facts, topic in (({}, "midlevel"), (FACTS, "midlevel"),
                                     ({**FACTS, "worker.monthly_wage": "20000", "company.industry": "services"},
                                      "midlevel"),
                                     ({"company.employees": "50", "project.target": "product",
                                       "company.industry": "manufacturing"}, "grants"),
                                     ({"training.class_type": "public"}, "training")):
                    r = await c.post("/api/check", json={"facts": facts, "topic": topic, "caller_lang": lang,
                                                         "lang": "en"}, headers={"X-CSRF-Token": csrf})
                    data = await r.json()
                    short, full = data["summary_short"], data["summary_full"]
                    title = text(f"render.title.{title_key(data['verdict'])}", lang)  # from 2026 the new name
                    assert len(short) <= limit and short.startswith(f"【{title}】"), (lang, topic, short)
                    assert title in full and len(full) > len(short)
                    assert data["verdict"]["lang"] == "en"  # the panel stays in the console's language
        finally:
            await c.close()
    run(go())


def test_the_console_chat_fills_the_facts_says_what_changed_and_asks_the_next_question(db):
    async def go():
        c, csrf = await signed_in(db)
        try:
            r = await c.post("/api/chat", json={"message": "我們做金屬加工，員工120人，移工30人，他做了7年，月薪3萬7",
                                                "facts": {}, "topic": "midlevel", "lang": "zh-TW"},
                             headers={"X-CSRF-Token": csrf})
            data = await r.json()
            assert data["facts"] == {"company.industry": "manufacturing", "company.employees": 120,
                                     "company.migrant_workers": 30, "worker.continuous_years": 7,
                                     "worker.monthly_wage": 37000}
            assert set(data["changed"]) == set(data["facts"])
            assert data["heard"].startswith("記下了") and "員工人數 120" in data["heard"]  # said back
            assert data["requested"] == "worker.occupation_group"
            assert data["replies"][-1] == catalog("zh-TW")["question.worker.occupation_group"]
            r = await c.post("/api/chat", json={"message": "他負責焊接", "facts": data["facts"], "topic": "midlevel",
                                                "requested": data["requested"], "lang": "zh-TW"},
                             headers={"X-CSRF-Token": csrf})
            data = await r.json()
            assert data["facts"]["worker.occupation_group"] == 7 and data["changed"] == ["worker.occupation_group"]
        finally:
            await c.close()
    run(go())


def _at(db, row_id: int, when: dt.datetime) -> None:
    with session(db) as s:
        s.execute(update(Consultation).where(Consultation.id == row_id).values(created_at=when))
        s.commit()


def test_cases_are_found_by_readable_words_in_local_time_with_counts_that_follow_the_filters(db):
    async def go():
        c, csrf = await signed_in(db)
        h = {"X-CSRF-Token": csrf}
        try:
            async def log(facts, topic, notes=None):
                case = (await (await c.post("/api/case/new", json={}, headers=h)).json())["case"]
                await c.post("/api/check", json={"facts": facts, "topic": topic, "case": case, "notes": notes},
                             headers=h)
                return consultations.by_case(f"console:{case}", url=db).id
            taichung = await log({"company.industry": "manufacturing", "company.employees": "50",
                                  "company.region": "臺中市", "project.target": "product"}, "grants", "食品加工，CNC 車床")
            care = await log({"company.industry": "home_care"}, "midlevel")
            other = await log({"company.industry": "construction", "worker.continuous_years": "3"}, "midlevel")
            _at(db, taichung, dt.datetime(2026, 11, 24, 23, 30))  # 07:30 on the 25th in Taipei
            _at(db, care, dt.datetime(2026, 11, 24, 15, 30))  # 23:30 on the 24th in Taipei

            async def ids(query):
                page = await (await c.get("/cases" + query)).text()
                return [int(i) for i in re.findall(r'<tr data-id="(\d+)"', page)], page
            for word in ("台中", "臺中", "食品", "cnc", "CNC", "補助"):
                assert (await ids(f"?q={word}"))[0] == [taichung], word
            assert (await ids("?q=看護"))[0] == [care]
            assert (await ids("?q=home care"))[0] == [care]  # the English names too
            found, page = await ids("?since=2026-11-25&until=2026-11-25")
            assert taichung in found and care not in found
            assert "2026-11-25 07:30" in page and "Asia/Taipei" in page
            found, page = await ids("?until=2026-11-24")
            assert found == [care] and "2026-11-24 23:30" in page
            counts = re.search(r'<tr data-topic="midlevel">.*?</tr>', page, re.S).group(0)  # counts follow the filters
            assert sum(int(n) for n in re.findall(r'<span class="n">(\d+)</span>', counts)) == 1
            lines = re.findall(r'<td class="line"><a [^>]*>([^<]*)</a>', (await ids(""))[1])
            assert len(lines) == 3 and len(set(lines)) == 3  # a distinct line per row
            assert "營造業" in " ".join(lines) and "臺中市" in " ".join(lines)
            assert re.search(r'class="pill (eligible|not_eligible|need_more_info)"', page)
            assert other in (await ids("?status=need_more_info"))[0]
        finally:
            await c.close()
    run(go())


def test_bad_filters_and_api_bodies_get_a_4xx_with_a_message_never_a_500(db):
    """Issue 12 item 10."""
    async def go():
        c, csrf = await signed_in(db)
        h = {"X-CSRF-Token": csrf, "Content-Type": "application/json"}
        try:
            for query in ("?until=9999-12-31", "?since=0001-01-01", "?since=yesterday", "?topic=nope", "?status=x"):
                r = await c.get("/cases" + query)
                assert r.status == 400 and 'role="alert"' in await r.text(), query
            assert (await c.get("/cases.csv?until=9999-12-31")).status == 400
            for body in ('{"facts":[1]}', '{"lang":5}', '{"facts":{"training.cost":NaN}}', '{"topic":["x"]}',
                         '{"facts":{"company.employees":{"a":1}}}', '{"case":"../../etc"}', '[]', '"x"',
                         '{"facts":{"company.employees":' + "9" * 5001 + '}}', '{"as_of":7}', '{"notes":["a"]}',
                         '{"caller_lang":"xx"}', '{"message":5}', "[" * 100000):
                for api in ("/api/chat", "/api/draft") if "message" in body else ("/api/check", "/api/chat", "/api/draft"):
                    r = await c.post(api, data=body, headers=h)
                    assert 400 <= r.status < 500 and "error" in await r.json(), (api, body[:40], r.status)
        finally:
            await c.close()
    run(go())


def test_a_case_is_reopened_from_the_list_and_every_view_and_export_is_audited(db):
    async def go():
        c, csrf = await signed_in(db)
        h = {"X-CSRF-Token": csrf}
        try:
            case = await case_of(c)
            await c.post("/api/check", json={"facts": FACTS, "topic": "midlevel", "case": case, "notes": "回電",
                                             "callback": "02-1234"}, headers=h)
            await c.post("/api/case/new", json={}, headers=h)
            assert await case_of(c) != case
            (row,) = consultations.search(url=db)
            assert (await c.get(f"/cases/{row.id}")).status == 200
            r = await c.post(f"/cases/{row.id}/open", data={"csrf": csrf}, allow_redirects=False)
            assert r.status == 302
            draft = draft_of(await (await c.get("/")).text())
            assert draft["case"] == case and draft["facts"]["company.employees"] == 120 and draft["notes"] == "回電"
            csv = await (await c.get("/cases.csv?q=製造")).text()
            assert "amei" in csv and "02-1234" in csv
            actions = [(e.username, e.action, e.consultation_id) for e in audit.entries(url=db)]
            assert ("amei", "case_view", row.id) in actions and ("amei", "case_reopen", row.id) in actions
            assert ("amei", "cases_export", None) in actions
            export = audit.entries(action="cases_export", url=db)[0]
            assert export.detail["ids"] == [row.id] and export.at is not None
        finally:
            await c.close()
    run(go())


def test_an_admin_adds_and_disables_staff_and_operators_cannot(db):
    async def go():
        boss, csrf = await signed_in(db, "boss")
        amei, amei_csrf = await signed_in(db, "amei")
        try:
            assert (await amei.get("/staff")).status == 403 and (await amei.get("/audit")).status == 403
            r = await amei.post("/staff", data={"csrf": amei_csrf, "username": "mallory", "password": PASSWORD})
            assert r.status == 403 and staff.get("mallory", url=db) is None
            r = await boss.post("/staff", data={"csrf": csrf, "username": "xiaolin", "password": PASSWORD,
                                                "role": "operator"}, allow_redirects=False)
            assert r.status == 302 and staff.get("xiaolin", url=db).role == "operator"
            for name, password in (("", PASSWORD), ("has space", PASSWORD), ("ok.name", " " * 12)):
                r = await boss.post("/staff", data={"csrf": csrf, "username": name, "password": password})
                assert r.status == 422 and 'role="alert"' in await r.text()
            r = await boss.post("/staff/amei/disable", data={"csrf": csrf}, allow_redirects=False)
            assert r.status == 302
            assert (await amei.get("/", allow_redirects=False)).status == 302  # her session ended at once
            assert (await sign_in(amei)).status == 401
            await boss.post("/staff/amei/enable", data={"csrf": csrf})
            assert (await sign_in(amei)).status == 302
            page = await (await boss.get("/audit")).text()
            assert "停用人員" in page and "boss" in page
            assert [e.action for e in audit.entries(username="boss", url=db)][:3] == [
                "staff_enable", "staff_disable", "staff_add"]
        finally:
            await boss.close()
            await amei.close()
    run(go())


def test_the_sign_in_lock_out_is_shared_by_every_console_process_and_limited_per_address(db):
    """Five failures on one process lock the account on another (the store counts them); failures
    from one address do not lock the operator out from her own (issue 12 item 11)."""
    limits = settings()["sign_in"]

    async def go():
        one, two = await client(db), await client(db)  # two console processes on one store
        try:
            for _ in range(limits["per_account_and_address"]):
                assert (await sign_in(one, password="a wrong guess")).status == 401
            r = await sign_in(two)  # even the right password waits now, on the other process
            assert r.status == 429 and str(limits["window_minutes"]) in await r.text()
        finally:
            await one.close()
            await two.close()
    run(go())
    from bot.console.settings import sign_in_limits
    lim = sign_in_limits()
    assert staff.locked("amei", "127.0.0.1", lim, url=db)
    assert not staff.locked("amei", "10.0.0.7", lim, url=db)  # her own desk still signs in
    for i in range(lim.per_address):
        staff.failed(f"user{i}", "10.9.9.9", lim, url=db)
    assert staff.locked("boss", "10.9.9.9", lim, url=db)  # one address spraying many accounts
    assert not staff.locked("boss", "10.0.0.7", lim, url=db)


def test_the_console_catalog_has_every_key_in_chinese_and_english():
    zh, en = catalog("zh-TW", "console"), catalog("en", "console")
    assert set(zh) == set(en) and len(zh) > 100


def test_every_console_text_used_in_a_template_or_in_python_is_in_the_catalog():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent / "bot" / "console"
    used = set()
    for path in [*root.glob("templates/*.html"), *root.glob("*.py")]:
        used |= set(re.findall(r'\bui\(\s*"([a-z_]+\.[a-z_.]*[a-z_])"', path.read_text(encoding="utf-8")))
    from bot.console.cases import STATUSES
    from bot.store.audit import ACTIONS
    used |= {f"audit.action.{a}" for a in ACTIONS} | {f"staff.role.{r}" for r in staff.ROLES}
    used |= {f"status.{s}" for s in STATUSES} | {f"cases.{k}" for k in ("topic", "status", "channel", "since", "until")}
    missing = used - set(catalog("zh-TW", "console"))
    assert not missing
