"""The fact registry (``facts.yaml``) read once: each fact's definition, and what is derived from it.

The rules' input schema, the chat's slots and questions, answer reading and the console's form all
come from here, so a new fact is named in one place (plus its texts in the catalogs).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

REGISTRY = Path(__file__).with_name("facts.yaml")
PARTS = ("company", "worker", "project", "training")
TOPICS = ("midlevel", "grants", "training")
ASKED = ("employer", "worker")
PYTHON_TYPES = {"integer": "int", "number": "float", "boolean": "bool", "string": "str"}


@dataclass(frozen=True)
class Fact:
    """One fact as the registry defines it."""

    id: str                      # "worker.monthly_wage"
    kind: str                    # count, amount, years, hours, yes_no, choice, region, text
    json_type: str | None        # integer, number, boolean, string; None for a choice
    minimum: float | None
    maximum: float | None
    choices: tuple = ()
    buttons: tuple = ()
    labels: str | None = None    # catalog prefix naming each choice
    entity: str | None = None
    role: str | None = None
    unprompted: bool = True
    default_for: str | None = None
    plausible: tuple[float, float] | None = None
    asked: tuple[str, ...] = ASKED
    topics: tuple[str, ...] = ()

    @property
    def part(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[1]

    @property
    def slot(self) -> str:
        """The chat slot holding it: company.employees ↔ company_employees."""
        return self.id.replace(".", "_", 1)

    @property
    def numeric(self) -> bool:
        return self.json_type in ("integer", "number") or any(isinstance(c, int) for c in self.choices)

    @property
    def integral(self) -> bool:
        return self.json_type == "integer" or any(isinstance(c, int) for c in self.choices)

    def label(self, code: Any) -> str | None:
        """The catalog key naming a choice ("industry.manufacturing")."""
        return f"{self.labels}.{code}" if self.labels else None

    def implausible(self, value: Any) -> bool:
        if self.plausible is None or isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        low, high = self.plausible
        return not low <= value <= high

    def schema(self) -> dict:
        """Its JSON-schema property (null meaning unknown)."""
        if self.kind == "choice":
            return {"enum": [*self.choices, None]}
        if self.minimum is not None:
            return {"$ref": f"#/definitions/{self.kind}"}
        return {"type": [self.json_type, "null"]}


@lru_cache(maxsize=1)
def _raw() -> dict:
    return yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))


class RegistryError(ValueError):
    pass


def _fact(fid: str, spec: dict, kinds: dict) -> Fact:
    known = {"kind", "choices", "buttons", "labels", "entity", "role", "unprompted", "default_for", "plausible",
             "asked", "topics"}
    if set(spec) - known:
        raise RegistryError(f"{fid}: unknown keys {sorted(set(spec) - known)}")
    part, _, name = fid.partition(".")
    if part not in PARTS or not name:
        raise RegistryError(f"{fid}: a fact is <{'|'.join(PARTS)}>.<name>")
    kind = spec.get("kind")
    if kind not in kinds:
        raise RegistryError(f"{fid}: kind {kind!r} is not one of {sorted(kinds)}")
    if (kind == "choice") != bool(spec.get("choices")):
        raise RegistryError(f"{fid}: choices go with kind choice, and only with it")
    base = kinds[kind]
    asked, topics = tuple(spec.get("asked", ASKED)), tuple(spec.get("topics", ()))
    if set(asked) - set(ASKED) or set(topics) - set(TOPICS) or not topics:
        raise RegistryError(f"{fid}: asked ⊆ {ASKED}, topics ⊆ {TOPICS} and not empty")
    if not set(spec.get("buttons", ())) <= set(spec.get("choices", ())):
        raise RegistryError(f"{fid}: buttons must be among the choices")
    return Fact(id=fid, kind=kind, json_type=base.get("type"), minimum=base.get("minimum"),
                maximum=base.get("maximum"), choices=tuple(spec.get("choices", ())),
                buttons=tuple(spec.get("buttons", spec.get("choices", ()))), labels=spec.get("labels"),
                entity=spec.get("entity", base.get("entity")), role=spec.get("role"),
                unprompted=spec.get("unprompted", True), default_for=spec.get("default_for"),
                plausible=tuple(spec["plausible"]) if "plausible" in spec else None, asked=asked, topics=topics)


@lru_cache(maxsize=1)
def facts() -> dict[str, Fact]:
    """Every fact by id, in the registry's order (the order of the input schema and of domain.yml)."""
    raw = _raw()
    return {fid: _fact(fid, spec, raw["kinds"]) for fid, spec in raw["facts"].items()}


def fact(fid: str) -> Fact | None:
    return facts().get(fid)


def by_slot(slot: str) -> Fact | None:
    part, _, name = slot.partition("_")
    return facts().get(f"{part}.{name}")


def for_topic(topic: str) -> list[Fact]:
    return [f for f in facts().values() if topic in f.topics]


def filled_by(entity: str, role: str | None) -> Fact | None:
    """The fact an entity with this role fills from any message (None when the words do not say)."""
    for f in facts().values():
        if f.entity == entity and f.role == role and f.unprompted and (role or f.kind in ("choice", "region", "yes_no")):
            return f
    return None


def default_for(entity: str, topic: str | None = None) -> Fact | None:
    """The fact a quantity of this entity fills when no word around it says which; in a topic that fact is not
    part of, the topic's one fact of that entity ("總共24萬" about a class is its cost, not a wage), else none."""
    f = next((f for f in facts().values() if f.default_for == entity), None)
    if topic is None or f is None or topic in f.topics:
        return f
    own = [g for g in facts().values() if g.entity == entity and topic in g.topics]
    only = [g for g in own if g.topics == (topic,)]  # the topic's own fact before one it shares (the capital)
    return only[0] if len(only) == 1 else own[0] if len(own) == 1 else None


def roles() -> dict[str, list[str]]:
    """Entity → its roles, for the domain's entity list."""
    out: dict[str, list[str]] = {}
    for f in facts().values():
        if f.entity and f.role:
            out.setdefault(f.entity, []).append(f.role)
    return out


def input_schema() -> dict:
    """The `advisor check` input contract, as JSON schema (draft 7)."""
    kinds = _raw()["kinds"]
    parts = {part: {"type": "object", "additionalProperties": False, "properties": {}} for part in PARTS}
    for f in facts().values():
        parts[f.part]["properties"][f.name] = f.schema()
    definitions = {k: {"type": [spec["type"], "null"], "minimum": spec["minimum"], "maximum": spec["maximum"]}
                   for k, spec in kinds.items() if "minimum" in spec}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Facts the advisor evaluates (the `advisor check` input); generated from bot/rules/facts.yaml",
        "type": "object",
        "additionalProperties": False,
        "required": ["topic"],
        "properties": {
            "topic": {"enum": list(TOPICS)},
            "as_of": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
            **parts,
        },
        "definitions": definitions,
    }
