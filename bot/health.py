"""Liveness and readiness routes on the Rasa server, for a service manager or Kubernetes probes.

Wired as a channel in `credentials.yml`, so they live on Rasa's own port:
- `GET /webhooks/health/live`: 200 while the server's event loop answers (restart it otherwise).
- `GET /webhooks/health/ready`: 200 when the model is loaded and the tracker store, the lock store
  and the action server are reachable; else 503 with the failing parts named (take the replica out
  of rotation, do not restart it). A part that answers slowly (over CHECK_TIMEOUT_S, as under heavy
  load) is reported "slow" and does not make the replica unready: only errors do. The body never
  holds URLs or secrets.
"""
from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

logger = logging.getLogger(__name__)
CHECK_TIMEOUT_S = 2.0


def _inner(store: Any) -> Any:
    """The real store behind Rasa's FailSafeTrackerStore wrapper."""
    return getattr(store, "_tracker_store", store)


def _ping_tracker_store(store: Any) -> None:
    engine = getattr(_inner(store), "engine", None)
    if engine is None:
        return  # an in-memory store is always there
    import sqlalchemy as sa

    with engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))


def _ping_lock_store(lock_store: Any) -> None:
    client = getattr(lock_store, "red", None)
    if client is not None:
        client.ping()


async def _ping_actions(endpoint: Any) -> None:
    if endpoint is None or not getattr(endpoint, "url", None):
        return
    import aiohttp

    health = endpoint.url.rsplit("/", 1)[0] + "/health"
    timeout = aiohttp.ClientTimeout(total=CHECK_TIMEOUT_S * 2)  # the outer wait_for decides
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.get(health) as reply:
            if reply.status != 200:
                raise RuntimeError(f"status {reply.status}")


async def readiness(agent: Any) -> dict[str, str]:
    """Each part's state: "ok" or the kind of failure (never its address)."""
    if agent is None or not agent.is_ready():
        return {"model": "not loaded"}
    checks: dict[str, str] = {"model": "ok"}

    async def run(name: str, work: Awaitable[None]) -> None:
        try:
            await asyncio.wait_for(work, CHECK_TIMEOUT_S)
            checks[name] = "ok"
        except asyncio.TimeoutError:
            checks[name] = "slow"
        except Exception as exc:  # noqa: BLE001 — any failure makes the replica not ready
            checks[name] = type(exc).__name__

    await asyncio.gather(
        run("tracker_store", asyncio.to_thread(_ping_tracker_store, agent.tracker_store)),
        run("lock_store", asyncio.to_thread(_ping_lock_store, agent.lock_store)),
        run("action_server", _ping_actions(agent.action_endpoint)),
    )
    return checks


class HealthInput(InputChannel):
    """Not a chat channel: only the two probe routes."""

    @classmethod
    def name(cls) -> Text:
        return "health"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("health", __name__)

        @bp.route("/live", methods=["GET"])
        async def live(_: Request):
            return response.json({"live": True, "pid": os.getpid()})

        @bp.route("/ready", methods=["GET"])
        async def ready(request: Request):
            checks = await readiness(getattr(request.app.ctx, "agent", None))
            ok = all(state in ("ok", "slow") for state in checks.values())
            if not ok:
                logger.warning("not ready: %s", checks)
            return response.json({"ready": ok, "checks": checks}, status=200 if ok else 503)

        return bp
