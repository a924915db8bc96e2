"""The NLU data stays honest: enough examples per intent, and a held-out set never trained on."""
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.loading import load_data

ROOT = Path(__file__).resolve().parent.parent
MIN_EXAMPLES = 30
BUTTON_ONLY = {"more_details"}  # sent by a button's payload, never typed: no examples to learn


def test_every_intent_has_enough_hand_written_examples():
    training = load_data(str(ROOT / "data" / "nlu"))
    counts = Counter(ex.get("intent") for ex in training.training_examples)
    domain_intents = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"]) - BUTTON_ONLY
    assert set(counts) == domain_intents
    assert {i: n for i, n in counts.items() if n < MIN_EXAMPLES} == {}


def test_the_held_out_set_covers_every_intent_and_shares_no_example():
    training = {ex.get("text") for ex in load_data(str(ROOT / "data" / "nlu")).training_examples}
    held_out = load_data(str(ROOT / "tests" / "nlu_holdout.yml")).training_examples
    assert {ex.get("intent") for ex in held_out} == set(
        yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"]) - BUTTON_ONLY
    assert {ex.get("text") for ex in held_out} & training == set()
    for path in WORKER_HOLDOUT.glob("*.yml"):
        assert {ex.get("text") for ex in load_data(str(path)).training_examples} & training == set(), path


# Every intent a worker uses, in every language a worker writes (besides Traditional Chinese).
WORKER_LANGS = ("id", "vi", "en", "th")
WORKER_INTENTS = {"greet", "goodbye", "thanks", "affirm", "deny", "dont_know", "start_over", "correct", "inform",
                  "ask_midlevel_worker", "faq_who_qualifies", "faq_salary", "faq_technical", "faq_benefits",
                  "faq_contacts", "out_of_scope", "set_language"}
# Issue 13: every intent a language's users may mean, with at least this many examples in that language
# (the employers' topics only in Chinese; an employer writing English may ask about keeping a worker).
MIN_PER_LANGUAGE = 60
EMPLOYER_ONLY = {"ask_midlevel", "ask_grants", "ask_training"}
LANGUAGE_FILES = {"zh-TW": ("faq", "topics", "chitchat", "phrasing_zh-TW"),
                  **{lang: (f"workers_{lang}", f"phrasing_{lang}") for lang in WORKER_LANGS}}
WORKER_HOLDOUT = ROOT / "tests" / "nlu_holdout_workers"
# Sets written by people who never saw data/: none of their messages may be trained on.
INDEPENDENT = [*sorted((ROOT / "tests" / "heldout" / "intents").glob("*.yml")),
               *sorted((ROOT / "tests" / "heldout" / "intents_2").glob("*.yml")),
               *sorted((ROOT / "bench" / "dev_intents").glob("*.yml")),
               *sorted((ROOT / "bench" / "dev_intents_b").glob("*.yml")),
               *sorted((ROOT / "bench" / "dev_intents_c").glob("*.yml"))]


@pytest.mark.parametrize("lang", LANGUAGE_FILES)
def test_each_language_has_enough_examples_of_every_intent_its_users_mean(lang):
    examples = [ex for name in LANGUAGE_FILES[lang]
                for ex in load_data(str(ROOT / "data" / "nlu" / f"{name}.yml")).training_examples]
    counts = Counter(ex.get("intent") for ex in examples if ex.get("intent"))
    intents = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"]) - BUTTON_ONLY
    expected = intents if lang == "zh-TW" else intents - EMPLOYER_ONLY | ({"ask_midlevel"} if lang == "en" else set())
    assert expected - set(counts) == set()
    assert {i: n for i, n in counts.items() if n < MIN_PER_LANGUAGE} == {}
    if lang != "zh-TW":
        held_out = load_data(str(WORKER_HOLDOUT / f"{lang}.yml")).training_examples
        assert {ex.get("intent") for ex in held_out} == WORKER_INTENTS


@pytest.mark.parametrize("path", INDEPENDENT, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_independent_sets_are_never_trained_on(path):
    training = {ex.get("text") for ex in load_data(str(ROOT / "data" / "nlu")).training_examples}
    assert {ex.get("text") for ex in load_data(str(path)).training_examples} & training == set()
