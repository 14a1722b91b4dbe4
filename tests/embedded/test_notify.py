"""Real HTTP delivery through apprise's json:// to a local receiver: retries, records, once per channel."""

from pathlib import Path

from replay.pacing import Pacer
from replay.run import replay
from replay.sources import read_inputs
from stream.core.places import Gazetteer
from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore
from stream.notify.apprise_channel import AppriseNotifier
from stream.notify.dispatch import Backoff
from tests.conftest import SEEDS, Receiver

RULES = """
channels:
  desk: "{url}"
rules:
  - id: place-seized
    kind: control_change
    severity: high
    title: "{{place}} seized by {{side}}"
    match: {{type: territory_seized}}
    channels: [desk]
"""


def rules_for(url: str) -> RuleSet:
    return load_rules(RULES.format(url=url))


async def run_seeds(db: Path, gazetteer: Gazetteer, rules: RuleSet, backoff: Backoff) -> Pipeline:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    store = await EventStore.open(db)
    pipeline = Pipeline(store, gazetteer, rules, AppriseNotifier(), backoff=backoff, sleep=sleep)
    await replay(read_inputs([SEEDS]), pipeline, Pacer(None))
    pipeline.waits = waits  # type: ignore[attr-defined]
    await store.close()
    return pipeline


async def deliveries(db: Path) -> list:
    store = await EventStore.open(db)
    rows = [r for _, r in await store.read("deliveries")]
    await store.close()
    return rows


async def test_alert_is_posted_to_the_channel(tmp_path: Path, gazetteer: Gazetteer, receiver: Receiver) -> None:
    pipeline = await run_seeds(tmp_path / "s.db", gazetteer, rules_for(receiver.url), Backoff(attempts=1))
    [body] = receiver.received
    assert body["title"] == "Kawlin seized by resistance"
    assert "Where: Kawlin, Sagaing, Myanmar" in body["message"]
    assert "Kawlin in the Sangaing region is the first capital seized" in body["message"]
    assert body["type"] == "warning"
    assert pipeline.report.delivered == 1
    [delivery] = await deliveries(tmp_path / "s.db")
    assert (delivery.ok, delivery.attempt, delivery.channel) == (True, 1, "desk")


async def test_failures_are_retried_with_backoff_and_every_attempt_recorded(
        tmp_path: Path, gazetteer: Gazetteer, receiver: Receiver) -> None:
    receiver.failures = 2
    pipeline = await run_seeds(tmp_path / "s.db", gazetteer, rules_for(receiver.url),
                               Backoff(attempts=4, first_wait=0.25))
    assert len(receiver.received) == 1
    assert pipeline.waits == [0.25, 0.5]  # type: ignore[attr-defined]
    assert [(d.attempt, d.ok) for d in await deliveries(tmp_path / "s.db")] == [(1, False), (2, False), (3, True)]
    assert "did not accept the alert" in (await deliveries(tmp_path / "s.db"))[0].error


async def test_delivered_once_per_channel_across_restarts(tmp_path: Path, gazetteer: Gazetteer,
                                                         receiver: Receiver) -> None:
    receiver.failures = 1
    first = await run_seeds(tmp_path / "s.db", gazetteer, rules_for(receiver.url), Backoff(attempts=1))
    assert first.report.failed_deliveries == 1 and receiver.received == []
    second = await run_seeds(tmp_path / "s.db", gazetteer, rules_for(receiver.url), Backoff(attempts=1))
    third = await run_seeds(tmp_path / "s.db", gazetteer, rules_for(receiver.url), Backoff(attempts=1))
    assert (second.report.delivered, third.report.delivered) == (1, 0)
    assert len(receiver.received) == 1
    assert [(d.attempt, d.ok) for d in await deliveries(tmp_path / "s.db")] == [(1, False), (2, True)]
