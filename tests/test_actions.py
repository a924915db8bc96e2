"""Actions with real rasa_sdk trackers and a CollectingDispatcher."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionAnswerFaq, ActionFallback, ActionReferProblem
from actions.form import ValidateAdvisorForm
from actions.lang import lang_of
from actions.verdict import ActionGiveVerdict, ActionVerdictDetails
from bot.dialogue.questions import buttons as buttons_for
from bot.dialogue.questions import question
from bot.i18n import text
from bot.nlu.extract import extract
from bot.rules import registry

FACT_SLOTS = [f.slot for f in registry.facts().values()]

CONTROL = ["topic", "previous_topic", "perspective", "skipped_facts", "misses", "requested_slot"]
COMPANY = {"company_industry": "manufacturing", "company_employees": 120, "company_migrant_allocation": 30,
           "company_migrant_workers": 30, "company_midlevel_workers": 0, "company_foreign_professionals": 0}


def entities(text):
    out = []
    for f in extract(text):
        e = {"entity": f.kind, "value": f.value, "start": f.start, "end": f.end}
        if f.role:
            e["role"] = f.role
        out.append(e)
    return out


def tracker(text="", intent="inform", slots=None, set_now=None, requested=None, history=()):
    """A tracker after one user message; `set_now` are slots set since it (none: the step reads the message)."""
    values = {s: None for s in FACT_SLOTS + CONTROL}
    values.update(slots or {})
    values.update(set_now or {})
    values["requested_slot"] = requested
    events = list(history) + [{"event": "user", "text": text}]
    events += [{"event": "slot", "name": k, "value": v} for k, v in (set_now or {}).items()]
    return Tracker("tester", values, {"text": text, "intent": {"name": intent, "confidence": 0.9},
                                      "entities": entities(text)},
                   events, False, None, {"name": "advisor_form"}, "action_listen")


def validate(t):
    """(slots set, what was said before the next question); the validation asks that question last."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateAdvisorForm().run(dispatcher, t, {}))
    slots = {e["name"]: e["value"] for e in events}
    said = [m.get("text") for m in dispatcher.messages]
    fact = registry.by_slot(slots.get("requested_slot") or "")
    if fact is not None and said:  # (leaving: nothing said, the rules take over)
        assert said[-1] == question(fact.id, lang_of(t), slots.get("perspective", t.get_slot("perspective"))), said
        said = said[:-1]
    return slots, said


def test_several_facts_in_one_message_then_the_next_missing_fact_is_asked():
    text = "我們做金屬加工，員工120人，移工30人，他做了7年，月薪3萬4"
    slots, said = validate(tracker(text, "inform"))
    assert {k: slots[k] for k in ("company_industry", "company_employees", "company_migrant_workers",
                                  "worker_monthly_wage")} == {"company_industry": "manufacturing", "company_employees": 120,
                                                              "company_migrant_workers": 30, "worker_monthly_wage": 34000}
    assert slots["topic"] == "midlevel"  # inferred from the worker facts
    assert slots["perspective"] == "employer"  # the company's headcounts come from the company
    assert slots["worker_continuous_years"] == 7  # "做了7年" without a cue: continuous years
    assert slots["requested_slot"] == "worker_occupation_group"
    # Five facts at once are said back, with a button to fix them.
    assert said == ["記下了：行業 製造業・員工人數 120・移工人數 30・每月經常性薪資 34,000・在臺連續工作年資 7"]


def test_the_asked_fact_is_read_from_a_plain_answer():
    slots, _ = validate(tracker("3.3萬", "inform", slots={"topic": "midlevel", **COMPANY},
                                requested="worker_monthly_wage"))
    assert slots["worker_monthly_wage"] == 33000


@pytest.mark.parametrize("answer, requested", [("3", "worker_monthly_wage"), ("3000000", "worker_monthly_wage"),
                                                ("200年", "worker_continuous_years")])
def test_impossible_values_are_asked_again(answer, requested):
    before = {"topic": "midlevel", **COMPANY}
    if requested == "worker_monthly_wage":
        before |= {"worker_continuous_years": 7, "worker_occupation_group": 7}
    slots, said = validate(tracker(answer, "inform", slots=before, requested=requested))
    assert slots.get(requested) is None  # not stored
    assert slots["requested_slot"] == requested
    assert any("看起來不太對" in s for s in said)


