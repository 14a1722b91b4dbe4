"""Real HTTP delivery through apprise's json:// to a local receiver: retries, records, once per channel."""

import json
from pathlib import Path

from replay.pacing import Pacer
from replay.run import replay
from replay.sources import read_inputs
from stream.core.places import Gazetteer
from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet
from stream.embedded.outbox import Outbox
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


async def run_seeds(db: Path, gazetteer: Gazetteer, rules: RuleSet, backoff: Backoff) -> Outbox:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    store = await EventStore.open(db)
    pipeline = Pipeline(store, gazetteer, rules)
    outbox = Outbox(store, rules, AppriseNotifier(), pipeline.report, backoff=backoff, sleep=sleep)
    await replay(read_inputs([SEEDS]), pipeline, Pacer(None), outbox=outbox)
    outbox.waits = waits  # type: ignore[attr-defined]
    await store.close()
    return outbox


async def deliveries(db: Path) -> list:
    store = await EventStore.open(db)
    rows = [r for _, r in await store.read("deliveries")]
    await store.close()
    return rows


async def test_alert_is_posted_to_the_channel(tmp_path: Path, gazetteer: Gazetteer, receiver: Receiver) -> None:
    outbox = await run_seeds(tmp_path / "s.db", gazetteer, rules_for(receiver.url), Backoff(attempts=1))
    [body] = receiver.received
    assert body["title"] == "Kawlin seized by resistance"
    assert "Where: Kawlin, Sagaing, Myanmar" in body["message"]
    assert "Kawlin in the Sangaing region is the first capital seized" in body["message"]
    assert body["type"] == "warning"
    assert outbox.report.delivered == 1
    [delivery] = await deliveries(tmp_path / "s.db")
    assert (delivery.ok, delivery.attempt, delivery.channel) == (True, 1, "desk")


async def test_failures_are_retried_with_backoff_and_every_attempt_recorded(
        tmp_path: Path, gazetteer: Gazetteer, receiver: Receiver) -> None:
    receiver.failures = 2
    outbox = await run_seeds(tmp_path / "s.db", gazetteer, rules_for(receiver.url),
                               Backoff(attempts=4, first_wait=0.25))
    assert len(receiver.received) == 1
    assert outbox.waits == [0.25, 0.5]  # type: ignore[attr-defined]
    assert [(d.attempt, d.ok) for d in await deliveries(tmp_path / "s.db")] == [(1, False), (2, False), (3, True)]
    assert "did not accept the message" in (await deliveries(tmp_path / "s.db"))[0].error


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


async def test_a_failing_channel_rests_then_is_tried_again_while_the_service_runs(
        tmp_path: Path, gazetteer: Gazetteer, receiver: Receiver) -> None:
    from datetime import UTC, datetime, timedelta

    now = [datetime(2024, 3, 10, tzinfo=UTC)]
    receiver.failures = 1
    receiver.failures = 2
    store = await EventStore.open(tmp_path / "s.db")
    rules = rules_for(receiver.url)
    outbox = Outbox(store, rules, AppriseNotifier(), clock=lambda: now[0], jitter=lambda: 0.5)  # no jitter
    await replay(read_inputs([SEEDS]), Pipeline(store, gazetteer, rules), Pacer(None), outbox=outbox)
    # The alert failed once: the channel rests instead of being retried at once or given up until a restart.
    assert [(d.ok, d.attempt) for d in await deliveries_in(store)] == [(False, 1)]
    await outbox.send_due()
    assert len(await deliveries_in(store)) == 1  # still resting
    now[0] += timedelta(seconds=31)
    await outbox.send_due()
    assert [d.ok for d in await deliveries_in(store)] == [False, False]  # failed again: now it rests 60 s
    now[0] += timedelta(seconds=59)
    await outbox.send_due()
    assert len(await deliveries_in(store)) == 2
    now[0] += timedelta(seconds=2)
    await outbox.send_due()
    assert [d.ok for d in await deliveries_in(store)] == [False, False, True] and len(receiver.received) == 1
    await store.close()


