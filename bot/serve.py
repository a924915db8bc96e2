"""Runs the advisor: action servers, Rasa servers and, for replicas, round-robin fronts.

    python -m bot.serve [--port 5005] [--action-port 5055] [--rasa N] [--actions M] [--chat]

(`advisor serve` runs the same.) Without `--chat` it runs unattended: it never reads standard
input, logs JSON lines on standard output (its own and each child's, tagged with `proc`), restarts
a child that dies, and on SIGTERM or SIGINT stops every child (SIGTERM to its process group, then
SIGKILL after a grace period) and exits 0. With `--chat` (`make start`) the children log to
var/rasa*.log and var/actions*.log and a terminal chat runs in the foreground.

Probes: `GET /webhooks/health/live` and `GET /webhooks/health/ready` on the Rasa port (bot/health.py);
`GET /health` on the action port.

Configuration (environment; `endpoints.yml` reads the ADVISOR_* values this module fills in):
ADVISOR_TRACKER_URL (default SQLite var/tracker.db), ADVISOR_LOCK_STORE (in_memory, or bot.lock_store.ResilientRedisLockStore),
ADVISOR_REDIS_HOST/PORT/DB/PASSWORD, ADVISOR_ACTION_TOKEN (default: random per run),
ADVISOR_ACTION_URL (set here to the action server or its front). Several Rasa servers need a
shared tracker store (not SQLite) and the Redis lock store: they are refused otherwise.

Used by `make start`, the end-to-end tests and the benchmarks, so all run the advisor the same way.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

from bot import logjson
from bot.settings import MODELS, ROOT, VAR

BIN = Path(sys.executable).parent
MODEL = MODELS / "advisor.tar.gz"
READY_TIMEOUT_S = 240
POLL_S = 1 / 2
STOP_GRACE_S = 20
MAX_RESTARTS = 5
READY_PATH = "/webhooks/health/ready"
LIVE_PATH = "/webhooks/health/live"
REST_PATH = "/webhooks/rest/webhook"

DEFAULT_TRACKER_DB = VAR / "tracker.db"
RESILIENT_REDIS = "bot.lock_store.ResilientRedisLockStore"  # Rasa's Redis lock store, riding out an outage
ENDPOINT_DEFAULTS = {
    "ADVISOR_LOCK_STORE": "in_memory",
    "ADVISOR_REDIS_HOST": "127.0.0.1",
    "ADVISOR_REDIS_PORT": "6379",
    "ADVISOR_REDIS_DB": "1",
    "ADVISOR_REDIS_PASSWORD": "",
}
# A conversation's lock held by a Rasa server that died is given up after this many seconds
# (Rasa's default, 60, outlasts Sanic's 60 s response timeout: the next message would time out).
LOCK_LIFETIME_S = "20"
CHILD_ENV = {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3",
             "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONWARNINGS": "ignore", "PYTHONUNBUFFERED": "1"}
logger = logging.getLogger("bot.serve")


def tracker_url(tracker_db: Path | None = None) -> str:
    """The SQL tracker store's URL (conversations): ADVISOR_TRACKER_URL, else SQLite in var/."""
    if tracker_db is None and os.environ.get("ADVISOR_TRACKER_URL"):
        return os.environ["ADVISOR_TRACKER_URL"]
    return f"sqlite:///{tracker_db or DEFAULT_TRACKER_DB}"


