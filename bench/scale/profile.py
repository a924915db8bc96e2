"""Where a turn's time goes: py-spy on the Rasa server and the action server during whole interviews.

    python bench/scale/profile.py [--conversations 6] [--rate 100]

Starts one Rasa server and one action server (SQLite, as `advisor serve`), sends the shared
harness's interview CONVERSATIONS times, one message at a time (so the Rasa server's idle samples
are time spent waiting for the action server), with py-spy sampling both processes (idle samples
included) and the action server logging each call's name and duration (ADVISOR_ACTION_TIMING).
Prints the share of samples per component in each process, the action calls per message and
their durations. Raw stacks: var/bench-scale/profile-*.txt (py-spy's collapsed format).
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.serve import BIN, cluster, send  # noqa: E402

OUT = ROOT / "var" / "bench-scale"
TURNS = ["你好", "我想把廠裡的移工轉成中階技術人力", "我們做金屬加工，員工120人",
         "核配移工30人，目前移工25人，中階0人", "他在我們公司做了7年", "做CNC車床操作",
         "月薪3萬8", "有技術士證", "那補助呢", "謝謝"]

# First match wins, checked from the innermost frame outwards; order matters.
IDLE = r"^serve \(sanic/server/runners\.py|selectors\.py|^select \(|^poll \("
RASA_PARTS = [
    ("waiting (event loop idle: action server round trips, client gaps)", IDLE),
    ("validating action responses (jsonschema)", r"jsonschema/"),
    ("tracker store (SQL reads/writes)", r"rasa/core/tracker_store\.py|sqlalchemy/"),
    ("lock store", r"rasa/core/lock_store\.py"),
    ("action calls: tracker serialisation and HTTP", r"rasa/core/actions/action\.py|rasa/utils/endpoints\.py|aiohttp/"),
    ("NLU: project components", r"bot/nlu/"),
    ("NLU: DIET / featurizers / tokenizer", r"rasa/nlu/|rasa/engine/"),
    ("policies (prediction)", r"rasa/core/policies/|rasa/core/featurizers/|tensorflow/"),
    ("events and tracker objects", r"rasa/shared/core/"),
    ("channels (REST)", r"bot/channels/|rasa/core/channels/"),
    ("other Rasa processing", r"rasa/core/processor\.py|rasa/core/agent\.py"),
    ("sanic / HTTP server", r"sanic/"),
]
ACTION_PARTS = [
    ("waiting (idle)", IDLE),
    ("jsonschema validation", r"jsonschema/"),
    ("store writes (consultation log)", r"bot/store/|sqlalchemy/|alembic/"),
    ("rendering (bot/dialogue/render.py, catalogs)", r"bot/dialogue/render\.py|bot/i18n\.py|babel/"),
    ("the rules (bot/rules)", r"bot/rules/"),
    ("language detection (lingua)", r"bot/nlu/language|lingua"),
    ("extraction (bot/nlu)", r"bot/nlu/"),
    ("FAQ", r"bot/faq\.py"),
    ("the project's actions (other)", r"actions/"),
    ("rasa_sdk: tracker from JSON, dispatch", r"rasa_sdk/"),
    ("JSON", r"json/"),
    ("sanic / HTTP server", r"sanic/"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def categorise(raw: Path, parts: list[tuple[str, str]]) -> dict[str, float]:
    counts: collections.Counter[str] = collections.Counter()
    patterns = [(name, re.compile(p)) for name, p in parts]
    total = 0
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        frames = stack.split(";")
        if frames[0].startswith("_bootstrap (threading.py"):
            continue  # only the main thread (the event loop's): the others are pools that mostly sleep
        total += n
        for frame in reversed(frames):  # innermost first
            found = next((name for name, pattern in patterns if pattern.search(frame)), None)
            if found:
                counts[found] += n
                break
        else:
            counts["other"] += n
    return {name: round(100 * c / total, 1) for name, c in counts.most_common()} if total else {}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=6)
    parser.add_argument("--rate", type=int, default=100)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ["ADVISOR_ACTION_TIMING"] = "1"
    logs = OUT / "profile-logs"
    with cluster([free_port()], [free_port()], tracker=f"sqlite:///{OUT / 'profile-tracker.db'}",
                 store_url=f"sqlite:///{OUT / 'profile-store.db'}", log_dir=logs) as c:
        for message in TURNS:  # warm-up
            send(c.url, "warm-" + uuid.uuid4().hex, message)
        spies = []
        for name in ("rasa", "actions"):
            spies.append(subprocess.Popen([str(BIN / "py-spy"), "record", "--pid", str(c.children[name].process.pid),
                                           "--rate", str(args.rate), "--format", "raw", "--idle", "--nonblocking",
                                           "--output", str(OUT / f"profile-{name}.txt")],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        time.sleep(2)
        before = sum(1 for _ in (logs / "actions.log").open())
        times = []
        start = time.perf_counter()
        for _ in range(args.conversations):
            sender = uuid.uuid4().hex
            for message in TURNS:
                t = time.perf_counter()
                assert send(c.url, sender, message), message
                times.append((time.perf_counter() - t) * 1000)
        wall = time.perf_counter() - start
        for spy in spies:
            spy.send_signal(2)
            spy.wait(timeout=60)
        lines = (logs / "actions.log").read_text().splitlines()[before:]
    calls: dict[str, list[float]] = collections.defaultdict(list)
    for line in lines:
        m = re.search(r"action_timing (\S+) ([\d.]+) ms (\d+)", json.loads(line).get("msg", ""))
        if m:
            calls[m.group(1)].append(float(m.group(2)))
    n_messages = len(times)
    times.sort()
    report = {
        "messages": n_messages, "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (n_messages - 1))], 1), "wall_s": round(wall, 1),
        "rasa_samples_%": categorise(OUT / "profile-rasa.txt", RASA_PARTS),
        "actions_samples_%": categorise(OUT / "profile-actions.txt", ACTION_PARTS),
        "action_calls": {name: {"per_message": round(len(v) / n_messages, 2), "median_ms": round(statistics.median(v), 1),
                                "total_ms_per_message": round(sum(v) / n_messages, 1)}
                         for name, v in sorted(calls.items(), key=lambda kv: -sum(kv[1]))},
    }
    report["action_ms_per_message"] = round(sum(sum(v) for v in calls.values()) / n_messages, 1)
    (OUT / "profile.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
