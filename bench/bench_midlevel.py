"""Times one full mid-level evaluation in process (target: median under 100 µs).

Reports three figures: the rules alone on parsed facts, with input checking, and with the full
JSON contract rendered (messages in zh-TW). Run with `make bench`.
"""
from __future__ import annotations

import statistics
import time

from bot.rules import evaluate, parse_facts, verdict_to_dict
from bot.rules.parameters import default_parameters

FACTS = {
    "topic": "midlevel", "as_of": "2026-03-01",
    "company": {"industry": "manufacturing", "employees": 120, "migrant_allocation": 30, "migrant_workers": 30,
                "midlevel_workers": 2, "foreign_professionals": 1, "region": "台中市"},
    "worker": {"continuous_years": 7, "occupation_group": 7, "monthly_wage": 34000, "annual_wage": 480000,
               "certificate": False, "training_hours": 40, "self_training_hours": 0, "practical_recognition": False},
}


def measure(fn, rounds: int = 31, per_round: int = 500) -> tuple[float, float]:
    """(median, p95) in microseconds per call, over `rounds` timed batches."""
    fn()  # warm caches: parameter files, catalogs, schema validator
    samples = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        for _ in range(per_round):
            fn()
        samples.append((time.perf_counter_ns() - start) / per_round / 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    params = default_parameters()
    facts = parse_facts(FACTS)
    cases = {
        "rules only (parsed facts -> verdict)": lambda: evaluate(facts, params),
        "input check + rules": lambda: evaluate(parse_facts(FACTS), params),
        "input check + rules + JSON contract (zh-TW)": lambda: verdict_to_dict(evaluate(parse_facts(FACTS), params)),
    }
    print(f"{'case':48} {'median µs':>10} {'p95 µs':>10}")
    for name, fn in cases.items():
        median, p95 = measure(fn)
        print(f"{name:48} {median:10.1f} {p95:10.1f}")


if __name__ == "__main__":
    main()
