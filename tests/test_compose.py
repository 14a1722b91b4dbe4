"""docker-compose.yml stays valid and consistent with the command line (no Docker engine runs here)."""

import typer.main
from ruamel.yaml import YAML

from stream.cli import app
from tests.conftest import ROOT


def compose() -> dict:
    return YAML(typ="safe").load((ROOT / "docker-compose.yml").read_text())


def options(command: str) -> set[str]:
    found = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    return {opt for param in found.params for opt in getattr(param, "opts", [])}


def test_kafka_is_a_pinned_single_node_kraft_broker_with_a_volume() -> None:
    kafka = compose()["services"]["kafka"]
    image, tag = kafka["image"].split(":")
    assert image == "apache/kafka" and tag[0].isdigit()
    assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert any(v.startswith("kafka-data:") for v in kafka["volumes"]) and "kafka-data" in compose()["volumes"]


def test_service_commands_are_valid_signalfire_invocations() -> None:
    services = compose()["services"]
    for name in ("worker", "replay", "alerts"):
        command = services[name]["command"]
        flags = {part for part in command if part.startswith("--")}
        assert flags <= options(command[0]), f"{name}: {flags - options(command[0])}"
        assert "kafka://kafka:9092" in command
    assert services["worker"]["depends_on"]["kafka"]["condition"] == "service_healthy"
