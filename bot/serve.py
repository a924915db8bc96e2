"""Runs the advisor: the action server and the Rasa server (REST channel, SQLite tracker store).

Used by `make start` (then a terminal chat in the foreground), by the end-to-end tests and by the
REST benchmark, so all three run the advisor the same way.
"""
from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "advisor.tar.gz"
READY_TIMEOUT_S = 240
POLL_S = 1 / 2


DEFAULT_TRACKER_DB = ROOT / "var" / "tracker.db"


def tracker_url(tracker_db: Path | None = None) -> str:
    """The SQL tracker store's URL (conversations), as `running` configures it."""
    return f"sqlite:///{tracker_db or DEFAULT_TRACKER_DB}"


def keep_purging(tracker_db: Path | None = None, every_s: float = 86400) -> threading.Thread:
    """Applies the retention period now and then daily, in a daemon thread, while the servers run."""
    from bot.store.retention import purge

    def loop() -> None:
        while True:
            try:
                purge(tracker_url=tracker_url(tracker_db))
            except Exception:  # noqa: BLE001 — a failed purge must not stop the chat; tried again tomorrow
                logging.getLogger(__name__).exception("retention purge failed")
            time.sleep(every_s)

    thread = threading.Thread(target=loop, name="retention", daemon=True)
    thread.start()
    return thread


def _endpoints(action_port: int, tracker_db: Path) -> Path:
    text = (f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
            f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{tracker_db}"\n')
    handle = tempfile.NamedTemporaryFile("w", suffix="-endpoints.yml", delete=False)
    handle.write(text)
    handle.close()
    return Path(handle.name)


def _wait(url: str, process: subprocess.Popen, what: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the {what} stopped while starting (exit {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(POLL_S)
    raise TimeoutError(f"the {what} did not answer at {url} within {READY_TIMEOUT_S} s")


def _check_free(port: int) -> None:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers do: TIME_WAIT is not "in use"
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            raise RuntimeError(f"port {port} is already in use (is the advisor already running?)") from None


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def running(rasa_port: int = 5005, action_port: int = 5055, tracker_db: Path | None = None,
            log_dir: Path | None = None, with_actions: bool = True, store_url: str | None = None) -> Iterator[str]:
    """Starts both servers and yields the REST webhook URL; stops both on exit, whatever happens.
    `store_url` (else ADVISOR_DB_URL, else var/advisor.db) is the consultation log both servers write."""
    log_dir = log_dir or ROOT / "var"
    log_dir.mkdir(parents=True, exist_ok=True)
    tracker_db = tracker_db or DEFAULT_TRACKER_DB
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3",
           "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    if store_url:
        env["ADVISOR_DB_URL"] = store_url
    for port in ((rasa_port, action_port) if with_actions else (rasa_port,)):
        _check_free(port)
    endpoints = _endpoints(action_port, tracker_db)
    processes = []
    try:
        if with_actions:
            actions = subprocess.Popen(
                [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(action_port)],
                cwd=ROOT, env=env, stdout=open(log_dir / "actions.log", "w"), stderr=subprocess.STDOUT,
                start_new_session=True)
            processes.append(actions)
        server = subprocess.Popen(
            [str(BIN / "rasa"), "run", "--model", str(MODEL), "--port", str(rasa_port), "--interface", "127.0.0.1",
             "--credentials", str(ROOT / "credentials.yml"), "--endpoints", str(endpoints)],
            cwd=ROOT, env=env, stdout=open(log_dir / "rasa.log", "w"), stderr=subprocess.STDOUT,
            start_new_session=True)
        processes.append(server)
        deadline = time.monotonic() + READY_TIMEOUT_S
        if with_actions:
            _wait(f"http://127.0.0.1:{action_port}/health", actions, "action server", deadline)
        _wait(f"http://127.0.0.1:{rasa_port}/webhooks/rest/", server, "Rasa server", deadline)
        yield f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
    finally:
        for process in reversed(processes):
            _stop(process)
        endpoints.unlink(missing_ok=True)


def send(url: str, sender: str, message: str, timeout: float = 60) -> list[dict]:
    """One user message to the REST channel; the bot's replies."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())
