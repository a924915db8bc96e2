"""Property tests over random fact sets (issue 15 §2): no dead ends, and the right questions only.

Facts are drawn from the fact registry (``bot/rules/facts.yaml``), each topic's own, with numbers clustered around the
thresholds the
rules use, on dates around every effective date. Each property is checked for every topic.
"""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.i18n import LANGS, catalog
from bot.rules import check, evaluate, registry
from bot.rules.parameters import default_parameters

TOPICS = ("midlevel", "grants", "training")
HISTORY_FACTS = ("worker.continuous_years", "worker.years_with_employer", "worker.cumulative_years",
                 "worker.abroad_now", "worker.left_and_returned", "worker.overseas_qualified")

WAGES = [0, 23999, 24000, 25999, 26000, 27999, 28000, 28999, 29000, 29999, 30000, 30999, 31000, 31999, 32000,
         32999, 33000, 34999, 35000, 36999, 37000, 38999, 39000, 45000]
ANNUAL = [0, 384000, 499999, 500000, 600000]


def dates() -> st.SearchStrategy[dt.date]:
    """Every effective date, the day before it, and a few ordinary days."""
    params = default_parameters()
    marks = {d for name in params.names for d in params.dates(name)}
    days = sorted({d + dt.timedelta(days=k) for d in marks for k in (-1, 0)} |
                  {dt.date(2024, 6, 1), dt.date(2025, 6, 1), dt.date(2026, 6, 1), dt.date(2027, 3, 1)})
    return st.sampled_from([d for d in days if d >= dt.date(2023, 3, 15)])


def value_for(key: str) -> st.SearchStrategy:
    """A valid value for one fact, near the thresholds where the rules turn."""
    fact = registry.fact(key)
    name = fact.name
    if fact.kind == "choice":
        return st.sampled_from(list(fact.choices))
    if fact.kind == "region":
        return st.sampled_from(default_parameters().regions)
    if fact.kind == "yes_no":
        return st.booleans()
    if name == "monthly_wage":
        return st.sampled_from(WAGES)
    if name == "annual_wage":
        return st.sampled_from(ANNUAL)
    if fact.kind == "years":
        return st.integers(0, 150).map(lambda x: x / 10)
    if fact.kind == "hours":
        return st.sampled_from([0, 40, 79, 80, 100])
    if fact.kind == "amount":
        return st.sampled_from([0, 10000, 2000000, 100000000, 100000001])
    return st.integers(0, 250)


def keys_for(topic: str) -> list[str]:
    return [f.id for f in registry.for_topic(topic)]


@st.composite
def fact_sets(draw, topic: str) -> dict:
    raw: dict = {"topic": topic, "as_of": draw(dates()).isoformat()}
    for key in keys_for(topic):
        if draw(st.booleans()):
            part, name = key.split(".")
            raw.setdefault(part, {})[name] = draw(value_for(key))
    return raw


def known(raw: dict, key: str) -> bool:
    part, name = key.split(".")
    return raw.get(part, {}).get(name) is not None


def answer(raw: dict, key: str, value) -> dict:
    part, name = key.split(".")
    return {**raw, part: {**raw.get(part, {}), name: value}}


SETTINGS = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(data=st.data(), topic=st.sampled_from(TOPICS))
def test_need_more_info_always_asks_something_askable(data, topic):
    """Each open verdict names a fact not yet known, with a question in every language; answering the
    questions one by one, whatever the answers, ends in a verdict within as many steps as there are facts."""
    raw = data.draw(fact_sets(topic))
    for _ in range(len(keys_for(topic)) + 1):
        verdict = check(raw, today=dt.date(2026, 11, 24))
        if verdict["status"] != "need_more_info":
            return
        assert verdict["missing"], f"need_more_info with nothing to ask: {raw}"
        for key in verdict["missing"]:
            assert registry.fact(key) is not None and topic in registry.fact(key).topics, key
            assert not known(raw, key), f"{key} is asked although known: {raw}"
            for lang in LANGS:
                assert f"question.{key}" in catalog(lang), (lang, key)
        key = verdict["missing"][0]
        raw = answer(raw, key, data.draw(value_for(key)))
    raise AssertionError(f"still need_more_info after answering every question: {raw}")


short_years = st.integers(1, 59).map(lambda x: x / 10)


@SETTINGS
@given(continuous=short_years, extra=st.integers(0, 20), date=dates(),
       industry=st.sampled_from(["manufacturing", "construction", "sea_fishing", "slaughtering", "outreach_farming",
                                 "agriculture", "institutional_care", "home_care"]))
def test_a_worker_short_of_the_years_is_not_yet_in_months(continuous, extra, date, industry):
    """A current migrant worker short of the years: "not yet", months to go, and no degree question."""
    same = min(continuous + extra / 10, 5.9)
    raw = {"topic": "midlevel", "as_of": date.isoformat(), "company": {"industry": industry},
           "worker": {"continuous_years": continuous, "years_with_employer": same, "left_and_returned": False,
                      "abroad_now": False}}
    v = evaluate(raw)
    hist = next(c for c in v.conditions if c.id == "worker_history")
    assert hist.passed is False
    assert hist.message.key == "midlevel.worker_history.not_yet"
    months = hist.message.params["months"]
    need = hist.message.params["years"]
    assert isinstance(months, int) and months >= 1
    # Counted on whole months (5.9 years are 71 months, one short of 72), never as "0.1 years".
    assert months == round(need * 12) - round(max(continuous, same) * 12)
    assert "worker.taiwan_degree" not in v.missing
    assert any(w.message.key == "whatif.history" and w.message.params["months"] == months for w in v.what_if)


@SETTINGS
@given(data=st.data())
def test_the_degree_is_asked_only_of_graduates_or_when_nothing_else_can_pass(data):
    raw = data.draw(fact_sets("midlevel"))
    verdict = check(raw, today=dt.date(2026, 11, 24))
    if "worker.taiwan_degree" not in verdict["missing"]:
        return
    worker = raw.get("worker", {})
    if worker.get("first_hire_student"):
        return
    # Not a graduate: nothing is left to ask about the other paths, and none of them can pass.
    assert not [k for k in HISTORY_FACTS if k in verdict["missing"]], verdict["missing"]
    without = check(answer(raw, "worker.taiwan_degree", "none"), today=dt.date(2026, 11, 24))
    assert next(c for c in without["conditions"] if c["id"] == "worker_history")["passed"] is False


@SETTINGS
@given(data=st.data())
def test_employed_here_is_asked_only_when_it_changes_the_verdict(data):
    raw = data.draw(fact_sets("midlevel"))
    worker = {k: v for k, v in raw.get("worker", {}).items() if k != "employed_here"}
    raw = {**raw, "worker": worker}
    verdict = check(raw, today=dt.date(2026, 11, 24))

    def quota(employed_here: bool):
        v = check(answer(raw, "worker.employed_here", employed_here), today=dt.date(2026, 11, 24))
        return next((c["passed"] for c in v["conditions"] if c["id"] == "quota_foreign_share"), "absent")

    changes = quota(True) != quota(False)
    assert ("worker.employed_here" in verdict["missing"]) == changes, (raw, verdict["missing"])
