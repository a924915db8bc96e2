"""A replica warms up before it is ready, and forgets the conversations it warmed up with."""
from __future__ import annotations

import asyncio

import pytest

from bot import health, warm_up


class Agent:
    def __init__(self, fail_on: str | None = None) -> None:
        self.said: list[tuple[str, str, str]] = []
        self.fail_on = fail_on
        self.tracker_store = None

    async def handle_message(self, message) -> None:
        self.said.append((message.sender_id, message.text, message.input_channel))
        if message.text == self.fail_on:
            raise RuntimeError("action server gone")


@pytest.fixture
def forgotten(monkeypatch):
    gone: list[tuple[str, str]] = []

    async def delete_tracker(store, sender):
        gone.append((sender, "rest"))
    monkeypatch.setattr("bot.channels.forget.delete_tracker", delete_tracker)
    return gone


def test_every_warm_up_conversation_is_sent_whole_and_then_forgotten(forgotten):
    agent = Agent()
    asyncio.run(warm_up.warm_up(agent))
    senders = list(dict.fromkeys(s for s, _, _ in agent.said))
    assert len(senders) == len(warm_up.CONVERSATIONS) and all(s.startswith("warm-up-") for s in senders)
    assert [t for _, t, _ in agent.said] == [t for turns in warm_up.CONVERSATIONS for t in turns]
    assert forgotten == [(s, "rest") for s in senders] and {c for _, _, c in agent.said} == {"rest"}


def test_a_warm_up_that_fails_still_forgets_and_does_not_hold_the_replica_back(forgotten):
    agent = Agent(fail_on=warm_up.CONVERSATIONS[0][2])

    async def probe_until_settled():
        warming, states = health.WarmUp(), []
        while not states or states[-1] == "running":
            states.append(warming.state(agent))
            await asyncio.sleep(0)
        return states
    states = asyncio.run(probe_until_settled())
    assert states[0] == "running" and states[-1] == "failed"
    assert len(forgotten) == 1  # the conversation it was in is forgotten; the rest were not started
