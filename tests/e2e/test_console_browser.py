"""The staff console in a real browser: Playwright driving Debian's Chromium (installed by .ci/run),
at 1366×768 and at 125 % scaling (1093×614 CSS pixels), in Chinese and English, with axe-core
(tests/e2e/node_modules, installed by .ci/services.sh) checking every page."""
from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from aiohttp import web

from bot.console.app import make_app
from bot.console.settings import settings
from bot.dialogue.render import title_key
from bot.i18n import text
from bot.rules import check
from bot.store import audit, consultations, staff
from tests.e2e.test_rest_conversations import free_port

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("ADVISOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(os.environ.get("ADVISOR_AXE") or Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js")
PASSWORD = "correct horse battery"
# Flags for a closed network: no background connections, no GPU, a fresh profile each run.
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENS = {"1366x768": ({"width": 1366, "height": 768}, 1), "125%": ({"width": 1093, "height": 614}, 1.25)}
CALL = ["我們做金屬加工，員工120人，移工30人，他做了7年，月薪3萬7", "他負責焊接", "核配移工40人", "中階技術人力0人",
        "外國專業人才0人", "他有技術士證", "沒有", "是"]
DEBUG_TEXT = re.compile(r"continuous_years|monthly_wage|sme_only|\btarget (true|false)|\b(true|false);|"
                        r"\bmanufacturing\b|None|undefined|\[object")


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    db = f"sqlite:///{tmp_path_factory.mktemp('console') / 'console.db'}"
    for name in ("amei", "amy"):
        staff.set_password(name, PASSWORD, url=db)
    staff.set_password("boss", PASSWORD, role="admin", url=db)
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


def open_page(browser, base, screen, lang, user="amei"):
    viewport, scale = SCREENS[screen]
    # bypass_csp lets Playwright evaluate its predicates and inject axe; the page itself runs under the CSP.
    context = browser.new_context(viewport=viewport, device_scale_factor=scale, bypass_csp=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/login?lang={lang}")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'username'")  # autofocus
    page.keyboard.type(user)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel > .status, #panel > .error")  # a draft may come back with an error to fix
    page.errors = errors
    return page


def fully_visible(page, selector) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["x"] >= 0 and box["y"] + box["height"] <= size["height"] + 0.5 \
        and box["x"] + box["width"] <= size["width"] + 0.5


def say(page, text):
    before = page.locator("#log li.advisor").count()
    page.keyboard.press("Alt+m")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'message'")
    page.keyboard.type(text)
    page.wait_for_function(f"document.getElementById('message').value === {text!r}")  # no keystroke lost
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('#log li.advisor').length > {before}")


def new_call(page):
    """Alt+N, and wait for the empty case (the module's operators carry their drafts between tests)."""
    before = page.inner_text("#case-id")
    page.keyboard.press("Alt+n")
    page.wait_for_function(f"document.querySelector('#case-id').textContent !== {before!r} && "
                           "document.querySelectorAll('#log li').length === 0")
    page.wait_for_selector("#panel > .status")


