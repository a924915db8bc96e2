"""Validate every *.jsonl in this folder, or in the one given (bench/dev_facts_b, bench/dev_facts_c): dev fact cases.

Checks: valid JSON, required keys and types, ids unique across files, lang matches the file name,
every fact id / value valid against bot/rules/schemas/facts.schema.json (company/worker/project/
training properties flattened), region values in the official 臺/縣/市 form, expect.facts keeps
every key of facts unless the message is a correction, what-if cases leave the facts unchanged.
Exit status 1 when any error is found.
"""
import json
import pathlib
import re
import sys

HERE = pathlib.Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent
SCHEMA = HERE.parents[1] / "bot" / "rules" / "schemas" / "facts.schema.json"

REGIONS = {"臺北市", "新北市", "桃園市", "臺中市", "臺南市", "高雄市", "基隆市", "新竹市", "嘉義市",
           "新竹縣", "苗栗縣", "彰化縣", "南投縣", "雲林縣", "嘉義縣", "屏東縣", "宜蘭縣", "花蓮縣",
           "臺東縣", "澎湖縣", "金門縣", "連江縣"}
REGION_FACTS = {"company.region", "training.region"}

# words that mark a correction (a correction may remove a fact it had given)
CORRECTION = re.compile(
    r"不對|打錯|更正|說錯|講錯|寫錯|看錯|算錯|搞錯|亂講|不是|其實|"
    r"\b(?:not|actually|sorry|mistake|wrong|correction|meant|typo)\b|"
    r"\b(?:bukan|salah|maaf|ralat|koreksi|maksudnya)\b|"
    r"không phải|nhầm|sai|xin lỗi|đính chính|"
    r"ไม่ใช่|ผิด|ขอโทษ|แก้", re.I)

REQUIRED = {"id": str, "lang": str, "speaker": str, "message": str, "facts": dict, "expect": dict}
SPEAKERS = {"employer", "worker"}


def load_schema():
    s = json.loads(SCHEMA.read_text(encoding="utf-8"))
    defs = s.get("definitions", {})
    flat = {}
    for group in ("company", "worker", "project", "training"):
        for prop, spec in s["properties"][group]["properties"].items():
            if "$ref" in spec:
                spec = defs[spec["$ref"].rsplit("/", 1)[-1]]
            flat[f"{group}.{prop}"] = spec
    return flat


def value_ok(spec, v):
    if "enum" in spec:
        return any(v == e and type(v) is type(e) for e in spec["enum"])
    types = spec.get("type", [])
    types = [types] if isinstance(types, str) else types
    if v is None:
        return "null" in types
    if isinstance(v, bool):
        return "boolean" in types
    if isinstance(v, int) and ("integer" in types or "number" in types):
        pass
    elif isinstance(v, float) and "number" in types:
        pass
    elif isinstance(v, str) and "string" in types:
        return True
    else:
        return False
    lo, hi = spec.get("minimum"), spec.get("maximum")
    return (lo is None or v >= lo) and (hi is None or v <= hi)


def check_facts(where, d, flat, errs):
    if not isinstance(d, dict):
        errs.append(f"{where}: not an object")
        return
    for k, v in d.items():
        if k not in flat:
            errs.append(f"{where}: unknown fact id {k!r}")
        elif not value_ok(flat[k], v):
            errs.append(f"{where}: bad value {v!r} for {k}")
        elif k in REGION_FACTS and v is not None and v not in REGIONS:
            errs.append(f"{where}: region {v!r} not in official form")


def main():
    flat = load_schema()
    errs, seen, total = [], {}, 0
    files = sorted(HERE.glob("*.jsonl"))
    for path in files:
        n = 0
        for ln, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{ln}"
            try:
                case = json.loads(line)
            except json.JSONDecodeError as e:
                errs.append(f"{where}: invalid JSON ({e})")
                continue
            n += 1
            if not isinstance(case, dict):
                errs.append(f"{where}: not an object")
                continue
            for key, typ in REQUIRED.items():
                if not isinstance(case.get(key), typ):
                    errs.append(f"{where}: missing or mistyped {key!r}")
            if "asking" not in case:
                errs.append(f"{where}: missing 'asking'")
            if any(not isinstance(case.get(k), t) for k, t in REQUIRED.items()):
                continue
            cid = case["id"]
            where = f"{path.name}:{ln} ({cid})"
            if cid in seen:
                errs.append(f"{where}: duplicate id (also {seen[cid]})")
            seen[cid] = where
            if case["lang"] != path.stem:
                errs.append(f"{where}: lang {case['lang']!r} does not match file {path.name}")
            if case["speaker"] not in SPEAKERS:
                errs.append(f"{where}: speaker {case['speaker']!r}")
            if not case["message"].strip():
                errs.append(f"{where}: empty message")
            asking = case.get("asking")
            if asking is not None and asking not in flat:
                errs.append(f"{where}: asking {asking!r} is not a fact id")
            exp = case["expect"]
            if set(exp) != {"facts", "what_if"}:
                errs.append(f"{where}: expect keys {sorted(exp)} (want facts, what_if)")
            before, after, wi = case["facts"], exp.get("facts"), exp.get("what_if")
            check_facts(f"{where} facts", before, flat, errs)
            check_facts(f"{where} expect.facts", after, flat, errs)
            if not isinstance(after, dict):
                continue
            if wi is not None:
                if not isinstance(wi, dict) or len(wi) != 1:
                    errs.append(f"{where}: what_if must name exactly one fact")
                else:
                    check_facts(f"{where} what_if", wi, flat, errs)
                if after != before:
                    errs.append(f"{where}: what-if case changes facts")
            missing = set(before) - set(after)
            if missing and not CORRECTION.search(case["message"]):
                errs.append(f"{where}: expect.facts drops {sorted(missing)} without a correction")
        total += n
        print(f"{path.name}: {n} cases")
    for e in errs:
        print("ERROR", e)
    print(f"{total} cases in {len(files)} files, {len(errs)} errors")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