def redis_settings(url: str) -> dict[str, str]:
    """ADVISOR_REDIS_* values from a redis://[:password@]host:port/db URL."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return {"ADVISOR_LOCK_STORE": RESILIENT_REDIS, "ADVISOR_REDIS_HOST": parts.hostname or "127.0.0.1",
            "ADVISOR_REDIS_PORT": str(parts.port or 6379),
            "ADVISOR_REDIS_DB": parts.path.strip("/") or ENDPOINT_DEFAULTS["ADVISOR_REDIS_DB"],
            "ADVISOR_REDIS_PASSWORD": parts.password or ""}


def keep_purging(tracker_db: Path | None = None, every_s: float = 86400) -> threading.Thread:
    """Applies the retention period now and then daily, in a daemon thread, while the servers run."""
    from bot.store.retention import purge

    def loop() -> None:
        while True:
            try:
                purge(tracker_url=tracker_url(tracker_db))
            except Exception:  # noqa: BLE001 — a failed purge must not stop the chat; tried again tomorrow
                logger.exception("retention purge failed")
            time.sleep(every_s)

    thread = threading.Thread(target=loop, name="retention", daemon=True)
    thread.start()
    return thread


def _check_free(port: int) -> None:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers do: TIME_WAIT is not "in use"
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            raise RuntimeError(f"port {port} is already in use (is the advisor already running?)") from None


def _wait(url: str, child: "Child", deadline: float) -> None:
    while time.monotonic() < deadline:
        if child.process is None or child.process.poll() is not None:
            code = child.process.returncode if child.process else None
            raise RuntimeError(f"{child.name} stopped while starting (exit {code})")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(POLL_S)
    raise TimeoutError(f"{child.name} did not answer at {url} within {READY_TIMEOUT_S} s")


@dataclass
class Child:
    """One server process: how to start it, where it answers, and its log."""
    name: str
    argv: list[str]
    env: dict[str, str]
    health_url: str
    sink: IO[str] | None = None  # where its JSON log lines go (None: standard output)
    cwd: Path = ROOT
    process: subprocess.Popen | None = None
    restarts: int = 0
    _relay: threading.Thread | None = field(default=None, repr=False)

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        self._relay = threading.Thread(target=logjson.relay, args=(self.name, self.process.stdout, self.sink),
                                       name=f"log-{self.name}", daemon=True)
        self._relay.start()
        logger.info("started %s (pid %d)", self.name, self.process.pid)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, sig: int = signal.SIGTERM) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass
        logger.info("stopped %s (exit %s)", self.name, process.returncode)

    def kill(self) -> None:
        """For fault tests: SIGKILL the whole process group, no grace."""
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@dataclass
class Cluster:
    """The running advisor: URLs of the public endpoint, each Rasa server and each action server."""
    url: str  # the REST webhook clients use (a front when there are several Rasa servers)
    rasa_urls: list[str]
    action_urls: list[str]
    children: dict[str, Child]
    env: dict[str, str]

    def wait_ready(self, names: list[str] | None = None, timeout: float = READY_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        for name in names or list(self.children):
            _wait(self.children[name].health_url, self.children[name], deadline)

    def restart(self, name: str) -> None:
        child = self.children[name]
        child.stop()
        child.start()

    def watch(self, stop: threading.Event, every_s: float = 1.0) -> None:
        """Restarts a child that died (at most MAX_RESTARTS times each) until `stop` is set."""
        while not stop.wait(every_s):
            for child in self.children.values():
                if not child.alive() and not stop.is_set():
                    if child.restarts >= MAX_RESTARTS:
                        logger.error("%s died again after %d restarts; stopping", child.name, child.restarts)
                        stop.set()
                        return
                    child.restarts += 1
                    logger.error("%s died (exit %s); restarting (%d)", child.name,
                                 child.process.returncode if child.process else None, child.restarts)
                    child.start()


def _base_env(extra: dict[str, str]) -> dict[str, str]:
    env = {"TICKET_LOCK_LIFETIME": LOCK_LIFETIME_S, **os.environ, **CHILD_ENV, **extra}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return env


@contextmanager
def cluster(rasa_ports: list[int], action_ports: list[int], *, front_port: int | None = None,
            action_front_port: int | None = None, tracker: str | None = None, redis_url: str | None = None,
            store_url: str | None = None, log_dir: Path | None = None, token: str | None = None,
            with_actions: bool = True, wait: bool = True) -> Iterator[Cluster]:
    """Starts len(action_ports) action servers and len(rasa_ports) Rasa servers on loopback.

    Several action servers get a front on `action_front_port`; several Rasa servers one on
    `front_port` if given. `tracker` is the tracker store's URL (default ADVISOR_TRACKER_URL or
    SQLite in var/), `redis_url` the lock store's (else ADVISOR_LOCK_STORE/ADVISOR_REDIS_*), `store_url`
    the consultation log's (else ADVISOR_DB_URL). With `log_dir` each child logs to <name>.log
    there, else to standard output. Stops everything on exit, whatever happens.
    """
    tracker = tracker or tracker_url()
    token = token or os.environ.get("ADVISOR_ACTION_TOKEN") or secrets.token_urlsafe(32)
    locks = redis_settings(redis_url) if redis_url else {k: os.environ.get(k, v) for k, v in ENDPOINT_DEFAULTS.items()}
    if len(rasa_ports) > 1 and (locks["ADVISOR_LOCK_STORE"] == "in_memory" or tracker.startswith("sqlite")):
        raise RuntimeError("several Rasa servers need a shared tracker store (ADVISOR_TRACKER_URL=postgresql://…) "
                           f"and the Redis lock store (ADVISOR_LOCK_STORE={RESILIENT_REDIS})")
    if len(action_ports) > 1 and action_front_port is None:
        raise RuntimeError("several action servers need action_front_port")
    action_url = f"http://127.0.0.1:{action_front_port or action_ports[0]}/webhook"
    endpoint_env = {"ADVISOR_TRACKER_URL": tracker, "ADVISOR_ACTION_URL": action_url,
                    "ADVISOR_ACTION_TOKEN": token, **locks}
    if store_url:
        endpoint_env["ADVISOR_DB_URL"] = store_url
    env = _base_env(endpoint_env)
    ports = list(rasa_ports) + (list(action_ports) if with_actions else [])
    ports += [p for p in (front_port, action_front_port if with_actions and len(action_ports) > 1 else None) if p]
    for port in ports:
        _check_free(port)
    if log_dir:
        log_dir.mkdir(parents=True, exist_ok=True)
    files: list[IO[str]] = []

    def sink(name: str) -> IO[str] | None:
        if not log_dir:
            return None
        handle = open(log_dir / f"{name}.log", "w", encoding="utf-8")
        files.append(handle)
        return handle

    py = str(BIN / "python")
    children: dict[str, Child] = {}
    if with_actions:
        for i, port in enumerate(action_ports):
            name = "actions" if len(action_ports) == 1 else f"actions{i + 1}"
            children[name] = Child(name, [py, "-m", "bot.action_server", "--host", "127.0.0.1", "--port", str(port)],
                                   env, f"http://127.0.0.1:{port}/health", sink(name))
        if len(action_ports) > 1:
            children["actions-front"] = Child(
                "actions-front", [py, "-m", "bot.front", "--port", str(action_front_port)]
                + [a for p in action_ports for a in ("--upstream", f"http://127.0.0.1:{p}")],
                env, f"http://127.0.0.1:{action_front_port}/health", sink("actions-front"))
    rasa_urls = []
    for i, port in enumerate(rasa_ports):
        name = "rasa" if len(rasa_ports) == 1 else f"rasa{i + 1}"
        readiness = READY_PATH if with_actions else LIVE_PATH
        children[name] = Child(name, [py, "-m", "bot.rasa_server", "run", "--model", str(MODEL), "--port", str(port),
                                      "--interface", "127.0.0.1", "--credentials", str(ROOT / "credentials.yml"),
                                      "--endpoints", str(ROOT / "endpoints.yml")],
                               env, f"http://127.0.0.1:{port}{readiness}", sink(name))
        rasa_urls.append(f"http://127.0.0.1:{port}{REST_PATH}")
    url = rasa_urls[0]
    if front_port:
        children["front"] = Child("front", [py, "-m", "bot.front", "--port", str(front_port)]
                                  + [a for p in rasa_ports for a in ("--upstream", f"http://127.0.0.1:{p}")],
                                  env, f"http://127.0.0.1:{front_port}{LIVE_PATH}", sink("front"))
        url = f"http://127.0.0.1:{front_port}{REST_PATH}"
    running_cluster = Cluster(url, rasa_urls, [f"http://127.0.0.1:{p}/webhook" for p in action_ports] if with_actions else [],
                              children, env)
    try:
        for child in children.values():
            child.start()
        if wait:
            running_cluster.wait_ready()
        yield running_cluster
    finally:
        for child in reversed(list(children.values())):
            child.stop()
        for handle in files:
            handle.close()


@contextmanager
def running(rasa_port: int = 5005, action_port: int = 5055, tracker_db: Path | None = None,
            log_dir: Path | None = None, with_actions: bool = True, store_url: str | None = None) -> Iterator[str]:
    """One action server and one Rasa server; yields the REST webhook URL (as before replicas)."""
    with cluster([rasa_port], [action_port], tracker=tracker_url(tracker_db), store_url=store_url,
                 log_dir=log_dir or VAR, with_actions=with_actions) as c:
        yield c.url


def send(url: str, sender: str, message: str, timeout: float = 60) -> list[dict]:
    """One user message to the REST channel; the bot's replies."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


