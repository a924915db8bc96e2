"""The console's answers while a caller waits: /api/check and /api/chat over HTTP, signed in.

Usage: python bench/bench_console.py   (a temporary SQLite store; prints medians and p95)
"""
from __future__ import annotations

import asyncio
import re
import statistics
import tempfile
import time
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from bot.console.app import make_app
from bot.store import staff

FACTS = {"company.industry": "manufacturing", "company.employees": "120", "company.migrant_allocation": "40",
         "company.migrant_workers": "30", "worker.continuous_years": "7", "worker.monthly_wage": "37000"}
ROUNDS = 100


def p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


async def main() -> None:
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    staff.set_password("bench", "bench password 1", url=url)
    client = TestClient(TestServer(make_app(db_url=url, key=b"b" * 32)))
    await client.start_server()
    page = await (await client.get("/login")).text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    await client.post("/login", data={"csrf": csrf, "username": "bench", "password": "bench password 1"})
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', await (await client.get("/")).text()).group(1)
    headers = {"X-CSRF-Token": csrf}
    for name, path, body in (
            ("check", "/api/check", {"facts": FACTS, "topic": "midlevel", "case": "00000000000000be"}),
            ("chat", "/api/chat", {"facts": {}, "topic": "midlevel", "case": "00000000000000b2",
                                   "message": "我們做金屬加工，員工120人，移工30人，他做了7年，月薪3萬7"})):
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            response = await client.post(path, json=body, headers=headers)
            assert response.status == 200
            await response.read()
            times.append((time.perf_counter() - start) * 1000)
        print(f"/api/{name}: median {statistics.median(times):.1f} ms, p95 {p95(times):.1f} ms over {ROUNDS}")
    await client.close()


if __name__ == "__main__":
    asyncio.run(main())
