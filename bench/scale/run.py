"""Scale-out benchmark: the advisor beside a bare Rasa bot of the same data, measured in one run.

    python bench/scale/run.py [--bare-dir DIR] [--phases side,replicas,faults] [--users 50] [--messages 20]

Phases (each bounded, loopback only; a PostgreSQL cluster on port 5433 and a Redis on 6380 of
its own are started for it, so faults never touch the ones the tests use):
- side: one server each (SQLite tracker), bench/scale/rest_load.py at 1 and 20 conversations,
  alternating bare / advisor; p50, p95, messages/s and the ratios.
- replicas: locust, USERS conversations × MESSAGES messages, each conversation alternating between
  two Rasa servers (PostgreSQL tracker store, Redis lock store; the advisor with two action servers
  behind a front); the same against two bare Rasa servers. Then every tracker is read back: each
  user message once, in order, each followed by a reply.
- faults: the same load on the advisor through a round-robin front, while one Rasa server is
  killed (and restarted), one action server is killed (and restarted), PostgreSQL is restarted and
  Redis is stopped for a while: lost, duplicated and unanswered messages, apologies, recovery times.

The bare bot is built with bench/scale/make_bare_bot.py and trained once (`rasa train` in its
folder) when --bare-dir has no model. Results: var/bench-scale/results.json and a table on stdout.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.serve import BIN, CHILD_ENV, Child, cluster  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = ROOT / "var" / "bench-scale"
PG_VERSION, PG_CLUSTER, PG_PORT = "15", "bench", 5433
PG_URL = f"postgresql://bench:bench@127.0.0.1:{PG_PORT}"
REDIS_PORT = 6380
TURNS = ["你好", "我想把廠裡的移工轉成中階技術人力", "我們做金屬加工，員工120人",
         "核配移工30人，目前移工25人，中階0人", "他在我們公司做了7年", "做CNC車床操作",
         "月薪3萬8", "有技術士證", "那補助呢", "謝謝"]  # the shared harness's interview
APOLOGY = "系統暫時無法回應"
READY_S = 600


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def messages(count: int) -> list[str]:
    """`count` messages: the interview, then "重新開始" and the interview again, as far as needed."""
    out: list[str] = []
    while len(out) < count:
        out += (["重新開始"] if out else []) + TURNS
    return out[:count]


def sh(*argv: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(list(argv), check=check, capture_output=True, text=True)


# --- services of the benchmark's own ------------------------------------------------------------

def pg_start() -> None:
    if PG_CLUSTER not in sh("pg_lsclusters", "-h").stdout.split():
        sh("pg_createcluster", PG_VERSION, PG_CLUSTER, "-p", str(PG_PORT))
    sh("pg_ctlcluster", PG_VERSION, PG_CLUSTER, "start", check=False)
    role = sh("su", "postgres", "-c", f"psql -p {PG_PORT} -qtAc \"select 1 from pg_roles where rolname='bench'\"")
    if "1" not in role.stdout:
        sh("su", "postgres", "-c", f"psql -p {PG_PORT} -qc \"create role bench login superuser password 'bench'\"")


def pg_restart() -> None:
    sh("pg_ctlcluster", PG_VERSION, PG_CLUSTER, "restart", "-m", "fast")


def new_database(prefix: str) -> str:
    import sqlalchemy as sa

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(f"{PG_URL}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return f"{PG_URL}/{name}"


def redis_start() -> None:
    if sh("redis-cli", "-p", str(REDIS_PORT), "ping", check=False).stdout.strip() != "PONG":
        sh("redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT), "--daemonize", "yes",
           "--save", "", "--appendonly", "no", "--logfile", str(OUT / "redis.log"))
        for _ in range(100):
            if sh("redis-cli", "-p", str(REDIS_PORT), "ping", check=False).stdout.strip() == "PONG":
                return
            time.sleep(0.1)


def redis_stop() -> None:
    sh("redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave", check=False)


# --- the bare bot -------------------------------------------------------------------------------

def ensure_bare(bare: Path) -> Path:
    model = bare / "models" / "bare.tar.gz"
    if not model.exists():
        sh(str(BIN / "python"), str(HERE / "make_bare_bot.py"), str(ROOT), str(bare))
        subprocess.run([str(BIN / "rasa"), "train", "--fixed-model-name", "bare", "--out", "models"], cwd=bare,
                       env={**os.environ, **CHILD_ENV}, check=True)
    return model


@contextmanager
def bare_servers(bare: Path, count: int, tracker: str | None = None):
    """`count` bare Rasa servers; with several, a PostgreSQL tracker store and the Redis lock store."""
    endpoints = OUT / f"bare-endpoints-{uuid.uuid4().hex[:6]}.yml"
    text = f'tracker_store:\n  type: SQL\n  url: "{tracker or "sqlite:///" + str(OUT / "bare-tracker.db")}"\n'
    if count > 1:
        text += f"lock_store:\n  type: redis\n  url: 127.0.0.1\n  port: {REDIS_PORT}\n  db: 2\n  key_prefix: bare\n"
    endpoints.write_text(text)
    env = {**os.environ, **CHILD_ENV}
    children = []
    for i in range(count):
        port = free_port()
        children.append(Child(f"bare{i + 1}", [str(BIN / "rasa"), "run", "--model", str(bare / "models" / "bare.tar.gz"),
                                                "--port", str(port), "--interface", "127.0.0.1",
                                                "--endpoints", str(endpoints), "--credentials", "credentials.yml"],
                              env, f"http://127.0.0.1:{port}/webhooks/rest/", open(OUT / f"bare{i + 1}.log", "w"),
                              cwd=bare))
    try:
        for child in children:
            child.start()
        deadline = time.monotonic() + READY_S
        for child in children:
            wait_url(child.health_url, deadline)
        yield [c.health_url + "webhook" for c in children]
    finally:
        for child in children:
            child.stop()
        endpoints.unlink(missing_ok=True)


def wait_url(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


# --- measuring ----------------------------------------------------------------------------------

def rest_load(url: str, users: int, rounds: int) -> dict:
    done = subprocess.run([str(BIN / "python"), str(HERE / "rest_load.py"), url, str(users), str(rounds)],
                          capture_output=True, text=True, check=True, timeout=3600)
    return json.loads(done.stdout.strip().splitlines()[-1])


def locust(targets: list[str], users: int, msgs: list[str], out: Path, bound_s: int) -> list[dict]:
    out.unlink(missing_ok=True)
    env = {**os.environ, "LOAD_TARGETS": ",".join(targets), "LOAD_MESSAGES": json.dumps(msgs, ensure_ascii=False),
           "LOAD_USERS": str(users), "LOAD_OUT": str(out)}
    subprocess.run([str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "-u", str(users),
                    "-r", str(users), "--run-time", f"{bound_s}s", "--only-summary", "--loglevel", "WARNING",
                    "--stop-timeout", "5"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=bound_s + 120)
    return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]


def summarise(records: list[dict]) -> dict:
    ok = [r for r in records if r["status"] == 200 and r["replies"]]
    lat = sorted(r["ms"] for r in ok) or [0.0]
    wall = max(r["t"] + r["ms"] / 1000 for r in records) - min(r["t"] for r in records)
    return {"messages": len(records), "answered": len(ok), "apologies": sum(r["apology"] for r in records),
            "unanswered": len(records) - len(ok), "p50_ms": round(statistics.median(lat), 1),
            "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1), "max_ms": round(lat[-1], 1),
            "msg_per_s": round(len(ok) / wall, 2), "wall_s": round(wall, 1)}


def verify(tracker: str, records: list[dict], msgs: list[str]) -> dict:
    """Each conversation's user messages in the tracker against those sent: lost, extra, order, replies."""
    import sqlalchemy as sa

    from bot.privacy import user_key

    senders = sorted({r["sender"] for r in records})
    result = {"conversations": len(senders), "exact": 0, "lost": 0, "duplicated": 0, "out_of_order": 0,
              "unanswered_in_tracker": 0}
    engine = sa.create_engine(tracker)
    with engine.connect() as connection:
        for sender in senders:
            sent = [msgs[r["i"]] for r in sorted((r for r in records if r["sender"] == sender), key=lambda r: r["i"])]
            rows = connection.execute(sa.text("SELECT type_name, data FROM events WHERE sender_id IN (:a, :b) "
                                              "ORDER BY id"), {"a": sender, "b": user_key("rest", sender)}).all()
            said = [json.loads(d).get("text") for k, d in rows if k == "user"]
            kinds = [k for k, _ in rows]
            starts = [i for i, k in enumerate(kinds) if k == "user"] + [len(kinds)]
            result["unanswered_in_tracker"] += sum("bot" not in kinds[a:b] for a, b in zip(starts, starts[1:]))
            if said == sent:
                result["exact"] += 1
                continue
            matcher = difflib.SequenceMatcher(a=sent, b=said, autojunk=False)
            matched = sum(block.size for block in matcher.get_matching_blocks())
            result["lost"] += len(sent) - matched
            result["duplicated"] += max(0, len(said) - matched)
            if sorted(said) == sorted(sent):
                result["out_of_order"] += 1
    engine.dispose()
    return result


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


