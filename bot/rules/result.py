"""What the rules return: one result per legal condition, gathered into a verdict.

Messages are keys with parameters, not text: any channel renders them in the user's language.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from .parameters import ParamValue, Source

ELIGIBLE, NOT_ELIGIBLE, NEED_MORE_INFO = "eligible", "not_eligible", "need_more_info"


@dataclass
class Message:
    key: str
    params: dict = field(default_factory=dict)


@dataclass
class Condition:
    id: str
    passed: bool | None
    actual: Any
    threshold: Any
    message: Message
    used: tuple[ParamValue, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def sources(self) -> list[Source]:
        return unique_sources(self.used)

    @property
    def reported(self) -> bool:
        return any(p.reported for p in self.used)

    @property
    def unconfirmed(self) -> bool:
        return any(p.unconfirmed for p in self.used)


@dataclass
class WhatIf:
    fact: str
    value: Any
    message: Message


@dataclass
class Verdict:
    topic: str
    as_of: dt.date
    status: str
    conditions: list[Condition]
    missing: list[str]
    what_if: list[WhatIf]
    details: dict = field(default_factory=dict)
    notes: list[Message] = field(default_factory=list)
    next_steps: list[Message] = field(default_factory=list)
    info: list[Message] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    used: tuple[ParamValue, ...] = ()
    # The parameters the answer rests on, when not all it consulted (grants: the programs listed).
    rests_on: tuple[ParamValue, ...] | None = None

    @property
    def all_used(self) -> list[ParamValue]:
        """Every parameter behind the answer, each once: its sources, notices and statuses."""
        params = self.rests_on if self.rests_on is not None else (
            *self.used, *(u for c in self.conditions for u in c.used))
        seen: dict[tuple, ParamValue] = {}
        for p in params:
            seen.setdefault((p.name, p.since), p)
        return list(seen.values())

    @property
    def reported(self) -> bool:
        return any(p.reported for p in self.all_used)

    @property
    def sources(self) -> list[Source]:
        return unique_sources(self.all_used)

    @property
    def to_confirm(self) -> list[ParamValue]:
        """The values behind the answer that rest on a press report or were carried forward unconfirmed."""
        return [p for p in self.all_used if p.reported or p.unconfirmed]

    @property
    def notices(self) -> list[str]:
        """Catalog keys the parameters behind this verdict ask to be shown, each once."""
        return merge_missing(*(p.notices for p in self.all_used))


def unique_sources(params: Iterable[ParamValue]) -> list[Source]:
    seen: dict[str, Source] = {}
    for p in params:
        for s in p.sources:
            seen.setdefault(s.id, s)
    return list(seen.values())


def status_of(conditions: Iterable[Condition]) -> str:
    """A failed condition decides; otherwise an unknown one leaves the question open."""
    passed = [c.passed for c in conditions]
    if any(p is False for p in passed):
        return NOT_ELIGIBLE
    if any(p is None for p in passed):
        return NEED_MORE_INFO
    return ELIGIBLE


def any_of(results: Iterable[bool | None]) -> bool | None:
    """Three-valued OR: one path that passes is enough; all failing fails."""
    results = list(results)
    if any(r is True for r in results):
        return True
    if results and all(r is False for r in results):
        return False
    return None


def at_least(actual: float | None, threshold: float | None) -> bool | None:
    """Whether a known value reaches a threshold; None when either is unknown."""
    if actual is None or threshold is None:
        return None
    return actual >= threshold


def merge_missing(*groups: Iterable[str]) -> list[str]:
    """Missing facts in order of first mention, each once."""
    out: dict[str, None] = {}
    for group in groups:
        for key in group:
            out.setdefault(key, None)
    return list(out)
