"""The interview step on its own (no Rasa): what each message changes, says and asks next."""
from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import TODAY

from bot.dialogue.step import MAX_MESSAGE, Incoming, State, step
from bot.i18n import text
from bot.nlu.extract import as_entities

EMPLOYER = {"company.industry": "manufacturing", "company.employees": 120, "company.migrant_allocation": 30,
            "company.migrant_workers": 30, "company.midlevel_workers": 0, "company.foreign_professionals": 0}


def say(text, state=None, intent="inform", **kw):
    state = state or State(**kw)
    return step(state, Incoming(text, intent, as_entities(text)), today=TODAY)


@pytest.mark.parametrize("message, expected", [
    ("公司全部120人", {"company.employees": 120}),
    ("移工22人 外國專業人才0人", {"company.migrant_workers": 22, "company.foreign_professionals": 0}),
    ("核配移工40人", {"company.migrant_allocation": 40}),
    ("核配40 目前移工35", {"company.migrant_allocation": 40, "company.migrant_workers": 35}),
    ("中階0 白領0", {"company.midlevel_workers": 0, "company.foreign_professionals": 0}),
    ("其中一個菲律賓的", {}),
    ("他們是同一個老闆", {}),
    ("泰勞焊工", {"worker.occupation_group": 7}),
    ("顧織布機的", {"worker.occupation_group": 8}),
    ("做食品的", {"company.industry": "manufacturing"}),
    ("營運模式創新", {}),  # a grant's target, in a conversation about mid-level workers: passing talk
    ("他有技術士證", {"worker.certificate": True}),
    ("他沒有技術士證", {"worker.certificate": False}),
    ("60幾個人", {}),  # a headcount with no word for whose: not guessed
])
def test_a_number_fills_the_fact_its_words_name(message, expected):
    turn = say(message, topic="midlevel", perspective="employer")
    assert turn.changed == expected


def test_a_phrase_fills_a_fact_of_the_topic_being_discussed():
    assert say("營運模式創新", topic="grants").changed == {"project.target": "business_model"}
    assert say("中階技術人力是什麼", intent="faq_who_qualifies").changed == {}  # 技術 is no grant target here


def test_a_correction_takes_the_new_value_not_the_old():
    before = State(facts=dict(EMPLOYER, **{"company.migrant_workers": 25}), topic="midlevel", perspective="employer")
    turn = say("不對 移工是20個 不是25", before, "correct")
    assert turn.changed == {"company.migrant_workers": 20} and turn.ignored == ["25"]
    assert turn.replies[0].text == "好的，已更正移工人數為 20。"
    region = say("在台中 不是高雄", State(facts={"company.region": "高雄市"}, topic="midlevel", perspective="employer"),
                 "correct")
    assert region.changed == {"company.region": "臺中市"}


def test_a_correction_that_changes_nothing_says_so_and_asks_which():
    before = State(facts=dict(EMPLOYER), topic="midlevel", perspective="employer", recent=["company.employees"])
    turn = say("不對", before, "correct")
    assert turn.changed == {} and "沒有改到任何資料" in turn.replies[-1].text and "員工人數 120" in turn.replies[-1].text


WORKER = {"worker.continuous_years": 6, "worker.monthly_wage": 33000, "worker.certificate": True}


@pytest.mark.parametrize("message, lang, intent, withdrawn", [
    ("剛剛說他有證照是我亂講的", "zh-TW", "correct", "worker.certificate"),
    ("薪水那個先不要算 我不確定", "zh-TW", "dont_know", "worker.monthly_wage"),
    ("gaji tadi salah, nanti saya tanya dulu", "id", "correct", "worker.monthly_wage"),
    ("wait po, hindi pala 6 years, di ko sure", "en", "correct", "worker.continuous_years"),
    ("không phải 6 năm đâu, để em hỏi lại", "vi", "correct", "worker.continuous_years"),
])
def test_a_value_taken_back_without_a_new_one_is_removed_said_and_asked_again(message, lang, intent, withdrawn):
    before = State(facts=dict(EMPLOYER, **WORKER), topic="midlevel", perspective="employer", lang=lang,
                   asking="worker.training_hours")
    turn = say(message, before, intent)
    assert turn.changed == {withdrawn: None} and withdrawn not in turn.state.facts
    assert turn.asking == withdrawn and turn.verdict is not None and withdrawn in turn.verdict.missing
    assert turn.heard and turn.replies[0].text == turn.heard
    waiting = [c for c in turn.verdict.conditions if withdrawn in c.missing]
    assert waiting and all(c.passed is None for c in waiting)


