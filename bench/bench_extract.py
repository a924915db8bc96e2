"""The extractor's time per message on random text (issue 12 item 3): 10,000 strings of up to 2,000
characters mixing scripts and pattern pieces, plus the known worst cases. Reports the median, p99 and
maximum, and how many took over 50 ms.

Usage: python bench/bench_extract.py [COUNT]
"""
from __future__ import annotations

import random
import statistics
import sys
import time

from bot.nlu.extract import extract

PIECES = ["一", "十", "萬", "半", "年", "個", "人", "1", "35", ",", "，", " ", "不是", "員工", "移工", "月薪", "沒有",
          "gaji", "ribu", "tahun", "năm", "k", "years", "ปี", "หมื่น", "สาม", "x", "ab", "技術士證", "台中"]
WORST = ["一" * 310, "1年" * 1000, "1 " * 1000, "沒有中階" * 500, "ก" * 2000]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rng = random.Random(7)
    extract("員工120人")  # load the pipeline first
    texts = WORST + ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 700)))[:2000] for _ in range(count)]
    times = []
    for text in texts:
        start = time.perf_counter()
        extract(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{len(texts)} messages: median {statistics.median(times):.1f} ms, p99 {times[int(len(times) * .99)]:.1f} ms, "
          f"max {times[-1]:.1f} ms, over 50 ms: {sum(t > 50 for t in times)}")


if __name__ == "__main__":
    main()
