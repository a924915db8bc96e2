"""Seven hotline calls worked with the keyboard in Chromium: keystrokes and time, on the console of
an older commit (the baseline, extracted with `git archive`) and on this tree, in the same run.

Each call: the caller's words typed into the chat; then every target fact the form does not hold
(misread or missed) is set from the keyboard (Alt+F, Tab to the field, type or arrow to the value);
then the summary is copied (Alt+C) and the next call started (F5 on a console without "New call",
Alt+N on one with it). Keystrokes count every key pressed, characters typed included; time is the
wall clock of the whole script (typing is instant: it measures the console, not a person).

Usage: python bench/bench_console_calls.py [--before 8c2e664] [--lang zh-TW]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("ADVISOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PASSWORD = "bench password 1"
CALLS = [
    ("midlevel", ["我們做金屬加工，員工120人，移工30人，他做了7年，月薪3萬7", "他負責焊接", "核配移工40人",
                  "中階技術人力0，外國專業人才0"],
     {"company.industry": "manufacturing", "company.employees": "120", "company.migrant_workers": "30",
      "worker.continuous_years": "7", "worker.monthly_wage": "37000", "worker.occupation_group": "7",
      "company.migrant_allocation": "40", "company.midlevel_workers": "0", "company.foreign_professionals": "0"}),
    ("midlevel", ["營造業，員工80人，移工20人，核配25人", "他在台灣連續工作6年，月薪3萬", "他做機械操作",
                  "沒有中階，也沒有外國專業人才", "他沒有技術士證"],
     {"company.industry": "construction", "company.employees": "80", "company.migrant_workers": "20",
      "company.migrant_allocation": "25", "worker.continuous_years": "6", "worker.monthly_wage": "30000",
      "worker.occupation_group": "8", "company.midlevel_workers": "0", "company.foreign_professionals": "0",
      "worker.certificate": "false"}),
    ("grants", ["我們是台中的食品廠，員工50人，想開發新產品"],
     {"company.industry": "manufacturing", "company.employees": "50", "company.region": "臺中市",
      "project.target": "product"}),
    ("training", ["我們想辦企業包班，費用20萬，員工30人"],
     {"training.class_type": "enterprise", "training.cost": "200000", "company.employees": "30"}),
    ("midlevel", ["他做了8年，月薪3萬6，做焊接", "公司是製造業，員工200人，移工60人，核配60人",
                  "中階2人，外國專業人才1人"],
     {"worker.continuous_years": "8", "worker.monthly_wage": "36000", "worker.occupation_group": "7",
      "company.industry": "manufacturing", "company.employees": "200", "company.migrant_workers": "60",
      "company.migrant_allocation": "60", "company.midlevel_workers": "2", "company.foreign_professionals": "1"}),
    ("grants", ["軟體公司，員工15人，資本額500萬，想做數位轉型"],
     {"company.industry": "software", "company.employees": "15", "company.paid_in_capital": "5000000",
      "project.target": "digital"}),
    ("midlevel", ["家庭看護，他做了6年，月薪2萬5"],
     {"company.industry": "home_care", "worker.continuous_years": "6", "worker.monthly_wage": "25000"}),
]

SERVER = """
import sys
from aiohttp import web
from bot.console.app import make_app
from bot.store import staff
db, port = sys.argv[1], int(sys.argv[2])
staff.set_password("bench", {password!r}, url=db)
print("ready", flush=True)
web.run_app(make_app(db_url=db, key=b"b" * 32), host="127.0.0.1", port=port, print=None)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(tree: Path, workdir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    proc = subprocess.Popen([sys.executable, "-c", SERVER.format(password=PASSWORD),
                             f"sqlite:///{workdir / 'bench.db'}", str(port)], cwd=tree, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout.readline().strip() == "ready"
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):  # bounded: 60 s
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return proc, base
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the console did not start")


class Operator:
    def __init__(self, page):
        self.page, self.keys = page, 0

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)
            self.keys += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.keys += len(text)

    def settle(self) -> None:
        self.page.wait_for_timeout(250)  # the form's debounce
        self.page.wait_for_load_state("networkidle")

    def say(self, text: str) -> None:
        log = "#log li.advisor, #log li.error"
        before = self.page.locator(log).count()
        self.press("Alt+m")
        self.type(text)
        self.press("Enter")
        self.page.wait_for_function(f"document.querySelectorAll({log!r}).length > {before}", timeout=60_000)

    def focused(self) -> str:
        return self.page.evaluate("document.activeElement && document.activeElement.id || ''")

    def set_topic(self, topic: str) -> None:
        self.press("Alt+f")
        if self.focused() != "topic":
            self.page.focus("#topic")
        self.choose("#topic", topic)
        self.settle()

    def choose(self, selector: str, value: str) -> None:
        values = self.page.eval_on_selector(selector, "e => Array.from(e.options).map(o => o.value)")
        now = values.index(self.page.input_value(selector))
        target = values.index(value)
        self.press("ArrowDown" if target > now else "ArrowUp", abs(target - now))
        if self.page.input_value(selector) != value:  # a platform whose closed select ignores arrows
            self.page.select_option(selector, value)

    def fix(self, fact: str, value: str) -> None:
        field = "f-" + fact.replace(".", "-")
        self.press("Alt+f")
        for _ in range(80):  # bounded: Tab to the field, as an operator without a mouse does
            if self.focused() == field:
                break
            self.press("Tab")
        else:
            raise RuntimeError(f"{field} not reached")
        if self.page.eval_on_selector(f"#{field}", "e => e.tagName") == "SELECT":
            self.choose(f"#{field}", value)
        else:
            if self.page.input_value(f"#{field}"):
                self.press("Control+a")
            self.type(value)
        self.settle()