def test_dont_know_skips_the_question_and_moves_on():
    slots, said = validate(tracker("不知道", "dont_know", slots={"topic": "grants", "project_target": "product"},
                                   requested="company_industry"))
    assert slots["skipped_facts"] == ["company.industry"]
    assert slots["requested_slot"] == "company_employees"
    assert said == ["沒關係，這題先跳過。"]


def test_a_correction_changes_the_last_fact_of_that_kind():
    history = [{"event": "slot", "name": "company_migrant_workers", "value": 30},
               {"event": "slot", "name": "company_employees", "value": 120}]
    slots, said = validate(tracker("不對，是80人", "correct", slots={"topic": "midlevel", **COMPANY},
                                   requested="worker_continuous_years", history=history))
    assert slots["company_employees"] == 80
    assert said == ["好的，已更正員工人數為 80。"]


def test_switching_topic_and_coming_back():
    slots, said = validate(tracker("那補助有哪些", "ask_grants", slots={"topic": "midlevel", **COMPANY},
                                   requested="worker_continuous_years"))
    assert slots["topic"] == "grants" and slots["previous_topic"] == "midlevel"
    assert slots["requested_slot"] == "project_target"  # company facts carry over; the target is new
    assert "之後可以再回到中階技術人力評估" in said[0]
    back, said = validate(tracker("回到剛才的問題", "resume",
                                  slots={"topic": "grants", "previous_topic": "midlevel", **COMPANY},
                                  requested="project_target"))
    assert back["topic"] == "midlevel" and back["requested_slot"] == "worker_continuous_years"
    assert said == ["好的，回到中階技術人力評估。"]


def test_a_question_mid_interview_is_answered_and_the_interview_goes_on():
    slots, said = validate(tracker("薪資門檻是多少", "faq_salary", slots={"topic": "midlevel", **COMPANY},
                                   requested="worker_continuous_years"))
    assert slots["requested_slot"] == "worker_continuous_years"
    assert "NT$35,000" in said[0] and "(03)659-1996" in said[1]


def test_two_answers_not_understood_skip_the_question_instead_of_looping():
    first, said1 = validate(tracker("嗯哼", "nlu_fallback", slots={"topic": "midlevel", **COMPANY},
                                    requested="worker_continuous_years"))
    assert first["misses"] == 1 and first["requested_slot"] == "worker_continuous_years"
    second, said2 = validate(tracker("嗯哼", "nlu_fallback", slots={"topic": "midlevel", **COMPANY, "misses": 1},
                                     requested="worker_continuous_years"))
    assert second["skipped_facts"] == ["worker.continuous_years"]
    assert second["requested_slot"] != "worker_continuous_years"
    assert "先跳過" in said2[0]


def test_leaving_intents_are_left_to_the_rules():
    slots, said = validate(tracker("重新開始", "start_over", slots={"topic": "midlevel", **COMPANY},
                                   requested="worker_continuous_years"))
    assert slots == {"requested_slot": "worker_continuous_years"} and said == []


def test_a_number_is_an_answer_even_when_the_intent_guess_is_goodbye():
    slots, _ = validate(tracker("12", "goodbye", slots={"topic": "midlevel", **COMPANY},
                                requested="worker_continuous_years"))
    assert slots["worker_continuous_years"] == 12


def test_the_form_ends_when_nothing_is_missing():
    done = {"topic": "midlevel", **COMPANY, "worker_continuous_years": 7, "worker_occupation_group": 7}
    slots, _ = validate(tracker("37000", "inform", slots=done, requested="worker_monthly_wage"))
    assert slots["worker_monthly_wage"] == 37000
    assert slots["requested_slot"] is None


def run_verdict(slots):
    dispatcher = CollectingDispatcher()
    t = Tracker("tester", {s: None for s in FACT_SLOTS + CONTROL} | slots, {"intent": {"name": "inform"}},
                [], False, None, {}, "action_listen")
    asyncio.run(ActionGiveVerdict().run(dispatcher, t, {}))
    return dispatcher.messages


