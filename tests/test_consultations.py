"""The consultation log and staff accounts, on SQLite and, when .ci/run started one, on PostgreSQL."""
from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from bot.dialogue.render import render_verdict
from bot.rules import check
from bot.store import consultations, migrate, staff
from bot.store.db import engine
from bot.store.models import Base

PG_ADMIN_URL = os.environ.get("ADVISOR_TEST_PG_URL")  # e.g. postgresql://advisor@/postgres?host=/tmp


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    if not PG_ADMIN_URL:
        pytest.skip("no PostgreSQL (ADVISOR_TEST_PG_URL unset; .ci/run starts one)")
    name = f"advisor_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    yield url
    engine(url).dispose()
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def give(url, facts, channel="telegram", user="u1", lang="zh-TW", case=None):
    verdict = check(facts, lang=lang)
    return consultations.record(channel=channel, verdict=verdict, facts=facts, language=lang, user_hash=user,
                                case_key=case, summary=render_verdict(verdict), url=url)


WORKER = {"topic": "midlevel", "as_of": "2026-06-01", "company": {"industry": "manufacturing"},
          "worker": {"continuous_years": 4, "occupation_group": 8, "monthly_wage": 38000}}
GRANTS = {"topic": "grants", "as_of": "2026-06-01", "company": {"industry": "manufacturing", "employees": 50},
          "project": {"target": "product"}}


def test_the_migrations_build_exactly_the_models(db_url):
    with engine(db_url).connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_a_verdict_is_stored_with_its_facts_date_and_language_and_the_user_only_hashed(db_url):
    row_id = give(db_url, WORKER, user="9f2c…hash", lang="id")
    (row,) = consultations.search(url=db_url)
    assert row.id == row_id and row.channel == "telegram" and row.language == "id"
    assert row.topic == "midlevel" and row.status == "need_more_info" and row.as_of == dt.date(2026, 6, 1)
    assert row.facts == WORKER and row.verdict["status"] == "need_more_info"
    assert row.user_hash == "9f2c…hash"


def test_search_by_text_topic_status_and_counts(db_url):
    give(db_url, WORKER)
    give(db_url, GRANTS, user="u2")
    give(db_url, GRANTS, channel="console", user=None)
    assert [r.topic for r in consultations.search(topic="grants", url=db_url)] == ["grants", "grants"]
    assert len(consultations.search(channel="console", url=db_url)) == 1
    assert [r.topic for r in consultations.search(text="SBIR", url=db_url)] == ["grants", "grants"]
    assert [r.topic for r in consultations.search(text="manufacturing", topic="midlevel", url=db_url)] == ["midlevel"]
    assert consultations.search(text="no such words", url=db_url) == []
    assert consultations.counts(url=db_url) == {("midlevel", "need_more_info"): 1, ("grants", "eligible"): 2}


def test_a_console_case_is_one_row_updated_as_facts_change(db_url):
    give(db_url, {"topic": "midlevel", "as_of": "2026-06-01"}, channel="console", user=None, case="case-1")
    give(db_url, WORKER, channel="console", user=None, case="case-1")
    (row,) = consultations.search(url=db_url)
    assert row.facts == WORKER and row.status == "need_more_info"


def test_forgetting_a_user_deletes_only_their_rows(db_url):
    give(db_url, WORKER, user="u1")
    give(db_url, GRANTS, user="u1")
    give(db_url, GRANTS, user="u2")
    assert consultations.forget("u1", url=db_url) == 2
    assert [r.user_hash for r in consultations.search(url=db_url)] == ["u2"]


def test_retention_purges_rows_older_than_n_days(db_url):
    give(db_url, WORKER)
    later = consultations.now() + dt.timedelta(days=31)
    assert consultations.purge(30, url=db_url, today=later) == 1
    give(db_url, GRANTS)
    assert consultations.purge(30, url=db_url) == 0
    assert len(consultations.search(url=db_url)) == 1


def test_staff_passwords_are_hashed_and_checked(db_url):
    staff.set_password("amei", "correct horse battery", url=db_url)
    assert staff.verify("amei", "correct horse battery", url=db_url)
    assert not staff.verify("amei", "wrong password!", url=db_url)
    assert not staff.verify("nobody", "correct horse battery", url=db_url)
    with engine(db_url).connect() as c:
        stored = c.execute(text("select password_hash from staff_users")).scalar_one()
    assert stored.startswith("$argon2") and "correct horse" not in stored
    with pytest.raises(staff.WeakPassword):
        staff.set_password("amei", "short", url=db_url)


def test_an_old_database_without_migrations_keeps_its_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url, future=True)
    with old.begin() as c:  # as create_all made it before alembic
        c.execute(text("create table seen_webhooks (platform varchar(16), event_id varchar(128), "
                       "expires_at datetime not null, primary key (platform, event_id))"))
        c.execute(text("create table push_targets (sender_hash varchar(64) primary key, platform varchar(16) "
                       "not null, raw_id varchar(128) not null, updated_at datetime not null)"))
        c.execute(text("create table button_keys (key varchar(32) primary key, payload text not null)"))
        c.execute(text("insert into button_keys values ('k1', '/inform')"))
    with engine(url).connect() as c:
        assert c.execute(text("select payload from button_keys")).scalar_one() == "/inform"
        head = ScriptDirectory.from_config(migrate.config(engine(url))).get_current_head()
        assert c.execute(text("select version_num from alembic_version")).scalar_one() == head


