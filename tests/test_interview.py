"""The terminal interview asks only what the rules still miss, in order, and ends in a verdict."""
from __future__ import annotations

import pytest
from conftest import TODAY

from bot.dialogue.answers import read
from bot.dialogue.terminal import interview, run
from bot.nlu.extract import bare_number


class Script:
    """Answers prompts from a list and records what was asked and said."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.asked: list[str] = []
        self.said: list[str] = []

    def ask(self, prompt: str) -> str:
        self.asked.append(prompt)
        assert self.answers, f"asked more than scripted: {prompt}"
        return self.answers.pop(0)

    def say(self, message: str) -> None:
        self.said.append(message)


def test_midlevel_interview_reaches_a_verdict_asking_only_what_matters():
    s = Script(["製造業", "7", "7", "3.3萬", "45萬", "是", "30", "0", "100", "20", "0"])
    verdict = interview("midlevel", s.ask, s.say, "zh-TW", today=TODAY)
    assert s.answers == [] and s.said == []
    assert s.asked[0].startswith("貴公司屬於哪個行業")
    assert s.asked[1].startswith("這位移工在臺灣連續工作幾年")
    # Seven continuous years settle the history: the other history questions are never asked.
    assert not any("累計工作幾年" in q or "學位" in q for q in s.asked)
    assert "每月經常性薪資是多少" in s.asked[3]
    # NT$33,000 is below the 2026 line of NT$35,000, so the yearly pay comes up next.
    assert "一年的總薪資" in s.asked[4]
    # A certificate settles the technical condition: no training-hours question.
    assert not any("小時" in q for q in s.asked)
    assert "規定適用日期：2026-11-24" in verdict
    assert "❌ 每月經常性薪資 NT$33,000 未達 NT$35,000，年總薪資 NT$450,000 也未達 NT$500,000。" in verdict
    assert "月薪調到 NT$35,000 以上，即符合薪資條件。" in verdict
    assert "✅ 核配移工 30 人 × 100% ＝ 最多 30 名中階人力；聘僱後為 1 名，未超過。" in verdict


def test_skipping_leaves_the_fact_open_and_moves_on():
    s = Script(["公開班", "不知道", "不知道"])
    verdict = interview("training", s.ask, s.say, "zh-TW", today=TODAY)
    assert [q[:6] for q in s.asked] == ["想參加哪一種", "學員是否具特", "課程在哪個縣"]
    # With the share still open, the cost is not worth asking; the verdict lists what is missing.
    assert "【還需要的資料】\n・學員是否具特殊身分" in verdict
    assert "一般身分政府負擔最高 80%；特殊身分或南部地區開課最高 90%" in verdict


def test_a_bad_answer_is_explained_and_asked_again():
    s = Script(["public", "abc", "no", "Springfield", "高雄", "10000"])
    verdict = interview("training", s.ask, s.say, "en", today=TODAY)
    assert "Please type" not in s.said[0]  # a yes/no question gets the yes/no hint
    assert s.said[0] == "(answer yes / no)"
    assert "unknown city or county" in s.said[1]
    assert "up to 90%" in verdict
    assert "NT$9,000" in verdict


def test_quit_ends_the_session_politely():
    s = Script(["2", "結束"])
    run(s.ask, s.say, "zh-TW", today=TODAY)
    assert s.said[-1] == "謝謝使用，祝順利！"


@pytest.mark.parametrize("text, value", [("33000", 33000), ("33,000", 33000), ("3.3萬", 33000), ("33k", 33000),
                                         ("6.5", 6.5), ("120人", 120), ("80小時", 80), ("三萬", 30000),
                                         ("3萬8", 38000), ("", None)])
def test_numbers_typed_in_common_forms(text, value):
    # One reader of numbers for the chat, the console and the terminal (the extractor's).
    assert bare_number(text) == value


def test_the_terminal_takes_a_wage_as_the_chat_does():
    s = Script(["製造業", "7", "7", "3萬8", "30", "0", "100", "20", "0"])
    verdict = interview("midlevel", s.ask, s.say, "zh-TW", today=TODAY)
    assert s.said == [] and "月薪" not in s.asked[4]  # understood the first time
    assert "✅ 每月經常性薪資 NT$38,000" in verdict


def test_choices_accept_number_code_or_name():
    assert read("company.industry", "1").value == "manufacturing"
    assert read("company.industry", "營造業").value == "construction"
    assert read("company.industry", "software").value == "software"
    answer = read("company.industry", "礦業")
    assert not answer.understood and "1=製造業" in answer.complaint


def test_no_to_a_question_with_a_none_option_means_none():
    assert read("worker.taiwan_degree", "沒有").value == "none"
    assert read("worker.taiwan_degree", "否").value == "none"
