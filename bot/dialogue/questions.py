"""What the advisor asks, and the buttons that answer it: one text per fact from the catalog."""
from __future__ import annotations

from bot.i18n import LANGS, catalog, text
from bot.rules import registry

from .answers import label

Button = dict[str, str]
TOPIC_BUTTONS = ("ask_midlevel", "ask_midlevel_worker", "ask_grants", "ask_training", "faq_contacts", "set_language")
# "Who is asking?" is answered by the intents that say it (an employer's or a worker's question).
PERSPECTIVE_BUTTONS = (("employer", "ask_midlevel"), ("worker", "ask_midlevel_worker"))


def question(fid: str, lang: str, perspective: str | None = None, industry: str | None = None) -> str:
    """The question for a fact; a worker is asked about themselves in the first person; a trade with its own
    wording ("….manufacturing": IDA's video recognition, a manufacturing trade's certificate) gets it, and the
    others (a caregiver, a fisher) the general one."""
    if fid == "topic":
        return text("chat.ask_topic", lang)
    if fid == "perspective":
        return text("chat.ask_perspective", lang)
    prefixes = ("question_self", "question") if perspective == "worker" else ("question",)
    keys = [key for p in prefixes for key in ([f"{p}.{fid}.{industry}"] if industry else []) + [f"{p}.{fid}"]]
    return text(next((k for k in keys if k in catalog(lang)), f"question.{fid}"), lang)


def buttons(fid: str, lang: str) -> list[Button]:
    """Yes/no, or the usual choices (an entity in the payload fills the fact), and always 不知道."""
    if fid == "topic":
        return topic_buttons(lang)
    if fid == "perspective":
        return [{"title": text(f"chat.button.perspective.{who}", lang), "payload": f"/{intent}"}
                for who, intent in PERSPECTIVE_BUTTONS]
    f = registry.fact(fid)
    out: list[Button] = []
    if f.kind == "yes_no":
        out = [{"title": text("word.yes", lang), "payload": "/affirm"},
               {"title": text("word.no", lang), "payload": "/deny"}]
    elif f.kind == "choice" and f.entity:
        out = [{"title": label(fid, code, lang) or str(code), "payload": f'/inform{{"{f.entity}":"{code}"}}'}
               for code in f.buttons]
    return out + [{"title": text("chat.button.dont_know", lang), "payload": "/dont_know"}]


def topic_buttons(lang: str) -> list[Button]:
    return [{"title": text(f"chat.button.{t}", lang), "payload": f"/{t}"} for t in TOPIC_BUTTONS]


def language_buttons(lang: str) -> list[Button]:
    return [{"title": text(f"language.name.{code}", lang), "payload": f'/set_language{{"language":"{code}"}}'}
            for code in LANGS]


def language_reply(named: bool, lang: str) -> tuple[str, list[Button]]:
    """After a language request: confirm it in that language, or, with none named, offer the choice."""
    if named:
        return text("chat.language_set", lang, {"language": text(f"language.name.{lang}", lang)}), []
    return text("chat.choose_language", lang), language_buttons(lang)


# What a not-understood message may have meant, offered as buttons (the two-stage fallback). Facts
# are not among them: a button cannot carry the figures of the message, so those are asked again.
CLARIFY_INTENTS = ("ask_midlevel", "ask_midlevel_worker", "ask_grants", "ask_training", "report_problem",
                   "faq_benefits", "faq_salary", "faq_technical", "faq_quota", "faq_documents", "faq_video",
                   "faq_who_qualifies", "faq_ipas", "faq_recharge", "faq_contacts")
CLARIFY_MIN_CONFIDENCE = 0.1  # below this an intent is noise, not a candidate
CLARIFY_CHOICES = 2


def clarify(ranking: list[dict], lang: str) -> tuple[str, list[Button]] | None:
    """"Did you mean …?" with the two likeliest intents and "something else", or None with no candidate."""
    candidates = [r["name"] for r in ranking
                  if r.get("name") in CLARIFY_INTENTS and (r.get("confidence") or 0) >= CLARIFY_MIN_CONFIDENCE]
    if not candidates:
        return None
    chosen = candidates[:CLARIFY_CHOICES]
    return text("chat.clarify", lang), [
        *({"title": text(f"chat.button.{name}", lang), "payload": f"/{name}"} for name in chosen),
        {"title": text("chat.button.something_else", lang), "payload": "/out_of_scope"}]