# --- phases -------------------------------------------------------------------------------------

def phase_side(bare: Path, results: dict) -> None:
    with bare_servers(bare, 1) as bare_urls, \
            cluster([free_port()], [free_port()], tracker=f"sqlite:///{OUT / 'side-tracker.db'}",
                    store_url=f"sqlite:///{OUT / 'side-store.db'}", log_dir=OUT / "side") as advisor:
        side = {}
        for users, rounds in ((1, 2), (20, 1)):
            side[f"bare_{users}"] = rest_load(bare_urls[0], users, rounds)
            side[f"advisor_{users}"] = rest_load(advisor.url, users, rounds)
            print(f"side {users}: bare {side[f'bare_{users}']} advisor {side[f'advisor_{users}']}", flush=True)
        results["side"] = side


def phase_replicas(bare: Path, users: int, msgs: list[str], results: dict) -> None:
    bound = 3000
    bare_tracker = new_database("bare")
    with bare_servers(bare, 2, tracker=bare_tracker) as urls:
        records = locust(urls, users, msgs, OUT / "locust-bare.jsonl", bound)
    bare_result = {**summarise(records), "tracker": verify(bare_tracker, records, msgs)}
    print("replicas bare:", bare_result, flush=True)
    tracker, store = new_database("advisor"), new_database("advisor_store")
    with cluster([free_port(), free_port()], [free_port(), free_port()], action_front_port=free_port(),
                 tracker=tracker, redis_url=f"redis://127.0.0.1:{REDIS_PORT}/1", store_url=store,
                 log_dir=OUT / "replicas") as advisor:
        records = locust(advisor.rasa_urls, users, msgs, OUT / "locust-advisor.jsonl", bound)
    advisor_result = {**summarise(records), "tracker": verify(tracker, records, msgs)}
    print("replicas advisor:", advisor_result, flush=True)
    results["replicas"] = {"bare": bare_result, "advisor": advisor_result}