def test_a_correction_naming_a_value_it_keeps_or_a_what_if_takes_nothing_back():
    before = State(facts=dict(EMPLOYER, **WORKER), topic="midlevel", perspective="employer", lang="zh-TW")
    assert say("不對，是6年", before, "correct").state.facts["worker.continuous_years"] == 6
    what_if = say("nếu em ở thêm nửa năm nữa là đủ 6 năm phải không", replace(before, lang="vi"), "correct")
    assert what_if.state.facts == before.facts and what_if.what_if


@pytest.mark.parametrize("message, asking, fact", [("總共65", "company.migrant_allocation", "company.migrant_allocation"),
                                                   ("in total 40 po", "company.migrant_workers", "company.migrant_workers"),
                                                   ("總共120人", "company.employees", "company.employees"),
                                                   ("全廠總共120人", "company.migrant_allocation", "company.employees")])
def test_a_total_alone_answers_the_headcount_asked_unless_staff_words_say_whose(message, asking, fact):
    turn = say(message, State(topic="midlevel", perspective="employer", asking=asking))
    assert list(turn.changed) == [fact]


@pytest.mark.parametrize("lang, parts, total, fact, value", [
    ("zh-TW", "A廠核配40人、B廠核配25人", "總共65", "company.migrant_allocation", 65),
    ("en", "plant A 30 migrant workers and plant B 12 migrant workers, 150 employees total", "42 in total",
     "company.migrant_workers", 42),
])
def test_parts_of_a_headcount_are_not_stored_and_their_total_is_asked_next(lang, parts, total, fact, value):
    before = State(facts={"company.industry": "manufacturing"}, topic="midlevel", perspective="employer", lang=lang,
                   asking="company.employees")
    turn = say(parts, before)
    assert fact not in turn.changed and turn.asking == fact
    assert any(text(f"fact.{fact}", lang) in r.text for r in turn.replies)
    assert say(total, turn.state).changed == {fact: value}


@pytest.mark.parametrize("message, lang, perspective", [("I'm the employer", "en", "employer"),
                                                       ("我是雇主的家人", "zh-TW", "employer")])
def test_who_is_speaking_answered_in_words_taken_for_a_problem_is_an_answer(message, lang, perspective):
    turn = say(message, State(topic="midlevel", lang=lang, asking="perspective"), "report_problem")
    assert turn.state.perspective == perspective and turn.asking != "perspective"
    assert not turn.replies  # no 1955 referral, no "not understood": the next question follows


def test_a_message_answering_the_question_is_no_new_topic_whatever_its_intent():
    before = State(facts=dict(EMPLOYER), topic="midlevel", perspective="employer", asking="worker.training_hours")
    turn = say("訓練喔 她有去上長照的課 社會局辦的 好像24小時", before, "ask_training")
    assert turn.state.topic == "midlevel" and turn.changed == {"worker.training_hours": 24}
    assert say("有沒有焊接的課可以上", before, "ask_training").state.topic == "training"


@pytest.mark.parametrize("message, asking, fact, value", [
    ("kalau gaji sy 26rb kak", "worker.monthly_wage", "worker.monthly_wage", 26000),
    ("kalau tanpa putus 5 tahun", "worker.continuous_years", "worker.continuous_years", 5),
    ("kalau sertifikat belum ada kak", "worker.certificate", "worker.certificate", False),
])
def test_kalau_before_a_topic_is_as_for_not_if(message, asking, fact, value):
    turn = say(message, State(topic="midlevel", perspective="worker", lang="id", asking=asking))
    assert turn.changed == {fact: value} and not turn.what_if


@pytest.mark.parametrize("message", ["kalau gajinya naik jadi 31rb gimana", "kalau gaji naik jadi 31rb, berarti lolos"])
def test_kalau_with_a_change_or_a_question_is_still_a_what_if(message):
    before = State(facts={"worker.monthly_wage": 28000}, topic="midlevel", perspective="worker", lang="id")
    turn = say(message, before)
    assert turn.state.facts == before.facts and turn.what_if == {"worker.monthly_wage": 31000}


