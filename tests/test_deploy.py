"""The deployment files, checked statically (no Docker or cluster here): the compose file against the
Compose Specification's schema, the Kubernetes manifests against the 1.28 schemas, the probes on the
routes the servers answer, and every environment variable the code reads set in both."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # kubernetes-validate's pkg_resources use
ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
# os.environ.get("X"), os.environ["X"], os.getenv("X"), environ.get('X', …)
ENV_READ = re.compile(r"""(?:environ\.get|environ\[|getenv|\benv)\(?\s*["']([A-Z][A-Z0-9_]+)["']""")
# bot/settings.py, the one reader of the environment, also names variables in tables (OVERRIDES).
SETTINGS_NAME = re.compile(r"""["']((?:ADVISOR|TELEGRAM|LINE)_[A-Z0-9_]+)["']""")
ENDPOINT_VAR = re.compile(r"\$\{([A-Z][A-Z0-9_]+)\}")
PROCESS_VARS = {"PYTHONPATH"}  # bot/serve.py passes the interpreter's own path on to its children


def env_vars_read_by_the_code(only_console: bool = False) -> set[str]:
    """Variables read in bot/ and actions/ (or only in bot/console/), and those endpoints.yml expands."""
    names: set[str] = set()
    folders = [ROOT / "bot" / "console"] if only_console else [ROOT / "bot", ROOT / "actions"]
    for folder in folders:
        for path in folder.rglob("*.py"):
            names |= set(ENV_READ.findall(path.read_text(encoding="utf-8")))
            if path.name == "settings.py" and path.parent.name == "bot":
                names |= set(SETTINGS_NAME.findall(path.read_text(encoding="utf-8")))
    if not only_console:
        lines = (ROOT / "endpoints.yml").read_text(encoding="utf-8").splitlines()
        names |= set(ENDPOINT_VAR.findall("\n".join(line for line in lines if not line.lstrip().startswith("#"))))
    return names - PROCESS_VARS


def needed_by(service: str) -> set[str]:
    """The console's own variables only in the console; everything else everywhere."""
    console_only = env_vars_read_by_the_code(only_console=True) | {"ADVISOR_SESSION_KEY"}  # bot.settings.session_key
    return env_vars_read_by_the_code() - (set() if service == "console" else console_only)


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def k8s_documents() -> list[dict]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        docs += [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    return docs


def test_the_scan_finds_the_variables_the_code_is_known_to_read():
    names = env_vars_read_by_the_code()
    # one from each kind of reader: the store, a channel, the action server, endpoints.yml
    assert {"ADVISOR_DB_URL", "TELEGRAM_TOKEN", "ADVISOR_ACTION_TOKEN", "ADVISOR_TRACKER_URL"} <= names


def test_the_compose_file_follows_the_compose_specification():
    schema = json.loads((DEPLOY / "schemas" / "compose-spec.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(compose()), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_the_schema_check_catches_a_misspelt_key():
    schema = json.loads((DEPLOY / "schemas" / "compose-spec.json").read_text(encoding="utf-8"))
    broken = compose()
    broken["services"]["rasa"]["helthcheck"] = broken["services"]["rasa"].pop("healthcheck")
    assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))


def test_compose_runs_two_rasa_two_actions_postgres_redis_console_and_a_proxy():
    services = compose()["services"]
    assert services["rasa"]["deploy"]["replicas"] == 2 and services["actions"]["deploy"]["replicas"] == 2
    assert {"postgres", "redis", "console", "proxy"} <= set(services)
    assert "webhooks/health/ready" in " ".join(services["rasa"]["healthcheck"]["test"])
    # only the proxy and the console (on the host's loopback) are published
    assert [s for s, spec in services.items() if spec.get("ports")] == ["console", "proxy"]
    assert all(p.startswith("127.0.0.1:") for p in services["console"]["ports"])
    for file in ("Dockerfile.rasa", "Dockerfile.actions", "nginx.conf", "postgres-init.sql", "logging.yml"):
        assert (DEPLOY / file).is_file(), file


def test_compose_sets_every_variable_the_code_reads_and_no_secret_is_written_in_it():
    services = compose()["services"]
    for name in ("rasa", "actions", "console"):
        missing = needed_by(name) - set(services[name]["environment"])
        assert not missing, f"{name} lacks {sorted(missing)}"
    for service in services.values():
        for key, value in (service.get("environment") or {}).items():
            if any(word in key for word in ("TOKEN", "SECRET", "PASSWORD", "KEY")) and value:
                assert str(value).startswith("${"), f"{key} must come from the environment"


def test_the_kubernetes_manifests_follow_the_1_28_schemas():
    kubernetes_validate = pytest.importorskip("kubernetes_validate", reason="kubernetes-validate (dev extra) not installed")
    docs = k8s_documents() + list(yaml.safe_load_all((K8S / "secret.example.yaml").read_text(encoding="utf-8")))
    assert {d["kind"] for d in docs} >= {"Deployment", "Service", "ConfigMap", "Secret", "StatefulSet", "Ingress"}
    for doc in docs:
        kubernetes_validate.validate(doc, "1.28.0", strict=True)
    broken = json.loads(json.dumps(next(d for d in docs if d["kind"] == "Deployment")))
    broken["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, "1.28.0", strict=True)


def test_kubernetes_probes_and_replicas():
    deployments = {d["metadata"]["name"]: d for d in k8s_documents() if d["kind"] == "Deployment"}
    assert deployments["rasa"]["spec"]["replicas"] == 2 and deployments["actions"]["spec"]["replicas"] == 2
    rasa = deployments["rasa"]["spec"]["template"]["spec"]["containers"][0]
    assert rasa["readinessProbe"]["httpGet"]["path"] == "/webhooks/health/ready"
    assert rasa["livenessProbe"]["httpGet"]["path"] == "/webhooks/health/live"
    actions = deployments["actions"]["spec"]["template"]["spec"]["containers"][0]
    assert actions["readinessProbe"]["httpGet"]["path"] == "/health"


def test_kubernetes_gives_every_variable_the_code_reads_to_each_advisor_pod():
    docs = k8s_documents() + list(yaml.safe_load_all((K8S / "secret.example.yaml").read_text(encoding="utf-8")))
    by_name = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    for name in ("rasa", "actions", "console"):
        container = by_name[("Deployment", name)]["spec"]["template"]["spec"]["containers"][0]
        given = {e["name"] for e in container.get("env", [])}
        for source in container.get("envFrom", []):
            if "configMapRef" in source:
                given |= set(by_name[("ConfigMap", source["configMapRef"]["name"])]["data"])
            if "secretRef" in source:
                given |= set(by_name[("Secret", source["secretRef"]["name"])]["stringData"])
        missing = needed_by(name) - given
        assert not missing, f"{name} lacks {sorted(missing)}"


def test_the_containers_run_the_guarded_action_server_and_the_probe_channel():
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    assert "bot.health.HealthInput" in credentials
    assert '"bot.action_server", "--host", "0.0.0.0"' in (DEPLOY / "Dockerfile.actions").read_text(encoding="utf-8")
    endpoints = (ROOT / "endpoints.yml").read_text(encoding="utf-8")
    assert "X-Advisor-Action-Token: ${ADVISOR_ACTION_TOKEN}" in endpoints
