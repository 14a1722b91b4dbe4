"""`signalfire serve --broker`: the desk's page and API over a Kafka deployment, with a real worker and broker."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

import httpx

from stream.core.articles import article_from_json
from stream.core.detect import run
from stream.core.extract import extract
from stream.core.places import Gazetteer
from stream.core.records import Alert
from stream.core.rules.schema import RuleSet
from stream.kafka.client import read_all
from stream.reference.actors import default_actors
from tests.kafka.conftest import Deployment, eventually
from tests.web.test_serve import AUTH, kawlin, served


def test_serve_over_kafka_shows_the_workers_alerts_live_and_keeps_acknowledgements_on_a_topic(
        deployment: Deployment, tmp_path: Path, gazetteer: Gazetteer, default_rules: RuleSet) -> None:
    # Every alert the article raises, so that the pages below are read once the worker has raised them all.
    events = extract(article_from_json(json.dumps(kawlin()).encode()), gazetteer, default_actors())
    raised = sum(isinstance(output, Alert) for output in run(default_rules, events))
    assert raised >= 2
    deployment.start_worker()
    with served(None, "--broker", deployment.broker, env=deployment.env) as base:
        heard: list[dict] = []
        listening = threading.Event()

        def listen() -> None:
            with httpx.stream("GET", f"{base}/api/stream", headers=AUTH, timeout=120) as feed:
                for line in feed.iter_lines():
                    listening.set()
                    if line.startswith("data:"):
                        heard.append(json.loads(line[5:]))
                        return

        threading.Thread(target=listen, daemon=True).start()
        assert listening.wait(10)
        answer = httpx.post(f"{base}/api/articles", json=[kawlin(), {"title": "no text"}], headers=AUTH)
        assert answer.status_code == 202
        [article_id] = answer.json()["articles"]
        [letter] = answer.json()["dead_letters"]
        assert letter["origin"] == "api:1" and "text" in letter["reason"]

        def alerts() -> list[dict]:
            return httpx.get(f"{base}/api/alerts", headers=AUTH).json()["alerts"]

        # The article went onto the articles topic; the worker raised its alerts onto the alerts topic.
        eventually(lambda: len(alerts()) == raised, "the worker's alerts on the page", timeout=60, every=0.25)
        eventually(lambda: bool(heard), "the live feed", timeout=10, every=0.1)
        assert heard[0]["sources"][0]["article_id"] == article_id
        seizure = next(a for a in alerts() if a["rule"] == "place-seized")
        assert seizure["title"] == "Kawlin (Sagaing) seized by resistance forces"
        assert [a["rule"] for a in httpx.get(f"{base}/api/alerts", params={"rule": "place-seized"},
                                             headers=AUTH).json()["alerts"]] == ["place-seized"]

        first = httpx.get(f"{base}/api/alerts", params={"limit": "1"}, headers=AUTH).json()
        second = httpx.get(f"{base}/api/alerts", params={"limit": "1", "before": first["next"]}, headers=AUTH).json()
        assert [a["id"] for a in first["alerts"] + second["alerts"]] == [a["id"] for a in alerts()[:2]]

        acked = httpx.post(f"{base}/api/alerts/{seizure['id']}/ack", json={"by": "duty editor", "note": "seen"},
                           headers=AUTH)
        assert acked.status_code == 201
        one = httpx.get(f"{base}/api/alerts/{seizure['id']}", headers=AUTH).json()
        assert [(a["action"], a["by"]) for a in one["actions"]] == [("ack", "duty editor")]

        refused = httpx.post(f"{base}/api/silences", json={"rule": "place-seized", "until": "2030-01-01"},
                             headers=AUTH)
        assert refused.status_code == 409 and "rules file" in refused.json()["error"]
        metrics = httpx.get(f"{base}/metrics", headers=AUTH).text
        assert 'signalfire_alerts_total{rule="place-seized",tier="sent"} 1.0' in metrics
        assert 'signalfire_dead_letters_total{kind="no_text"} 1.0' in metrics  # by kind, not particulars

    letters = asyncio.run(read_all(deployment.broker, f"{deployment.prefix}deadletter", idle_ms=300))
    assert [json.loads(m)["origin"] for m in letters] == ["api:1"]
    # A new server reads everything again from the topics, the desk's acknowledgement included.
    with served(None, "--broker", deployment.broker, env=deployment.env) as base:
        started = time.monotonic()
        one = httpx.get(f"{base}/api/alerts/{seizure['id']}", headers=AUTH).json()
        assert time.monotonic() - started < 5
        assert one["title"] == seizure["title"]
        assert [(a["action"], a["note"]) for a in one["actions"]] == [("ack", "seen")]
