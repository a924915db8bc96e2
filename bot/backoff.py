"""One bounded retry with back-off for the shared stores (the Redis lock store, the SQL tracker store): a short
outage of Redis or PostgreSQL is ridden out instead of failing the message, and a long one still fails."""
from __future__ import annotations

import asyncio
import inspect
import logging
from typing import Any, Awaitable, Callable, Sequence, TypeVar, Union

T = TypeVar("T")


async def again(what: str, work: Callable[[], Union[T, Awaitable[T]]], errors: tuple[type[BaseException], ...],
                delays_s: Sequence[float], logger: logging.Logger) -> T:
    """`work()` (awaited when it returns an awaitable), tried again after each of `delays_s` while it raises one
    of `errors`; the last failure is raised."""
    for attempt, delay in enumerate((*delays_s, None)):
        try:
            result: Any = work()
            return await result if inspect.isawaitable(result) else result
        except errors as exc:
            if delay is None:
                raise
            logger.warning("%s failed (%s); trying again in %.2f s (%d)", what, type(exc).__name__, delay, attempt + 1)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")
