"""A verdict as readable text: what a user sees in the terminal, and later in chat.

Works from the contract dict (``verdict_to_dict``), so every channel shows the same thing.
"""
from __future__ import annotations

from bot.i18n import LIST_SEPARATOR, catalog, format_value, text
from bot.rules import registry

ICONS = {True: "✅", False: "❌", None: "❔"}


def _section(title_key: str, lines: list[str], lang: str, bullet: str = "・") -> list[str]:
    if not lines:
        return []
    return ["", f"【{text(title_key, lang)}】", *(f"{bullet}{line}" for line in lines)]


def _source_line(source: dict, lang: str) -> str:
    return f"{source['title']}（{text('render.status.' + source['status'], lang)}）{source['url']}"


def _program_line(p: dict, lang: str) -> str:
    line = p["name"]
    if p["fit"] is None:
        line += text("render.program_maybe", lang)
    line += f" — {p['owner']}"
    if p["ceiling"]:
        tiers = "、".join(f"{text('ceiling.' + k, lang)} NT${format_value(v, lang)}" for k, v in p["ceiling"].items())
        line += f"；{text('render.ceiling', lang)}：{tiers}"
        if p["unconfirmed"]:
            line += text("render.unconfirmed", lang)
    return f"{line}　{p['url']}"


def title_key(d: dict) -> str:
    """The topic's title; from 2026 mid-level workers are foreign technical workers (the JSON's scheme)."""
    return d.get("scheme", d["topic"]) if d["topic"] == "midlevel" else d["topic"]


def render_verdict(d: dict) -> str:
    lang = d["lang"]
    out = [f"{text('render.title.' + title_key(d), lang)}",
           text("render.as_of", lang, {"as_of": d["as_of"], "rules_since": d["rules_since"] or d["as_of"]}),
           "", d["summary"]]
    if d["topic"] == "grants":
        out += _section("render.programs", [_program_line(p, lang) for p in d["programs"]], lang)
    out += _section("render.conditions", [f"{ICONS[c['passed']]} {c['message']}" for c in d["conditions"]
                                          if not (d["topic"] == "grants" and c["passed"] is False)], lang, bullet="")
    if d["topic"] == "training":
        extra = []
        if d["government_share"] is not None:
            extra.append(text("render.share", lang, {"share": _fraction(d["government_share"])}))
        if d["subsidy"] is not None:
            extra.append(text("render.subsidy", lang, {"subsidy": d["subsidy"]}))
        out += ["", *extra] if extra else []
    out += _section("render.what_if", [w["message"] for w in d["what_if"]], lang)
    out += _section("render.missing", d["missing_questions"], lang)
    out += _section("render.next_steps", d["next_steps"], lang)
    notes = d["notes"] + ([text("render.reported_warning", lang)] if d["reported"] else [])
    out += _section("render.notes", notes, lang)
    out += _section("render.info", d["info"], lang)
    out += _section("render.contacts", [f"{c['name']}：{c['phone']}" + (f"　{c['url']}" if c.get("url") else "")
                                        for c in d["contacts"]], lang)
    out += _section("render.sources", [_source_line(s, lang) for s in d["sources"]], lang)
    return "\n".join(out)


NOT_FOR_THIS_PROJECT = ("grants.program.fail_target", "grants.program.fail_industry")
WHY_NONE_LINES = 3


def why_none(d: dict) -> list[dict]:
    """No program fits: first the programs that would fit this project but fail on something else (a closed
    round, the SME test), else the first few that want another target or industry."""
    failed = [c for c in d["conditions"] if c["id"] != "sme" and c["passed"] is False]
    near = [c for c in failed if c["message_key"] not in NOT_FOR_THIS_PROJECT]
    return near or failed[:WHY_NONE_LINES]


def _fraction(value: float):
    from fractions import Fraction
    return Fraction(value).limit_denominator(1000)


# Conditions a worker meets personally; the rest are the employer's to satisfy and file.
WORKER_CONDITIONS = {"worker_history", "occupation", "salary", "technical"}
CHAT_MAX_CONTACTS = 3
CHAT_MAX_SOURCES = 2


