"""Parameter files: schema-checked on load, looked up by date, and every one of them used."""
from __future__ import annotations

import ast
import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.rules import evaluate
from bot.rules.parameters import DATA_DIR, PARAMETER_DIR, NotInForce, ParameterFileError, Parameters

RULES_DIR = Path(__file__).resolve().parent.parent / "bot" / "rules"


@pytest.fixture
def param_copy(tmp_path):
    """A writable copy of the parameter and data folders."""
    params, data = tmp_path / "parameters", tmp_path / "data"
    shutil.copytree(PARAMETER_DIR, params)
    shutil.copytree(DATA_DIR, data)
    return params, data


def test_all_parameter_files_load():
    p = Parameters()
    assert "midlevel.salary.industrial_monthly" in p.names
    assert len(p.names) >= 40


def test_value_changes_exactly_on_its_effective_date():
    p = Parameters()
    name = "midlevel.salary.industrial_monthly"
    assert p.at(name, dt.date(2025, 12, 31)).value == 33000
    assert p.at(name, dt.date(2025, 12, 31)).status == "deck"
    assert p.at(name, dt.date(2026, 1, 1)).value == 35000
    assert p.at(name, dt.date(2026, 1, 1)).status == "reported"


def test_before_the_first_value_the_rule_is_not_in_force():
    with pytest.raises(NotInForce):
        Parameters().at("midlevel.salary.industrial_monthly", dt.date(2022, 4, 29))


@pytest.mark.parametrize("path, old, new, error", [
    ("midlevel/salary/industrial_monthly.yaml", "    status: deck", "    status: deck\n    sauce: deck", "sauce"),
    ("training/public_share.yaml", "status: deck", "status: rumour", "rumour"),  # only deck, law, reported
    ("training/public_share.yaml", "value: 0.8", "value: 80", "value"),  # a ratio above 1
    ("training/public_share.yaml", "[deck_training]", "[deck_nowhere]", "deck_nowhere"),  # unknown source
    ("midlevel/salary/industrial_exempt.yaml", "[cna_2026_01_03]", "[deck_2_7]", "reported"),  # no reported source
])
def test_a_bad_parameter_file_is_refused_on_load(param_copy, path, old, new, error):
    params, data = param_copy
    file = params / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ParameterFileError, match=error):
        Parameters(params, data)


class Recording(Parameters):
    def __init__(self):
        super().__init__()
        self.asked: set[str] = set()

    def at(self, name, as_of):
        self.asked.add(name)
        return super().at(name, as_of)


def test_every_parameter_is_read_by_some_rule():
    """No dead data: each parameter file is consulted by at least one evaluation."""
    p = Recording()
    cases = [{"topic": "midlevel", "company": {"industry": ind, "employees": 10, "migrant_allocation": 4,
                                               "migrant_workers": 2, "midlevel_workers": 0, "foreign_professionals": 0},
              "worker": {"first_hire_student": student, "monthly_wage": 30000}}
             for ind in ("manufacturing", "construction", "home_care", "institutional_care", "hotel", "port")
             for student in (False, True)]
    cases.append({"topic": "grants", "company": {"industry": "manufacturing", "employees": 3}, "project": {"target": "smart"}})
    cases.append({"topic": "grants", "company": {"industry": "manufacturing", "employees": 3}, "project": {"target": "smart"},
                  "as_of": "2025-02-01"})
    cases += [{"topic": "training", "training": {"class_type": t}, "company": {"employees": 3}}
              for t in ("public", "enterprise", "overseas")]
    for raw in cases:
        evaluate({"as_of": "2026-06-01", **raw}, params=p)
    assert set(p.names) - p.asked == set()


CONDITION_MODULES = ("midlevel.py", "grants.py", "training.py", "result.py")


def test_no_threshold_is_a_literal_in_rule_code():
    """Thresholds live in parameter files; the condition modules may only count (0, 1)."""
    offenders = []
    for path in (RULES_DIR / name for name in CONDITION_MODULES):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and type(node.value) in (int, float) and node.value not in (0, 1):
                offenders.append(f"{path.name}:{node.lineno} {node.value}")
    assert offenders == []
