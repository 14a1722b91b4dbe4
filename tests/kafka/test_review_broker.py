"""The review queue over Kafka, with a real broker, worker and receiver: a held alert goes nowhere until the Kafka
desk's confirmation, which the worker relays behind the alert; then it is sent once, and a rejected one never."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from stream.core.places import Gazetteer
from tests.conftest import Receiver
from tests.kafka.conftest import Deployment, eventually
from tests.web.test_review_api import SEIZED, raised_by_kawlin, review_rules, titles
from tests.web.test_serve import AUTH, kawlin, served


def test_the_worker_sends_a_held_alert_once_the_kafka_desk_confirms_it_and_a_rejected_one_never(
        deployment: Deployment, tmp_path: Path, receiver: Receiver, gazetteer: Gazetteer) -> None:
    deployment.rules = review_rules(tmp_path, receiver)
    raised = raised_by_kawlin(deployment.rules, gazetteer)
    sent = sorted(a.title for a in raised if a.tier == "sent")
    deployment.start_worker()
    with served(None, "--broker", deployment.broker, "--rules", str(deployment.rules), env=deployment.env) as base:
        def get(**params: str) -> list[dict]:
            return httpx.get(f"{base}/api/alerts", params=params, headers=AUTH).json()["alerts"]

        def act(alert_id: str, action: str, **body: str) -> httpx.Response:
            return httpx.post(f"{base}/api/alerts/{alert_id}/{action}", json=body, headers=AUTH)

        httpx.post(f"{base}/api/articles", json=kawlin(), headers=AUTH)
        eventually(lambda: len(get()) == len(raised), "the worker's alerts on the page", timeout=90, every=0.25)
        eventually(lambda: titles(receiver) == sent, "the alerts that are sent", timeout=60, every=0.25)
        held = {a["rule"]: a for a in get(pending="true")}
        assert set(held) == {"place-seized", "deaths-per-region-day"} and all(
            a["tier"] == "review" and a["review"] and a["verdict"] is None for a in held.values())
        seizure, deaths = held["place-seized"]["id"], held["deaths-per-region-day"]["id"]
        assert act(seizure, "confirm", by="duty editor").status_code == 201
        assert act(deaths, "reject", by="duty editor", note="a week's toll").status_code == 201
        assert act(seizure, "reject", by="night editor", note="no").status_code == 409  # the first verdict stands
        eventually(lambda: SEIZED in titles(receiver), "the confirmed alert's delivery", timeout=60, every=0.25)
        assert get(pending="true") == []
        assert get(tier="review")[0]["verdict"]["by"] == "duty editor"
        metrics = httpx.get(f"{base}/metrics", headers=AUTH).text
        assert 'signalfire_verdicts_total{verdict="confirm"} 1.0' in metrics
        time.sleep(3)  # the relayed verdicts and any redelivery have long been read: nothing more goes out
    assert titles(receiver) == sorted([*sent, SEIZED])