@pytest.mark.parametrize("message, lang, intent, asking, known, expected", [
    # the second play round (2026-12-08): each was a fact lost, or one stored that was not given
    ("xưởng Đài Trung có 28 lao động di trú, xưởng Chương Hóa có 17", "vi", "inform", "company.migrant_workers", {},
     {"company.industry": "manufacturing"}),
    ("tổng cộng hai xưởng là 45 người, hạn ngạch cũng là 45", "vi", "inform", "company.migrant_workers", {},
     {"company.industry": "manufacturing", "company.migrant_workers": 45, "company.migrant_allocation": 45}),
    ("hindi pala 7, 6 years lang po", "en", "correct", None, {"worker.continuous_years": 7}, {"worker.continuous_years": 6}),
    ("kalau gaji aku 26rb sebulan", "id", "inform", "worker.monthly_wage", {}, {"worker.monthly_wage": 26000}),
    ("ora tau ikut kursus blas", "id", "dont_know", "worker.training_hours", {}, {"worker.training_hours": 0}),
    ("นายจ้างไม่เคยจัดครับ", "th", "deny", "worker.self_training_hours", {}, {"worker.self_training_hours": 0}),
])
def test_what_a_play_round_found_reads_right(message, lang, intent, asking, known, expected):
    turn = say(message, State(facts=dict(known), topic="midlevel", perspective="employer", lang=lang, asking=asking), intent)
    assert turn.changed == expected and not turn.what_if


@pytest.mark.parametrize("message, intent", [("沒有", "deny"), ("0個", "inform"), ("都沒有", "inform"),
                                             ("zero", "inform")])
def test_none_and_zero_answer_a_headcount(message, intent):
    turn = say(message, State(facts={}, topic="midlevel", perspective="employer", asking="company.midlevel_workers"),
               intent)
    assert turn.changed == {"company.midlevel_workers": 0}


def test_a_what_if_is_answered_and_nothing_is_stored():
    facts = dict(EMPLOYER, **{"worker.continuous_years": 7, "worker.occupation_group": 7, "worker.monthly_wage": 33000})
    before = State(facts=facts, topic="midlevel", perspective="employer", asking="worker.annual_wage")
    turn = say("如果月薪是3萬5呢", before)
    assert turn.changed == {} and turn.state.facts == facts and turn.what_if == {"worker.monthly_wage": 35000}
    assert "假設每月經常性薪資 35,000" in turn.replies[0].text and "沒有改變" in turn.replies[0].text
    english = say("what if they raise it to 36k", State(facts=facts, topic="midlevel", perspective="employer",
                                                         lang="en"))
    assert english.changed == {} and english.what_if == {"worker.monthly_wage": 36000}


def test_an_if_in_another_clause_does_not_make_a_fact_hypothetical():
    turn = say("I don't know if I qualify, I have worked 6 years", State(lang="en", topic="midlevel",
                                                                         perspective="worker"))
    assert turn.changed == {"worker.continuous_years": 6} and turn.what_if is None


def test_negative_and_impossible_values_are_refused_with_the_reason():
    turn = say("月薪-3000", topic="midlevel", perspective="employer")
    assert turn.changed == {} and "不能是負的" in turn.replies[0].text
    turn = say("月薪300萬", topic="midlevel", perspective="employer")
    assert turn.changed == {} and "看起來不太對" in turn.replies[0].text


def test_facts_are_said_back_when_several_are_set():
    turn = say("員工120人，核配40人，移工35人", topic="midlevel", perspective="employer")
    assert turn.heard == "記下了：員工人數 120・核配移工人數 40・移工人數 35"
    assert turn.replies[0].buttons[0]["payload"] == "/correct"


def test_the_open_question_takes_only_an_answer_without_words_of_its_own():
    asked_years = State(facts=dict(EMPLOYER), topic="midlevel", perspective="employer",
                        asking="worker.continuous_years")
    turn = say("核配40人", asked_years)
    assert turn.changed == {"company.migrant_allocation": 40}  # not the years
    assert say("7", asked_years).changed == {"worker.continuous_years": 7}
    assert say("我們公司有150個員工", asked_years).changed == {"company.employees": 150}
    # The answer among other facts: "做了7年" answers the years asked, the rest fill their own facts.
    both = say("員工120人，移工30人，他做了7年，月薪3萬7", State(topic="midlevel", perspective="employer",
                                                  asking="worker.continuous_years"))
    assert both.changed == {"company.employees": 120, "company.migrant_workers": 30, "worker.continuous_years": 7,
                            "worker.monthly_wage": 37000}