def render_chat(d: dict, perspective: str | None = None) -> list[str]:
    """A verdict as a few short chat messages: the result, what to do, whom to ask and on what basis."""
    lang = d["lang"]
    head = [f"【{text('render.title.' + title_key(d), lang)}】{text('chat.rules_date', lang, {'as_of': d['as_of']})}",
            d["summary"]]
    if d["topic"] == "grants":
        programs = [_program_line(p, lang) for p in d["programs"]]
        if programs:
            head += ["", text("render.programs", lang) + "：", *(f"・{p}" for p in programs)]
        elif d["status"] == "not_eligible":
            head += ["", text("render.why_none", lang) + "：", *(f"❌ {c['message']}" for c in why_none(d))]
    conditions = [c for c in d["conditions"] if not (d["topic"] == "grants" and c["id"] != "sme")]
    if d["topic"] == "midlevel" and perspective == "worker":
        mine = [c for c in conditions if c["id"] in WORKER_CONDITIONS]
        theirs = [c for c in conditions if c["id"] not in WORKER_CONDITIONS]
        head += ["", text("chat.worker_mine", lang), *(f"{ICONS[c['passed']]} {c['message']}" for c in mine)]
        if theirs:
            head += ["", text("chat.worker_employer", lang), *(f"{ICONS[c['passed']]} {c['message']}" for c in theirs)]
    else:
        head += ["", *(f"{ICONS[c['passed']]} {c['message']}" for c in conditions)]
    if d["topic"] == "training" and d["government_share"] is not None:
        head.append(text("render.share", lang, {"share": _fraction(d["government_share"])}))
        if d["subsidy"] is not None:
            head.append(text("render.subsidy", lang, {"subsidy": d["subsidy"]}))
    messages = ["\n".join(head)]

    todo = []
    if d["what_if"]:
        todo += [text("render.what_if", lang) + "：", *(f"・{w['message']}" for w in d["what_if"])]
    missing = missing_for(d, perspective)
    if missing:
        todo += [text("render.missing", lang) + "：", *(f"・{q}" for q in missing)]
    steps = d["next_steps"] + ([text("chat.worker_employer_files", lang)] if perspective == "worker" else [])
    todo += [text("render.next_steps", lang) + "：", *(f"・{s}" for s in steps)]
    if d["notes"]:
        todo += [text("render.notes", lang) + "：", *(f"・{n}" for n in d["notes"])]
    messages.append("\n".join(todo))

    contacts = [f"☎ {c['name']}：{c['phone']}" for c in d["contacts"][:CHAT_MAX_CONTACTS]]
    messages.append("\n".join(contacts + [chat_footer(d["as_of"], [source_title(s, lang) for s in d["sources"]],
                                                       d["reported"], lang)]))
    return messages


def missing_for(d: dict, perspective: str | None) -> list[str]:
    """The questions still open, as the reader can answer them: a worker is never given the employer's
    figures to find (the employer's conditions are listed above as theirs), and is asked in their own words."""
    if perspective != "worker":
        return d["missing_questions"]
    from .questions import question  # here: the questions read answers with the extractor, which the CLI never loads
    return [question(fid, d["lang"], perspective) for fid in d["missing"]
            if (f := registry.fact(fid)) is not None and "worker" in f.asked]


WORKER_SOURCE_CHARS = 48  # a worker sees one source, shortened; the full list is in "more details"


def render_worker_chat(d: dict) -> list[str]:
    """A worker's verdict in two short bubbles: what you meet, what is missing and when, one line for the
    employer's part, and whom to call. The employer's figures and notes are the employer's business."""
    lang = d["lang"]
    mine = [c for c in d["conditions"] if c["id"] in WORKER_CONDITIONS]
    theirs = [c for c in d["conditions"] if c["id"] not in WORKER_CONDITIONS]
    met = [text(f"condition.{c['id']}", lang) for c in mine if c["passed"]]
    # all of the worker's own conditions met and only the employer's left open: say so, not "a few answers are
    # missing" (workers asked what else to answer, and there was nothing they could)
    status = ("employer_part" if d["status"] == "need_more_info" and mine and all(c["passed"] for c in mine)
              else d["status"])
    head = [f"【{text('render.title.' + title_key(d), lang)}】",  # the rules' date is in the footer
            text(f"chat.worker_status.{status}", lang)]
    if met:
        head.append("✅ " + text("chat.worker_met", lang, {"conditions": LIST_SEPARATOR.get(lang, ", ").join(met)}))
    head += [f"{ICONS[c['passed']]} {c['message']}" for c in mine if not c["passed"]]  # each says what it needs
    if theirs:
        key = "chat.worker_employer_line" if any(c["id"].startswith("quota") for c in theirs) else \
            "chat.worker_employer_line_industry"  # say "quota" only where a quota was checked
        head.append(text(key, lang, {"icons": "".join(ICONS[c["passed"]] for c in theirs)}))
    own = [s for c in mine for s in c.get("sources") or []]  # the worker's own conditions' source first
    sources = own[:1] + [s for s in d["sources"] if not own or s.get("id") != own[0].get("id")]
    titles = [title if len(title) <= WORKER_SOURCE_CHARS else title[:WORKER_SOURCE_CHARS].rstrip(" ,(") + "…"
              for s in sources for title in [source_title(s, lang)]]
    footer = chat_footer(d["as_of"], titles[:1], d["reported"], lang, short=True)  # all of them under "More details"
    return ["\n".join(head), "\n".join([text("chat.worker_call", lang), footer])]


def source_title(source: dict, lang: str) -> str:
    """A source's title in the reader's words, the official Chinese name in brackets (catalog `source.<id>`);
    the Chinese title where no translation is kept (Chinese readers, and any source not yet translated)."""
    return catalog(lang).get(f"source.{source.get('id')}") or source["title"]


def chat_footer(as_of: str, source_titles: list[str], reported: bool, lang: str, short: bool = False) -> str:
    """The line every chat answer ends with: the rules' date, its sources, and a warning for press reports."""
    shown = [t for t in source_titles[:CHAT_MAX_SOURCES] if t]
    footer = text("chat.footer", lang, {"as_of": as_of, "sources": "；".join(shown)})
    if len(source_titles) > len(shown):
        footer += text("chat.more_sources", lang, {"count": len(source_titles) - len(shown)})
    if reported:  # a worker has just been given 1955: the short form points there
        footer += "\n" + text("chat.reported_short" if short else "chat.reported", lang)
    return footer
