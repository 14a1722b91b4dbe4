"""docker-compose.yml stays valid and consistent with the command line: the Compose Specification's schema (no Docker
engine runs here; `docker compose config` too where the compose plugin is installed), one image for every Signalfire
service, commands the CLI accepts, and a channel example the rules loader takes."""

import json
import re
import shutil
import subprocess
from typing import Any

import jsonschema
import pytest
import typer.main
from ruamel.yaml import YAML

from stream.cli import app
from stream.core.rules.load import OWN_SETTINGS, load_rules
from tests.conftest import ROOT

COMPOSE = ROOT / "docker-compose.yml"
SCHEMA = ROOT / "tests" / "vendor" / "compose-spec" / "compose-spec.json"
SIGNALFIRE = ("worker", "serve", "replay", "alerts")


def compose(text: str | None = None) -> dict:
    return YAML(typ="safe").load(text if text is not None else COMPOSE.read_text())  # merge keys resolved


def options(command: str) -> set[str]:
    found = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    return {opt for param in found.params for opt in getattr(param, "opts", [])}


def test_the_file_is_valid_under_the_compose_specification() -> None:
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text()))
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(compose())]
    assert problems == []
    broken: dict[str, Any] = compose()
    broken["services"]["worker"]["restart"] = ["always"]  # the check can fail
    broken["services"]["serve"]["portz"] = []
    assert len(list(validator.iter_errors(broken))) == 2


def compose_command() -> list[str] | None:
    """Docker's compose plugin, else the docker-compose program (Debian's package), else None: it reads a file
    without an engine."""
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


@pytest.mark.skipif(compose_command() is None,
                    reason="neither the docker compose plugin nor docker-compose is installed (the schema test checks "
                           "the file)")
def test_docker_compose_reads_the_file() -> None:
    done = subprocess.run([*(compose_command() or []), "-f", str(COMPOSE), "config", "--quiet"], capture_output=True,
                          text=True, cwd=ROOT, env={"PATH": "/usr/bin:/bin:/usr/local/bin", "SIGNALFIRE_TOKEN": "t"})
    assert done.returncode == 0, done.stderr


def test_kafka_is_a_pinned_single_node_kraft_broker_with_a_volume() -> None:
    kafka = compose()["services"]["kafka"]
    image, tag = kafka["image"].split(":")
    assert image == "apache/kafka" and tag[0].isdigit()
    assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert any(v.startswith("kafka-data:") for v in kafka["volumes"]) and "kafka-data" in compose()["volumes"]


def test_every_signalfire_service_runs_one_image_built_once() -> None:
    services = compose()["services"]
    assert {services[name]["image"] for name in SIGNALFIRE} == {"signalfire:latest"}
    assert [name for name in services if "build" in services[name]] == ["worker"]
    assert all(services[name]["pull_policy"] == "never" for name in SIGNALFIRE)  # never pulled from a registry


def test_service_commands_are_valid_signalfire_invocations() -> None:
    services = compose()["services"]
    for name in SIGNALFIRE:
        command = services[name]["command"]
        flags = {part for part in command if part.startswith("--")}
        assert flags <= options(command[0]), f"{name}: {flags - options(command[0])}"
        assert "kafka://kafka:9092" in command
        assert services[name]["depends_on"]["kafka"]["condition"] == "service_healthy"


def test_the_desk_page_is_served_on_its_published_port_with_the_token_passed() -> None:
    serve = compose()["services"]["serve"]
    command = serve["command"]
    port = command[command.index("--port") + 1]
    assert command[command.index("--host") + 1] == "0.0.0.0"  # inside its container; published on 127.0.0.1 only
    assert serve["ports"] == [f"127.0.0.1:{port}:{port}"]
    assert serve["environment"]["SIGNALFIRE_TOKEN"] == "${SIGNALFIRE_TOKEN:-}"
    assert port in serve["healthcheck"]["test"][-1]


def test_the_commented_channel_example_is_one_the_rules_loader_accepts() -> None:
    text = COMPOSE.read_text()
    example = re.search(r"# For channels: (\{.*\})\n", text)
    assert example is not None
    passed = re.findall(r"^    # (SIGNALFIRE_\w+): \$\{(\w+)\}$", text, re.M)
    assert passed and all(name == variable for name, variable in passed)
    uncommented = re.sub(r"^    # (SIGNALFIRE_\w+: \$\{\w+\})$", r"    \1", text, flags=re.M)
    environment = compose(uncommented)["services"]["worker"]["environment"]
    names = [name for name, _ in passed]
    assert all(environment[name] == f"${{{name}}}" for name in names)  # handed to every service
    assert not set(names) & OWN_SETTINGS
    rules = load_rules(f"channels: {example.group(1)}\nrules: []\n", "rules.yaml", {name: "x" for name in names})
    assert rules.channels["desk"] == "slack://x/x/x/#desk"
