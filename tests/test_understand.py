"""`advisor understand --jsonl`: the trained model and the interview step, as a contract (one process)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "advisor.tar.gz"

CASES = [  # (input line, what must hold of the output)
    ({"message": "我們做金屬加工，員工120人，移工30人，他做了7年，月薪3萬4", "facts": {}, "asking": None, "lang": "zh-TW"},
     {"facts": {"company.industry": "manufacturing", "company.employees": 120, "company.migrant_workers": 30,
                "worker.continuous_years": 7, "worker.monthly_wage": 34000}, "topic": "midlevel"}),
    ({"message": "不對 移工是20個 不是25", "facts": {"company.migrant_workers": 25}, "asking": None, "lang": "zh-TW"},
     {"facts": {"company.migrant_workers": 20}, "changed": ["company.migrant_workers"], "ignored": ["25"]}),
    ({"message": "如果月薪是3萬5呢", "facts": {"company": {"industry": "manufacturing"}, "worker": {"monthly_wage": 33000}},
      "asking": None, "lang": "zh-TW"},
     {"facts": {"company.industry": "manufacturing", "worker.monthly_wage": 33000}, "changed": [],
      "what_if": {"worker.monthly_wage": 35000}}),
    ({"message": "沒有", "facts": {}, "asking": "company.midlevel_workers", "lang": "zh-TW"},
     {"facts": {"company.midlevel_workers": 0}}),
    ({"message": "gaji saya 35rb, sudah kerja 6 tahun di pabrik", "facts": {}, "asking": None, "lang": None},
     {"facts": {"worker.monthly_wage": 35000, "worker.continuous_years": 6, "company.industry": "manufacturing"},
      "language": "id"}),
    ({"message": "what if my salary were 31k?", "facts": {"worker.monthly_wage": 30000}, "asking": None, "lang": "en",
      "topic": "midlevel", "perspective": "worker"},
     {"facts": {"worker.monthly_wage": 30000}, "what_if": {"worker.monthly_wage": 31000}}),
    ({"message": "สามหมื่นหก", "facts": {}, "asking": "worker.monthly_wage", "lang": "th", "topic": "midlevel",
      "perspective": "worker"},
     {"facts": {"worker.monthly_wage": 36000}}),
    ({"message": "lương em 30 triệu", "facts": {}, "asking": None, "lang": "vi", "topic": "midlevel",
      "perspective": "worker"},
     {"facts": {}}),  # 30,000,000 a month is a slip, refused
]


@pytest.fixture(scope="module")
def understood():
    if not MODEL.exists():
        pytest.skip("no trained model (make test trains it first)")
    bad = ["not json", json.dumps({"message": 5}), json.dumps({"message": "x", "facts": {"worker.height": 2}})]
    lines = [json.dumps(line, ensure_ascii=False) for line, _ in CASES] + bad
    run = subprocess.run([sys.executable, "-m", "bot.cli", "understand", "--jsonl"], input="\n".join(lines),
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    return run, [json.loads(out) for out in run.stdout.splitlines()]


@pytest.mark.parametrize("i", range(len(CASES)))
def test_each_message_gives_the_facts_a_careful_reader_would_record(understood, i):
    _, outputs = understood
    got, expected = outputs[i], CASES[i][1]
    for key, value in expected.items():
        assert got[key] == value, (CASES[i][0]["message"], key, got)


def test_bad_lines_get_an_error_naming_the_field_and_the_rest_go_on(understood):
    run, outputs = understood
    assert len(outputs) == len(CASES) + 3 and run.returncode == 2
    assert [o["error"]["field"] for o in outputs[-3:]] == ["(line)", "message", "facts.worker.height"]
