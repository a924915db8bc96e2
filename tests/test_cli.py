"""The `advisor check` contract, through the installed command in a subprocess."""
from __future__ import annotations

import json
import subprocess

import pytest

ELIGIBLE_2026 = {
    "topic": "midlevel", "as_of": "2026-03-01",
    "company": {"industry": "manufacturing", "employees": 120, "migrant_allocation": 30, "migrant_workers": 30,
                "midlevel_workers": 0, "foreign_professionals": 0, "region": "台中市"},
    "worker": {"continuous_years": 7, "occupation_group": 7, "monthly_wage": 34000, "training_hours": 80},
}


def run(advisor_bin, stdin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([advisor_bin, "check", *args], input=stdin, capture_output=True, text=True, timeout=60)


def test_json_output_holds_the_contract(advisor_bin):
    result = run(advisor_bin, json.dumps(ELIGIBLE_2026), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["topic"] == "midlevel" and out["as_of"] == "2026-03-01"
    assert out["status"] == "need_more_info"  # NT$34,000 is below the 2026 line; the yearly pay is unknown
    assert out["missing"][0] == "worker.annual_wage"
    assert [c["id"] for c in out["conditions"]] == ["industry", "worker_history", "occupation", "salary", "technical",
                                                    "quota_midlevel_share", "quota_foreign_share"]
    for c in out["conditions"]:
        assert set(c) >= {"id", "passed", "actual", "threshold", "message", "sources"}
        assert all(set(s) == {"id", "title", "url", "status"} for s in c["sources"])
    assert out["quota"] == {"midlevel_cap": 30, "foreign_cap": 60}
    assert out["salary"] == {"threshold": 35000, "exempt_threshold": 37000}
    assert {"fact": "worker.monthly_wage", "value": 35000} in [{k: w[k] for k in ("fact", "value")} for w in out["what_if"]]


def test_readable_output_states_date_sources_contact_and_reported_warning(advisor_bin):
    facts = {**ELIGIBLE_2026, "worker": {**ELIGIBLE_2026["worker"], "monthly_wage": 35000}}
    result = run(advisor_bin, json.dumps(facts))
    assert result.returncode == 0, result.stderr
    assert "規定適用日期：2026-03-01" in result.stdout
    assert "✅ 每月經常性薪資 NT$35,000，達門檻 NT$35,000。" in result.stdout
    assert "【資料來源】" in result.stdout and "中央社 2026-01-03" in result.stdout
    assert "(03)659-1996" in result.stdout
    assert "新聞報導" in result.stdout


def test_english_output(advisor_bin):
    result = run(advisor_bin, json.dumps({"topic": "training", "company": {"region": "高雄市"},
                                          "training": {"class_type": "public", "special_status": False, "cost": 10000,
                                                       "region": "高雄市"}}),
                 "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Class held in the south (高雄市): the government pays up to 90%." in result.stdout
    assert "Estimated government share: NT$9,000" in result.stdout


@pytest.mark.parametrize("stdin, field, words", [
    ('{"topic": "pension"}', "topic", "topic"),
    ('{"topic": "midlevel", "company": {"industry": "mining"}}', "company.industry", "company.industry"),
    ('{"topic": "midlevel", "worker": {"monthly_wage": -5}}', "worker.monthly_wage", "不可小於 0"),
    ('{"topic": "midlevel", "worker": {"monthly_wage": "三萬三"}}', "worker.monthly_wage", "worker.monthly_wage"),
    ('{"topic": "midlevel", "as_of": "2021-01-01"}', "as_of", "2022-04-30"),
    ('{"topic": "midlevel", "worker": ', None, "JSON"),
    ('', None, "JSON"),
    ('[1, 2]', "(input)", "JSON"),
])
def test_bad_input_exits_non_zero_naming_the_field(advisor_bin, stdin, field, words):
    result = run(advisor_bin, stdin, "--json")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert words in result.stderr
    assert json.loads(result.stdout)["error"]["field"] == field


def test_bad_input_message_in_english(advisor_bin):
    result = run(advisor_bin, '{"topic": "midlevel", "company": {"employees": "lots"}}', "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.strip() == "Field company.employees must be integer."
    assert result.stdout == ""


@pytest.mark.parametrize("stdin, field", [
    ('{"topic": "midlevel", "company": {"employees": ' + "[" * 100_000 + "]" * 100_000 + "}}", "company.employees"),
    ('{"topic": "midlevel", "company": {"employees": ' + "9" * 5001 + "}}", "company.employees"),
    ('{"topic": "midlevel", "worker": {"monthly_wage": NaN}}', "worker.monthly_wage"),
    ('{"topic": "midlevel", "company": {"region": "\\ud800"}}', "company.region"),
    ('{"topic": "midlevel", "worker": {"monthly_wage": 1e999}}', "worker.monthly_wage"),
], ids=["nested", "5001-digit", "NaN", "lone-surrogate", "1e999"])
def test_input_python_would_choke_on_exits_2_naming_the_field(advisor_bin, stdin, field):
    result = run(advisor_bin, stdin, "--json")
    assert result.returncode == 2, result.stderr[-500:]
    assert "Traceback" not in result.stderr + result.stdout
    assert json.loads(result.stdout)["error"]["field"] == field
    assert field in result.stderr


def test_input_that_is_not_utf8_exits_2(advisor_bin):
    result = subprocess.run([advisor_bin, "check", "--json"], input=b'{"topic": "\xff"}', capture_output=True,
                            timeout=60)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"UTF-8" in result.stderr
