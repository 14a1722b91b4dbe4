"""Feeds onto Kafka: `signalfire ingest --broker` publishes each new article once, copies marked, for the workers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from stream.kafka.client import read_all
from tests.feeds.site import WIRE, Route, Site, atom, paragraphs, rss, serve
from tests.kafka.conftest import Deployment, eventually


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve(Site())


def test_ingest_onto_kafka_publishes_each_article_once_and_the_worker_lists_the_copy(
        deployment: Deployment, site: Site, tmp_path: Path) -> None:
    site.routes["/wire/feed.xml"] = Route(rss("Wire Agency", [
        {"title": "Resistance forces capture Kawlin", "link": f"{site.base}/wire/kawlin",
         "content": paragraphs(WIRE)}]))
    site.routes["/courier/feed.atom"] = Route(atom("Daily Courier", [
        {"title": "Town falls to fighters", "link": f"{site.base}/courier/town-falls",
         "content": paragraphs(WIRE[:4] + WIRE[5:])}]), content_type="application/atom+xml")
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(f"per_host_delay: 0\nfeeds:\n  - {{name: wire, url: '{site.base}/wire/feed.xml'}}\n"
                     f"  - {{name: courier, url: '{site.base}/courier/feed.atom'}}\n")
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
