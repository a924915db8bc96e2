"""The start-up rehearsal (bot/dialogue/rehearsal.py): its conversations are real interviews the step
understands, it renders without any store, and the Rasa server parses its messages once on load
without letting a failure stop the server."""
from __future__ import annotations

import asyncio

import pytest

from bot.dialogue import rehearsal


def test_the_owners_rehearsal_reaches_a_verdict_on_the_facts_it_says():
    topic, perspective, lang, messages = rehearsal.CONVERSATIONS[0]
    turn = rehearsal.converse(topic, perspective, lang, messages)
    facts = turn.state.facts
    assert facts["company.employees"] == 120 and facts["company.migrant_allocation"] == 30
    assert facts["company.migrant_workers"] == 25 and facts["company.midlevel_workers"] == 0
    assert facts["worker.years_with_employer"] == 7 and facts["worker.monthly_wage"] == 38000
    assert facts["worker.certificate"] is True


def test_every_rehearsal_conversation_sets_facts_in_its_language():
    for topic, perspective, lang, messages in rehearsal.CONVERSATIONS:
        turn = rehearsal.converse(topic, perspective, lang, messages)
        assert turn.state.lang == lang and turn.state.facts, (lang, messages)
        if perspective == "worker":  # each worker's message gives a wage and years, read in its language
            assert turn.state.facts.get("worker.monthly_wage", 0) >= 30000, (lang, turn.state.facts)


def test_rehearsing_touches_no_store(monkeypatch):
    from bot.store import consultations

    def refuse(*args, **kwargs):
        raise AssertionError("the rehearsal wrote to the consultation store")

    monkeypatch.setattr(consultations, "record", refuse)
    assert rehearsal.rehearse() >= 0


def test_a_failing_rehearsal_is_logged_not_raised(monkeypatch, caplog):
    monkeypatch.setattr(rehearsal, "rehearse", lambda: 1 / 0)
    rehearsal.rehearse_safely()
    assert "rehearsal failed" in caplog.text


class FakeAgent:
    def __init__(self, fail: bool = False):
        self.parsed: list[str] = []
        self.fail = fail

    async def parse_message(self, text: str) -> dict:
        self.parsed.append(text)
        if self.fail:
            raise RuntimeError("model broke")
        return {}


@pytest.mark.parametrize("fail", [False, True])
def test_the_rasa_server_parses_the_rehearsal_messages_once_on_load(monkeypatch, fail):
    from rasa.core import run as rasa_run

    from bot import rasa_server

    agent = FakeAgent(fail)

    async def load(*args, **kwargs):
        return agent

    monkeypatch.setattr(rasa_run, "load_agent_on_start", load)
    rasa_server._parse_once_on_load()
    loaded = asyncio.run(rasa_run.load_agent_on_start("model", None, None, None, None))
    assert loaded is agent  # the agent is still loaded, even when parsing failed
    assert agent.parsed == (rehearsal.MESSAGES[:1] if fail else rehearsal.MESSAGES)
