"""The fact registry: one definition per fact, and everything derived from it stays in step with it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.dialogue import domain_facts
from bot.rules import registry
from bot.rules.facts import Worker, parse_facts

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ROOT / "domain.yml"


def test_domain_and_schema_are_generated_from_the_registry():
    assert domain_facts.drift(DOMAIN) == [], "run `advisor facts --write`"


def test_the_check_command_fails_when_domain_yml_drifts(tmp_path):
    stale = tmp_path / "domain.yml"
    stale.write_text(DOMAIN.read_text(encoding="utf-8").replace("- company_employees\n", "", 1), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "bot.cli", "facts", "--domain", str(stale)], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 1 and "advisor facts --write" in run.stderr
    subprocess.run([sys.executable, "-m", "bot.cli", "facts", "--write", "--domain", str(stale)], check=True, cwd=ROOT)
    assert stale.read_text(encoding="utf-8") == DOMAIN.read_text(encoding="utf-8")


def test_every_fact_has_a_slot_and_a_place_in_the_form_and_the_validation_asks_the_questions():
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    required = domain["forms"]["advisor_form"]["required_slots"]
    for f in registry.facts().values():
        assert domain["slots"][f.slot]["mappings"] == [{"type": "custom"}]  # only the interview step fills facts
        assert f.slot in required
    # the form's validation asks the next question itself: no `action_ask_*` (a second action call a turn)
    assert not [a for a in domain["actions"] if a.startswith(("action_ask_", "utter_ask_"))]


def test_entity_roles_come_from_the_registry():
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    roles = {next(iter(e)): e[next(iter(e))]["roles"] for e in domain["entities"] if isinstance(e, dict)}
    assert {"employees", "migrant_allocation"} <= set(roles["count"])
    assert registry.filled_by("count", "employees").id == "company.employees"
    assert registry.filled_by("region", None).id == "company.region"  # not the training class's region
    assert registry.default_for("years").id == "worker.continuous_years"


def test_typed_fact_classes_follow_the_registry():
    assert "monthly_wage" in Worker.__slots__
    facts = parse_facts({"topic": "midlevel", "worker": {"monthly_wage": 35000, "occupation_group": 7}})
    assert facts.worker.monthly_wage == 35000 and facts.worker.occupation_group == 7


@pytest.mark.parametrize("spec, complaint", [
    ({"kind": "count", "topics": ["midlevel"], "colour": "red"}, "unknown keys"),
    ({"kind": "length", "topics": ["midlevel"]}, "kind"),
    ({"kind": "choice", "topics": ["midlevel"]}, "choices"),
    ({"kind": "count", "topics": ["weather"]}, "topics"),
    ({"kind": "count"}, "topics"),
])
def test_a_malformed_fact_is_refused_when_the_registry_loads(spec, complaint):
    with pytest.raises(registry.RegistryError, match=complaint):
        registry._fact("worker.new_fact", spec, registry._raw()["kinds"])


def test_a_new_fact_is_named_in_one_file_plus_its_texts():
    """The dialogue's plumbing (slot, entity role, question, plausibility, console field) names no fact:
    a fact's id or slot appears only in the registry, in files generated from it, and in the rule that uses it."""
    generated = {"domain.yml", "bot/rules/schemas/facts.schema.json"}
    tracked = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    files = [ROOT / name for name in tracked if Path(name).suffix in (".py", ".yml", ".yaml", ".json")
             and not {"tests", "bench", "data"} & set(Path(name).parts) and (ROOT / name).is_file()]
    for fid in ("worker.practical_recognition", "company.foreign_professionals"):
        slot = registry.fact(fid).slot
        named = {str(p.relative_to(ROOT)) for p in files
                 if fid in (body := p.read_text(encoding="utf-8", errors="ignore")) or slot in body}
        assert named - generated <= {"bot/rules/facts.yaml", "bot/rules/midlevel.py"}, named
