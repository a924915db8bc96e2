"""Facts understood exactly, per language, on the independent held-out set (tests/heldout/facts):
each message through the trained NLU and the interview step (`advisor understand`), its facts after
the message compared with what a careful reader recorded. Also: cases where a fact was stored that
the message did not give (the worst kind of error), and whole conversations turn by turn.

Usage: python bench/understand_heldout.py [models/advisor.tar.gz] [--show]
       [--dev | --dev-b | ... | --dev-f | --heldout-2 | ... | --heldout-6]

--dev scores bench/dev_facts instead: written the same way by other writers, for error analysis (its
failures may be read; the held-out set's are not, so it stays an honest measure). --dev-b scores
bench/dev_facts_b, a third writer's set (2026-12-07, conventions in its README), first measured before
any fix made from it; --dev-c bench/dev_facts_c, a fourth writer's (2026-12-07, 100 zh-TW cases), likewise; --dev-d
bench/dev_facts_d, a fifth writer's (2026-12-07, mostly caregivers and the hard kinds), likewise; --dev-e
bench/dev_facts_e, a sixth writer's (2026-12-07 evening, long messages with several counts), likewise; --dev-f
bench/dev_facts_f, a seventh writer's (2026-12-07 night, a realistic mix), likewise.
--heldout-2 scores bench/heldout_facts_2, a second independent held-out set (2026-12-07, 250 messages): like
tests/heldout, in aggregate only (--show is refused), so that it stays an honest measure; --heldout-3 scores
bench/heldout_facts_3, a third (2026-12-07 evening, 250 messages, a realistic mix), likewise; --heldout-4
bench/heldout_facts_4, a fourth (2026-12-07 night, 250 messages, a realistic mix), likewise; --heldout-5
bench/heldout_facts_5, a fifth (2026-12-07 late evening, 250 messages, written while this round's readings were made and
scored on the code before and after them), likewise; --heldout-6 bench/heldout_facts_6, a sixth (2026-12-08, 250
messages, seven of them taking a value back), likewise.
"""
from __future__ import annotations

import json
import logging
import sys
from collections import defaultdict
from pathlib import Path

import structlog

from bot.understand import rasa_parser, understand

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "tests" / "heldout" / "facts"
FOLDERS = {"--dev": "dev_facts", **{f"--dev-{x}": f"dev_facts_{x}" for x in "bcdef"},
           **{f"--heldout-{n}": f"heldout_facts_{n}" for n in (2, 3, 4, 5, 6)}}
HELD_OUT = {f"heldout_facts_{n}" for n in (2, 3, 4, 5, 6)}


def close(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) <= 0.01
    return a == b


def same(got: dict, want: dict) -> bool:
    return set(got) == set(want) and all(close(got[k], want[k]) for k in want)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--show" in sys.argv
    chosen = [ROOT / "bench" / name for flag, name in FOLDERS.items() if flag in sys.argv]
    folder = chosen[0] if chosen else FACTS
    if folder.name in HELD_OUT and show:
        sys.exit(f"bench/{folder.name} is held out: its failures are not shown")
    logging.disable(logging.INFO)
    parse = rasa_parser(Path(args[0])) if args else rasa_parser()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # exact, invented, cases
    for path in sorted(folder.glob("*.jsonl")):
        if path.stem == "conversations":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            got = understand({"message": case["message"], "facts": case["facts"], "asking": case["asking"],
                              "lang": case["lang"], "perspective": case["speaker"]}, parse)
            want = case["expect"]["facts"]
            exact = same(got["facts"], want) and bool(got["what_if"]) == bool(case["expect"]["what_if"])
            invented = [k for k, v in got["facts"].items() if k not in want or not close(v, want[k])]
            row = totals[case["lang"]]
            row[0] += exact
            row[1] += bool(invented)
            row[2] += 1
            if show and not exact:
                print(f"{case['id']}: {case['message']!r} asking={case['asking']}\n   got  {got['facts']} wi={got['what_if']}"
                      f"\n   want {want} wi={case['expect']['what_if']}")
    turns = exact_turns = 0
    convos = folder / "conversations.jsonl"
    for line in (convos.read_text(encoding="utf-8").splitlines() if convos.exists() else []):
        convo = json.loads(line)
        facts: dict = {}
        for t in convo["turns"]:
            got = understand({"message": t["message"], "facts": facts, "asking": t["asking"], "lang": convo["lang"],
                              "perspective": convo["speaker"]}, parse)
            facts = got["facts"]
            turns += 1
            exact_turns += same(facts, t["expect_facts"])
            facts = t["expect_facts"]  # each turn judged on its own, from the right facts before it
    print(f"{'language':<8} {'cases':>6} {'exact':>7} {'a fact not given':>17}")
    for lang, (exact, invented, n) in sorted(totals.items()):
        print(f"{lang:<8} {n:>6} {exact / n:>7.3f} {invented:>17}")
    n = sum(r[2] for r in totals.values())
    print(f"{'all':<8} {n:>6} {sum(r[0] for r in totals.values()) / n:>7.3f} {sum(r[1] for r in totals.values()):>17}")
    if turns:
        print(f"conversation turns exact: {exact_turns}/{turns}")


if __name__ == "__main__":
    main()
