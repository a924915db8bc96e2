"""Straight answers to the common questions, with today's figures read from the rule parameters.

Each answer ends with the date its rules apply to, its sources and a contact to confirm with.
"""
from __future__ import annotations

import datetime as dt

from bot.dialogue.answers import nest
from bot.dialogue.render import chat_footer, source_title
from bot.i18n import text
from bot.nlu.extract import lexicon, mentions
from bot.rules import evaluate
from bot.rules.output import contact_to_dict, message_text
from bot.rules.parameters import ParamValue, default_parameters
from bot.rules.result import unique_sources

FAQ_INTENTS = ("faq_benefits", "faq_salary", "faq_technical", "faq_quota", "faq_documents", "faq_video",
               "faq_who_qualifies", "faq_ipas", "faq_recharge", "faq_contacts")

# For each FAQ: the parameters its text quotes (name in the template → parameter), and whom to call.
FAQ_PARAMS = {
    "faq_salary": {"monthly": "midlevel.salary.industrial_monthly", "annual": "midlevel.salary.industrial_annual",
                   "exempt": "midlevel.salary.industrial_exempt", "student": "midlevel.salary.student_first_hire",
                   "institutional": "midlevel.salary.institutional_care_monthly",
                   "home": "midlevel.salary.home_care_monthly", "home_exempt": "midlevel.salary.home_care_exempt"},
    "faq_technical": {"hours": "midlevel.technical.training_hours", "self_hours": "midlevel.technical.self_training_hours",
                      "self_years": "midlevel.technical.self_training_employer_years",
                      "exempt": "midlevel.salary.industrial_exempt"},
    "faq_quota": {"manufacturing": "midlevel.quota.midlevel_share_manufacturing",
                  "other": "midlevel.quota.midlevel_share_other_industrial", "foreign": "midlevel.quota.foreign_share"},
    "faq_who_qualifies": {"continuous": "midlevel.history.continuous_years",
                          "same_employer": "midlevel.history.same_employer_years",
                          "cumulative": "midlevel.history.returned_cumulative_years"},
    "faq_recharge": {"public": "training.public_share", "special": "training.public_share_special",
                     "large": "training.enterprise_share_large", "sme": "training.enterprise_share_sme",
                     "cap": "training.enterprise_yearly_cap"},
    "faq_benefits": {}, "faq_documents": {}, "faq_video": {}, "faq_ipas": {}, "faq_contacts": {},
}
FAQ_SOURCES = {"faq_benefits": "deck_2_2", "faq_documents": "deck_annex_1_3", "faq_video": "deck_annex_1_3",
               "faq_ipas": "deck_ipas", "faq_contacts": "deck_2_7"}
FAQ_CONTACTS = {"faq_ipas": ["ipas"], "faq_recharge": ["ida_recharge", "ida_training"],
                "faq_technical": ["ida_review", "lrsc"], "faq_documents": ["ida_review"], "faq_video": ["ida_review"]}


def asks_who_files(message: str) -> bool:
    """"who applies, me or my employer?", "siapa yang mengajukan?", "誰申請?": one line answers it."""
    return mentions(lexicon()["cues"]["who_files"], message)


def answer_faq(intent: str, lang: str, region: str | None = None, as_of: dt.date | None = None,
               message: str = "", industry: str | None = None) -> dict:
    """{"messages": [...], "sources": [...], "contacts": [...]} for one FAQ intent; a question of who files
    gets that answer whatever FAQ it was taken for, and the deck's documents are said to be manufacturing's
    when the company is in another industry."""
    as_of = as_of or dt.date.today()
    params = default_parameters()
    if message and asks_who_files(message):
        return _answer(text("chat.worker_employer_files", lang), [params.sources["law_review_standard_ch14"]],
                       ["mol_1955"], False, lang, as_of)
    if intent == "faq_documents" and industry not in (None, "manufacturing"):
        return _answer(text("faq.faq_documents_other", lang, {"industry": industry}),
                       [params.sources[s] for s in ("deck_annex_1_3", "law_review_standard_ch14")], ["lrsc", "mol_1955"],
                       False, lang, as_of)
    if intent == "faq_technical" and industry not in (None, "manufacturing") and (
            answer := _category_technical(industry, lang, as_of)) is not None:
        return answer
    used: list[ParamValue] = [params.at(name, as_of) for name in FAQ_PARAMS[intent].values()]
    values = {key: p.value for key, p in zip(FAQ_PARAMS[intent], used)}
    sources = unique_sources(used)
    if intent in FAQ_SOURCES:
        sources.append(params.sources[FAQ_SOURCES[intent]])
    contacts = FAQ_CONTACTS.get(intent, ["lrsc", "mol_1955"])
    if intent == "faq_contacts":
        contacts = ["lrsc", "ida_review", "mol_1955"] + params.regional_offices(region)
    return _answer(text(f"faq.{intent}", lang, values), sources, contacts, any(p.reported for p in used), lang, as_of)


def _category_technical(industry: str, lang: str, as_of: dt.date) -> dict | None:
    """The technical condition as the rules hold it for this industry (a home caregiver's paths and wage line,
    not manufacturing's): the rules' own condition on no worker facts, so the answer and the verdict agree.
    None for an industry with no path (the general answer is given)."""
    verdict = evaluate(nest({"company.industry": industry}, "midlevel", as_of.isoformat()), today=as_of)
    condition = next((c for c in verdict.conditions if c.id == "technical"), None)
    if condition is None or not condition.message.params.get("path"):
        return None
    body = message_text(condition.message, lang)
    if condition.message.params.get("exempt") is not None:
        body += "\n" + text("faq.technical_exempt", lang, {"exempt": condition.message.params["exempt"]})
    return _answer(body, condition.sources, ["lrsc", "mol_1955"], condition.reported, lang, as_of)


def _answer(body: str, sources: list, contacts: list[str], reported: bool, lang: str, as_of: dt.date) -> dict:
    """An answer, then whom to call and the usual footer (the rules' date, its sources, a press-report warning)."""
    contact_lines = [f"{c['name']}：{c['phone']}" for c in (contact_to_dict(cid, lang) for cid in contacts)]
    footer = chat_footer(as_of.isoformat(), [source_title(s.to_dict(), lang) for s in sources], reported, lang)
    return {"messages": [body, "\n".join(contact_lines) + "\n" + footer],
            "sources": [s.to_dict() for s in sources], "contacts": contacts}
