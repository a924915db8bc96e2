#!/usr/bin/env python3
"""Build a bare Rasa bot of the same size as the project, for side-by-side latency.
Copied from the shared perf harness (../shared/perf/) so that the comparison runs from the repository.

Same NLU examples (entity marks stripped), same intents, stock components only
(JiebaTokenizer, CountVectors, DIET, Fallback), a rule per intent answering with a
response: no custom components, no action server. Usage:
  make_bare_bot.py PROJECT_DIR OUT_DIR
BARE_DIET_EPOCHS (default 60) shortens its training: a turn's time does not depend on the epochs (the same
network runs), and with ~10,000 examples 60 epochs take well over an hour on 2 cores.
"""
import glob, os, re, sys, yaml

proj, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out, "data"), exist_ok=True)
examples = {}
for path in glob.glob(os.path.join(proj, "data", "nlu", "*.yml")):
    doc = yaml.safe_load(open(path)) or {}
    for item in doc.get("nlu", []):
        if "intent" not in item:
            continue
        lines = [l[2:] for l in item["examples"].splitlines() if l.startswith("- ")]
        lines = [re.sub(r"\[([^\]]+)\](\{[^}]*\}|\([^)]*\))", r"\1", l) for l in lines]
        examples.setdefault(item["intent"], []).extend(lines)
intents = sorted(examples)
nlu = {"version": "3.1", "nlu": [{"intent": i, "examples": "".join(f"- {e}\n" for e in examples[i])} for i in intents]}
yaml.safe_dump(nlu, open(os.path.join(out, "data", "nlu.yml"), "w"), allow_unicode=True, sort_keys=False)
rules = {"version": "3.1", "rules": [{"rule": f"r_{i}", "steps": [{"intent": i}, {"action": f"utter_{i}"}]} for i in intents]
         + [{"rule": "fallback", "steps": [{"intent": "nlu_fallback"}, {"action": "utter_default"}]}]}
yaml.safe_dump(rules, open(os.path.join(out, "data", "rules.yml"), "w"), allow_unicode=True, sort_keys=False)
domain = {"version": "3.1", "intents": intents + ["nlu_fallback"],
          "responses": {**{f"utter_{i}": [{"text": f"收到：{i}"}] for i in intents},
                        "utter_default": [{"text": "抱歉，我不太懂。"}]},
          "session_config": {"session_expiration_time": 60, "carry_over_slots_to_new_session": True}}
yaml.safe_dump(domain, open(os.path.join(out, "domain.yml"), "w"), allow_unicode=True, sort_keys=False)
config = """recipe: default.v1
language: zh
assistant_id: bare
pipeline:
- name: JiebaTokenizer
- name: RegexFeaturizer
- name: LexicalSyntacticFeaturizer
- name: CountVectorsFeaturizer
- name: CountVectorsFeaturizer
  analyzer: char_wb
  min_ngram: 1
  max_ngram: 3
- name: DIETClassifier
  epochs: """ + os.environ.get("BARE_DIET_EPOCHS", "60") + """
  entity_recognition: false
  constrain_similarities: true
  random_seed: 7
- name: FallbackClassifier
  threshold: 0.4
policies:
- name: RulePolicy
- name: MemoizationPolicy
  max_history: 4
- name: TEDPolicy
  max_history: 4
  epochs: 30
  constrain_similarities: true
  random_seed: 7
"""
open(os.path.join(out, "config.yml"), "w").write(config)
open(os.path.join(out, "credentials.yml"), "w").write("rest: {}\n")
open(os.path.join(out, "endpoints.yml"), "w").write(
    'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "tracker.db"\n')
print(len(intents), "intents,", sum(len(v) for v in examples.values()), "examples")
