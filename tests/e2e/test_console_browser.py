"""The staff console in a real browser: Playwright driving Debian's Chromium (installed by .ci/run)."""
from __future__ import annotations

import asyncio
import os
import shutil
import threading

import pytest
from aiohttp import web

from bot.console.app import make_app
from bot.store import consultations, staff
from tests.e2e.test_rest_conversations import free_port

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("ADVISOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "correct horse battery"
# Flags for a closed network: no background connections, no GPU, a fresh profile each run.
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    db = f"sqlite:///{tmp_path_factory.mktemp('console') / 'console.db'}"
    staff.set_password("amei", PASSWORD, url=db)
    port = free_port()
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(make_app(db_url=db, key=b"b" * 32))

    async def start():
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop).result(20)
    yield f"http://127.0.0.1:{port}", db
    asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(20)
    loop.call_soon_threadsafe(loop.stop)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def test_an_operator_works_a_case_with_the_keyboard_and_copies_the_summary(console, browser, tmp_path):
    base, db = console
    # bypass_csp lets Playwright evaluate its waiting predicates; the page itself runs under the CSP.
    page = browser.new_context(viewport={"width": 1366, "height": 768}, bypass_csp=True).new_page()
    page.goto(f"{base}/")
    assert "/login" in page.url  # staff only
    page.wait_for_function("document.activeElement && document.activeElement.id === 'username'")  # autofocus
    page.keyboard.type("amei")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel .status")
    assert page.url == f"{base}/"

    # The caller's words go in the chat (Alt+M), and fill the facts form.
    page.keyboard.press("Alt+m")
    page.keyboard.type("我們做金屬加工，員工120人，移工30人，他做了7年，月薪3萬7")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#f-company-employees').value === '120'")
    assert page.input_value("#f-company-industry") == "manufacturing"
    assert page.input_value("#f-worker-monthly_wage") == "37000"
    assert page.locator("#log li.advisor").last.inner_text().startswith("他的工作比較接近哪一類")
    assert page.locator('#panel li[data-condition="industry"]').get_attribute("data-passed") == "true"
    assert "worker.occupation_group" in page.locator("#panel .missing button").first.get_attribute("data-fact")

    page.keyboard.type("他負責焊接")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#f-worker-occupation_group').value === '7'")

    # The rest from the form: the verdict panel follows as facts arrive.
    for field, value in (("#f-company-migrant_allocation", "40"), ("#f-company-midlevel_workers", "0"),
                         ("#f-company-foreign_professionals", "0")):
        page.focus(field)
        page.keyboard.type(value)
    page.wait_for_selector('#panel .status[data-status="eligible"]')
    salary = page.locator('#panel li[data-condition="salary"]')
    assert salary.get_attribute("data-passed") == "true" and "37,000" in salary.inner_text()
    assert page.locator("#panel .sources li").count() >= 2
    assert page.locator('#panel .sources li[data-status="reported"]').count() >= 1  # 2026 figures are reported

    page.keyboard.press("Alt+c")  # copy summary
    page.wait_for_selector("#copied:not(:empty)")
    summary = page.input_value("#summary")
    assert "符合中階技術人力的各項條件" in summary and "NT$37,000" in summary

    # What applied last year? The rules' date changes the thresholds.
    page.fill("#as_of", "2025-06-01")
    page.wait_for_function("document.querySelector('#panel .date').textContent.includes('2025-06-01')")
    page.screenshot(path=str(tmp_path / "console.png"), full_page=True)

    (row,) = consultations.search(channel="console", url=db)
    assert row.as_of.isoformat() == "2025-06-01" and row.facts["worker"]["occupation_group"] == 7

    page.goto(f"{base}/cases")
    assert page.locator("#results tbody tr").count() == 1
    assert page.locator('#counts tr[data-topic="midlevel"] td[data-status]').all_inner_texts() != []


def test_the_console_is_in_english_too(console, browser):
    base, _ = console
    page = browser.new_context().new_page()
    page.goto(f"{base}/login?lang=en")
    assert page.locator("h1").inner_text() == "Staff sign-in"
    page.fill("#username", "amei")
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_selector("#panel .status")
    assert page.locator("#facts-title").inner_text() == "Case facts"
    assert page.locator("#copy").inner_text() == "Copy summary"
