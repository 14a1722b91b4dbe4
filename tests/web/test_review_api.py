"""The review queue over HTTP on a real `signalfire serve`: held alerts listed with their reasons and never sent,
confirmed (then sent once to a real receiver) or rejected (never), refused when not held or judged already,
counted in /metrics, and all of it as it was after a restart of the server."""

import json
import time
from pathlib import Path

import httpx

from stream.core.articles import article_from_json
from stream.core.detect import run
from stream.core.extract import extract
from stream.core.places import Gazetteer
from stream.core.records import Alert
from stream.core.rules.load import load_rules
from stream.core.views import alert_views
from stream.reference.actors import default_actors
from tests.conftest import Receiver
from tests.kafka.conftest import eventually
from tests.web.test_serve import AUTH, kawlin, served

# The default rules' seizure and deaths held for review, every alert sent to one local receiver.
RULES = """
channels:
  desk: "{url}"
rules:
  - id: place-seized
    kind: control_change
    severity: high
    title: "{{place}} ({{admin1}}) seized by {{side}} forces"
    match: {{type: territory_seized, min_confidence: 0.7}}
    review: always
    channels: [desk]
  - id: deaths-per-region-day
    kind: window_sum
    severity: high
    title: "{{value}} killed in {{admin1}} on {{window_start}}"
    match: {{type: casualties, min_confidence: 0.45}}
    field: killed
    group_by: [admin1]
    window: 1d
    threshold: 10
    review: always
    channels: [desk]
  - id: mass-displacement
    kind: threshold
    severity: high
    title: "{{value}} people displaced near {{place}}"
    match: {{type: displacement, min_confidence: 0.45}}
    field: displaced
    threshold: 10000
    channels: [desk]
"""
SEIZED = "Kawlin (Sagaing) seized by resistance forces"


def review_rules(folder: Path, receiver: Receiver) -> Path:
    path = folder / "rules.yaml"
    path.write_text(RULES.format(url=receiver.url))
    return path


def raised_by_kawlin(rules: Path, gazetteer: Gazetteer) -> list[Alert]:
    """What the Kawlin article raises under ``rules``, as the core alone raises it."""
    events = extract(article_from_json(json.dumps(kawlin()).encode()), gazetteer, default_actors())
    return [output for output in run(load_rules(rules.read_text()), events) if isinstance(output, Alert)]


def standing_by_kawlin(rules: Path, gazetteer: Gazetteer) -> list[dict]:
    """The same alerts as a desk sees them: later reports folded in, titles telling the figures as they stand."""
    events = extract(article_from_json(json.dumps(kawlin()).encode()), gazetteer, default_actors())
    return alert_views(output for output in run(load_rules(rules.read_text()), events))


def titles(receiver: Receiver) -> list[str]:
    return sorted(message["title"] for message in receiver.received)


def test_held_alerts_are_listed_never_sent_until_confirmed_and_keep_their_verdicts_across_a_restart(
        tmp_path: Path, receiver: Receiver, gazetteer: Gazetteer) -> None:
    db, rules = tmp_path / "s.db", review_rules(tmp_path, receiver)
    raised = raised_by_kawlin(rules, gazetteer)
    sent = sorted(a.title for a in raised if a.tier == "sent")
    assert sent and {a.rule for a in raised if a.tier == "review"} == {"place-seized", "deaths-per-region-day"}
    with served(db, "--rules", str(rules)) as base:
        def get(**params: str) -> list[dict]:
            return httpx.get(f"{base}/api/alerts", params=params, headers=AUTH).json()["alerts"]

        def act(alert_id: str, action: str, **body: str) -> httpx.Response:
            return httpx.post(f"{base}/api/alerts/{alert_id}/{action}", json=body, headers=AUTH)

        httpx.post(f"{base}/api/articles", json=kawlin(), headers=AUTH)
        eventually(lambda: len(get()) == len(raised), "the article's alerts", timeout=20, every=0.1)
        eventually(lambda: titles(receiver) == sent, "the alerts that are sent", timeout=10, every=0.1)
        held = {a["rule"]: a for a in get(tier="review")}
        assert set(held) == {"place-seized", "deaths-per-region-day"}
        assert all(a["review"] == ["the rule holds every alert for review"] and a["verdict"] is None
                   for a in held.values())
        assert sorted(a["title"] for a in get(tier="sent")) == sent
        assert [a["id"] for a in get(pending="true")] == [a["id"] for a in get(tier="review")]
        assert httpx.get(f"{base}/api/alerts", params={"tier": "held"}, headers=AUTH).status_code == 400
        seizure, deaths = held["place-seized"]["id"], held["deaths-per-region-day"]["id"]

        assert act(seizure, "confirm").status_code == 422  # who gives the verdict
        no_reason = act(deaths, "reject", by="desk-1")
        assert no_reason.status_code == 422 and "a rejection needs a reason" in no_reason.json()["error"]
        not_held = act(get(tier="sent")[0]["id"], "confirm", by="desk-1")
        assert not_held.status_code == 409 and "is not held for review" in not_held.json()["error"]
        assert act("al-nothing", "confirm", by="desk-1").status_code == 404
        assert httpx.post(f"{base}/api/alerts/{seizure}/confirm", json={"by": "desk-1"}).status_code == 401
        confirmed = act(seizure, "confirm", by="desk-1", note="two outlets agree")
        assert confirmed.status_code == 201 and confirmed.json()["action"] == "confirm"
        second = act(seizure, "reject", by="desk-2", note="too late")
        assert second.status_code == 409 and "already confirmed by desk-1" in second.json()["error"]
        assert act(deaths, "reject", by="desk-2", note="a week's toll, not a day's").status_code == 201
        eventually(lambda: SEIZED in titles(receiver), "the confirmed alert's delivery", timeout=10, every=0.1)
        assert get(pending="true") == []
        metrics = httpx.get(f"{base}/metrics", headers=AUTH).text
        assert 'signalfire_alerts_total{rule="place-seized",tier="review"} 1.0' in metrics
        assert 'signalfire_verdicts_total{verdict="confirm"} 1.0' in metrics
        assert 'signalfire_verdicts_total{verdict="reject"} 1.0' in metrics
        time.sleep(1)  # a few of the outbox's looks: nothing more is owed
        assert titles(receiver) == sorted([*sent, SEIZED])

    with served(db, "--rules", str(rules)) as base:  # a new process on the same store
        one = httpx.get(f"{base}/api/alerts/{seizure}", headers=AUTH).json()
        assert (one["verdict"]["action"], one["verdict"]["by"]) == ("confirm", "desk-1")
        assert one["tier"] == "review" and [d["ok"] for d in one["deliveries"]] == [True]
        rejected = httpx.get(f"{base}/api/alerts/{deaths}", headers=AUTH).json()
        assert rejected["verdict"]["note"] == "a week's toll, not a day's" and rejected["deliveries"] == []
        assert httpx.post(f"{base}/api/alerts/{deaths}/confirm", json={"by": "desk-3"}, headers=AUTH
                          ).status_code == 409
        time.sleep(1)
    assert titles(receiver) == sorted([*sent, SEIZED])
