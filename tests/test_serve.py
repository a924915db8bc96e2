"""The server's parts that need no model: the guarded action server, the round-robin front, JSON logs."""
from __future__ import annotations

import asyncio
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot import logjson
from bot.front import Front
from bot.serve import Child, _ports, redis_settings
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "test-token-" + "x" * 20




def request(url: str, method: str = "GET", body: dict | None = None, headers: dict | None = None) -> tuple[int, str]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def listening_addresses(port: int) -> set[str]:
    """Local IPv4 addresses listening on the port, from /proc/net/tcp (state 0A = LISTEN)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


@pytest.fixture(scope="module")
def action_server():
    port = free_port()
    env = {**os.environ, "ADVISOR_ACTION_TOKEN": TOKEN, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("ADVISOR_ACTION_HOST", None)
    process = subprocess.Popen([sys.executable, "-m", "bot.action_server", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(base + "/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail(f"the action server did not start: {process.stdout.read().decode()[-2000:]}")
    yield base, port
    os.killpg(process.pid, 15)
    process.wait(timeout=30)


VERDICT_CALL = {"next_action": "action_give_verdict", "sender_id": "forged", "version": "3.6.2",
                "tracker": {"sender_id": "forged", "slots": {}, "latest_message": {}, "events": [],
                            "latest_input_channel": "line", "active_loop": {}, "paused": False,
                            "followup_action": None, "latest_event_time": None, "latest_action_name": None},
                "domain": {}}


def test_the_action_server_refuses_a_webhook_call_without_the_secret(action_server):
    base, _ = action_server
    status, body = request(base + "/webhook", "POST", VERDICT_CALL)
    assert status == 401 and "unauthorised" in body
    status, _ = request(base + "/webhook", "POST", VERDICT_CALL, {"X-Advisor-Action-Token": TOKEN[:-1] + "y"})
    assert status == 401


def test_the_action_list_is_not_open(action_server):
    base, _ = action_server
    assert request(base + "/actions")[0] == 401
    status, body = request(base + "/actions", headers={"X-Advisor-Action-Token": TOKEN})
    assert status == 200 and {"name": "action_give_verdict"} in json.loads(body)


def test_with_the_secret_an_action_runs_and_health_stays_open(action_server):
    base, _ = action_server
    assert request(base + "/health")[0] == 200
    status, body = request(base + "/webhook", "POST", {**VERDICT_CALL, "next_action": "action_no_such_action"},
                           {"X-Advisor-Action-Token": TOKEN})
    assert status == 404 and "action_no_such_action" in body  # past the guard, to the executor


def test_the_action_server_listens_on_loopback_only_by_default(action_server):
    _, port = action_server
    assert listening_addresses(port) == {"127.0.0.1"}


def test_the_action_server_will_not_listen_on_all_interfaces_without_a_secret():
    env = {k: v for k, v in os.environ.items() if k != "ADVISOR_ACTION_TOKEN"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-m", "bot.action_server", "--host", "0.0.0.0", "--port", str(free_port())],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "ADVISOR_ACTION_TOKEN" in done.stderr


# --- the front ----------------------------------------------------------------------------------

async def _upstream(name: str, port: int) -> web.AppRunner:
    async def handle(request: web.Request) -> web.Response:
        return web.json_response({"replica": name, "token": request.headers.get("X-Advisor-Action-Token"),
                                  "body": (await request.read()).decode()})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


def test_the_front_alternates_replicas_skips_a_dead_one_and_passes_headers():
    async def scenario() -> None:
        ports = [free_port(), free_port(), free_port()]  # the third has nothing listening
        runners = [await _upstream("a", ports[0]), await _upstream("b", ports[1])]
        front = Front([f"http://127.0.0.1:{p}" for p in ports])
        front_port = free_port()
        front_runner = web.AppRunner(front.app())
        await front_runner.setup()
        await web.TCPSite(front_runner, "127.0.0.1", front_port).start()
        try:
            async with aiohttp.ClientSession() as session:
                seen = []
                for i in range(6):
                    async with session.post(f"http://127.0.0.1:{front_port}/webhook?x=1", data=f"m{i}",
                                            headers={"X-Advisor-Action-Token": "t"}) as reply:
                        assert reply.status == 200
                        got = await reply.json()
                        assert got["token"] == "t" and got["body"] == f"m{i}"
                        seen.append(got["replica"])
                assert set(seen) == {"a", "b"} and seen[:2] == ["a", "b"]  # in turn; the dead one skipped
                async with session.post(f"http://127.0.0.1:{front_port}/webhook",
                                        data=b"x" * ((1 << 20) + 1)) as reply:
                    assert reply.status == 413
                for runner in runners:
                    await runner.cleanup()
                async with session.get(f"http://127.0.0.1:{front_port}/health") as reply:
                    assert reply.status == 503  # every replica refuses: said, not hung
        finally:
            await front_runner.cleanup()

    asyncio.run(scenario())


# --- logs and settings ----------------------------------------------------------------------------

def test_child_lines_become_json_with_the_process_named():
    text_line = json.loads(logjson.relay_line("rasa1", "2026-11-25 01:00:00 WARNING  rasa.core - slow\n"))
    assert text_line["proc"] == "rasa1" and text_line["level"] == "WARNING" and text_line["msg"].endswith("slow")
    structured = json.loads(logjson.relay_line("rasa1", '{"event": "endpoint.read", "level": "info"}'))
    assert structured["event"] == "endpoint.read" and structured["level"] == "INFO" and structured["proc"] == "rasa1"
    sink = io.StringIO()
    logjson.relay("actions", io.BytesIO(b"one\n\nERROR two\n"), sink)
    lines = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert [(line["msg"], line["level"]) for line in lines] == [("one", "INFO"), ("ERROR two", "ERROR")]


def test_a_child_that_dies_is_seen_and_restarted(tmp_path):
    child = Child("sleeper", [sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ), "http://x",
                  open(tmp_path / "log", "w"))
    child.start()
    first = child.process.pid
    child.kill()
    assert not child.alive()
    child.start()
    assert child.alive() and child.process.pid != first
    child.stop()
    assert not child.alive()


def test_replica_ports_and_redis_settings():
    assert _ports(5005, 1) == (None, [5005])
    assert _ports(5005, 2) == (5005, [5006, 5007])
    assert redis_settings("redis://:pw@10.0.0.2:6380/3") == {
        "ADVISOR_LOCK_STORE": "bot.lock_store.ResilientRedisLockStore", "ADVISOR_REDIS_HOST": "10.0.0.2",
        "ADVISOR_REDIS_PORT": "6380",
        "ADVISOR_REDIS_DB": "3", "ADVISOR_REDIS_PASSWORD": "pw"}


# --- the Rasa server's tuning ---------------------------------------------------------------------

def test_the_cached_action_response_check_accepts_and_refuses_as_rasas_own():
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    from bot import rasa_server

    original, call_format = RemoteAction._validate_action_result, RemoteAction._action_call_format
    good = {"events": [{"event": "slot", "name": "language", "value": "zh-TW"}], "responses": [{"text": "你好"}]}
    bad = {"events": [{"event": "slot", "name": 5}], "responses": "not a list"}
    with pytest.raises(jsonschema.ValidationError) as before:
        original(RemoteAction("x", None), json.loads(json.dumps(bad)))
    rasa_server.apply()
    try:
        assert RemoteAction._validate_action_result is not original
        assert RemoteAction("x", None)._validate_action_result(good) is True
        with pytest.raises(jsonschema.ValidationError) as after:
            RemoteAction("x", None)._validate_action_result(json.loads(json.dumps(bad)))
        assert after.value.message == before.value.message and "custom-actions" in after.value.message
    finally:
        RemoteAction._validate_action_result, RemoteAction._action_call_format = original, call_format


def test_the_action_call_carries_what_the_actions_read_and_gives_them_the_same_state():
    """The lean call: slots, latest message and the slot events after the last restart, no domain; the
    interview's state read from it is the one read from the whole tracker."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
    from rasa.utils.endpoints import EndpointConfig
    from rasa_sdk import Tracker

    from actions.form import state_of
    from bot import rasa_server

    domain = Domain.load(str(ROOT / "domain.yml"))
    parse = {"intent": {"name": "inform", "confidence": 0.9}, "entities": [], "text": "員工120人"}
    tracker = DialogueStateTracker.from_events("s1", [
        UserUttered("核配30", parse_data={**parse, "text": "核配30"}), SlotSet("company_migrant_allocation", 40),
        Restarted(),
        UserUttered("員工120人", parse_data=parse), SlotSet("company_employees", 120), SlotSet("company_migrant_allocation", 30),
        BotUttered("記下了", {"buttons": []}), ActionExecuted("action_listen"), SlotSet("company_employees", 110),
        SlotSet("requested_slot", "company_migrant_workers")], slots=domain.slots)
    call_format = RemoteAction._action_call_format
    rasa_server.apply()
    try:
        endpoint = EndpointConfig("http://127.0.0.1:5055/webhook", enable_selective_domain=True)
        call = RemoteAction("validate_advisor_form", endpoint)._action_call_format(tracker, domain)
    finally:
        RemoteAction._action_call_format = call_format
    assert "domain" not in call and call["next_action"] == "validate_advisor_form"
    assert [(e["name"], e["value"]) for e in call["tracker"]["events"]] == [
        ("company_employees", 120), ("company_migrant_allocation", 30), ("company_employees", 110),
        ("requested_slot", "company_migrant_workers")]
    assert call["tracker"]["latest_message"]["text"] == "員工120人"
    whole = tracker.current_state(EventVerbosity.ALL)
    lean, full = state_of(Tracker.from_dict(call["tracker"])), state_of(Tracker.from_dict(whole))
    assert lean.recent == ["company.migrant_allocation", "company.employees"] and lean == full
