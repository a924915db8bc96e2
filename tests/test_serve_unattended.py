"""`advisor serve` without a terminal (run as `python -m bot.serve`, the code `advisor serve` runs):
no standard input, JSON-line logs without message bodies or the action token, probe routes, the
action server refusing calls without the shared secret, a dead child restarted, SIGTERM stopping all."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from bot.serve import MODEL, send
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "unattended-" + uuid.uuid4().hex
SECRET_WORDS = "我們做金屬加工，員工137人"  # a message body that must not reach the logs

pytestmark = pytest.mark.skipif(not MODEL.exists(), reason="no trained model in models/ (make trains it)")




def status_of(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, json.loads(reply.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def wait_for(check, timeout: float, every: float = 1.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(every)
    return False


def port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    rasa_port, action_port = free_port(), free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ADVISOR_ACTION_TOKEN": TOKEN,
           "ADVISOR_TRACKER_URL": f"sqlite:///{tmp / 'tracker.db'}", "ADVISOR_DB_URL": f"sqlite:///{tmp / 'store.db'}"}
    process = subprocess.Popen([sys.executable, "-m", "bot.serve", "--port", str(rasa_port),
                                "--action-port", str(action_port)], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: [lines.append(raw.decode()) for raw in iter(process.stdout.readline, b"")],
                              daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{rasa_port}"
    # ready when the supervisor says so: Rasa's route can answer 200 before the supervisor's own start-up wait
    # ends and it starts watching its children (a child killed in between was never restarted)
    ready = wait_for(lambda: process.poll() is not None or any(
        json.loads(line).get("msg", "").startswith("ready:") for line in list(lines) if line.startswith("{")),
        timeout=300) and process.poll() is None and status_of(base + "/webhooks/health/ready")[0] == 200
    if not ready:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("advisor serve did not become ready: " + "".join(lines[-30:]))
    state = {"process": process, "lines": lines, "base": base, "rasa_port": rasa_port, "action_port": action_port,
             "reader": reader}
    yield state
    if process.poll() is None:  # a test failed before the SIGTERM test: stop it as a service manager would,
        os.kill(process.pid, signal.SIGTERM)  # so that its children (each in its own session) go too
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_it_runs_without_standard_input_and_answers(served):
    assert served["process"].poll() is None  # stdin is /dev/null: the old --no-chat stopped at once
    replies = send(served["base"] + "/webhooks/rest/webhook", uuid.uuid4().hex, SECRET_WORDS)
    assert replies and replies[0].get("text")


def test_liveness_and_readiness_routes(served):
    status, body = status_of(served["base"] + "/webhooks/health/live")
    assert status == 200 and body["live"] is True
    status, body = status_of(served["base"] + "/webhooks/health/ready")
    assert status == 200 and body["checks"] == {"model": "ok", "tracker_store": "ok", "lock_store": "ok",
                                                "action_server": "ok"}


def test_the_running_action_server_refuses_calls_without_the_secret(served):
    actions = f"http://127.0.0.1:{served['action_port']}"
    call = json.dumps({"next_action": "action_give_verdict", "sender_id": "forged", "tracker": {}}).encode()
    assert status_of(actions + "/webhook", "POST", call)[0] == 401
    assert status_of(actions + "/actions")[0] == 401
    assert status_of(actions + "/actions", headers={"X-Advisor-Action-Token": TOKEN})[0] == 200


def test_a_dead_action_server_makes_rasa_not_ready_and_is_restarted(served):
    pid = next(int(m.group(1)) for line in served["lines"]
               if (m := re.search(r"started actions \(pid (\d+)\)", json.loads(line).get("msg", ""))))
    os.killpg(pid, signal.SIGKILL)
    not_ready = []
    assert wait_for(lambda: not_ready.append(status_of(served["base"] + "/webhooks/health/ready"))
                    or not_ready[-1][0] == 503, timeout=30, every=0.2)
    assert not_ready[-1][1]["checks"]["action_server"] != "ok" and not_ready[-1][1]["checks"]["model"] == "ok"
    assert wait_for(lambda: status_of(served["base"] + "/webhooks/health/ready")[0] == 200, timeout=240), \
        "not ready again; the last log lines:\n" + "".join(line[:300] for line in served["lines"][-40:])
    assert any("actions died" in json.loads(line).get("msg", "") for line in served["lines"])


def test_sigterm_stops_every_process_and_the_logs_are_json_without_bodies_or_the_token(served):
    process = served["process"]
    pids = [int(m.group(1)) for line in served["lines"]
            if (m := re.search(r"started \w+ \(pid (\d+)\)", json.loads(line).get("msg", "")))]
    os.kill(process.pid, signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    served["reader"].join(timeout=10)
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
    assert port_free(served["rasa_port"]) and port_free(served["action_port"])
    records = [json.loads(line) for line in served["lines"] if line.strip()]  # every line is JSON
    assert {r.get("proc") for r in records} >= {"rasa", "actions"}
    assert any(r.get("msg") == "stopped" for r in records)
    everything = "".join(served["lines"])
    assert SECRET_WORDS not in everything and TOKEN not in everything