def phase_faults(users: int, msgs: list[str], results: dict) -> None:
    tracker, store = new_database("faults"), new_database("faults_store")
    out = OUT / "locust-faults.jsonl"
    faults: list[dict] = []
    total = users * len(msgs)
    with cluster([free_port(), free_port()], [free_port(), free_port()], front_port=free_port(),
                 action_front_port=free_port(), tracker=tracker, redis_url=f"redis://127.0.0.1:{REDIS_PORT}/1",
                 store_url=store, log_dir=OUT / "faults") as advisor:

        def progress() -> int:
            try:
                return sum(1 for _ in out.open())
            except FileNotFoundError:
                return 0

        def answers(url: str) -> bool:
            try:
                with urllib.request.urlopen(url, timeout=3) as r:
                    return r.status == 200
            except OSError:
                return False

        def recovered(what: str) -> bool:
            """The faulted part is back: that server answers its probe, or rasa1 is ready again."""
            if what == "kill rasa2":
                return answers(advisor.children["rasa2"].health_url)
            if what == "kill actions1":
                return answers(advisor.children["actions1"].health_url)
            return answers(advisor.children["rasa1"].health_url)

        def measure(fault: dict) -> None:
            deadline = fault["t"] + READY_S
            time.sleep(1)
            while time.time() < deadline and not recovered(fault["fault"]):
                time.sleep(0.25)
            fault["ready_after_s"] = round(time.time() - fault["t"], 1)
            print("fault:", {k: v for k, v in fault.items() if k != "t"}, flush=True)

        def inject() -> None:
            """Each fault at its share of the load, without waiting for the previous one's recovery."""
            plan = [(0.10, "kill rasa2"), (0.35, "kill actions1"), (0.55, "restart postgresql"), (0.75, "stop redis")]
            for share, what in plan:
                while progress() < share * total:
                    time.sleep(0.2)
                fault = {"fault": what, "t": time.time()}
                faults.append(fault)
                if what == "kill rasa2":
                    advisor.children["rasa2"].kill()
                    advisor.children["rasa2"].start()
                elif what == "kill actions1":
                    advisor.children["actions1"].kill()
                    advisor.children["actions1"].start()
                elif what == "restart postgresql":
                    pg_restart()
                else:
                    redis_stop()
                    time.sleep(10)
                    redis_start()
                threading.Thread(target=measure, args=(fault,), daemon=True).start()

        injector = threading.Thread(target=inject, daemon=True)
        injector.start()
        records = locust([advisor.url], users, msgs, out, 3000)
        injector.join(timeout=READY_S)
    time.sleep(1)
    ends = [f["t"] for f in faults[1:]] + [float("inf")]
    for fault, end in zip(faults, ends):
        # in flight when it struck, or sent before the next fault
        hit = [r for r in records if r["t"] + r["ms"] / 1000 >= fault["t"] and r["t"] < end]
        bad = [r for r in hit if r["status"] != 200 or not r["replies"] or r["apology"]]
        fault.update({"messages_in_window": len(hit), "unanswered": sum(r["status"] != 200 or not r["replies"] for r in hit),
                      "apologies": sum(r["apology"] for r in hit),
                      "recovered_after_s": round(max((r["t"] + r["ms"] / 1000 for r in bad), default=fault["t"])
                                                 - fault["t"], 1)})
    results["faults"] = {"load": summarise(records), "tracker": verify(tracker, records, msgs),
                         "faults": [{k: v for k, v in f.items() if k != "t"} for f in faults],
                         "after_restarting_everything": survives_restart(tracker, store, records)}
    print("faults:", results["faults"], flush=True)


