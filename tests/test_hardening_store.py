"""Issue 10 (settings) and 12 (store) outside the channels: one settings module, the 0003 migration,
and logs that never hold a private value."""
from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from sqlalchemy import create_engine, text

from bot import settings
from bot.channels import redact
from bot.store import webhooks
from bot.store.db import engine
from bot.store.migrate import config

ROOT = Path(__file__).resolve().parent.parent
CONVERTED = [ROOT / "bot" / "privacy.py", *sorted((ROOT / "bot" / "channels").glob("*.py")),
             *sorted((ROOT / "bot" / "store").glob("*.py"))]


def test_environment_and_paths_are_read_in_the_settings_module_only():
    offenders = [str(p.relative_to(ROOT)) for p in CONVERTED
                 if re.search(r"os\.environ|os\.getenv|Path\(__file__\)\.resolve\(\)\.parent\.parent", p.read_text())]
    assert offenders == []
    assert settings.ROOT == ROOT and settings.VAR == ROOT / "var"


def test_limits_come_from_the_yaml_and_the_environment_overrides_them(monkeypatch):
    assert settings.limit("retention_days") == 180 and settings.limit("max_body_bytes") == 1_000_000
    monkeypatch.setenv("ADVISOR_RETENTION_DAYS", "30")
    monkeypatch.setenv("ADVISOR_DB_URL", "sqlite:////tmp/elsewhere.db")
    assert settings.limit("retention_days") == 30 and settings.db_url() == "sqlite:////tmp/elsewhere.db"
    monkeypatch.setenv("ADVISOR_DB_URL", "")
    assert settings.db_url() == f"sqlite:///{ROOT / 'var' / 'advisor.db'}"


def test_migration_0003_counts_ids_seen_before_it_as_answered(tmp_path):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url, future=True)
    with old.begin() as connection:
        cfg = config(old)
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0002")
        connection.execute(text("INSERT INTO seen_webhooks (platform, event_id, expires_at) "
                                "VALUES ('line', 'E-old', :later)"), {"later": dt.datetime(2100, 1, 1)})
    old.dispose()
    engine(url)  # upgrades to head
    assert not webhooks.claim("line", "E-old", url)  # answered before the upgrade: not again
    assert webhooks.claim("line", "E-new", url)
    with engine(url).begin() as connection:
        cfg = config(engine(url))
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0002")
        assert "done_at" not in [c["name"] for c in connection.execute(text("PRAGMA table_info(seen_webhooks)")).mappings()]
        command.upgrade(cfg, "head")


def test_a_private_value_is_scrubbed_from_every_record_and_traceback(caplog):
    redact.install()
    redact.install()  # once only, however many channels
    log = logging.getLogger("some.library")
    caplog.set_level(logging.DEBUG)
    with redact.private("請問移工轉中階的條件", "U1234567890abcdef", "是"):
        log.debug("got %s from %s", "請問移工轉中階的條件", "U1234567890abcdef")
        log.info("text='是' intent=affirm; 是否 stays readable")
        try:
            raise ValueError("bad 請問移工轉中階的條件")
        except ValueError:
            log.exception("failed")
    log.info("outside: 請問移工轉中階的條件")  # not private outside the block (no message is being handled)
    texts = [r.getMessage() + (r.exc_text or "") for r in caplog.records]
    assert "請問移工轉中階的條件" not in "".join(texts[:3]) and "U1234567890abcdef" not in "".join(texts[:3])
    assert "'是'" not in texts[1] and "是否 stays readable" in texts[1]
    assert redact.describe("請問移工轉中階的條件") in texts[0]
    assert texts[3] == "outside: 請問移工轉中階的條件"
