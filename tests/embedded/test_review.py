"""Alerts held for review on the embedded runtime: stored, never sent until confirmed, then sent once; a rejected
one never; both across a restart (new store and outbox objects on the same file), with real deliveries."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from stream.core.places import Gazetteer
from stream.core.review import VerdictRefused
from stream.core.views import AlertQuery
from stream.embedded.outbox import Outbox
from stream.embedded.pipeline import Pipeline
from stream.embedded.review import judge
from stream.embedded.store import EventStore
from stream.notify.apprise_channel import AppriseNotifier
from tests.conftest import Receiver
from tests.embedded.test_outbox import TOWNS, raise_alerts, rules

AT = datetime(2024, 3, 12, 9, tzinfo=UTC)


def held_rules(url: str):  # type: ignore[no-untyped-def]
    """The outbox tests' displacement rule, every alert of it held for review."""
    return rules(url, channels="[desk]\n    review: always")


async def test_held_alerts_wait_for_a_verdict_then_go_once_and_a_rejected_one_never(
        tmp_path: Path, gazetteer: Gazetteer, receiver: Receiver) -> None:
    rule_set = held_rules(receiver.url)
    store = await EventStore.open(tmp_path / "s.db")
    pipeline, outbox = Pipeline(store, gazetteer, rule_set), Outbox(store, rule_set, AppriseNotifier())
    await raise_alerts(pipeline, range(0, 3))
    await outbox.send_due(final=True)
    assert receiver.received == []  # stored, not sent
    held = await store.alerts(AlertQuery(tier="review"))
    assert [a.tier for a in held] == ["review"] * 3 and held[0].review == ("the rule holds every alert for review",)
    assert await store.alerts(AlertQuery(tier="sent")) == []
    first, second, third = (a.id for a in held)

    confirmed = await judge(store, first, "confirm", "desk-1", None, AT)
    assert confirmed is not None and confirmed.action == "confirm"
    await judge(store, second, "reject", "desk-2", "a total from last year", AT)
    await outbox.send_due()  # a verdict alone, no new alert, wakes the outbox's look
    assert [m["title"] for m in receiver.received] == [f"2,000 displaced near {TOWNS[0]}"]
    await outbox.send_due(final=True)
    assert len(receiver.received) == 1
    assert [a.id for a in await store.alerts(AlertQuery(pending=True))] == [third]
    await store.close()

    # A restart: another store connection and outbox on the same file send nothing again, and honour a verdict.
    store = await EventStore.open(tmp_path / "s.db")
    outbox = Outbox(store, rule_set, AppriseNotifier())
    await outbox.send_due(final=True)
    assert len(receiver.received) == 1
    await judge(store, third, "confirm", "desk-1", "checked with a second outlet", AT)
    await outbox.send_due(final=True)
    assert [m["title"] for m in receiver.received] == [f"2,000 displaced near {TOWNS[0]}",
                                                       f"2,002 displaced near {TOWNS[2]}"]
    assert [d.alert_id for _, d in await store.read("deliveries")] == [first, third]
    await store.close()


async def test_a_verdict_is_refused_on_an_alert_not_held_and_a_second_one_never_replaces_the_first(
        tmp_path: Path, gazetteer: Gazetteer, receiver: Receiver) -> None:
    store = await EventStore.open(tmp_path / "s.db")
    pipeline = Pipeline(store, gazetteer, held_rules(receiver.url))
    await raise_alerts(pipeline, range(0, 1))
    pipeline.use_rules(rules(receiver.url))  # the same rule without review: its next alert is sent
    await raise_alerts(pipeline, range(1, 2))
    [sent] = await store.alerts(AlertQuery(tier="sent"))
    [held] = await store.alerts(AlertQuery(tier="review"))
    with pytest.raises(VerdictRefused, match=f"alert {sent.id} is not held for review"):
        await judge(store, sent.id, "confirm", "desk-1", None, AT)
    with pytest.raises(VerdictRefused, match="a rejection needs a reason"):
        await judge(store, held.id, "reject", "desk-1", "  ", AT)
    await judge(store, held.id, "reject", "desk-1", "wrong town", AT)
    with pytest.raises(VerdictRefused, match=f"alert {held.id} was already rejected by desk-1 at .*: the first"):
        await judge(store, held.id, "confirm", "desk-2", None, AT)
    assert (await store.verdict(held.id)).action == "reject"  # type: ignore[union-attr]
    assert await judge(store, "al-nothing", "confirm", "desk-1", None, AT) is None
    await store.close()
