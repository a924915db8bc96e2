"""The lock store rides out a short Redis outage: Rasa's fails the message at once, ours waits for Redis."""
from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import threading
import time

import pytest

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs Debian's redis-server (.ci/run installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test's own on loopback, to stop and start at will."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                                         "--appendonly", "no"], stdout=subprocess.DEVNULL)
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server():
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


async def one_message(store) -> str:
    async with store.lock("conversation-1"):
        return "processed"


def test_rasas_redis_lock_store_fails_while_redis_is_down(redis_server):
    from rasa.core.lock_store import LockError, RedisLockStore

    store = RedisLockStore(host="127.0.0.1", port=redis_server.port, db=1)
    assert asyncio.run(one_message(store)) == "processed"
    redis_server.stop()
    with pytest.raises(LockError):
        asyncio.run(one_message(store))


def test_ours_waits_for_redis_to_come_back_and_processes_the_message(redis_server):
    from rasa.utils.endpoints import EndpointConfig

    from bot.lock_store import ResilientRedisLockStore

    # built as Rasa builds it from endpoints.yml (strings from ${VAR} substitution)
    store = ResilientRedisLockStore(EndpointConfig(url="127.0.0.1", port=str(redis_server.port), db="1",
                                                   password="", key_prefix="advisor"))
    assert asyncio.run(one_message(store)) == "processed"
    redis_server.stop()
    threading.Timer(1.5, redis_server.start).start()
    started = time.monotonic()
    assert asyncio.run(one_message(store)) == "processed"
    assert time.monotonic() - started >= 1.5
    assert store.get_lock("conversation-1") is None  # released afterwards
