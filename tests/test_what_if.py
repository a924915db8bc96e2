"""What-ifs said as a change (bot/dialogue/what_if.py): worked out from the known fact, and nothing else
read as one (a new value, a "再問一下", a change to a fact not known)."""
from __future__ import annotations

import pytest

from bot.dialogue.what_if import bare_amount, changed_by

KNOWN = {"worker.continuous_years": 5, "worker.years_with_employer": 2, "worker.monthly_wage": 29500,
         "company.migrant_workers": 54}


@pytest.mark.parametrize("message,expected", [
    ("what if I stay 2 more years?", {"worker.continuous_years": 7}),
    ("if I stay 1 more year with my amo po?", {"worker.years_with_employer": 3}),
    ("kalau gaji naik 2rb gimana", {"worker.monthly_wage": 31500}),
    ("那如果他加薪2000呢", {"worker.monthly_wage": 31500}),
    ("如果再多請10個外勞呢", {"company.migrant_workers": 64}),
    ("nếu làm thêm 1 năm nữa thì sao", {"worker.continuous_years": 6}),
    ("ถ้าทำอีก 2 ปีล่ะคะ", {"worker.continuous_years": 7}),
    ("what if he gets 2 more years and a raise of 3000?", {"worker.continuous_years": 7, "worker.monthly_wage": 32500}),
])
def test_a_change_is_added_to_the_known_fact(message, expected):
    assert changed_by(message, KNOWN)[0] == expected


@pytest.mark.parametrize("message", ["如果月薪是3萬5呢", "再問一下 他月薪3萬2可以嗎?", "再問一次 做了7年可以嗎?",
                                     "我做了7年 月薪3萬2", "neu tuyen them 10 nguoi nua thi sao"])
def test_a_new_value_or_a_time_is_not_a_change(message):
    assert changed_by(message, KNOWN) == ({}, [])


def test_a_change_to_a_fact_not_known_is_not_guessed():
    assert changed_by("what if I stay 2 more years?", {}) == ({}, [])


def test_a_bare_amount_in_a_what_if_is_the_wage_asked_about_only_with_a_wage_known():
    assert bare_amount("ถ้าได้ 31000 ล่ะคะ", KNOWN, 1000) == {"worker.monthly_wage": 31000}
    assert bare_amount("ถ้าได้ 31000 ล่ะคะ", {}, 1000) == {}
    assert bare_amount("ได้ 31000 ค่ะ", KNOWN, 1000) == {}  # no what-if word: a statement, read elsewhere
