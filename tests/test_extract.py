"""The spaCy + cn2an extractor: each quantity pattern, roles from context, domain words."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.nlu.extract import bare_number, extract, to_number

ROOT = Path(__file__).resolve().parent.parent


def found(text):
    return [(f.kind, f.value, f.role) for f in extract(text)]


@pytest.mark.parametrize("text, value", [
    ("月薪三萬三", 33000), ("月薪3.3萬", 33000), ("月薪33k", 33000), ("月薪33,000元", 33000),
    ("月薪3萬4", 34000), ("薪水兩萬九", 29000), ("NT$35,000", 35000), ("月薪33000", 33000),
])
def test_money(text, value):
    kinds = [f for f in extract(text) if f.kind == "money"]
    assert [f.value for f in kinds] == [value]


def test_money_roles():
    assert found("年薪50萬") == [("money", 500000, "annual")]
    assert found("資本額5000萬") == [("money", 50000000, "capital")]
    assert found("月薪三萬三") == [("money", 33000, "monthly")]


@pytest.mark.parametrize("text, expected", [
    ("員工120人", [("count", 120, "employees")]),
    ("一百二十位員工", [("count", 120, "employees")]),
    ("移工30人", [("count", 30, "migrant_workers")]),
    ("核配40人，已經有2個中階", [("count", 40, "migrant_allocation"), ("count", 2, "midlevel_workers")]),
    ("外國專業人才有2位", [("count", 2, "foreign_professionals")]),
    ("不對，是80人", [("count", 80, None)]),
])
def test_headcounts(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, years", [("6年", 6), ("六年", 6), ("六年半", 6.5), ("5年8個月", 5.67), ("8個月", 0.67)])
def test_durations(text, years):
    assert [(f.kind, f.value) for f in extract(text)] == [("years", years)]


def test_duration_roles_and_calendar_years():
    assert found("在我們這裡做了7年，在臺灣總共10年") == [("years", 7, "with_employer"), ("years", 10, "cumulative")]
    assert found("連續工作6年") == [("years", 6, "continuous")]
    assert found("2026年月薪要多少") == []  # a calendar year, not a duration


def test_hours_and_percentages():
    assert found("上了80小時的課") == [("hours", 80, None)]
    assert found("公司自訓80小時") == [("hours", 80, "self_training")]
    assert found("兩成") == [("percent", 20, None)]
    assert found("25%") == [("percent", 25, None)]
    assert found("百分之五十") == [("percent", 50, None)]


@pytest.mark.parametrize("text", ["上過兩個課 40跟24小時", "เรียนมา 40 กับ 24 ชั่วโมง", "kursus 40 dan 24 jam"])
def test_a_unit_said_once_for_two_hours_figures_is_both_of_theirs(text):
    assert [(f.kind, f.value) for f in extract(text) if f.kind == "hours"] == [("hours", 40), ("hours", 24)]
    assert [f.kind for f in extract("40, 24 hours po") if f.kind == "hours"] == ["hours"]  # a comma may correct


@pytest.mark.parametrize("text, group", [("他負責焊接", 7), ("操作機台", 8), ("他主要搬運貨物", 9)])
def test_occupation_hints(text, group):
    assert ("occupation_group", group, None) in found(text)


def test_domain_words_and_regions():
    assert ("industry", "manufacturing", None) in found("我們做金屬加工")
    assert ("region", "臺中市", None) in found("公司在台中")
    assert ("region", "高雄市", None) in found("在高雄市")
    assert ("class_type", "enterprise", None) in found("想辦企業包班")
    assert ("target", "low_carbon", None) in found("想做低碳轉型")


def test_the_issue_sentence_gives_every_fact():
    assert found("我們做金屬加工，員工120人，移工30人，他做了7年，月薪3萬4") == [
        ("industry", "manufacturing", None), ("count", 120, "employees"), ("count", 30, "migrant_workers"),
        ("years", 7, None), ("money", 34000, "monthly")]


def test_simplified_input_is_read():
    assert found("我们公司有员工一百二十人，外劳30人，月薪3万3") == [
        ("count", 120, "employees"), ("count", 30, "migrant_workers"), ("money", 33000, "monthly")]


def test_words_that_only_look_like_numbers_are_not_quantities():
    assert found("等一下") == [] and found("一起來問") == []


@pytest.mark.parametrize("text, value", [("120", 120), ("3.3萬", 33000), ("三萬三", 33000), ("33k", 33000),
                                         ("80小時", 80), ("六年", 6), ("ok", None), ("我不知道", None), ("1和2", None)])
def test_bare_numbers(text, value):
    assert bare_number(text) == value


def test_to_number():
    assert to_number("兩萬九") == 29000 and to_number("半") == 0.5 and to_number("亂碼") is None



@pytest.mark.parametrize("message", ["一個月大概三萬出頭", "一個月3萬2", "30k a month po", "sebulan 28rb",
                                     "lương một tháng 29 nghìn"])
def test_one_month_beside_an_amount_is_a_rate_not_a_duration(message):
    assert [f for f in extract(message) if f.kind == "years"] == []


def test_one_month_on_its_own_is_still_a_duration():
    assert [(f.kind, f.value) for f in extract("才來一個月")] == [("years", round(1 / 12, 2))]


class _NoKeyTwice(yaml.SafeLoader):
    """A YAML loader that refuses a mapping with a key written twice (PyYAML keeps the last one silently)."""


def _mapping_once(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    twice = sorted({str(k) for k in keys if keys.count(k) > 1})
    assert not twice, f"{node.start_mark}: {twice} written twice, the first would be lost"
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_NoKeyTwice.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_once)


BOT_YAML = [*(ROOT / "bot").rglob("*.yaml"), *(ROOT / "bot").rglob("*.yml")]


@pytest.mark.parametrize("path", sorted(str(p.relative_to(ROOT)) for p in BOT_YAML))
def test_no_yaml_of_the_bot_writes_a_key_twice(path):
    """A second `this_employer:` in the lexicon's cues once replaced the first, and the what-if reader lost its words."""
    yaml.load((ROOT / path).read_text(encoding="utf-8"), Loader=_NoKeyTwice)