def test_staff_sessions_end_at_sign_out_password_change_and_disabling(db_url):
    staff.set_password("amei", "correct horse battery", url=db_url)
    one, two = staff.start_session("amei", 10, url=db_url), staff.start_session("amei", 10, url=db_url)
    assert staff.session_user(one, url=db_url).username == "amei"
    staff.end_session(one, url=db_url)
    assert staff.session_user(one, url=db_url) is None and staff.session_user(two, url=db_url) is not None
    staff.set_password("amei", "another good password", url=db_url)
    assert staff.session_user(two, url=db_url) is None
    three = staff.start_session("amei", 10, url=db_url)
    staff.set_disabled("amei", True, url=db_url)
    assert staff.session_user(three, url=db_url) is None and not staff.verify("amei", "another good password",
                                                                               url=db_url)
    expired = staff.start_session("amei", -1, url=db_url)
    staff.set_disabled("amei", False, url=db_url)
    assert staff.session_user(expired, url=db_url) is None
    with engine(db_url).connect() as c:  # the store keeps only hashes of session ids
        stored = {row[0] for row in c.execute(text("select id_hash from staff_sessions"))}
    assert expired not in stored and len(stored) >= 1


def test_the_sign_in_lock_out_counts_recent_failures_in_the_store(db_url):
    limits = staff.Limits(window=dt.timedelta(minutes=15), per_account_and_address=2, per_address=3, per_account=4)
    staff.failed("amei", "10.0.0.1", limits, url=db_url)
    assert not staff.locked("amei", "10.0.0.1", limits, url=db_url)
    staff.failed("amei", "10.0.0.1", limits, url=db_url)
    assert staff.locked("amei", "10.0.0.1", limits, url=db_url)
    assert not staff.locked("amei", "10.0.0.2", limits, url=db_url)  # her own desk
    staff.failed("amei", "10.0.0.2", limits, url=db_url)
    staff.failed("amei", "10.0.0.3", limits, url=db_url)
    assert staff.locked("amei", "10.0.0.9", limits, url=db_url)  # a guess spread over addresses
    staff.failed("x", "10.0.0.1", limits, url=db_url)
    assert staff.locked("boss", "10.0.0.1", limits, url=db_url)  # one address trying many accounts
    later = staff.Limits(window=dt.timedelta(seconds=0), per_account_and_address=2, per_address=3, per_account=4)
    assert not staff.locked("amei", "10.0.0.1", later, url=db_url)  # all older than the window
    staff.succeeded("amei", "10.0.0.2", url=db_url)
    assert not staff.locked("amei", "10.0.0.2", staff.Limits(dt.timedelta(minutes=15), 1, 99, 99), url=db_url)


def test_staff_names_and_passwords_that_could_never_work_are_refused(db_url):
    for name in ("", " ", "amei chen", "amei\n", "-amei", "a" * 65):
        with pytest.raises(staff.BadUsername):
            staff.set_password(name, "correct horse battery", url=db_url)
    for password in (" " * 30, "\t" * 12, "short"):
        with pytest.raises(staff.WeakPassword):
            staff.set_password("amei", password, url=db_url)
    staff.set_password("阿美", "correct horse battery", role="admin", url=db_url)
    assert staff.get("阿美", url=db_url).role == "admin"


def test_audit_entries_and_drafts(db_url):
    from bot.store import audit, drafts
    row_id = give(db_url, WORKER)
    audit.record("amei", "case_view", consultation_id=row_id, url=db_url)
    audit.record("amei", "cases_export", detail={"ids": [row_id]}, url=db_url)
    audit.record("boss", "staff_add", detail={"username": "amei"}, url=db_url)
    assert [(e.username, e.action) for e in audit.entries(url=db_url)] == [
        ("boss", "staff_add"), ("amei", "cases_export"), ("amei", "case_view")]
    assert [e.action for e in audit.entries(consultation_id=row_id, url=db_url)] == ["case_view"]
    with pytest.raises(ValueError):
        audit.record("amei", "made_up", url=db_url)
    drafts.save("amei", "c1", {"facts": {"company.employees": "5"}}, url=db_url)
    drafts.save("amei", "c2", {"notes": "第二通"}, url=db_url)
    assert drafts.load("amei", url=db_url) == ("c2", {"notes": "第二通"}) and drafts.load("boss", url=db_url) is None
    drafts.clear("amei", url=db_url)
    assert drafts.load("amei", url=db_url) is None


def test_search_finds_readable_words_and_the_time_bounds_are_utc(db_url):
    give(db_url, {**GRANTS, "company": {**GRANTS["company"], "region": "臺中市"}}, user="u9")
    give(db_url, {"topic": "midlevel", "as_of": "2026-06-01", "company": {"industry": "home_care"}}, user="u8")
    assert [r.user_hash for r in consultations.search(text="台中", url=db_url)] == ["u9"]
    assert [r.user_hash for r in consultations.search(text="家庭看護", url=db_url)] == ["u8"]
    assert [r.user_hash for r in consultations.search(text="HOME CARE", url=db_url)] == ["u8"]
    assert consultations.search(text="100%_", url=db_url) == []  # LIKE wildcards are literal
    future = consultations.now() + dt.timedelta(days=1)
    assert consultations.search(since=future, url=db_url) == []
    assert len(consultations.search(until=future, url=db_url)) == 2
    assert consultations.counts(text="台中", url=db_url) == {("grants", "eligible"): 1}
