"""The channels' store: an event is taken once even by several processes at the same moment."""
from __future__ import annotations

import asyncio
import multiprocessing
import time

from bot.channels.common import RateLimiter
from bot.store.webhooks import claim, payload_for, push_target, remember_target, short_key


def _claim(args):
    url, event_id = args
    return claim("line", event_id, url)


def test_several_processes_claim_one_event_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    claim("line", "warm-up", url)  # create the tables before the race
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.map(_claim, [(url, "EV-race")] * 8)
    assert results.count(True) == 1


def test_push_targets_and_short_keys(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    remember_target("telegram", "h1", "4242", url)
    remember_target("telegram", "h1", "4343", url)
    assert push_target("h1", url) == "4343" and push_target("nobody", url) is None
    key = short_key("/inform{\"a\": 1}", url)
    assert key == short_key("/inform{\"a\": 1}", url) and len(key) <= 64
    assert payload_for(key, url) == "/inform{\"a\": 1}"


def test_rate_limiter_paces_one_chat_and_caps_all_chats():
    async def timed(limiter, chats):
        start = time.monotonic()
        for chat in chats:
            await limiter.wait(chat)
        return time.monotonic() - start

    assert asyncio.run(timed(RateLimiter(per_chat_s=0.2, overall=100), ["a"] * 3)) >= 0.39
    assert asyncio.run(timed(RateLimiter(per_chat_s=0.2, overall=100), ["a", "b", "c"])) < 0.1
    assert asyncio.run(timed(RateLimiter(per_chat_s=0.0, overall=5), [str(i) for i in range(6)])) >= 0.9


def test_push_targets_of_one_sender_from_many_threads_at_once(tmp_path):
    """LINE delivers several events of one user in one body; they are answered concurrently."""
    from concurrent.futures import ThreadPoolExecutor

    url = f"sqlite:///{tmp_path / 'store.db'}"
    remember_target("line", "warm-up", "U0", url)
    for round_ in range(5):
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda i: remember_target("line", f"h{round_}", f"U{i}", url), range(8)))
        assert push_target(f"h{round_}", url) in {f"U{i}" for i in range(8)}
