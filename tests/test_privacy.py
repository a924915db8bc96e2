"""Forgetting a user, and retention: conversations and log rows go, others' stay."""
from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3

import pytest
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.forget import forget, is_forget_request
from bot.privacy import sender_hash, user_key
from bot.rules import check
from bot.store import consultations
from bot.store.retention import purge, purge_conversations


@pytest.mark.parametrize("message", ["/forget", "刪除我的資料", "删除我的资料！", "Delete my data.", "hapus data saya",
                                     "xóa dữ liệu của tôi", "ลบข้อมูลของฉัน"])
def test_forget_requests_in_every_language(message):
    assert is_forget_request(message)


@pytest.mark.parametrize("message", ["我想刪除我的資料之後再問補助", "forget it, how about grants", "/forgetful", ""])
def test_other_messages_are_not_forget_requests(message):
    assert not is_forget_request(message)


def test_the_log_key_is_the_channels_hash_made_once():
    assert user_key("telegram", "abc123") == "abc123"  # Telegram and LINE senders are hashes already
    assert user_key("rest", "alice") == sender_hash("rest", "alice") != "alice"


class Agent:
    def __init__(self, store):
        self.tracker_store = store


def test_forget_deletes_the_tracker_and_the_log_rows_and_answers_in_the_users_language(tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    domain = Domain.from_yaml("version: '3.1'\nslots:\n  language:\n    type: any\n    mappings:\n    - type: custom\n")
    store = InMemoryTrackerStore(domain)
    for sender, lang in (("alice", "id"), ("bob", "vi")):
        tracker = DialogueStateTracker.from_events(sender, [UserUttered("halo"), SlotSet("language", lang)],
                                                   slots=domain.slots)
        asyncio.run(store.save(tracker))
        verdict = check({"topic": "midlevel"})
        consultations.record(channel="rest", verdict=verdict, facts={"topic": "midlevel"}, language=lang,
                             summary="s", user_hash=user_key("rest", sender), url=url)
    lang = asyncio.run(forget("alice", "rest", agent=Agent(store), store_url=url))
    assert lang == "id"
    assert asyncio.run(store.retrieve("alice")) is None and asyncio.run(store.retrieve("bob")) is not None
    assert [r.user_hash for r in consultations.search(url=url)] == [user_key("rest", "bob")]


def test_retention_purges_old_conversation_events(tmp_path):
    db = tmp_path / "tracker.db"
    now = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
    with sqlite3.connect(db) as c:
        c.execute("create table events (id integer primary key, sender_id text, timestamp float)")
        c.execute("insert into events (sender_id, timestamp) values ('old', ?), ('new', ?)",
                  ((now - dt.timedelta(days=200)).timestamp(), (now - dt.timedelta(days=3)).timestamp()))
    assert purge_conversations(180, f"sqlite:///{db}", now=now) == 1
    with sqlite3.connect(db) as c:
        assert [r[0] for r in c.execute("select sender_id from events")] == ["new"]
    assert purge_conversations(180, f"sqlite:///{tmp_path / 'empty.db'}") == 0  # no tracker store yet
    assert purge(30, store_url=f"sqlite:///{tmp_path / 's.db'}") == (0, 0)
