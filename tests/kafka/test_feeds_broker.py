"""Feeds onto Kafka: `signalfire ingest --broker` publishes each new article once, copies marked, for the workers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from stream.kafka.client import read_all
from tests.feeds.site import Site, serve, wire_and_copy
from tests.kafka.conftest import Deployment, eventually


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve(Site())


def test_ingest_onto_kafka_publishes_each_article_once_and_the_worker_lists_the_copy(
        deployment: Deployment, site: Site, tmp_path: Path) -> None:
    feeds = wire_and_copy(site, tmp_path)
    deployment.start_worker()
    state = tmp_path / "feeds.db"
    for _ in range(2):  # the second run finds nothing new and publishes nothing
        ingested = deployment.cli("ingest", "--feeds", feeds, "--broker", deployment.broker, "--db", state, "--once")
        assert "failed" not in ingested.stderr, ingested.stderr

    def seizures() -> list[dict]:
        out = deployment.cli("alerts", "--broker", deployment.broker, "--json").stdout
        return [a for a in map(json.loads, out.splitlines()) if a["rule"] == "place-seized"]

    eventually(lambda: bool(seizures()) and len(seizures()[0]["sources"]) == 2, "the alert with both outlets",
               timeout=60, every=0.5)
    [alert] = seizures()
    assert [(s["source"], s["copy_of"] is not None) for s in alert["sources"]] == [
        ("Wire Agency", False), ("Daily Courier", True)]
    deployment.stop()  # no more ticks: the articles topic holds still to be read to its end
    published = asyncio.run(read_all(deployment.broker, f"{deployment.prefix}articles", idle_ms=300))
    assert sorted(json.loads(m)["source"] for m in published if m) == ["Daily Courier", "Wire Agency"]  # ticks aside
