"""Rasa graph components wrapping ``bot.nlu.extract`` (kept Rasa-free so it can be tested alone)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.extract import THAI_RUN, as_entities, thai_words, to_traditional
from bot.nlu.language import app_language, detect_language, greeting_language, more_than_a_greeting, requested_language
from bot.nlu.ngram_intents import DEFAULTS as NGRAM_DEFAULTS
from bot.nlu.ngram_intents import NgramIntentModel
from bot.nlu.ngram_intents import fit as fit_ngram_intents


def _source_hash(path: Path = Path(__file__)) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
SCRIPT_RUN = re.compile(rf"{HAN_RUN.pattern}|{THAI_RUN.pattern}|[^\s\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e4f\u0e5a-\u0e7f]+")
OTHER_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*|[$%]")



@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class TraditionalChinese(GraphComponent):
    """Turns Simplified Chinese into Taiwan Traditional before tokenizing, in training and in use."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TraditionalChinese":
        return cls()

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[str]:
        """Training caches this component's output by config and data only: the code's hash makes a change
        to how text is converted retrain what reads it."""
        return _source_hash()

    def _convert(self, message: Message) -> None:
        """Spaces stay: in Chinese chat they separate clauses ("員工38個 在斗六"), and the reader of facts
        sees the text this returns (the tokenizer makes no token of a space)."""
        text = message.get(TEXT)
        if text:
            converted = to_traditional(text)
            if converted != text:
                message.set(TEXT, converted)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            self._convert(message)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._convert(message)
        return messages


class RuleTagger(GraphComponent, EntityExtractorMixin):
    """Base of the rule-based extractors: each message's text in, its entities added."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "RuleTagger":
        tagger = cls()
        tagger.entities(cls.WARM_UP)  # load models and dictionaries at start, not on a user's first message
        return tagger

    WARM_UP = "saya kerja 6 tahun ภาษาไทย 你好"

    def entities(self, text: str) -> List[Dict[Text, Any]]:
        raise NotImplementedError

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text:
                found = [{**e, "confidence_entity": 1.0} for e in self.entities(text)]
                message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(found), add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class AdvisorEntityExtractor(RuleTagger):
    """Money, headcounts, durations, hours, percentages and domain terms, with the fact each fills."""

    def entities(self, text: str) -> List[Dict[Text, Any]]:
        return as_entities(text)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class MultiScriptTokenizer(JiebaTokenizer):
    """One tokenizer for every language served: jieba (with the domain dictionary) for Han runs,
    pythainlp for Thai runs, words and numerals for Latin text (Indonesian, Vietnamese, English)."""

    @staticmethod
    def supported_languages():
        return None

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[str]:
        return _source_hash()

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        import jieba

        text = message.get(attribute) or ""
        tokens: List[Token] = []
        for run in SCRIPT_RUN.finditer(text):
            piece, offset = run.group(0), run.start()
            if HAN_RUN.fullmatch(piece):
                tokens += [Token(word, offset + start) for word, start, _ in jieba.tokenize(piece)]
            elif THAI_RUN.fullmatch(piece):
                at = 0
                for word in thai_words(piece):
                    at = piece.find(word, at)
                    tokens.append(Token(word, offset + at))
                    at += len(word)
            else:
                tokens += [Token(m.group(0), offset + m.start()) for m in OTHER_WORD.finditer(piece)]
        return self._apply_token_pattern(tokens)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageTagger(RuleTagger):
    """Tags each message with its language: a `language` entity, role `chosen` when the user asked for
    one ("English please", "/lang id"), `detected` when the text shows it clearly; nothing otherwise."""

    def entities(self, text: str) -> List[Dict[Text, Any]]:
        chosen, greeting = requested_language(text), greeting_language(text)
        code, role = ((chosen, "chosen") if chosen else (greeting, "app") if greeting
                      else (detect_language(text), "detected"))
        return [] if code is None else [{"entity": "language", "value": code, "role": role, "start": 0,
                                         "end": len(text)}]

    def process(self, messages: List[Message]) -> List[Message]:
        """The text's language; when the text shows none ("ok", "6"), the messenger app's language the
        channel passed in the metadata (role `app`: it only sets a conversation's first language)."""
        super().process(messages)
        for message in messages:
            app = app_language((message.get("metadata") or {}).get("app_language"))
            if message.get(TEXT) and app and not any(e.get("entity") == "language" for e in message.get(ENTITIES, [])):
                found = [{"entity": "language", "value": app, "role": "app", "start": 0, "end": len(message.get(TEXT)),
                          "confidence_entity": 1.0}]
                message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(found), add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class MoreThanAGreeting(GraphComponent):
    """"hello po, I'm a caregiver… can I be intermediate skilled?": a greeting in front of a request is the
    request. When `greet` leads the ranking of a message that is more than a greeting, and another intent
    is close behind, that intent is taken with both their confidences (the greeting does not compete with it;
    the fallback still judges it against the rest)."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MoreThanAGreeting":
        return cls(config)

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"close_behind": 0.15}  # at most this far behind greet's confidence

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.close_behind = config.get("close_behind", 0.15)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or []
            if len(ranking) < 2 or ranking[0].get("name") != "greet" or not more_than_a_greeting(message.get(TEXT) or ""):
                continue
            first, second = ranking[0], ranking[1]
            if second["confidence"] >= first["confidence"] - self.close_behind:
                confidence = min(1.0, first["confidence"] + second["confidence"])  # greet's share is the request's
                swapped = [{"name": second["name"], "confidence": confidence}, *ranking[2:],
                           {"name": "greet", "confidence": 0.0}]
                message.set(INTENT, swapped[0], add_to_output=True)
                message.set(INTENT_RANKING_KEY, swapped, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class NgramIntentClassifier(GraphComponent, IntentClassifier):
    """The intent from character and word n-grams (bot/nlu/ngram_intents.py: why, and its features)."""

    MODEL_FILE = "ngram_intents.joblib"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**NGRAM_DEFAULTS, "ranking_length": 10}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[NgramIntentModel] = None) -> None:
        self.config, self.model_storage, self.resource, self.model = config, model_storage, resource, model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "NgramIntentClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "NgramIntentClassifier":
        try:
            with model_storage.read_from(resource) as folder:
                return cls(config, model_storage, resource, joblib.load(folder / cls.MODEL_FILE))
        except ValueError:  # nothing was trained (no intents in the data)
            return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT)]
        if not examples:
            return self.resource
        concepts = {r["name"]: r["pattern"] for r in training_data.regex_features if r["name"].startswith("concept_")}
        options = {k: v for k, v in self.config.items() if k in NGRAM_DEFAULTS}
        self.model = fit_ngram_intents([e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples],
                                       concepts, options)
        with self.model_storage.write_to(self.resource) as folder:
            joblib.dump(self.model, folder / self.MODEL_FILE)
        return self.resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if self.model is None or not message.get(TEXT):
                continue
            ranking = [{"name": name, "confidence": p}
                       for name, p in self.model.rank(message.get(TEXT))[: self.config["ranking_length"]]]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[str]:
        """A change to the features or the classifier retrains it."""
        return _source_hash(Path(__file__).with_name("ngram_intents.py"))
