"""Every text a user sees exists in every language, with the same placeholders."""
from __future__ import annotations

import re
import string

import pytest

from bot.i18n import LANGS, catalog, format_value, text
from bot.rules import registry
from bot.rules.grants import PROGRAMS
from bot.rules.parameters import Parameters, default_parameters

PLACEHOLDER = re.compile(r"{(\w+)}")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_every_key():
    keys = {lang: set(catalog(lang)) for lang in LANGS}
    reference = keys["zh-TW"]
    for lang, have in keys.items():
        assert reference - have == set(), f"{lang} lacks keys"
        # source.<id>: a source's title in the reader's words; Chinese readers read sources.yaml's own
        assert {k for k in have - reference if not k.startswith("source.")} == set(), f"{lang} has keys zh-TW lacks"


def test_every_source_has_a_title_in_every_workers_language():
    sources = set(default_parameters().sources)
    for lang in LANGS:
        if lang != "zh-TW":
            assert {k.removeprefix("source.") for k in catalog(lang) if k.startswith("source.")} == sources, lang


@pytest.mark.parametrize("lang", [code for code in LANGS if code != "zh-TW"])
def test_translations_use_the_same_placeholders(lang):
    zh, other = catalog("zh-TW"), catalog(lang)
    mismatched = [k for k in zh if placeholders(zh[k]) != placeholders(other[k])]
    assert mismatched == []


def required_keys() -> set[str]:
    p = Parameters()
    keys = set()
    for f in registry.facts().values():  # every fact is asked and named; every offered choice is named
        keys |= {f"question.{f.id}", f"fact.{f.id}"} | {f.label(code) for code in f.buttons if f.labels}
    keys |= {f"program.{pid}" for pid in PROGRAMS}
    keys |= {f"status.{t}.{s}" for t in ("midlevel", "grants", "training")
             for s in ("eligible", "not_eligible", "need_more_info")}
    keys |= {c["name"] for c in p.contacts.values()}
    for name in p.names:
        for since in p.dates(name):
            value = p.at(name, since)
            keys |= set(value.notices)
            if name.startswith("grants.programs."):
                keys.add(f"owner.{value.value['owner']}")
                keys |= {f"ceiling.{tier['key']}" for tier in value.value["ceilings"]}
            if name == "midlevel.technical.reviewers":
                keys |= {f"path.{path}" for path in value.value} | {f"agency.{a}" for a in value.value.values()}
    return keys


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_fact_notice_and_contact_has_a_text(lang):
    assert required_keys() - set(catalog(lang)) == set()


def test_values_are_formatted_for_reading():
    from fractions import Fraction
    assert format_value(35000, "zh-TW") == "35,000"
    assert format_value(11.5, "en") == "11.5"
    assert format_value(Fraction(1, 4), "en") == "25%"
    assert format_value(Fraction(1, 3), "en") == "33.3%"
    assert format_value(["manufacturing", "services"], "zh-TW", "industries") == "製造業、服務業"
    assert text("whatif.salary", "en", {"amount": 35000}) == "At NT$35,000 a month or more, the wage condition is met."