def work(base: str, lang: str) -> dict:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1366, "height": 768}, bypass_csp=True)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        page = context.new_page()
        page.goto(f"{base}/login?lang={lang}")
        page.fill("#username", "bench")
        page.fill("#password", PASSWORD)
        page.press("#password", "Enter")
        page.wait_for_selector("#panel .status")
        has_new_call = page.locator("#new-call").count() > 0
        op = Operator(page)
        calls, fixes = [], 0
        started = time.perf_counter()
        for topic, words, targets in CALLS:
            t0 = time.perf_counter()
            if page.input_value("#topic") != topic:
                op.set_topic(topic)
            for text in words:
                op.say(text)
            op.settle()
            wrong = {f: v for f, v in targets.items()
                     if page.input_value("#f-" + f.replace(".", "-")) != v}
            for fact, value in wrong.items():
                op.fix(fact, value)
            fixes += len(wrong)
            op.settle()
            status = page.locator("#panel .status").first.get_attribute("data-status")
            op.press("Alt+c")
            page.wait_for_selector("#copied:not(:empty)")
            calls.append({"topic": topic, "status": status, "fixed": sorted(wrong), "seconds":
                          round(time.perf_counter() - t0, 2)})
            if has_new_call:
                op.press("Alt+n")
                page.wait_for_function("document.querySelectorAll('#log li').length === 0")
            else:
                op.press("F5")
                page.wait_for_selector("#panel .status")
        total = time.perf_counter() - started
        browser.close()
    return {"keystrokes": op.keys, "seconds": round(total, 1), "fields_fixed": fixes, "calls": calls}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", default="8c2e664", help="the baseline commit")
    parser.add_argument("--lang", default="zh-TW")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "before"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
        for name, tree in (("before " + args.before, old), ("after (this tree)", ROOT)):
            work_dir = Path(tmp) / ("store-" + name.split()[0])
            work_dir.mkdir()
            proc, base = start(tree, work_dir)
            try:
                results[name] = work(base, args.lang)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