def test_verdict_message_for_an_employer():
    messages = run_verdict({"topic": "midlevel", **COMPANY, "worker_continuous_years": 7,
                            "worker_occupation_group": 7, "worker_monthly_wage": 37000})
    first = messages[0]["text"]
    # From 2026 the scheme's new name; a pass resting on a reported figure says "confirm" in the status line.
    assert first.startswith("【外國技術人力資格評估】") and "依目前資料符合外國技術人力的條件" in first
    assert "尚待公告確認" in first.splitlines()[1]
    assert "✅ 每月經常性薪資 NT$37,000，達門檻 NT$35,000。" in first
    assert "由雇主向勞動部提出" in messages[1]["text"]
    assert "注意：" in messages[1]["text"] and "新門檻僅適用新申請案" in messages[1]["text"]
    assert "(03)659-1996" in messages[-1]["text"] and "報導" in messages[-1]["text"]
    assert {b["payload"] for b in messages[-1]["buttons"]} == {"/faq_documents", "/start_over"}
    assert all(len(m["text"]) < 1500 for m in messages)  # fits a phone screen a message at a time


def test_verdict_for_a_worker_is_short_and_about_them():
    messages = run_verdict({"topic": "midlevel", "perspective": "worker", **COMPANY, "worker_continuous_years": 4,
                            "worker_years_with_employer": 4, "worker_cumulative_years": 4,
                            "worker_taiwan_degree": "none", "worker_occupation_group": 8,
                            "worker_monthly_wage": 37000, "previous_topic": "grants"})
    first = messages[0]["text"]
    assert len(messages) == 2 and sum(len(m["text"]) for m in messages) <= 700  # two bubbles on a phone
    assert "✅ 已符合：" in first and "❌ 還不符合年資" in first and "再工作 24 個月" in first
    assert first.index("❌ 還不符合年資") < first.index("雇主的部分")  # the employer's part is one line, last
    assert "核配" not in first and "50%" not in first  # no employer figures for the worker
    assert "1955" in messages[1]["text"]
    assert "/resume" in {b["payload"] for b in messages[-1]["buttons"]}


def test_a_follow_up_that_changes_nothing_gets_one_line_not_the_verdict_again():
    slots = {"topic": "midlevel", **COMPANY, "worker_continuous_years": 7, "worker_occupation_group": 7,
             "worker_monthly_wage": 37000}
    dispatcher = CollectingDispatcher()
    t = Tracker("tester", {s: None for s in FACT_SLOTS + CONTROL} | slots, {"intent": {"name": "inform"}},
                [], False, None, {}, "action_listen")
    events = asyncio.run(ActionGiveVerdict().run(dispatcher, t, {}))
    again = run_verdict({**slots, "last_verdict": events[0]["value"]})
    assert len(again) == 1 and again[0]["text"].startswith("資料沒有變，結果同上")


def test_question_buttons():
    assert [b["payload"] for b in buttons_for("worker.certificate", "zh-TW")] == ["/affirm", "/deny", "/dont_know"]
    industry = buttons_for("company.industry", "zh-TW")
    assert industry[0] == {"title": "製造業", "payload": '/inform{"industry":"manufacturing"}'}
    assert all(len(b["payload"].encode()) <= 64 for b in industry)  # Telegram callback data
    assert [b["title"] for b in buttons_for("worker.monthly_wage", "zh-TW")] == ["不知道"]


def test_faq_outside_the_interview_and_the_fallback_that_does_not_loop():
    dispatcher = CollectingDispatcher()
    t = Tracker("tester", {s: None for s in FACT_SLOTS + CONTROL} | {"company_region": "高雄市"},
                {"intent": {"name": "faq_contacts"}}, [], False, None, {}, "action_listen")
    asyncio.run(ActionAnswerFaq().run(dispatcher, t, {}))
    assert "高屏澎東分署" in dispatcher.messages[1]["text"]
    dispatcher = CollectingDispatcher()
    t = Tracker("tester", {s: None for s in FACT_SLOTS + CONTROL} | {"misses": 1},
                {"intent": {"name": "nlu_fallback"}}, [], False, None, {}, "action_listen")
    events = asyncio.run(ActionFallback().run(dispatcher, t, {}))
    assert "1955" in dispatcher.messages[0]["text"] and events[0]["value"] == 0
    # as the core fallback it must end the turn itself (it once ran ten times in a row)
    assert {"event": "followup", "name": "action_listen"} in [{k: e.get(k) for k in ("event", "name")} for e in events]


