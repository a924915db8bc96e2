"""Scores from `rasa test nlu` on the held-out set: intent macro-F1 (Rasa's report), and entity F1 for
the rule-based extractor, counted on (entity, role, value) against the held-out annotations.

Usage: python bench/nlu_scores.py var/nlu_results
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data

from bot.nlu.extract import extract

HOLDOUT = Path(__file__).resolve().parent.parent / "tests" / "nlu_holdout.yml"


def entity_scores() -> tuple[float, float, float, int]:
    tp = fp = fn = 0
    for example in load_data(str(HOLDOUT)).training_examples:
        gold = {(e["entity"], e.get("role"), str(e["value"])) for e in example.get("entities") or []}
        if not gold:
            continue
        got = {(f.kind, f.role, str(f.value)) for f in extract(example.get("text"))}
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fn


def main(results: str) -> None:
    report = json.loads((Path(results) / "intent_report.json").read_text(encoding="utf-8"))
    macro = report["macro avg"]
    print(f"intent: macro-F1 {macro['f1-score']:.3f} (precision {macro['precision']:.3f}, "
          f"recall {macro['recall']:.3f}), accuracy {report['accuracy']:.3f} on {macro['support']} messages")
    weak = sorted((v["f1-score"], k) for k, v in report.items() if isinstance(v, dict) and "f1-score" in v
                  and k not in ("macro avg", "weighted avg", "micro avg"))[:5]
    print("weakest intents: " + ", ".join(f"{k} {f:.2f}" for f, k in weak))
    precision, recall, f1, n = entity_scores()
    print(f"entities: F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f}) on {n} annotated values")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "var/nlu_results")
