"""Facts in: the input contract checked against its schema, then typed and normalised.

A bad value raises ``FactError`` naming the dotted field, so every caller (CLI, chat, console) can
tell the user exactly what to fix, in their language.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, make_dataclass
from functools import lru_cache
from typing import Any

import jsonschema

from . import registry
from .parameters import default_parameters

TOPICS = registry.TOPICS


class FactError(ValueError):
    """A fact that cannot be used. ``reason`` is a message key; ``params`` fill it."""

    def __init__(self, field_name: str, reason: str, **params: Any):
        super().__init__(f"{field_name}: {reason} {params or ''}".strip())
        self.field = field_name
        self.reason = reason
        self.params = {"field": field_name, **params}


def _part_class(part: str) -> type:
    """The typed facts of one part (company, worker, …), built from the fact registry."""
    def python_type(f: registry.Fact) -> Any:
        if f.kind == "choice":
            return int | None if f.integral else str | None
        return {"integer": int, "number": float, "boolean": bool, "string": str}[f.json_type] | None
    return make_dataclass(part.capitalize(), [(f.name, python_type(f), field(default=None))
                                              for f in registry.facts().values() if f.part == part], slots=True)


Company, Worker, Project, Training = (_part_class(part) for part in registry.PARTS)


@dataclass(slots=True)
class Facts:
    topic: str
    as_of: dt.date
    company: Company = field(default_factory=Company)
    worker: Worker = field(default_factory=Worker)
    project: Project = field(default_factory=Project)
    training: Training = field(default_factory=Training)

    def to_dict(self) -> dict:
        """The facts back in the input shape, leaving out what is unknown."""
        out: dict[str, Any] = {"topic": self.topic, "as_of": self.as_of.isoformat()}
        for part in ("company", "worker", "project", "training"):
            obj = getattr(self, part)
            known = {f.name: getattr(obj, f.name) for f in fields(obj) if getattr(obj, f.name) is not None}
            if known:
                out[part] = known
        return out


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(registry.input_schema())


_REASONS = {
    "type": "error.type",
    "enum": "error.enum",
    "minimum": "error.minimum",
    "maximum": "error.maximum",
    "pattern": "error.date",
    "additionalProperties": "error.unknown_field",
    "required": "error.required",
}


def _first_error(raw: Any) -> FactError | None:
    errors = list(_validator().iter_errors(raw))
    if not errors:
        return None
    error = min(errors, key=lambda e: (len(e.path), list(map(str, e.path))))
    path = ".".join(str(p) for p in error.path)
    reason = _REASONS.get(error.validator, "error.invalid")
    if error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - allowed)
        return FactError(".".join(filter(None, [path, extra[0] if extra else ""])), reason)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        return FactError(".".join(filter(None, [path, missing])), reason)
    if error.validator == "type" and not path:
        return FactError("(input)", "error.not_object")
    params: dict[str, Any] = {}
    if error.validator == "enum":
        params["allowed"] = ", ".join(str(v) for v in error.validator_value if v is not None)
    elif error.validator in ("minimum", "maximum"):
        params["limit"] = error.validator_value
    elif error.validator == "type":
        expected = error.validator_value
        params["expected"] = "/".join(t for t in (expected if isinstance(expected, list) else [expected]) if t != "null")
    return FactError(path, reason, **params)


def normalise_region(text: str | None, field_name: str) -> str | None:
    """Accept 台/臺 and a missing 市/縣 where that leaves one county or city."""
    if text is None:
        return None
    name = text.strip().replace("台", "臺")
    regions = default_parameters().regions
    if name in regions:
        return name
    candidates = [r for r in regions if r[:-1] == name]
    if len(candidates) == 1:
        return candidates[0]
    raise FactError(field_name, "error.region", value=text)


def parse_facts(raw: Any, today: dt.date | None = None) -> Facts:
    """Check raw input (parsed JSON) and turn it into ``Facts``."""
    error = _first_error(raw)
    if error:
        raise error
    if "as_of" in raw:
        try:
            as_of = dt.date.fromisoformat(raw["as_of"])
        except ValueError:
            raise FactError("as_of", "error.date") from None
    else:
        as_of = today or dt.date.today()

    company = Company(**raw.get("company", {}))
    company.region = normalise_region(company.region, "company.region")
    worker = Worker(**raw.get("worker", {}))
    training = Training(**raw.get("training", {}))
    training.region = normalise_region(training.region, "training.region")
    return Facts(
        topic=raw["topic"],
        as_of=as_of,
        company=company,
        worker=worker,
        project=Project(**raw.get("project", {})),
        training=training,
    )
