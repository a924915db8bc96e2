"""`advisor staff`: accounts that can sign in, or a clear refusal (exit 2), never a silent bad one."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.store import staff

ROOT = Path(__file__).resolve().parent.parent


def advisor(db: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "ADVISOR_DB_URL": db, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "bot.cli", "staff", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'staff.db'}"


@pytest.mark.parametrize("name, password, why", [
    ("", "correct horse battery", "empty"),
    ("   ", "correct horse battery", "empty"),
    ("amei chen", "correct horse battery", "no spaces"),
    (" amei", "correct horse battery", "no spaces"),
    ("a" * 65, "correct horse battery", "longer than 64"),
    ("amei", " " * 20, "other than spaces"),
    ("amei", "short", "at least 10"),
    ("amei", "a b c d e f g h i", "other than spaces"),  # nine letters among spaces
])
def test_staff_add_refuses_a_name_that_cannot_sign_in_or_a_password_of_spaces(db, name, password, why):
    r = advisor(db, "add", name, "--password-stdin", stdin=password + "\n")
    assert r.returncode == 2 and why in r.stderr and "Traceback" not in r.stderr
    assert not staff.has_users(url=db)


def test_staff_add_an_admin_then_disable_and_enable(db):
    r = advisor(db, "add", "阿美.chen", "--admin", "--password-stdin", stdin="correct horse battery\n")
    assert r.returncode == 0, r.stderr
    assert staff.get("阿美.chen", url=db).role == "admin" and staff.verify("阿美.chen", "correct horse battery", url=db)
    assert advisor(db, "disable", "阿美.chen").returncode == 0
    assert not staff.verify("阿美.chen", "correct horse battery", url=db)
    assert advisor(db, "enable", "阿美.chen").returncode == 0
    assert staff.verify("阿美.chen", "correct horse battery", url=db)
    r = advisor(db, "disable", "nobody")
    assert r.returncode == 2 and "no staff account" in r.stderr