def axe_check(page, where):
    """axe-core in the page: any serious or critical violation fails the test."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core is missing at {AXE} (.ci/services.sh installs it)")
        pytest.skip("axe-core not installed (cd tests/e2e && npm ci)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
                           " return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
                           " target: v.nodes.slice(0, 3).map(n => n.target.join(' '))})); }")
    bad = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not bad, f"{where}: {bad}"


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_call_fits_the_screen_and_a_new_call_starts_a_new_case(console, browser, screen, lang, tmp_path):
    base, db = console
    page = open_page(browser, base, screen, lang)
    new_call(page)
    first_case = page.inner_text("#case-id")
    for said in CALL:
        say(page, said)
        # The chat input, the newest reply, the verdict's headline and the copy button stay on screen.
        assert fully_visible(page, "#message") and fully_visible(page, "#log li.advisor >> nth=-1"), said
        assert fully_visible(page, "#panel > .status") and fully_visible(page, "#copy"), said
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scrolling
    assert page.input_value("#f-company-employees") == "120" and page.input_value("#f-worker-occupation_group") == "7"
    panel = page.inner_text("#panel")
    assert not DEBUG_TEXT.search(panel), panel
    assert page.locator('#panel details.more').get_attribute("open") is None  # the details are folded
    # Only the topic's fields (and any holding a value): no training or grant fields for a mid-level worker.
    assert page.locator('[data-fact-row="training.cost"]').is_hidden()
    assert page.locator('fieldset[data-part="training"]').is_hidden()
    assert page.locator('[data-fact-row="company.paid_in_capital"]').is_hidden()
    assert page.locator('[data-fact-row="worker.monthly_wage"]').is_visible()
    page.keyboard.press("Alt+c")
    page.wait_for_selector("#copied:not(:empty)")
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value("#summary")
    assert len(page.input_value("#summary")) <= settings()["short_summary_chars"]
    page.screenshot(path=str(tmp_path / f"call-{screen}-{lang}.png"))
    assert not page.errors
    axe_check(page, f"console {screen} {lang}")

    page.keyboard.press("Alt+n")  # a new call
    page.wait_for_function(f"document.querySelector('#case-id').textContent !== '{first_case}'")
    page.wait_for_function("document.querySelectorAll('#log li').length === 0")
    assert page.input_value("#f-company-employees") == "" and page.input_value("#notes") == ""
    assert page.evaluate("document.activeElement.id") == "message"
    row = consultations.by_case(f"console:{first_case}", url=db)
    assert row is not None, (first_case, [(r.case_key, r.operator) for r in consultations.search(url=db)])
    assert row.operator == "amei" and row.facts["company"]["employees"] == 120  # the first call stays logged
    page.select_option("#topic", "grants")
    page.wait_for_function("document.querySelector('[data-fact-row=\"project.target\"]').hidden === false")
    assert page.locator('[data-fact-row="worker.monthly_wage"]').is_hidden()
    page.context.close()


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_chat_says_back_what_it_noted_highlights_it_and_offers_quick_answers(console, browser, screen, lang):
    base, _ = console
    page = open_page(browser, base, screen, lang)
    new_call(page)
    say(page, CALL[0])
    say(page, "他負責焊接")
    say(page, "核配40，移工35")
    heard = page.locator("#log li.heard").last
    assert "40" in heard.inner_text() and fully_visible(page, "#log li.heard >> nth=-1")
    for field in ("#f-company-migrant_allocation", "#f-company-migrant_workers"):
        assert "changed" in page.get_attribute(field, "class") and fully_visible(page, field), field
    assert page.input_value("#f-company-migrant_allocation") == "40"
    assert "changed" not in (page.get_attribute("#f-company-employees", "class") or "")
    zero = page.locator("#quick button", has_text="0")
    assert fully_visible(page, "#quick")
    before = page.locator("#log li.advisor").count()
    zero.click()  # the question asked is the mid-level workers: 0
    page.wait_for_function(f"document.querySelectorAll('#log li.advisor').length > {before}")
    assert page.locator("#log li.caller").last.inner_text() == "0"
    assert page.input_value("#f-company-midlevel_workers") == "0"
    assert "changed" not in (page.get_attribute("#f-company-migrant_allocation", "class") or "")  # only until the next
    assert "changed" in page.get_attribute("#f-company-midlevel_workers", "class")
    axe_check(page, f"chat {screen} {lang}")
    page.context.close()


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_a_draft_survives_a_reload_and_a_new_sign_in(console, browser, lang):
    base, _ = console
    page = open_page(browser, base, "125%", lang, user="amy")
    new_call(page)
    case = page.inner_text("#case-id")
    say(page, "員工120人，移工30人")
    page.fill("#notes", "問中階，下午回電")
    page.fill("#callback", "0912-000-111")
    page.select_option("#caller_lang", "id")
    page.wait_for_timeout(600)  # the draft is saved a moment after the last change
    page.reload()
    page.wait_for_selector("#panel > .status")
    assert page.inner_text("#case-id") == case and page.input_value("#f-company-employees") == "120"
    assert page.input_value("#notes") == "問中階，下午回電" and page.input_value("#caller_lang") == "id"
    assert page.locator("#log li.caller").first.inner_text() == "員工120人，移工30人"
    page.click("header nav button[type=submit]")  # sign out
    page.wait_for_url("**/login")
    page.fill("#username", "amy")
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_selector("#panel > .status")
    assert page.inner_text("#case-id") == case and page.input_value("#callback") == "0912-000-111"
    page.context.close()


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_another_date_is_a_comparison_and_a_bad_date_leaves_nothing_to_copy(console, browser, screen, lang):
    base, db = console
    page = open_page(browser, base, screen, lang)
    new_call(page)
    case = page.inner_text("#case-id")
    say(page, CALL[0])
    for field, value in (("#f-worker-occupation_group", "7"), ("#f-company-migrant_allocation", "40"),
                         ("#f-company-midlevel_workers", "0"), ("#f-company-foreign_professionals", "0")):
        if page.locator(field).evaluate("e => e.tagName") == "SELECT":
            page.select_option(field, value)
        else:
            page.fill(field, value)
    page.wait_for_selector('#panel > .status[data-status="eligible"]')
    page.fill("#compare_as_of", "2025-06-01")
    page.wait_for_selector("#panel .compare")
    assert "2025-06-01" in page.inner_text("#panel .compare")
    assert page.locator('#panel .compare tr[data-condition="salary"]').count() == 1  # NT$33,000 then, 35,000 now
    assert fully_visible(page, "#panel > .status")
    row = consultations.by_case(f"console:{case}", url=db)
    assert row.as_of == dt.date.fromisoformat(page.inner_text("#as_of")) and row.status == "eligible"
    page.fill("#compare_as_of", "1999-12-31")  # outside the rules' range
    page.wait_for_selector("#panel .error")
    assert "1999-12-31" in page.inner_text("#panel .error")
    assert page.input_value("#summary") == "" and page.locator("#copy").is_disabled()
    assert page.get_attribute("#compare_as_of", "aria-invalid") == "true"
    page.fill("#compare_as_of", "")
    page.wait_for_selector('#panel > .status[data-status="eligible"]')
    assert page.input_value("#summary") != ""
    page.context.close()


@pytest.mark.parametrize("caller", ["en", "vi", "th", "id", "zh-TW"])
def test_the_caller_gets_a_short_and_a_full_summary_in_their_language(console, browser, caller):
    base, _ = console
    title = text(f"render.title.{title_key(check({'topic': 'midlevel'}))}", caller)  # from 2026 the new name
    page = open_page(browser, base, "1366x768", "zh-TW")
    new_call(page)
    page.select_option("#caller_lang", caller)
    say(page, CALL[0])
    page.wait_for_function(f"document.querySelector('#summary').value.includes({title!r})")
    short = page.input_value("#summary")
    assert len(short) <= settings()["short_summary_chars"]
    assert page.inner_text("#panel > .status").split()[0] == "資料不足"  # the panel stays in the console's language
    page.keyboard.press("Alt+s")
    full = page.input_value("#summary")
    assert len(full) > len(short) and title in full
    page.context.close()


def test_print_shows_the_case_and_its_full_summary_only(console, browser):
    base, _ = console
    page = open_page(browser, base, "1366x768", "zh-TW")
    new_call(page)
    say(page, CALL[0])
    page.fill("#notes", "印出來給主管")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.locator(".console").is_hidden() and page.locator("header").is_hidden()
    assert page.locator("#print-case").is_visible()
    assert "印出來給主管" in page.inner_text("#print-meta")
    assert "外國技術人力資格評估" in page.inner_text("#print-summary")  # the scheme's name from 2026
    page.context.close()


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_cases_are_found_in_words_in_local_time_and_reopened(console, browser, screen, lang):
    base, db = console
    page = open_page(browser, base, screen, lang)
    new_call(page)
    case = page.inner_text("#case-id")
    page.select_option("#topic", "grants")
    page.fill("#notes", f"食品廠 CNC {screen} {lang}")
    page.wait_for_load_state("networkidle")  # the topic's own reply first, so say() waits for the answer to its words
    say(page, "我們在台中，員工50人，做製造業")
    # the case (with its notes) is saved in the background: search once it is stored, as an operator would
    for _ in range(100):
        stored = consultations.by_case(f"console:{case}", url=db)
        if stored is not None and "CNC" in (stored.notes or "") and re.search("[台臺]中", stored.search_text or ""):
            break
        page.wait_for_timeout(100)
    page.goto(f"{base}/cases?lang={lang}")
    page.fill("#q", f"台中 食品 cnc {screen} {lang}")
    page.press("#q", "Enter")
    page.wait_for_load_state()
    rows = page.locator("#results tbody tr")
    assert rows.count() == 1 and "臺中市" in rows.first.inner_text(), (stored and (stored.notes, stored.search_text))
    row = consultations.by_case(f"console:{case}", url=db)
    local = row.created_at.replace(tzinfo=dt.timezone.utc).astimezone(dt.timezone(dt.timedelta(hours=8)))
    assert local.strftime("%Y-%m-%d %H:%M") in rows.first.inner_text()  # Taipei time, not UTC
    assert "Asia/Taipei" in page.inner_text("#results thead")
    assert rows.first.locator(".pill").get_attribute("class").split()[-1] == row.status
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    axe_check(page, f"cases {screen} {lang}")
    rows.first.locator("td.line a").click()
    page.wait_for_selector("#case-summary")
    axe_check(page, f"case {screen} {lang}")
    page.click("#reopen")
    page.wait_for_selector("#panel > .status")
    assert page.inner_text("#case-id") == case and page.input_value("#f-company-employees") == "50"
    views = [e.action for e in audit.entries(username="amei", consultation_id=row.id, url=db)]
    assert "case_view" in views and "case_reopen" in views
    page.context.close()


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_an_admin_adds_and_disables_staff_and_reads_the_audit_log(console, browser, lang):
    base, db = console
    page = open_page(browser, base, "125%", lang, user="boss")
    page.goto(f"{base}/staff?lang={lang}")
    axe_check(page, f"staff {lang}")
    name = f"new.{lang.lower()}"
    page.fill("#new-username", name)
    page.fill("#new-password", "a long enough password")
    page.click(".add-staff button[type=submit]")
    page.wait_for_selector(f'tr[data-user="{name}"]')
    page.click(f'tr[data-user="{name}"] button')
    page.wait_for_selector(f'tr[data-user="{name}"]')
    assert staff.get(name, url=db).disabled
    page.goto(f"{base}/audit?lang={lang}")
    axe_check(page, f"audit {lang}")
    assert page.locator('#entries tr[data-action="staff_disable"]').count() >= 1
    page.context.close()


def test_the_sign_in_page_passes_axe(console, browser):
    base, _ = console
    for lang in ("zh-TW", "en"):
        page = browser.new_context(viewport=SCREENS["125%"][0], bypass_csp=True).new_page()
        page.goto(f"{base}/login?lang={lang}")
        axe_check(page, f"login {lang}")
        page.context.close()
