"""Start-up time of the advisor, and reply times over 100 REST messages (ten whole conversations).

Starts the action server and the Rasa server on free local ports, like `make start` does.
"""
from __future__ import annotations

import socket
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from bot.serve import running, send

CONVERSATION = ["你好", "我想幫工廠的移工轉成中階技術人力", "我們做金屬加工，員工120人，移工30人，他做了7年，月薪3萬7",
                "他負責焊接", "40", "0", "0", "薪資門檻是多少", "謝謝", "重新開始"]
CONVERSATIONS = 10


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.monotonic()
        with running(rasa_port=free_port(), action_port=free_port(), tracker_db=Path(tmp) / "t.db",
                     log_dir=Path(tmp)) as url:
            ready = time.monotonic() - start
            times = []
            for _ in range(CONVERSATIONS):
                sender = uuid.uuid4().hex
                for message in CONVERSATION:
                    t = time.perf_counter()
                    replies = send(url, sender, message)
                    times.append((time.perf_counter() - t) * 1000)
                    assert replies, f"no reply to {message!r}"
    times.sort()
    print(f"servers ready in {ready:.1f} s")
    print(f"{len(times)} REST messages: median {statistics.median(times):.0f} ms, "
          f"p95 {times[int(len(times) * 0.95) - 1]:.0f} ms, max {times[-1]:.0f} ms")


if __name__ == "__main__":
    main()
