"""Facts in: the input contract checked against its schema, then typed and normalised.

A bad value raises ``FactError`` naming the dotted field, so every caller (CLI, chat, console) can
tell the user exactly what to fix, in their language.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

import jsonschema

from .parameters import SCHEMA_DIR, default_parameters

TOPICS = ("midlevel", "grants", "training")


class FactError(ValueError):
    """A fact that cannot be used. ``reason`` is a message key; ``params`` fill it."""

    def __init__(self, field_name: str, reason: str, **params: Any):
        super().__init__(f"{field_name}: {reason} {params or ''}".strip())
        self.field = field_name
        self.reason = reason
        self.params = {"field": field_name, **params}


@dataclass(slots=True)
class Company:
    industry: str | None = None
    employees: int | None = None
    paid_in_capital: float | None = None
    migrant_allocation: int | None = None
    migrant_workers: int | None = None
    midlevel_workers: int | None = None
    foreign_professionals: int | None = None
    region: str | None = None


@dataclass(slots=True)
class Worker:
    continuous_years: float | None = None
    years_with_employer: float | None = None
    cumulative_years: float | None = None
    left_and_returned: bool | None = None
    abroad_now: bool | None = None
    taiwan_degree: str | None = None
    occupation_group: int | None = None
    monthly_wage: float | None = None
    annual_wage: float | None = None
    first_hire_student: bool | None = None
    certificate: bool | None = None
    training_hours: float | None = None
    self_training_hours: float | None = None
    practical_recognition: bool | None = None
    employed_here: bool | None = None  # works for this company now: a conversion, not a hire from elsewhere
    overseas_qualified: bool | None = None  # hotel/port hire from abroad: education, experience, language (2026)


@dataclass(slots=True)
class Project:
    target: str | None = None


@dataclass(slots=True)
class Training:
    class_type: str | None = None
    cost: float | None = None
    special_status: bool | None = None
    region: str | None = None
    trainee: str | None = None  # national / foreign_professional / midlevel / migrant_worker


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
def _schema() -> dict:
    return json.loads((SCHEMA_DIR / "facts.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(_schema())


@lru_cache(maxsize=1)
def fact_specs() -> dict[str, dict]:
    """Each fact's schema by dotted key ("worker.monthly_wage"), for whoever asks users for facts."""
    schema = _schema()
    out = {}
    for part in ("company", "worker", "project", "training"):
        for name, spec in schema["properties"][part]["properties"].items():
            out[f"{part}.{name}"] = schema["definitions"][spec["$ref"].split("/")[-1]] if "$ref" in spec else spec
    return out


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
