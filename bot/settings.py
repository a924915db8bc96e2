"""Environment variables and paths, read in one place.

The repository root, var/ and the operating limits (settings.yaml beside this file) live here;
every variable the advisor reads from the environment is a function below, read when called, so a
test or a deployment can set it at any time.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
MODELS = ROOT / "models"
SETTINGS_FILE = Path(__file__).with_name("settings.yaml")

# setting → the environment variable that overrides it
OVERRIDES = {"retention_days": "ADVISOR_RETENTION_DAYS", "db_timeout_s": "ADVISOR_DB_TIMEOUT_S"}


def env(name: str, default: str | None = None) -> str | None:
    """An environment variable; empty counts as unset."""
    return os.environ.get(name) or default


@lru_cache(maxsize=1)
def _file() -> dict[str, Any]:
    return yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))


def limit(name: str) -> Any:
    """A value of settings.yaml, or its environment override, typed like the file's value."""
    value = _file()[name]
    override = env(OVERRIDES.get(name, ""), None) if name in OVERRIDES else None
    return type(value)(override) if override is not None else value


# --- secrets and addresses (never committed; see credentials.yml) ---

def id_secret() -> str | None:
    """ADVISOR_ID_SECRET: the key of the sender hashes (else var/id-secret, made once)."""
    return env("ADVISOR_ID_SECRET")


def id_secret_file() -> Path:
    return VAR / "id-secret"


def db_url() -> str:
    """ADVISOR_DB_URL, else SQLite in var/."""
    return env("ADVISOR_DB_URL") or f"sqlite:///{VAR / 'advisor.db'}"


def telegram(credentials: dict | None = None) -> dict[str, str | None]:
    c = credentials or {}
    return {"token": c.get("access_token") or env("TELEGRAM_TOKEN"),
            "secret": c.get("secret_token") or env("TELEGRAM_SECRET_TOKEN"),
            "username": c.get("verify") or env("TELEGRAM_BOT_USERNAME"),
            "api_base": c.get("api_base") or env("TELEGRAM_API_BASE")}


def line(credentials: dict | None = None) -> dict[str, str | None]:
    c = credentials or {}
    return {"secret": c.get("channel_secret") or env("LINE_CHANNEL_SECRET"),
            "token": c.get("access_token") or env("LINE_ACCESS_TOKEN"),
            "api_base": c.get("api_base") or env("LINE_API_BASE")}


def session_key() -> str | None:
    """ADVISOR_SESSION_KEY: the console's cookie key (else var/session-key). For bot/console/auth.py."""
    return env("ADVISOR_SESSION_KEY")
