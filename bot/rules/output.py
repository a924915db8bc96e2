"""The verdict as the public JSON contract, with every message rendered in the user's language."""
from __future__ import annotations

from fractions import Fraction
from typing import Any

from bot.i18n import normalise_lang, text

from .parameters import default_parameters
from .result import ELIGIBLE, Condition, Message, Verdict


def jsonable(value: Any) -> Any:
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def message_text(message: Message, lang: str) -> str:
    return text(message.key, lang, message.params)


def condition_to_dict(c: Condition, lang: str) -> dict:
    return {
        "id": c.id,
        "passed": c.passed,
        "actual": jsonable(c.actual),
        "threshold": jsonable(c.threshold),
        "message": message_text(c.message, lang),
        "message_key": c.message.key,
        "reported": c.reported,
        "unconfirmed": c.unconfirmed,
        "sources": [s.to_dict() for s in c.sources],
    }


# Extension labels written in Chinese in contacts.yaml, said in the reader's language (catalog keys).
EXTENSION_LABELS = {"（就業服務）": "contact.ext_employment", "（職業訓練）": "contact.ext_training"}


def _phone(phone: str, lang: str) -> str:
    if lang == "zh-TW":
        return phone
    for label, key in EXTENSION_LABELS.items():
        phone = phone.replace(label, f" ({text(key, lang)})")
    return phone


def contact_to_dict(cid: str, lang: str) -> dict:
    contact = default_parameters().contacts[cid]
    out = {"id": cid, "name": text(contact["name"], lang), "phone": _phone(str(contact["phone"]), lang),
           "languages": contact["languages"]}
    if contact.get("url"):
        out["url"] = contact["url"]
    return out


def summary_key(v: Verdict) -> str:
    """The status line: from 2026 the scheme's new name, and "confirm" when a pass rests on an unsure value."""
    name = v.details.get("scheme", v.topic) if v.topic == "midlevel" else v.topic
    key = f"status.{name}.{v.status}"
    if v.status == ELIGIBLE and v.to_confirm:
        key += "_confirm"
    return key


def verdict_to_dict(v: Verdict, lang: str = "zh-TW") -> dict:
    lang = normalise_lang(lang)
    used = v.all_used
    out = {
        "topic": v.topic,
        "as_of": v.as_of.isoformat(),
        "rules_since": max(p.since for p in used).isoformat() if used else None,
        "lang": lang,
        "status": v.status,
        "summary": text(summary_key(v), lang),
        "to_confirm": [{"parameter": p.name, "since": p.since.isoformat(), "status": p.status,
                        "unconfirmed": p.unconfirmed} for p in v.to_confirm],
        "missing": v.missing,
        "missing_questions": [text(f"question.{key}", lang) for key in v.missing],
        "conditions": [condition_to_dict(c, lang) for c in v.conditions],
        "what_if": [{"fact": w.fact, "value": jsonable(w.value), "message": message_text(w.message, lang)} for w in v.what_if],
        "reported": v.reported,
        "notes": [message_text(m, lang) for m in v.notes] + [text(k, lang) for k in v.notices],
        "next_steps": [message_text(m, lang) for m in v.next_steps],
        "info": [message_text(m, lang) for m in v.info],
        "contacts": [contact_to_dict(cid, lang) for cid in dict.fromkeys(v.contacts)],
        "sources": [s.to_dict() for s in v.sources],
    }
    details = dict(v.details)
    if v.topic == "grants":
        details["programs"] = [{**p, "name": text(f"program.{p['id']}", lang), "owner": text(f"owner.{p['owner']}", lang)}
                               for p in details["programs"]]
    out.update(jsonable(details))
    return out
