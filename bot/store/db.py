"""Engine and sessions. SQLite in var/ by default (embedded, no set-up); any SQLAlchemy URL by
ADVISOR_DB_URL, so several server processes can share PostgreSQL.

Every call waits at most `db_timeout_s` (bot/settings.yaml) for a lock or a connection. Async code
(the channels, the actions) runs store calls with `await run_db(fn, *args)`: in a small thread pool
of its own, never on the event loop, so a locked or slow database delays that one message only.
"""
from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot import settings
from bot.store.migrate import upgrade

T = TypeVar("T")


class StoreUnavailable(RuntimeError):
    """The store did not answer within the timeout (locked, down, or too slow)."""


def default_url() -> str:
    return settings.db_url()


def _connect_args(url: str, timeout_s: float) -> dict[str, Any]:
    if url.startswith("sqlite"):
        return {"timeout": timeout_s}  # SQLite's busy timeout: wait this long for a lock, then fail
    if url.startswith("postgresql"):
        ms = int(timeout_s * 1000)
        return {"connect_timeout": max(1, int(timeout_s)),
                "options": f"-c statement_timeout={ms} -c lock_timeout={ms}"}
    return {}


@lru_cache(maxsize=None)
def engine(url: str | None = None) -> Engine:
    url = url or default_url()
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    timeout_s = float(settings.limit("db_timeout_s"))
    pooling = {} if url.startswith("sqlite") else {"pool_timeout": timeout_s}  # SQLite files: no pool to wait on
    eng = create_engine(url, future=True, pool_pre_ping=True, connect_args=_connect_args(url, timeout_s), **pooling)
    upgrade(eng)  # alembic: the same migrations on SQLite and PostgreSQL
    return eng


@contextmanager
def session(url: str | None = None) -> Iterator[Session]:
    maker = sessionmaker(bind=engine(url), future=True, expire_on_commit=False)
    with maker() as s:
        yield s


@lru_cache(maxsize=1)
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=int(settings.limit("db_threads")), thread_name_prefix="store")


async def run_db(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`fn(*args, **kwargs)` in the store's threads; the event loop keeps serving everyone else.

    Raises StoreUnavailable when the database says it is locked or down, or when the call has not
    finished within the timeout (plus a second's grace for the database's own timeout to fire
    first); any other error is the call's own.
    """
    loop = asyncio.get_running_loop()
    future = loop.run_in_executor(_pool(), functools.partial(fn, *args, **kwargs))
    try:
        return await asyncio.wait_for(asyncio.shield(future), float(settings.limit("db_timeout_s")) + 1)
    except asyncio.TimeoutError:
        raise StoreUnavailable("the store did not answer in time") from None
    except OperationalError as exc:  # "database is locked", a refused connection, a statement timeout
        raise StoreUnavailable(type(exc.orig).__name__ if exc.orig is not None else "operational error") from None
