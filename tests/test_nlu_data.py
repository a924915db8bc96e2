"""The NLU data stays honest: enough examples per intent, and a held-out set never trained on."""
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.loading import load_data

ROOT = Path(__file__).resolve().parent.parent
MIN_EXAMPLES = 30


def test_every_intent_has_enough_hand_written_examples():
    training = load_data(str(ROOT / "data" / "nlu"))
    counts = Counter(ex.get("intent") for ex in training.training_examples)
    domain_intents = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])
    assert set(counts) == domain_intents
    assert {i: n for i, n in counts.items() if n < MIN_EXAMPLES} == {}


def test_the_held_out_set_covers_every_intent_and_shares_no_example():
    training = {ex.get("text") for ex in load_data(str(ROOT / "data" / "nlu")).training_examples}
    held_out = load_data(str(ROOT / "tests" / "nlu_holdout.yml")).training_examples
    assert {ex.get("intent") for ex in held_out} == set(
        yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])
    assert {ex.get("text") for ex in held_out} & training == set()
    for path in WORKER_HOLDOUT.glob("*.yml"):
        assert {ex.get("text") for ex in load_data(str(path)).training_examples} & training == set(), path


# Every intent a worker uses, in every language a worker writes (besides Traditional Chinese).
WORKER_LANGS = ("id", "vi", "en", "th")
WORKER_INTENTS = {"greet", "goodbye", "thanks", "affirm", "deny", "dont_know", "start_over", "correct", "inform",
                  "ask_midlevel_worker", "faq_who_qualifies", "faq_salary", "faq_technical", "faq_benefits",
                  "faq_contacts", "out_of_scope", "set_language"}
MIN_PER_LANGUAGE = 20
WORKER_HOLDOUT = ROOT / "tests" / "nlu_holdout_workers"


@pytest.mark.parametrize("lang", WORKER_LANGS)
def test_each_worker_language_has_enough_examples_of_every_worker_intent(lang):
    examples = load_data(str(ROOT / "data" / "nlu" / f"workers_{lang}.yml")).training_examples
    counts = Counter(ex.get("intent") for ex in examples)
    assert WORKER_INTENTS - set(counts) == set()
    assert {i: n for i, n in counts.items() if n < MIN_PER_LANGUAGE} == {}
    held_out = load_data(str(WORKER_HOLDOUT / f"{lang}.yml")).training_examples
    assert {ex.get("intent") for ex in held_out} == WORKER_INTENTS
