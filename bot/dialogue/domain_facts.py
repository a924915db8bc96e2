"""The parts of domain.yml that list facts, generated from the fact registry.

`advisor facts --write` rewrites them (and the input schema file); `advisor facts --check` and a test
fail when domain.yml or the schema drift from the registry.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from bot.nlu.extract import lexicon
from bot.rules import registry
from bot.rules.parameters import SCHEMA_DIR

BEGIN = "# <facts: generated from bot/rules/facts.yaml by `advisor facts --write`; do not edit>"
END = "# </facts>"
SCHEMA_FILE = SCHEMA_DIR / "facts.schema.json"
# Entities that fill facts without a role (a phrase names the value itself); roles come from the registry.
REGION = re.compile(rf"^(?P<indent>[ ]*){re.escape(BEGIN)} (?P<name>\w+)\n.*?^[ ]*{re.escape(END)}\n", re.S | re.M)


def _entities() -> list[str]:
    roles = registry.roles()
    for entity, extra in lexicon()["roles"].items():  # roles the extractor reads that fill no fact (deduction)
        roles[entity] = list(dict.fromkeys([*roles.get(entity, []), *extra]))
    names = list(dict.fromkeys(f.entity for f in registry.facts().values() if f.entity))
    return [f"- {e}:\n    roles: [{', '.join(dict.fromkeys(roles[e]))}]" if e in roles else f"- {e}" for e in names]


def _slots() -> list[str]:
    return [f"{f.slot}:\n  type: any\n  influence_conversation: false\n  mappings:\n  - type: custom"
            for f in registry.facts().values()]


def _required_slots() -> list[str]:
    return [f"- {f.slot}" for f in registry.facts().values()]


PARTS = {"entities": _entities, "slots": _slots, "required_slots": _required_slots}


def regenerated(text: str) -> str:
    """domain.yml's text with every generated region rewritten from the registry."""
    def fill(m: re.Match) -> str:
        indent, name = m.group("indent"), m.group("name")
        if name not in PARTS:
            raise ValueError(f"domain.yml: unknown generated region {name!r}")
        body = "\n".join(PARTS[name]())
        lines = [indent + line if line else line for line in body.splitlines()]
        return f"{indent}{BEGIN} {name}\n" + "\n".join(lines) + f"\n{indent}{END}\n"
    out, count = REGION.subn(fill, text)
    if count != len(PARTS):
        raise ValueError(f"domain.yml: expected {len(PARTS)} generated regions, found {count}")
    return out


def schema_text() -> str:
    return json.dumps(registry.input_schema(), ensure_ascii=False, indent=2) + "\n"


def drift(domain_path: Path) -> list[str]:
    """The generated files that differ from what the registry says (empty when in step)."""
    stale = []
    if regenerated(domain_path.read_text(encoding="utf-8")) != domain_path.read_text(encoding="utf-8"):
        stale.append(str(domain_path))
    if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text(encoding="utf-8") != schema_text():
        stale.append(str(SCHEMA_FILE))
    return stale


def write(domain_path: Path) -> list[str]:
    stale = drift(domain_path)
    domain_path.write_text(regenerated(domain_path.read_text(encoding="utf-8")), encoding="utf-8")
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    return stale
