"""Locust: each simulated user holds one conversation of LOAD_MESSAGES over the REST channel.

Run by bench/scale/run.py (headless, bounded): LOAD_USERS users at once, each sending its messages
one after the other (waiting for each reply, as a person does), message i to LOAD_TARGETS[i % n]
(alternating replicas, the harder case for order) and then stopping; the last one to finish stops
the run. Every message's outcome goes to LOAD_OUT as a JSON line: sender, index, start time,
latency, status, number of replies, whether the reply was the apology. Loopback targets only.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from urllib.parse import urlsplit

from locust import HttpUser, task
from locust.exception import StopUser

TARGETS = os.environ["LOAD_TARGETS"].split(",")
MESSAGES = json.loads(os.environ["LOAD_MESSAGES"])
USERS = int(os.environ["LOAD_USERS"])
APOLOGY_MARK = os.environ.get("LOAD_APOLOGY_MARK", "1955")
TIMEOUT_S = float(os.environ.get("LOAD_TIMEOUT_S", "180"))
assert all(urlsplit(t).hostname in ("127.0.0.1", "localhost") for t in TARGETS), "loopback only"
_out = open(os.environ["LOAD_OUT"], "a", encoding="utf-8")
_finished = 0


class Conversation(HttpUser):
    host = TARGETS[0]

    def wait_time(self) -> float:
        return 0.0

    @task
    def converse(self) -> None:
        global _finished
        sender = "load-" + uuid.uuid4().hex
        for index, message in enumerate(MESSAGES):
            url = TARGETS[index % len(TARGETS)]
            start = time.time()
            status, replies, apology = 0, 0, False
            try:
                with self.client.post(url, json={"sender": sender, "message": message}, name="message",
                                      timeout=TIMEOUT_S, catch_response=True) as reply:
                    status = reply.status_code
                    if status == 200:
                        body = reply.json()
                        replies = len(body)
                        apology = replies == 1 and APOLOGY_MARK in (body[0].get("text") or "") \
                            and "系統暫時無法回應" in (body[0].get("text") or "")
                        reply.success() if replies else reply.failure("no reply")
                    else:
                        reply.failure(f"status {status}")
            except Exception as exc:  # noqa: BLE001 — a refused or reset connection is an outcome to count
                status = -1
                _ = exc
            _out.write(json.dumps({"sender": sender, "i": index, "t": start, "ms": (time.time() - start) * 1000,
                                   "status": status, "replies": replies, "apology": apology,
                                   "target": index % len(TARGETS)}) + "\n")
            _out.flush()
        _finished += 1
        if _finished >= USERS:
            self.environment.runner.quit()
        raise StopUser()