def test_a_worker_is_asked_about_themselves_not_the_employers_headcounts():
    own = {"topic": "midlevel", "perspective": "worker", "company_industry": "manufacturing",
           "worker_continuous_years": 7, "worker_occupation_group": 7}
    slots, _ = validate(tracker("3萬7", "inform", slots=own, requested="worker_monthly_wage"))
    assert slots["requested_slot"] is None  # the quota facts are the employer's: the verdict comes now


def test_an_unsure_message_asks_which_of_the_likeliest_intents_was_meant():
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "inform", "confidence": 0.3},
               {"name": "faq_salary", "confidence": 0.25}, {"name": "faq_who_qualifies", "confidence": 0.2},
               {"name": "faq_quota", "confidence": 0.15}]
    dispatcher = CollectingDispatcher()
    t = Tracker("tester", {s: None for s in FACT_SLOTS + CONTROL} | {"language": "id"},
                {"intent": {"name": "nlu_fallback"}, "intent_ranking": ranking}, [], False, None, {}, "action_listen")
    events = asyncio.run(ActionFallback().run(dispatcher, t, {}))
    said = dispatcher.messages[0]
    assert said["text"].startswith("Maaf, saya kurang yakin")  # in the user's language
    # the two likeliest questions (facts are not offered: a button cannot carry the message's figures)
    assert [b["payload"] for b in said["buttons"]] == ["/faq_salary", "/faq_who_qualifies", "/out_of_scope"]
    assert events[0]["value"] == 1


def test_a_problem_at_work_is_referred_to_1955_in_the_users_language():
    for lang, words in (("vi", "chuyển chủ"), ("th", "เปลี่ยนนายจ้าง"), ("zh-TW", "轉換雇主")):
        dispatcher = CollectingDispatcher()
        t = Tracker("tester", {s: None for s in FACT_SLOTS + CONTROL} | {"language": lang},
                    {"intent": {"name": "report_problem"}}, [], False, None, {}, "action_listen")
        asyncio.run(ActionReferProblem().run(dispatcher, t, {}))
        assert "1955" in dispatcher.messages[0]["text"] and words in dispatcher.messages[0]["text"]


def test_more_details_under_a_workers_short_verdict_gives_the_whole_verdict():
    slots = {"topic": "midlevel", "perspective": "worker", **COMPANY, "worker_continuous_years": 4,
             "worker_years_with_employer": 4, "worker_cumulative_years": 4, "worker_taiwan_degree": "none",
             "worker_occupation_group": 8, "worker_monthly_wage": 37000, "language": "vi"}
    short = run_verdict(slots)
    assert "/more_details" in {b["payload"] for b in short[-1]["buttons"]}
    dispatcher = CollectingDispatcher()
    t = Tracker("tester", {s: None for s in FACT_SLOTS + CONTROL} | slots, {"intent": {"name": "more_details"}},
                [], False, None, {}, "action_listen")
    asyncio.run(ActionVerdictDetails().run(dispatcher, t, {}))
    full = "\n".join(m["text"] for m in dispatcher.messages)
    assert len(full) > sum(len(m["text"]) for m in short)
    assert "50%" in full or "50 %" in full  # the employer's conditions too, which the short verdict leaves out
    assert "Nguồn" in full or "nguồn" in full  # in the worker's language
    employer = run_verdict({k: v for k, v in slots.items() if k != "perspective"})
    assert "/more_details" not in {b["payload"] for b in employer[-1]["buttons"]}


def test_more_details_for_a_worker_never_asks_for_the_employers_figures():
    """Issue 14: a worker who does not know the company's quota is not told to find it; the employer's
    conditions stay listed as the employer's, and the worker's own open facts are asked in their words."""
    slots = {"topic": "midlevel", "perspective": "worker", "company_industry": "manufacturing",
             "worker_continuous_years": 7, "worker_occupation_group": 8, "language": "en"}
    dispatcher = CollectingDispatcher()
    t = Tracker("tester", {s: None for s in FACT_SLOTS + CONTROL} | slots, {"intent": {"name": "more_details"}},
                [], False, None, {}, "action_listen")
    asyncio.run(ActionVerdictDetails().run(dispatcher, t, {}))
    full = "\n".join(m["text"] for m in dispatcher.messages)
    for fid in ("company.employees", "company.migrant_allocation", "company.migrant_workers"):
        assert text(f"question.{fid}", "en") not in full
    assert text("question_self.worker.monthly_wage", "en") in full
    assert text("chat.worker_employer", "en") in full


