"""What a caller can receive: the full verdict text, and a short one that fits one LINE bubble
(settings: short_summary_chars), both in the caller's language (the `messages` catalogs)."""
from __future__ import annotations

from bot.dialogue.render import ICONS, render_verdict, title_key
from bot.i18n import text


def full_summary(verdict: dict) -> str:
    return render_verdict(verdict)


def _clip(line: str, room: int) -> str:
    return line if len(line) <= room else line[:max(room - 1, 0)] + "…"


def short_summary(verdict: dict, limit: int) -> str:
    """Headline and rules' date, then as many of these as fit, in this order: failed conditions,
    fitting programs, the facts still to give, the first contact. Never longer than `limit`."""
    lang, topic = verdict["lang"], verdict["topic"]
    colon = "：" if lang == "zh-TW" else ": "
    head = [f"【{text('render.title.' + title_key(verdict), lang)}】{text('chat.rules_date', lang, {'as_of': verdict['as_of']})}",
            verdict["summary"]]
    blocks: list[list[str]] = []
    if topic == "grants":
        fits = [p["name"] for p in verdict.get("programs") or [] if p.get("fit")]
        if fits:
            blocks.append([text("render.programs", lang) + colon, *(f"・{name}" for name in fits)])
    failed = [c for c in verdict["conditions"] if c["passed"] is False and not (topic == "grants" and c["id"] != "sme")]
    blocks += [[f"{ICONS[False]} {c['message']}"] for c in failed]
    if verdict["missing_questions"]:
        blocks.append([text("render.missing", lang) + colon])
        blocks += [[f"・{q}"] for q in verdict["missing_questions"]]
    blocks += [[f"☎ {c['name']}{colon}{c['phone']}"] for c in verdict["contacts"][:1]]
    out = "\n".join(head)
    if len(out) > limit:
        return _clip(out, limit)
    skipped_missing = False
    for block in blocks:
        piece = "\n".join(block)
        if block[0].startswith("・") and skipped_missing:
            continue
        if len(out) + 1 + len(piece) <= limit:
            out += "\n" + piece
        elif block[0].startswith("・") and len(block) == 1:
            skipped_missing = True  # keep the questions in order: none after one that did not fit
    return out