# --- the command --------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=5005, help="the REST port (a front when --rasa > 1)")
    parser.add_argument("--action-port", type=int, default=5055, help="the action port (a front when --actions > 1)")
    parser.add_argument("--rasa", type=int, default=1, metavar="N", help="Rasa servers (N > 1 needs PostgreSQL and Redis)")
    parser.add_argument("--actions", type=int, default=1, metavar="M", help="action servers")
    parser.add_argument("--chat", action="store_true", help="chat in the terminal (reads standard input)")
    parser.add_argument("--no-chat", action="store_true", help="unattended (the default; kept for old scripts)")


def _ports(first: int, count: int) -> tuple[int | None, list[int]]:
    """(front port, replica ports): one replica takes the port itself, several the ports after it."""
    if count <= 1:
        return None, [first]
    return first, [first + 1 + i for i in range(count)]


def cmd_serve(args: argparse.Namespace) -> int:
    """`advisor serve`: unattended by default (JSON logs, SIGTERM stops all), or with --chat a terminal chat."""
    chat_mode = bool(args.chat) and not args.no_chat
    if not chat_mode:
        logjson.setup()
    front, rasa_ports = _ports(args.port, args.rasa)
    action_front, action_ports = _ports(args.action_port, args.actions)
    stop = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        logger.info("signal %s: stopping", signal.Signals(signum).name)
        stop.set()

    if not chat_mode:
        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
    else:
        print("starting the action server and the Rasa server (about half a minute) …", flush=True)
    try:
        with cluster(rasa_ports, action_ports, front_port=front, action_front_port=action_front,
                     log_dir=VAR if chat_mode else None) as c:
            keep_purging()
            if chat_mode:
                from bot.terminal_chat import chat

                print(f"ready. REST: POST {c.url} with {{\"sender\": \"me\", \"message\": \"你好\"}}")
                print("chat below; type a button's number to press it; Ctrl-C or Ctrl-D to stop.\n", flush=True)
                chat(c.url)
            else:
                logger.info("ready: REST %s; probes %s and %s on each Rasa server", c.url, LIVE_PATH, READY_PATH)
                watcher = threading.Thread(target=c.watch, args=(stop,), name="watch", daemon=True)
                watcher.start()
                stop.wait()
    except (RuntimeError, TimeoutError) as exc:  # a port in use, a missing model …: say where to look
        where = "var/rasa.log and var/actions.log" if chat_mode else "the log lines above"
        logger.error("could not start: %s", exc) if not chat_mode else None
        print(f"could not start: {exc}; see {where}", file=sys.stderr)
        return 1
    if chat_mode:
        print("stopped.")
    else:
        logger.info("stopped")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.serve", description="run the advisor's servers")
    add_arguments(parser)
    return cmd_serve(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