async def test_an_idle_service_does_not_read_its_outbox(tmp_path: Path, gazetteer: Gazetteer,
                                                       receiver: Receiver) -> None:
    store = await EventStore.open(tmp_path / "s.db")
    rules = rules_for(receiver.url)
    outbox = Outbox(store, rules, AppriseNotifier())
    await replay(read_inputs([SEEDS]), Pipeline(store, gazetteer, rules), Pacer(None), outbox=outbox)
    reads = []
    original = store.undelivered

    async def counted() -> list:
        reads.append(1)
        return await original()

    store.undelivered = counted  # type: ignore[method-assign]
    for _ in range(5):
        await outbox.send_due()
    assert reads == [] and len(receiver.received) == 1
    await store.close()


async def deliveries_in(store: EventStore) -> list:
    return [r for _, r in await store.read("deliveries")]


UPDATES = """
channels:
  desk: "{url}"
rules:
  - id: deaths
    kind: window_sum
    title: "{{value}} killed in {{admin1}}"
    field: killed
    threshold: 10
    group_by: [admin1]
    window: 1d
    channels: [desk]
"""


async def test_later_figures_go_out_as_an_update_at_most_hourly(tmp_path: Path, gazetteer: Gazetteer,
                                                               receiver: Receiver) -> None:
    from datetime import UTC, datetime, timedelta

    from stream.core.articles import article_from_json

    now = [datetime(2024, 3, 10, 8, tzinfo=UTC)]
    store = await EventStore.open(tmp_path / "s.db")
    rules = load_rules(UPDATES.format(url=receiver.url))
    pipeline = Pipeline(store, gazetteer, rules)
    outbox = Outbox(store, rules, AppriseNotifier(), clock=lambda: now[0])

    async def report(n: int, text: str) -> None:
        line = json.dumps({"id": f"u{n}", "source": f"outlet {n}", "published": "2024-03-06", "text": text})
        await pipeline.ingest([article_from_json(line.encode())])
        await pipeline.drain()
        await outbox.send_due()

    await report(1, "Soldiers shot dead 12 villagers in Kawlin township on Tuesday, residents said.")
    assert [m["title"] for m in receiver.received] == ["12 killed in Sagaing"]
    await report(2, "Troops also killed 9 resistance fighters near Kawlin town on Tuesday, the group said.")
    assert len(receiver.received) == 1  # held back: the alert went out less than an hour ago
    now[0] += timedelta(minutes=61)
    await outbox.send_due()
    # The update tells the figure as it stands, in its title too.
    assert [m["title"] for m in receiver.received] == ["12 killed in Sagaing", "Update: 21 killed in Sagaing"]
    assert "killed 21" in receiver.received[1]["message"] and "alert al-" in receiver.received[1]["message"]
    now[0] += timedelta(hours=2)
    await outbox.send_due()
    assert len(receiver.received) == 2  # nothing new to tell
    await store.close()


async def test_an_alert_goes_out_as_it_stands_when_its_own_article_grew_it_before_it_was_sent(
        tmp_path: Path, gazetteer: Gazetteer, receiver: Receiver) -> None:
    from stream.core.articles import article_from_json

    store = await EventStore.open(tmp_path / "s.db")
    rules = load_rules(UPDATES.format(url=receiver.url))
    pipeline = Pipeline(store, gazetteer, rules)
    outbox = Outbox(store, rules, AppriseNotifier())
    text = ("Soldiers shot dead 12 villagers in Kawlin township on Tuesday, residents said. "
            "Troops also killed 9 resistance fighters near Kawlin town on Tuesday, the group said.")
    line = json.dumps({"id": "one", "source": "outlet", "published": "2024-03-06", "text": text})
    await pipeline.ingest([article_from_json(line.encode())])
    await pipeline.drain()  # the first sentence raises the alert at 12, the second grows it to 21
    await outbox.send_due()
    [message] = receiver.received
    assert message["title"] == "21 killed in Sagaing" and "killed 21" in message["message"]
    await outbox.send_due()
    assert len(receiver.received) == 1  # and no update follows: there is nothing new to tell
    await store.close()
