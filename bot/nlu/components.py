"""Rasa graph components wrapping ``bot.nlu.extract`` (kept Rasa-free so it can be tested alone)."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.extract import extract, to_traditional

# jieba turns spaces next to Han text into tokens of their own; they carry nothing in Chinese.
SPACE_BY_HAN = re.compile(r"(?<=[\u3400-\u9fff])\s+|\s+(?=[\u3400-\u9fff])")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class TraditionalChinese(GraphComponent):
    """Turns Simplified Chinese into Taiwan Traditional before tokenizing, in training and in use."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TraditionalChinese":
        return cls()

    def _convert(self, message: Message) -> None:
        text = message.get(TEXT)
        if text:
            converted = SPACE_BY_HAN.sub("", to_traditional(text))
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


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class AdvisorEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Money, headcounts, durations, hours, percentages and domain terms, with the fact each fills."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "AdvisorEntityExtractor":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            entities = []
            for found in extract(text):
                entity = {"entity": found.kind, "value": found.value, "start": found.start, "end": found.end,
                          "confidence_entity": 1.0}
                if found.role:
                    entity["role"] = found.role
                entities.append(entity)
            message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(entities), add_to_output=True)
        return messages