def test_who_is_speaking_is_asked_once_when_unclear_and_said_words_decide():
    first = say("可以轉中階嗎", intent="inform", topic="midlevel")
    assert first.asking == "perspective"
    assert [b["payload"] for b in first.question().buttons][:2] == ["/ask_midlevel", "/ask_midlevel_worker"]
    hr = say("不是我喔 我是人資，我們的移工做了6年", intent="ask_midlevel_worker")
    assert hr.state.perspective == "employer" and hr.asking == "company.industry"


def test_a_foreign_certificate_is_not_taiwans():
    before = State(facts={}, topic="midlevel", perspective="worker", lang="en", asking="worker.certificate")
    turn = say("yes I have TESDA NC II", before, "affirm")
    assert "worker.certificate" not in turn.changed and "TESDA" in turn.replies[0].text


def test_a_message_too_long_is_refused_kindly_and_loses_nothing():
    before = State(facts=dict(EMPLOYER), topic="midlevel", perspective="employer", asking="worker.continuous_years")
    turn = say("1年" * MAX_MESSAGE, before)
    assert turn.changed == {} and turn.state.facts == EMPLOYER and "太長" in turn.replies[0].text
    assert turn.asking == "worker.continuous_years"


def test_a_problem_at_work_mid_interview_is_referred_and_the_question_kept():
    known = {"company.industry": "manufacturing", "worker.continuous_years": 7, "worker.occupation_group": 7}
    turn = say("agensi potong gaji 1800 tiap bulan", intent="report_problem", topic="midlevel", facts=known,
               perspective="worker", asking="worker.monthly_wage", lang="id")
    assert turn.changed == {}  # the deduction is not the wage
    assert any("1955" in r.text for r in turn.replies) and turn.asking == "worker.monthly_wage"
    assert turn.state.misses == 0


def test_an_aside_mid_interview_is_declined_briefly_and_the_question_kept():
    known = {"company.industry": "manufacturing", "worker.continuous_years": 7, "worker.occupation_group": 7}
    turn = say("hari ini hujan gak ya", intent="out_of_scope", topic="midlevel", perspective="worker", facts=known,
               asking="worker.monthly_wage", lang="id")
    assert turn.changed == {} and turn.asking == "worker.monthly_wage" and turn.state.misses == 0
    assert turn.replies[0].text.startswith("Kalau itu saya belum bisa bantu")


@pytest.mark.parametrize("message", ["快六年了", "almost 6 years po", "hampir 6 tahun", "gần 6 năm", "เกือบ 6 ปี"])
def test_almost_a_figure_is_not_taken_as_it(message):
    turn = say(message, topic="midlevel", perspective="worker", asking="worker.continuous_years")
    assert turn.changed == {} and turn.state.misses == 1  # not understood: asked again, never guessed


def test_a_topic_guess_does_not_change_who_is_speaking():
    """An employer asking about grants in words a worker might use ("我想先問有什麼補助可以申請") stays the
    employer, and a worker's ask_midlevel guess does not make them an employer; their own words do."""
    turn = say("等一下，我想先問有什麼補助計畫可以申請？", intent="ask_midlevel_worker", topic="grants",
               perspective="employer", facts=dict(EMPLOYER))
    assert turn.state.perspective == "employer"
    turn = say("I'm just a worker po, I don't know the company figures", intent="ask_midlevel", topic="midlevel",
               perspective="employer", asking="company.employees")
    assert turn.state.perspective == "worker"


def test_a_message_that_is_not_an_answer_is_not_a_miss_and_thanks_is_answered():
    facts = {"company.industry": "manufacturing"}
    turn = say("謝謝", intent="thanks", topic="midlevel", perspective="employer", asking="company.employees",
               facts=dict(facts))
    assert turn.state.misses == 0 and "company.employees" not in turn.state.skipped
    assert [r.text for r in turn.replies] == ["不客氣！"]
    turn = say("你好", intent="greet", topic="midlevel", perspective="employer", asking="company.employees",
               facts=dict(facts))
    assert turn.state.misses == 0 and turn.replies == []


def test_an_answer_refused_twice_skips_the_question_and_no_to_a_money_question_skips_it():
    """Found by people playing owners: "0" to the yearly pay was refused as implausible four times in a row (a
    refusal counted as understood), and "沒有" got "please type a number"."""
    known = {"company.industry": "manufacturing", "worker.monthly_wage": 33000}
    state = State(facts=known, topic="midlevel", perspective="employer", asking="worker.annual_wage")
    first = say("0", state)
    assert first.changed == {} and first.state.misses == 1 and len(first.replies) == 1  # the reason, said once
    second = say("0", replace(first.state, asking="worker.annual_wage"))
    assert "worker.annual_wage" in second.state.skipped and second.asking != "worker.annual_wage"
    no = say("沒有", State(facts=known, topic="midlevel", perspective="employer", asking="worker.annual_wage"), "deny")
    assert no.changed == {} and "worker.annual_wage" in no.state.skipped


