"""The staff console over HTTP (aiohttp's test client): sign-in, sessions, CSRF, the verdict API, cases."""
from __future__ import annotations

import asyncio
import re

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.console.app import make_app
from bot.console.auth import SignInThrottle
from bot.i18n import catalog
from bot.store import consultations, staff

PASSWORD = "correct horse battery"
KEY = b"k" * 32


def run(coro):
    return asyncio.run(coro)


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'console.db'}"
    staff.set_password("amei", PASSWORD, url=url)
    return url


async def client(db) -> TestClient:
    c = TestClient(TestServer(make_app(db_url=db, key=KEY)))
    await c.start_server()
    return c


def token(html: str) -> str:
    return re.search(r'name="csrf(?:-token)?" (?:value|content)="([^"]+)"', html).group(1)


async def signed_in(db) -> tuple[TestClient, str]:
    c = await client(db)
    page = await (await c.get("/login")).text()
    r = await c.post("/login", data={"csrf": token(page), "username": "amei", "password": PASSWORD},
                     allow_redirects=False)
    assert r.status == 302 and r.headers["Location"] == "/"
    console = await (await c.get("/")).text()
    return c, token(console)


def test_staff_pages_need_a_signed_in_operator(db):
    async def go():
        c = await client(db)
        try:
            r = await c.get("/", allow_redirects=False)
            assert r.status == 302 and r.headers["Location"] == "/login"
            r = await c.post("/api/check", json={"facts": {}})
            assert r.status == 401
            r = await c.get("/cases", allow_redirects=False)
            assert r.status == 302
        finally:
            await c.close()
    run(go())


def test_a_wrong_password_or_a_missing_csrf_token_is_refused(db):
    async def go():
        c = await client(db)
        try:
            page = await (await c.get("/login")).text()
            r = await c.post("/login", data={"csrf": token(page), "username": "amei", "password": "wrong one!"},
                             allow_redirects=False)
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
            r = await c.post("/api/check", json=body, headers={"X-CSRF-Token": csrf})
            assert r.status == 200
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
            cookie = r.headers.getall("Set-Cookie")
            staff_cookie = next(h for h in cookie if h.startswith("advisor_staff="))
            assert "HttpOnly" in staff_cookie and "SameSite=Strict" in staff_cookie
            assert r.headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in r.headers[
                "Content-Security-Policy"]
        finally:
            await c.close()
    run(go())


def test_the_verdict_api_answers_with_conditions_missing_facts_and_a_summary_and_logs_the_case(db):
    async def go():
        c, csrf = await signed_in(db)
        h = {"X-CSRF-Token": csrf}
        try:
            facts = {"company.industry": "manufacturing", "worker.continuous_years": "7", "worker.monthly_wage": "37000",
                     "worker.occupation_group": "7", "company.employees": "120", "company.migrant_allocation": "40",
                     "company.migrant_workers": "30", "company.midlevel_workers": "0",
                     "company.foreign_professionals": "0"}
            r = await c.post("/api/check", json={"facts": facts, "topic": "midlevel", "as_of": "2026-06-01",
                                                 "lang": "zh-TW", "case": "c1"}, headers=h)
            data = await r.json()
            assert data["verdict"]["status"] == "eligible" and data["verdict"]["as_of"] == "2026-06-01"
            assert "符合中階技術人力的各項條件" in data["summary"] and "2026-06-01" in data["summary"]
            r = await c.post("/api/check", json={"facts": {**facts, "worker.monthly_wage": "30000"}, "topic": "midlevel",
                                                 "as_of": "2026-06-01", "lang": "en", "case": "c1"}, headers=h)
            data = await r.json()
            assert data["verdict"]["lang"] == "en" and "worker.certificate" in data["verdict"]["missing"]
            salary = next(c for c in data["verdict"]["conditions"] if c["id"] == "salary")
            assert salary["passed"] is None and "worker.annual_wage" in data["verdict"]["missing"]  # yearly pay may do
            (row,) = consultations.search(url=db)  # one case, one row, kept up to date
            assert row.channel == "console" and row.status == data["verdict"]["status"] and row.language == "en"
            assert row.facts["worker"]["monthly_wage"] == 30000
            r = await c.post("/api/check", json={"facts": {"company.employees": "-5"}, "topic": "midlevel"}, headers=h)
            assert r.status == 422 and "company.employees" in (await r.json())["error"]
            for bad in ({"facts": {"company.employees": "7.5"}}, {"facts": {"company.employees": "many"}},
                        {"facts": {}, "as_of": "last year"}):
                for api in ("/api/check", "/api/chat"):  # refused with a reason, never truncated or a 500
                    r = await c.post(api, json={**bad, "topic": "midlevel", "message": "6"}, headers=h)
                    assert r.status == 422 and (await r.json())["field"] in ("company.employees", "as_of")
        finally:
            await c.close()
    run(go())


def test_the_console_chat_fills_the_facts_and_asks_the_next_question(db):
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
            assert data["requested"] == "worker.occupation_group"
            assert data["replies"][-1] == catalog("zh-TW")["question.worker.occupation_group"]
            r = await c.post("/api/chat", json={"message": "他負責焊接", "facts": data["facts"], "topic": "midlevel",
                                                "requested": data["requested"], "lang": "zh-TW"},
                             headers={"X-CSRF-Token": csrf})
            assert (await r.json())["facts"]["worker.occupation_group"] == 7
        finally:
            await c.close()
    run(go())


def test_cases_can_be_searched_and_counted(db):
    async def go():
        c, csrf = await signed_in(db)
        h = {"X-CSRF-Token": csrf}
        try:
            await c.post("/api/check", json={"facts": {"company.industry": "construction"}, "topic": "midlevel",
                                             "case": "a"}, headers=h)
            await c.post("/api/check", json={"facts": {"company.industry": "manufacturing", "company.employees": "50",
                                                       "project.target": "product"}, "topic": "grants", "case": "b"},
                         headers=h)
            page = await (await c.get("/cases?topic=grants")).text()
            assert page.count("<tr><td>") == 1 and "SBIR" in page
            page = await (await c.get("/cases?q=construction")).text()
            assert page.count("<tr><td>") == 1
            counts = re.search(r'<tr data-topic="grants">.*?</tr>', await (await c.get("/cases")).text(), re.S).group(0)
            assert re.search(r'data-status="eligible"><meter[^>]*value="1"', counts)
        finally:
            await c.close()
    run(go())


def test_the_console_catalog_has_every_key_in_chinese_and_english():
    zh, en = catalog("zh-TW", "console"), catalog("en", "console")
    assert set(zh) == set(en) and len(zh) > 40


def test_guessing_passwords_locks_the_account_for_a_while(db):
    async def go():
        c = await client(db)
        try:
            async def attempt(password):
                page = await (await c.get("/login")).text()
                return await c.post("/login", data={"csrf": token(page), "username": "amei", "password": password},
                                    allow_redirects=False)
            for _ in range(5):
                assert (await attempt("a wrong guess")).status == 401
            r = await attempt(PASSWORD)  # even the right password waits now
            assert r.status == 429 and "15" in await r.text()
        finally:
            await c.close()
    run(go())


def test_the_lock_lifts_after_the_window():
    throttle = SignInThrottle(tries=2, window_s=60)
    throttle.failed("amei", 0)
    assert not throttle.locked("amei", 1)
    throttle.failed("amei", 1)
    assert throttle.locked("amei", 2) and not throttle.locked("someone else", 2)
    assert not throttle.locked("amei", 62)  # both failures older than the window