def survives_restart(tracker: str, store: str, records: list[dict]) -> dict:
    """Every process is new (PostgreSQL restarted too): five conversations go on where they were."""
    import sqlalchemy as sa

    from bot.serve import send

    pg_restart()
    senders = sorted({r["sender"] for r in records})[:5]
    engine = sa.create_engine(tracker)

    def user_texts(sender: str) -> list[str]:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' "
                                              "ORDER BY id"), {"s": sender}).all()
        return [json.loads(d).get("text") for (d,) in rows]

    before = {s: user_texts(s) for s in senders}
    with cluster([free_port(), free_port()], [free_port()], tracker=tracker, store_url=store,
                 redis_url=f"redis://127.0.0.1:{REDIS_PORT}/1", log_dir=OUT / "restarted") as advisor:
        replies = {s: send(advisor.rasa_urls[i % 2], s, "謝謝") for i, s in enumerate(senders)}
    after = {s: user_texts(s) for s in senders}
    engine.dispose()
    kept = sum(after[s] == before[s] + ["謝謝"] for s in senders)
    return {"conversations": len(senders), "kept_and_continued": kept, "answered": sum(bool(r) for r in replies.values())}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bare-dir", type=Path, default=ROOT / "var" / "bare-bot")
    parser.add_argument("--phases", default="side,replicas,faults")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--messages", type=int, default=20)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    phases = args.phases.split(",")
    msgs = messages(args.messages)
    results: dict = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "users": args.users,
                     "messages_per_conversation": len(msgs)}
    if {"side", "replicas"} & set(phases):
        ensure_bare(args.bare_dir)
    if {"replicas", "faults"} & set(phases):
        if not shutil.which("pg_ctlcluster") or not shutil.which("redis-server"):
            print("replicas and faults need PostgreSQL (pg_ctlcluster) and redis-server", file=sys.stderr)
            return 2
        pg_start()
        redis_start()
    try:
        if "side" in phases:
            phase_side(args.bare_dir, results)
        if "replicas" in phases:
            phase_replicas(args.bare_dir, args.users, msgs, results)
        if "faults" in phases:
            phase_faults(args.users, msgs, results)
    finally:
        (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    side = results.get("side")
    if side:
        for n in (1, 20):
            b, a = side[f"bare_{n}"], side[f"advisor_{n}"]
            print(f"| {n} conversation(s): p50 / p95 ms | {b['median_ms']} / {b['p95_ms']} | {a['median_ms']} / "
                  f"{a['p95_ms']} | {ratio(a['median_ms'], b['median_ms'])}× / {ratio(a['p95_ms'], b['p95_ms'])}× |")
            print(f"| {n} conversation(s): msgs/s | {b['msg_per_s']} | {a['msg_per_s']} | "
                  f"{ratio(a['msg_per_s'], b['msg_per_s'])}× |")
    rep = results.get("replicas")
    if rep:
        b, a = rep["bare"], rep["advisor"]
        print(f"| locust {args.users}×{len(msgs)}, 2 replicas: p50 / p95 ms | {b['p50_ms']} / {b['p95_ms']} | "
              f"{a['p50_ms']} / {a['p95_ms']} | {ratio(a['p50_ms'], b['p50_ms'])}× / {ratio(a['p95_ms'], b['p95_ms'])}× |")
        print(f"| locust, 2 replicas: msgs/s | {b['msg_per_s']} | {a['msg_per_s']} | {ratio(a['msg_per_s'], b['msg_per_s'])}× |")
    print(f"results: {OUT / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
