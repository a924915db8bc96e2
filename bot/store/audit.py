"""The console's audit log: who viewed, searched or exported which cases, and staff changes, when."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.store.consultations import now
from bot.store.db import session
from bot.store.models import AuditEntry

ACTIONS = ("sign_in", "sign_out", "case_view", "case_reopen", "cases_search", "cases_export",
           "staff_add", "staff_disable", "staff_enable", "staff_password")
LIST_LIMIT = 500


def record(username: str, action: str, consultation_id: int | None = None, detail: dict[str, Any] | None = None,
           url: str | None = None) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    with session(url) as s:
        s.add(AuditEntry(at=now(), username=username, action=action, consultation_id=consultation_id,
                         detail=detail))
        s.commit()


def entries(username: str | None = None, action: str | None = None, consultation_id: int | None = None,
            limit: int = LIST_LIMIT, url: str | None = None) -> list[AuditEntry]:
    """Newest first."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    for column, value in ((AuditEntry.username, username), (AuditEntry.action, action),
                          (AuditEntry.consultation_id, consultation_id)):
        if value is not None:
            query = query.where(column == value)
    with session(url) as s:
        return list(s.execute(query).scalars())
