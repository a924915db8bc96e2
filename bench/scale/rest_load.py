#!/usr/bin/env python3
"""Per-message REST latency at a given concurrency: N users each send the same interview.
Copied from the shared perf harness (../shared/perf/) so that the comparison runs from the repository.

  rest_load.py URL USERS [ROUNDS]
Prints median, p95, max (ms) and messages/s. Bounded: USERS*ROUNDS*len(TURNS) requests, loopback only.
"""
import asyncio, json, statistics, sys, time, uuid
import aiohttp

TURNS = ["你好", "我想把廠裡的移工轉成中階技術人力", "我們做金屬加工，員工120人",
         "核配移工30人，目前移工25人，中階0人", "他在我們公司做了7年", "做CNC車床操作",
         "月薪3萬8", "有技術士證", "那補助呢", "謝謝"]

async def user(session, url, rounds, lat):
    for _ in range(rounds):
        sender = uuid.uuid4().hex
        for t in TURNS:
            t0 = time.perf_counter()
            async with session.post(url, json={"sender": sender, "message": t}) as r:
                await r.read()
                assert r.status == 200, r.status
            lat.append((time.perf_counter() - t0) * 1000)

async def main():
    url, users = sys.argv[1], int(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    lat = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as s:
        # warm-up
        async with s.post(url, json={"sender": "warm", "message": "你好"}) as r:
            await r.read()
        t0 = time.perf_counter()
        await asyncio.gather(*(user(s, url, rounds, lat) for _ in range(users)))
        wall = time.perf_counter() - t0
    lat.sort()
    p95 = lat[int(0.95 * (len(lat) - 1))]
    print(json.dumps({"users": users, "messages": len(lat), "median_ms": round(statistics.median(lat), 1),
                      "p95_ms": round(p95, 1), "max_ms": round(lat[-1], 1), "msg_per_s": round(len(lat) / wall, 1)}))

asyncio.run(main())
