"""Checks the held-out sets: YAML/JSON parse, intent names, counts, fact ids and values
against bot/rules/schemas/facts.schema.json. Run from the repository root:
    python tests/heldout/validate.py
"""
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "heldout"
INTENTS = {
    "greet", "goodbye", "thanks", "affirm", "deny", "dont_know", "start_over", "resume", "correct",
    "inform", "ask_midlevel", "ask_midlevel_worker", "ask_grants", "ask_training", "faq_benefits",
    "faq_salary", "faq_technical", "faq_quota", "faq_documents", "faq_video", "faq_who_qualifies",
    "faq_ipas", "faq_recharge", "faq_contacts", "out_of_scope", "set_language",
}
LANGS = {"zh-TW": (150, 120), "id": (100, 50), "vi": (100, 50), "en": (100, 50), "th": (100, 50)}
errors = []


def schema_facts():
    schema = json.loads((ROOT / "bot/rules/schemas/facts.schema.json").read_text())
    defs = schema["definitions"]
    out = {}
    for group in ("company", "worker", "project", "training"):
        for name, spec in schema["properties"][group]["properties"].items():
            out[f"{group}.{name}"] = defs[spec["$ref"].split("/")[-1]] if "$ref" in spec else spec
    return out


FACTS = schema_facts()


def check_value(where, fact, value):
    spec = FACTS.get(fact)
    if spec is None:
        errors.append(f"{where}: unknown fact {fact}")
        return
    if value is None:
        errors.append(f"{where}: {fact} is null")
    elif "enum" in spec:
        if value not in spec["enum"] or isinstance(value, bool):
            errors.append(f"{where}: {fact}={value!r} not in enum")
    else:
        types = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
        ok = (("boolean" in types and isinstance(value, bool))
              or ("integer" in types and isinstance(value, int) and not isinstance(value, bool))
              or ("number" in types and isinstance(value, (int, float)) and not isinstance(value, bool))
              or ("string" in types and isinstance(value, str)))
        if not ok:
            errors.append(f"{where}: {fact}={value!r} wrong type")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            if not spec.get("minimum", 0) <= value <= spec.get("maximum", float("inf")):
                errors.append(f"{where}: {fact}={value!r} out of range")
    if fact.endswith(".region") and not (isinstance(value, str) and value[-1] in "市縣"
                                         and "台" not in value):
        errors.append(f"{where}: region {value!r} not in official form")


def check_facts(where, d):
    for k, v in d.items():
        check_value(where, k, v)


def main():
    for lang, (n_intents, n_cases) in LANGS.items():
        data = yaml.safe_load((HERE / "intents" / f"{lang}.yml").read_text(encoding="utf-8"))
        assert str(data["version"]) == "3.1"
        seen, per_intent = {}, Counter()
        for block in data["nlu"]:
            intent = block["intent"]
            if intent not in INTENTS:
                errors.append(f"{lang}: unknown intent {intent}")
            for line in block["examples"].splitlines():
                if not line.strip():
                    continue
                if not line.startswith("- "):
                    errors.append(f"{lang}: bad line {line!r}")
                msg = line[2:].strip()
                if msg in seen:
                    errors.append(f"{lang}: {msg!r} in {seen[msg]} and {intent}")
                seen[msg] = intent
                per_intent[intent] += 1
        total = sum(per_intent.values())
        if total < n_intents or per_intent["out_of_scope"] < 15:
            errors.append(f"{lang}: {total} intents, {per_intent['out_of_scope']} out_of_scope")
        print(f"intents/{lang}.yml: {total} messages, {len(per_intent)} intents, "
              f"{per_intent['out_of_scope']} out_of_scope")

        ids, unchanged, what_ifs = set(), 0, 0
        lines = (HERE / "facts" / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()
        for line in lines:
            c = json.loads(line)
            where = f"facts/{lang}:{c['id']}"
            if c["id"] in ids:
                errors.append(f"{where}: duplicate id")
            ids.add(c["id"])
            if c["lang"] != lang or c["speaker"] not in ("employer", "worker"):
                errors.append(f"{where}: lang/speaker")
            if c["asking"] is not None and c["asking"] not in FACTS:
                errors.append(f"{where}: asking {c['asking']}")
            check_facts(where, c["facts"])
            check_facts(where, c["expect"]["facts"])
            wi = c["expect"]["what_if"]
            if wi is not None:
                what_ifs += 1
                check_facts(where + " what_if", wi)
                if len(wi) != 1 or c["expect"]["facts"] != c["facts"]:
                    errors.append(f"{where}: a what-if must change nothing and name one fact")
            if c["expect"]["facts"] == c["facts"]:
                unchanged += 1
        if len(lines) < n_cases:
            errors.append(f"facts/{lang}: only {len(lines)} cases")
        print(f"facts/{lang}.jsonl: {len(lines)} cases, {unchanged} unchanged "
              f"({what_ifs} of them what-ifs)")

    convs = [json.loads(l) for l in (HERE / "facts/conversations.jsonl").read_text().splitlines()]
    for c in convs:
        for i, t in enumerate(c["turns"]):
            where = f"conversations:{c['id']} turn {i + 1}"
            check_facts(where, t["expect_facts"])
            if t["asking"] is not None and t["asking"] not in FACTS:
                errors.append(f"{where}: asking {t['asking']}")
    print(f"facts/conversations.jsonl: {len(convs)} conversations, "
          f"{sum(len(c['turns']) for c in convs)} turns")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
