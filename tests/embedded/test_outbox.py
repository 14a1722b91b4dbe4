"""The outbox as a worker of its own: digests, channels that fail apart, and a service that outlives a webhook."""

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stream.app.service import FolderWatcher, serve
from stream.control.watch import RulesWatcher
from stream.core.articles import article_from_json
from stream.core.places import Gazetteer
from stream.core.rules.load import load_rules
from stream.embedded.outbox import Outbox
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore
from stream.notify.apprise_channel import AppriseNotifier
from stream.notify.dispatch import Backoff
from tests.conftest import Receiver

RULES = """
channels:
  desk: "{url}"
  {extra}
{digest}
rules:
  - id: displaced
    kind: threshold
    title: "{{value}} displaced near {{place}}"
    field: displaced
    threshold: 1000
    channels: {channels}
"""
TOWNS = ["Kawlin", "Tamu", "Hpakant", "Kale", "Mindat", "Falam"]


def rules(url: str, digest: str = "", extra: str = "", channels: str = "[desk]"):  # type: ignore[no-untyped-def]
    return load_rules(RULES.format(url=url, digest=digest, extra=extra, channels=channels))


def story(n: int) -> bytes:
    return json.dumps({"id": f"o{n}", "published": "2024-03-12", "source": f"outlet {n}",
                       "text": f"About {2000 + n:,} people fled their homes in {TOWNS[n]} Township on Monday."}
                      ).encode()


async def raise_alerts(pipeline: Pipeline, numbers: range) -> None:
    await pipeline.ingest([article_from_json(story(n)) for n in numbers])
    await pipeline.drain()


async def test_a_digest_gathers_what_arrives_within_group_wait_then_keeps_group_interval(
        tmp_path: Path, gazetteer: Gazetteer, receiver: Receiver) -> None:
    now = [datetime(2024, 3, 12, 8, tzinfo=UTC)]
    rule_set = rules(receiver.url, digest="digest: {group_wait: 30s, group_interval: 5m}")
    store = await EventStore.open(tmp_path / "s.db")
    pipeline, outbox = Pipeline(store, gazetteer, rule_set), Outbox(store, rule_set, AppriseNotifier(),
                                                                    clock=lambda: now[0])
    await raise_alerts(pipeline, range(0, 2))
    await outbox.send_due()
    assert receiver.received == [] and outbox.next_due() == now[0] + timedelta(seconds=30)
    now[0] += timedelta(seconds=20)
    await raise_alerts(pipeline, range(2, 4))
    await outbox.send_due()
    assert receiver.received == []  # still within the wait of the first alert
    now[0] += timedelta(seconds=11)
    await outbox.send_due()
    [digest] = receiver.received
    assert digest["title"] == "4 alerts: 2,000 displaced near Kawlin, and 3 more"
    assert [line for line in digest["message"].splitlines() if line.startswith("[")] == [
        f"[MEDIUM] {2000 + n:,} displaced near {TOWNS[n]}" for n in range(4)]
    now[0] += timedelta(minutes=1)
    await raise_alerts(pipeline, range(4, 5))
    await outbox.send_due()
    assert len(receiver.received) == 1  # a message went out a minute ago: this one waits for the interval
    now[0] += timedelta(minutes=4)
    await outbox.send_due()
    assert [m["title"] for m in receiver.received[1:]] == ["2,004 displaced near Mindat"]  # one alert: its own
    deliveries = [d for _, d in await store.read("deliveries")]
    assert len(deliveries) == 5 and all(d.ok and d.attempt == 1 for d in deliveries)
    await store.close()


async def test_a_replay_sends_what_its_digest_holds_when_it_ends(tmp_path: Path, gazetteer: Gazetteer,
                                                                receiver: Receiver) -> None:
    rule_set = rules(receiver.url, digest="digest: {group_wait: 10m}")
    store = await EventStore.open(tmp_path / "s.db")
    pipeline, outbox = Pipeline(store, gazetteer, rule_set), Outbox(store, rule_set, AppriseNotifier())
    await raise_alerts(pipeline, range(0, 3))
    await outbox.send_due()
    assert receiver.received == []
    await outbox.send_due(final=True)
    assert [m["title"] for m in receiver.received] == ["3 alerts: 2,000 displaced near Kawlin, and 2 more"]
    await store.close()


async def test_a_dead_channel_rests_while_the_others_get_every_alert(tmp_path: Path, gazetteer: Gazetteer,
                                                                    receiver: Receiver) -> None:
    rule_set = rules(receiver.url, extra='down: "json://127.0.0.1:9/nobody-listens"', channels="[down, desk]")
    store = await EventStore.open(tmp_path / "s.db")
    pipeline, outbox = Pipeline(store, gazetteer, rule_set), Outbox(store, rule_set, AppriseNotifier())
    await raise_alerts(pipeline, range(0, 4))
    await outbox.send_due()
    assert len(receiver.received) == 4
    deliveries = [d for _, d in await store.read("deliveries")]
    # The dead channel failed its first alert, then rested: it was not tried with the three others.
    assert sorted((d.channel, d.ok) for d in deliveries) == [("desk", True)] * 4 + [("down", False)]
    assert outbox.report.failed_deliveries == 1 and outbox.next_due() is not None
    await store.close()


async def test_a_running_service_delivers_everything_once_a_failing_webhook_recovers(
        tmp_path: Path, gazetteer: Gazetteer, receiver: Receiver) -> None:
    receiver.failures = 3  # the webhook answers 500 three times, then recovers
    inbox, rules_file = tmp_path / "inbox", tmp_path / "rules.yaml"
    inbox.mkdir()
    rules_file.write_text(RULES.format(url=receiver.url, digest="", extra="", channels="[desk]"))
    rule_set = load_rules(rules_file.read_text())
    (inbox / "stories.jsonl").write_bytes(b"".join(story(n) + b"\n" for n in range(6)))
    store, outbox_store = await EventStore.open(tmp_path / "s.db"), await EventStore.open(tmp_path / "s.db")
    pipeline = Pipeline(store, gazetteer, rule_set)
    outbox = Outbox(outbox_store, rule_set, AppriseNotifier(), pipeline.report,
                    rests=Backoff(first_wait=0.1, max_wait=0.4))
    stop = asyncio.Event()

    async def stop_when_delivered() -> None:
        while len(receiver.received) < 6:
            await asyncio.sleep(0.05)
        stop.set()

    watching = asyncio.create_task(stop_when_delivered())
    await asyncio.wait_for(serve(pipeline, outbox, RulesWatcher(rules_file, {}, rule_set), FolderWatcher(inbox),
                                 False, 0.05, lambda alerts: None, stop), timeout=60)
    await watching
    assert sorted(m["title"] for m in receiver.received) == sorted(
        f"{2000 + n:,} displaced near {TOWNS[n]}" for n in range(6))
    failed = [d for _, d in await store.read("deliveries") if not d.ok]
    assert len(failed) == 3 and pipeline.report.delivered == 6
    await store.close()
    await outbox_store.close()
