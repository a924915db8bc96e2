"""Engine and sessions. SQLite in var/ by default (embedded, no set-up); any SQLAlchemy URL by
ADVISOR_DB_URL, so several server processes can share PostgreSQL."""
from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.store.migrate import upgrade

ROOT = Path(__file__).resolve().parent.parent.parent


def default_url() -> str:
    return os.environ.get("ADVISOR_DB_URL") or f"sqlite:///{ROOT / 'var' / 'advisor.db'}"


@lru_cache(maxsize=None)
def engine(url: str | None = None) -> Engine:
    url = url or default_url()
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    eng = create_engine(url, future=True, pool_pre_ping=True)
    upgrade(eng)  # alembic: the same migrations on SQLite and PostgreSQL
    return eng


@contextmanager
def session(url: str | None = None) -> Iterator[Session]:
    maker = sessionmaker(bind=engine(url), future=True, expire_on_commit=False)
    with maker() as s:
        yield s