def test_a_what_if_taken_for_an_faq_is_answered_as_a_what_if_only():
    state = State(facts={**EMPLOYER, "worker.monthly_wage": 33000}, topic="midlevel", perspective="employer",
                  asking="worker.certificate")
    turn = say("如果薪水調到3萬6呢", state, "faq_salary")
    assert turn.what_if == {"worker.monthly_wage": 36000} and turn.changed == {}
    assert [r.text[:2] for r in turn.replies] == ["假設"]  # not the general wage answer as well
    asked = say("所以調到36000他就可以了嗎", state)
    assert asked.what_if == {"worker.monthly_wage": 36000} and asked.changed == {}


def test_a_figure_with_no_words_fills_the_topics_own_fact():
    """Found playing an owner asking about training: "總共24萬" about a class was stored as a monthly wage of
    240,000 (and later made the worker eligible on the wage exemption)."""
    turn = say("上課的人數是30個，每人8000，總共24萬", State(topic="training", perspective="employer"))
    assert turn.changed == {"training.cost": 240000}


def test_a_vietnamese_worker_speaking_of_their_own_work_is_the_worker():
    """Found running a Vietnamese caregiver's conversation: "em lam o vien duong lao…" was asked whether they were
    the employer or the worker."""
    turn = say("em lam o vien duong lao o Dao Vien 4 nam, em len trung cap duoc ko", State(lang="vi", topic="midlevel"))
    assert turn.state.perspective == "worker" and turn.asking != "perspective"


def test_a_problem_guess_that_states_a_fact_records_it_without_the_referral():
    turn = say("Chủ vừa trả lời: được phân bổ 20 người.", intent="report_problem", topic="midlevel", lang="vi",
               facts={"company.industry": "manufacturing"}, perspective="employer", asking="company.migrant_allocation")
    assert turn.changed == {"company.migrant_allocation": 20}
    assert not any("1955" in r.text for r in turn.replies)


def test_months_unpaid_in_a_problem_are_no_stay_in_taiwan():
    turn = say("majikan gak bayar gaji 2 bulan", intent="report_problem", topic="midlevel", lang="id",
               perspective="worker", asking="worker.monthly_wage")
    assert turn.changed == {} and any("1955" in r.text for r in turn.replies)


@pytest.mark.parametrize("lang", ["zh-TW", "en", "id", "vi", "th"])
@pytest.mark.parametrize("perspective", ["employer", "worker"])
def test_a_caregiver_is_not_asked_about_ida_or_a_manufacturing_trade(lang, perspective):
    from bot.dialogue.questions import question

    for fid in ("worker.certificate", "worker.practical_recognition"):
        care = question(fid, lang, perspective, "home_care")
        factory = question(fid, lang, perspective, "manufacturing")
        assert "IDA" not in care and "產發署" not in care and "製造" not in care and "manufactur" not in care.lower()
        if fid == "worker.practical_recognition":
            assert "IDA" in factory or "產發署" in factory  # the factory keeps the video recognition it knows


@pytest.mark.parametrize("lang", ["zh-TW", "en", "id", "vi", "th"])
def test_a_household_is_not_asked_about_its_company(lang):
    """A family employing a home caregiver was asked "貴公司目前已聘僱幾位中階技術人力": a household has no company."""
    from bot.dialogue.questions import question

    for fid in ("company.midlevel_workers", "company.migrant_workers", "company.region", "worker.employed_here"):
        home, firm = question(fid, lang, "employer", "home_care"), question(fid, lang, "employer", "manufacturing")
        assert home != firm
        assert not any(word in home.lower() for word in ("公司", "company", "perusahaan", "công ty", "บริษัท"))


@pytest.mark.parametrize("message, skips", [("ano po requirements? para alam ko po muna", False), ("hindi ko po alam", True),
                                            ("不知道耶?", True), ("gak tau kak", True)])
def test_a_question_read_as_dont_know_skips_nothing(message, skips):
    """A question the model took for "don't know" ("alam ko" is "I know") asked something: the question asked stays."""
    state = State(topic="midlevel", perspective="worker", asking="worker.continuous_years")
    turn = say(message, state, "dont_know")
    assert ("worker.continuous_years" in turn.state.skipped) == skips