def test_a_what_if_after_the_verdict_is_answered_as_a_what_if_not_as_the_faq():
    """"如果薪水調到3萬6呢" after a verdict, taken for the wage FAQ or not understood at all: the verdict with
    NT$36,000 and what it changes, and the wage given stays as it was."""
    slots = {"topic": "midlevel", "perspective": "employer", **COMPANY, "worker_continuous_years": 7,
             "worker_occupation_group": 7, "worker_monthly_wage": 34000, "worker_certificate": False, "language": "zh-TW"}
    for intent, action in (("faq_salary", ActionAnswerFaq()), ("nlu_fallback", ActionFallback())):
        dispatcher = CollectingDispatcher()
        events = asyncio.run(action.run(dispatcher, tracker("如果薪水調到3萬6呢", intent, slots=slots), {}))
        said = "\n".join(m["text"] for m in dispatcher.messages)
        assert said.startswith("假設") and "36,000" in said, said
        assert "【薪資門檻】" not in said  # not the general wage answer
        assert not any(e.get("name") == "worker_monthly_wage" for e in events)


def test_a_first_message_of_facts_taken_for_an_faq_starts_the_interview_with_them():
    """Found running employers' conversations in the workers' languages: an HR's opening with the quota
    ("allocation of 75 migrant workers, 70 currently hired") was taken for the quota FAQ, answered with the
    general rule, and its figures were lost."""
    message = "Hi, I'm the HR of a factory in Taoyuan. 250 employees, allocation of 75 migrant workers, 70 currently hired"
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAnswerFaq().run(dispatcher, tracker(message, "faq_quota", slots={"language": "en"}), {}))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert {k: slots.get(k) for k in ("company_employees", "company_migrant_allocation", "company_migrant_workers")} == {
        "company_employees": 250, "company_migrant_allocation": 75, "company_migrant_workers": 70}
    assert events[-1] == {"event": "followup", "name": "advisor_form"} or events[-1].get("name") == "advisor_form"
    assert dispatcher.messages[0]["text"].startswith(text("chat.heard", "en", {"facts": ""}))


def test_an_unsure_message_keeps_the_facts_it_gave():
    """"hello po, I'm a caregiver in a nursing home, can I…?" unsure between greet and a request: the
    buttons ask which was meant, and the industry it gave is kept and said back."""
    dispatcher = CollectingDispatcher()
    message = "hello po, im a caregiver in a nursing home, can i be intermediate skilled?"
    t = Tracker("tester", {s: None for s in FACT_SLOTS + CONTROL} | {"language": "en"},
                {"text": message, "entities": entities(message), "intent": {"name": "nlu_fallback"},
                 "intent_ranking": [{"name": "greet", "confidence": 0.47},
                                    {"name": "ask_midlevel_worker", "confidence": 0.46}]},
                [], False, None, {}, "action_listen")
    events = asyncio.run(ActionFallback().run(dispatcher, t, {}))
    assert {"event": "slot", "name": "company_industry", "value": "institutional_care"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events]
    assert dispatcher.messages[0]["text"].startswith("Noted")


def test_a_near_tie_between_stating_facts_and_asking_for_a_check_is_the_check():
    """Found running whole conversations: an HR's opening with its figures and its request ("… Can our Filipino
    worker with 9 years become mid-level?") tied between inform and ask_midlevel; the buttons asked which, and the
    scripted reply in words ("I'm the employer") was no button, so the interview never started."""
    dispatcher = CollectingDispatcher()
    message = "Hi, HR here. We are a food factory in Tainan, 300 workers, 80 foreign, quota 90. Can our worker become mid-level?"
    t = Tracker("tester", {s: None for s in FACT_SLOTS + CONTROL} | {"language": "en"},
                {"text": message, "entities": entities(message), "intent": {"name": "nlu_fallback"},
                 "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.2}, {"name": "inform", "confidence": 0.47},
                                    {"name": "ask_midlevel", "confidence": 0.46}]},
                [], False, None, {}, "action_listen")
    events = asyncio.run(ActionFallback().run(dispatcher, t, {}))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots.get("topic") == "midlevel" and slots.get("company_migrant_allocation") == 90
    assert events[-1].get("name") == "advisor_form"
    assert not any(m.get("buttons") and "/ask_midlevel" in str(m["buttons"]) for m in dispatcher.messages)
