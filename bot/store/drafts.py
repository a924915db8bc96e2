"""A call in progress, per operator: the console saves it as it changes, so a reload, a crash or a
new sign-in brings back the form, the chat and the notes of the same case."""
from __future__ import annotations

from typing import Any

from bot.store.consultations import now
from bot.store.db import session
from bot.store.models import ConsoleDraft


def save(username: str, case_key: str, state: dict[str, Any], url: str | None = None) -> None:
    with session(url) as s:
        s.merge(ConsoleDraft(username=username, case_key=case_key, state=state, updated_at=now()))
        s.commit()


def load(username: str, url: str | None = None) -> tuple[str, dict] | None:
    with session(url) as s:
        draft = s.get(ConsoleDraft, username)
        return (draft.case_key, draft.state) if draft else None


def clear(username: str, url: str | None = None) -> None:
    with session(url) as s:
        draft = s.get(ConsoleDraft, username)
        if draft is not None:
            s.delete(draft)
            s.commit()
