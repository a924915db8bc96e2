"""Dated rule parameters: every threshold the rules use, read from YAML and schema-checked on load.

A parameter named ``midlevel.salary.industrial_monthly`` lives in
``parameters/midlevel/salary/industrial_monthly.yaml``. Code asks for the value in force on a date,
never for a literal; each value carries its status (deck / law / reported) and its sources.
"""
from __future__ import annotations

import bisect
import datetime as dt
import json
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

HERE = Path(__file__).parent
PARAMETER_DIR = HERE / "parameters"
DATA_DIR = HERE / "data"
SCHEMA_DIR = HERE / "schemas"


class ParameterFileError(ValueError):
    """A parameter, source or contact file does not match its schema or cites an unknown source."""


class NotInForce(LookupError):
    """No value of a parameter applies on the date asked (before the rule existed)."""

    def __init__(self, name: str, as_of: dt.date, first: dt.date):
        super().__init__(f"{name} has no value before {first.isoformat()} (asked for {as_of.isoformat()})")
        self.name, self.as_of, self.first = name, as_of, first


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    status: str

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "url": self.url, "status": self.status}


@dataclass(frozen=True)
class ParamValue:
    """One dated value of a parameter, with what it rests on."""

    name: str
    since: dt.date
    value: Any
    status: str
    sources: tuple[Source, ...]
    unconfirmed: bool = False
    notices: tuple[str, ...] = ()

    @property
    def reported(self) -> bool:
        return self.status == "reported"


def _load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def _validate(instance: Any, schema: dict, where: str) -> None:
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(instance), key=lambda e: list(e.path))
    if errors:
        details = "; ".join(f"{'/'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in errors[:5])
        raise ParameterFileError(f"{where}: {details}")


def _ratio(value: Any) -> Any:
    """Ratios become exact fractions, so caps round down exactly ("不得超過")."""
    if value is None:
        return None
    if isinstance(value, str):
        return Fraction(value)
    return Fraction(str(value))


def _stringify_dates(raw: dict) -> dict:
    # PyYAML reads unquoted ISO dates as date objects; the schema checks their text form.
    values = {(k.isoformat() if isinstance(k, dt.date) else str(k)): v for k, v in raw.get("values", {}).items()}
    return {**raw, "values": values}


class Parameters:
    """All parameters, sources and contacts, validated once and looked up by date."""

    def __init__(self, parameter_dir: Path = PARAMETER_DIR, data_dir: Path = DATA_DIR):
        sources_raw = _load_yaml(data_dir / "sources.yaml")
        _validate(sources_raw, _schema("sources.schema.json"), "sources.yaml")
        self.sources = {sid: Source(sid, s["title"], s["url"], s["status"]) for sid, s in sources_raw.items()}

        contacts_raw = _load_yaml(data_dir / "contacts.yaml")
        _validate(contacts_raw, _schema("contacts.schema.json"), "contacts.yaml")
        for cid, contact in contacts_raw.items():
            if contact.get("source") and contact["source"] not in self.sources:
                raise ParameterFileError(f"contacts.yaml: {cid} cites unknown source {contact['source']!r}")
        self.contacts: dict[str, dict] = contacts_raw
        self.regions: list[str] = _load_yaml(data_dir / "regions.yaml")

        schema = _schema("parameter.schema.json")
        self._dates: dict[str, list[dt.date]] = {}
        self._values: dict[str, list[ParamValue]] = {}
        self.descriptions: dict[str, str] = {}
        for path in sorted(parameter_dir.rglob("*.yaml")):
            name = ".".join(path.relative_to(parameter_dir).with_suffix("").parts)
            raw = _stringify_dates(_load_yaml(path) or {})
            _validate(raw, schema, str(path.relative_to(parameter_dir)))
            self._add(name, raw)

    def _add(self, name: str, raw: dict) -> None:
        entries = []
        for date_text, entry in sorted(raw["values"].items()):
            unknown = [s for s in entry["sources"] if s not in self.sources]
            if unknown:
                raise ParameterFileError(f"{name} {date_text}: unknown source(s) {unknown}")
            sources = tuple(self.sources[s] for s in entry["sources"])
            if entry["status"] == "reported" and not any(s.status == "reported" for s in sources):
                raise ParameterFileError(f"{name} {date_text}: status 'reported' but no reported source is cited")
            value = _ratio(entry["value"]) if raw["unit"] == "ratio" else entry["value"]
            entries.append(ParamValue(
                name=name,
                since=dt.date.fromisoformat(date_text),
                value=value,
                status=entry["status"],
                sources=sources,
                unconfirmed=entry.get("unconfirmed", False),
                notices=tuple(entry.get("notices", ())),
            ))
        self._values[name] = entries
        self._dates[name] = [e.since for e in entries]
        self.descriptions[name] = raw["description"]

    def regional_offices(self, region: str | None) -> list[str]:
        """The MOL Workforce Development Agency branch(es) serving a county or city."""
        return [cid for cid, c in self.contacts.items() if cid.startswith("wda_") and region in c.get("regions", ())]

    def has(self, name: str) -> bool:
        return name in self._values

    @property
    def names(self) -> list[str]:
        return sorted(self._values)

    def dates(self, name: str) -> list[dt.date]:
        return list(self._dates[name])

    def at(self, name: str, as_of: dt.date) -> ParamValue:
        """The value of ``name`` in force on ``as_of``."""
        try:
            dates = self._dates[name]
        except KeyError:
            raise KeyError(f"unknown parameter {name!r}") from None
        i = bisect.bisect_right(dates, as_of) - 1
        if i < 0:
            raise NotInForce(name, as_of, dates[0])
        return self._values[name][i]


@lru_cache(maxsize=1)
def default_parameters() -> Parameters:
    return Parameters()
