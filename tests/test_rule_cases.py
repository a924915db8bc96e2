"""Runs the YAML rule cases in tests/rule_cases: facts in, expected parts of the verdict out.

A case's `output` is matched as a subset of the `advisor check --json` output, with conditions and
programs indexed by id, so a case states only what it is about.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from conftest import TODAY

from bot.rules import FactError, check

CASE_DIR = Path(__file__).parent / "rule_cases"


def deep_merge(base: dict, extra: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in (extra or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def load_cases():
    for path in sorted(CASE_DIR.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        defaults = doc.get("defaults", {})
        for case in doc["cases"]:
            yield pytest.param(path.stem, case, deep_merge(defaults, case.get("input", {})),
                               id=f"{path.stem}: {case['name']}")


def indexed(verdict: dict) -> dict:
    out = dict(verdict)
    out["conditions"] = {c["id"]: c for c in verdict["conditions"]}
    if "programs" in verdict:
        out["programs"] = {p["id"]: p for p in verdict["programs"]}
    out["what_if_facts"] = [w["fact"] for w in verdict["what_if"]]
    out["condition_ids"] = [c["id"] for c in verdict["conditions"]]
    out["missing_first"] = verdict["missing"][0] if verdict["missing"] else None
    out["question_first"] = verdict["missing_questions"][0] if verdict["missing_questions"] else None
    return out


def assert_subset(expected, actual, where="output"):
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: expected a mapping, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} is missing from {sorted(actual)}"
            assert_subset(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list) and any(isinstance(e, dict) for e in expected):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{where}: {actual!r} has not {len(expected)} items"
        for i, (e, a) in enumerate(zip(expected, actual)):
            assert_subset(e, a, f"{where}[{i}]")
    elif isinstance(expected, float):
        assert actual == pytest.approx(expected, rel=1e-9), f"{where}: {actual!r} != {expected!r}"
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


@pytest.mark.parametrize("topic_file, case, facts", list(load_cases()))
def test_rule_case(topic_file, case, facts):
    if "error" in case:
        with pytest.raises(FactError) as info:
            check(facts, today=TODAY)
        assert_subset(case["error"], {"field": info.value.field, "reason": info.value.reason}, "error")
        return
    verdict = indexed(check(facts, today=TODAY))
    assert_subset(case["output"], verdict)
    for cid in case.get("absent_conditions", []):
        assert cid not in verdict["conditions"], f"condition {cid} should not apply"
    for pid in case.get("absent_programs", []):
        assert pid not in verdict["programs"], f"program {pid} should not be listed"
    for fact in case.get("missing_excludes", []):
        assert fact not in verdict["missing"], f"{fact} should not be asked"
    if "info_contains" in case:
        assert any(case["info_contains"] in line for line in verdict["info"]), verdict["info"]
    if "sources_include" in case:
        assert case["sources_include"] in [s["title"] for s in verdict["sources"]]
    if "confirm_include" in case:
        assert case["confirm_include"] in [p["parameter"] for p in verdict["to_confirm"]]
