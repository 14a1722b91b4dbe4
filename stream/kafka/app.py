"""The faust app (``-A stream.kafka.app``): extract, detect and notify agents over Signalfire's topics."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import AsyncIterator
from typing import Any, cast

import faust
from pydantic import ValidationError

from stream.app.runtime import kafka_worker
from stream.core.codec import decode
from stream.core.detect import Detection
from stream.core.records import Alert, AlertAction, Corroboration, Delivery
from stream.core.reorder import Arrival, InOrderAcks, Reorder
from stream.core.review import VERDICTS
from stream.errors import BadArticle
from stream.kafka.overrides import TableManager, Transport
from stream.kafka.settings import from_env
from stream.kafka.steps import (
    AT,
    MARK,
    STAMP,
    TICK,
    KeyState,
    PendingDelivery,
    StateCache,
    dead_letter_message,
    decode_article,
    detect_step,
    event_stamp,
    extract_events,
    header,
    mark_late,
    partition_key,
    record_message,
    retry_later,
)
from stream.notify.apprise_channel import AppriseNotifier
from stream.notify.dispatch import ONE_ATTEMPT, deliver, routed, utc_now

log = logging.getLogger("signalfire")
# The longest the retry agent holds one message before putting it back on its topic.
RETRY_HOLD = 15.0
settings = from_env()
parts = kafka_worker(settings.rules)
rules, watcher, gazetteer, actors = parts.rules, parts.watcher, parts.gazetteer, parts.actors
detection = Detection(rules)

app = faust.App(
    settings.app_id,
    broker=settings.broker,
    store=settings.store,
    datadir=str(settings.data_dir) if settings.data_dir else None,
    broker_session_timeout=settings.session_timeout,
    broker_heartbeat_interval=settings.heartbeat,
    # Offsets committed each second rather than faust's 2.8 s: a worker killed redoes at most a second of work.
    broker_commit_interval=1.0,
    topic_partitions=settings.partitions,
    consumer_auto_offset_reset="earliest",
    web_enabled=False,
    # Detection holds events unacknowledged until their time is safe: a rebalance must not wait for them
    # (it would wait forever); they are read again from the committed offset instead.
    stream_wait_empty=False,
    # Room for an oversized article to arrive and be refused as a dead letter, instead of stalling the partition.
    producer_max_request_size=4 * 1024 * 1024,
    consumer_max_fetch_size=8 * 1024 * 1024,
    # Static membership (SIGNALFIRE_INSTANCE_ID, off unless set): on a broker that honours it (Kafka 2.3+), a
    # worker restarted within the session timeout takes its partitions back without a rebalance. tansu 0.6, the
    # tests' broker, does not: its groups rebalance anyway, slower, so the tests leave it off.
    consumer_group_instance_id=settings.instance_id,
    TableManager=TableManager,
)
# Before any topic is declared (declaring one builds the transport): see stream.kafka.overrides.
app.transport = Transport(app.conf.broker_consumer, app)
# internal=True: the worker creates its topics with these partition counts instead of leaving them to the
# broker's auto-creation. Articles spread over every partition (keyed by id), so every worker extracts;
# detection puts each key's events back in publication order (see detect_agent).
articles_topic = app.topic(settings.topic("articles"), value_serializer="raw", partitions=settings.partitions,
                           internal=True)
events_topic = app.topic(settings.topic("events"), key_type=str, value_serializer="raw",
                         partitions=settings.partitions, internal=True)
alerts_topic = app.topic(settings.topic("alerts"), key_type=str, value_serializer="raw",
                         partitions=settings.partitions, internal=True)
late_topic = app.topic(settings.topic("late"), key_type=str, value_serializer="raw",
                       partitions=settings.partitions, internal=True)
deadletter_topic = app.topic(settings.topic("deadletter"), value_serializer="raw", partitions=1, internal=True)
deliveries_topic = app.topic(settings.topic("deliveries"), key_type=str, value_serializer="raw",
                             partitions=settings.partitions, internal=True)
# Detector state per partition key: the core's plain objects as versioned JSON in the changelog.
detector_state = app.Table(settings.topic("detector-state"), partitions=settings.partitions,
                           key_type=str, value_type=bytes)
states = StateCache()
# Deliveries that failed, each with the time it is due again.
retry_topic = app.topic(settings.topic("delivery-retry"), key_type=str, value_serializer="raw",
                        partitions=settings.partitions, internal=True)
delivered = app.Table(settings.topic("delivered"), default=bool, partitions=settings.partitions,
                      schema=faust.Schema(key_type=str, value_serializer="json"))
# The desk's actions (KafkaDesk publishes them, keyed by alert id); verdicts among them are relayed to notify.
actions_topic = app.topic(settings.topic("actions"), key_type=str, value_serializer="raw",
                          partitions=settings.partitions, internal=True)
# Alerts held for review, by id, until a desk's verdict or a report the gate trusts: written and read by the
# notify agent alone, so its partitions are the alerts topic's.
awaiting_review = app.Table(settings.topic("awaiting-review"), partitions=settings.partitions, key_type=str,
                            value_type=bytes)


@app.timer(interval=1.0)
async def reload_rules() -> None:
    """The rules file, re-read once changed and settled: valid rules take effect from the next event (a rule
    new or changed starts with empty state, its past not folded again); a bad file is refused with its
    problems logged, and the last good rules stay."""
    global rules, detection
    new_rules = await watcher.reload()  # read and checked in a thread: the worker's loop never waits on it
    if new_rules is not None:
        rules, detection = new_rules, Detection(new_rules)


@app.timer(interval=settings.tick, on_leader=True)
async def tick() -> None:
    """The time, sent down every articles partition behind what is already there: each extract agent passes
    it on to every events partition, where it tells detection how far that partition has got."""
    now = str(time.time_ns()).encode()
    for partition in range(settings.partitions):
        await articles_topic.send(value=b"", partition=partition, headers={TICK: now})


@app.agent(articles_topic)
async def extract_agent(stream: faust.StreamT[Any]) -> AsyncIterator[None]:
    """articles -> events stamped with their place in the fold order; malformed messages -> dead letters."""
    async for message in stream.events():
        raw: bytes = message.value
        source, offset = message.message.partition, message.message.offset
        ticked = header(message.headers, TICK)
        if ticked is not None:
            for partition in range(settings.partitions):
                await events_topic.send(value=b"", partition=partition, headers={MARK: f"{source} {ticked}".encode()})
            yield None
            continue
        try:
            events = extract_events(decode_article(raw), gazetteer, actors)
        except BadArticle as exc:
            origin = f"{message.message.topic}/{source}@{offset}"
            await deadletter_topic.send(value=dead_letter_message(raw, str(exc), origin))
        else:
            # Stamped by Signalfire's publishers; anyone else's article is placed by its message timestamp.
            stamp = header(message.headers, STAMP) or str(int(message.message.timestamp * 1e9))
            for index, event in enumerate(events):
                await events_topic.send(key=partition_key(event, rules), value=record_message(event),
                                        headers={AT: f"{stamp} {source} {offset} {index}".encode()})
        yield None  # one result per message: what agent.test_context().put() waits for


# Per events partition: events held until every articles partition has passed their time, and the order
# their messages arrived in, for acknowledging them. Both are dropped when partitions are revoked and
# rebuilt from the committed offsets, which faust reads every partition again from after a rebalance.
held: dict[int, Reorder[Arrival[faust.EventT[Any]]]] = {}
arrivals: InOrderAcks[faust.EventT[Any]] = InOrderAcks()
rebalances = 0


@app.on_partitions_revoked.connect
@app.on_partitions_assigned.connect
async def forget_held(sender: Any, /, *_: Any, signal: Any, **__: Any) -> None:
    """Held events never hold a rebalance up: they are unacknowledged, so dropping them loses nothing (whoever
    owns their partition next reads them again from the committed offset), and faust does not wait for them
    (``stream_wait_empty=False``). A fold under way when partitions are revoked acknowledges nothing."""
    global arrivals, rebalances
    held.clear()
    arrivals = InOrderAcks()
    rebalances += 1


@app.agent(events_topic)
async def detect_agent(stream: faust.StreamT[Any]) -> AsyncIterator[None]:
    """events -> alerts and corroborations, each key's events folded in publication order.

    Stamped events wait in ``held`` for the watermark; an event stamped at or before what was released is
    late: folded at once, its outputs marked late and the event copied to the late topic. Messages are
    acknowledged in arrival order, so a held event keeps its offset uncommitted until it is folded.
    """
    manual = cast(faust.Stream[Any], stream).noack()  # StreamT does not declare noack; Stream does
    async for event in manual.events():
        generation, partition = rebalances, event.message.partition
        slot = arrivals.arrived(partition, event)
        reorder = held.setdefault(partition, Reorder(settings.partitions, int(settings.grace * 1e9)))
        marked, stamp = header(event.headers, MARK), event_stamp(event.headers)
        if marked is not None:
            source, at = marked.split()
            reorder.mark(int(source), int(at))
            slot.done = True
        elif stamp is None or reorder.is_late(stamp):
            # Unstamped (not from an extract agent) or late: nothing to wait for.
            await fold([event], late=stamp is not None)
            slot.done = True
        else:
            reorder.hold(stamp, slot)
        released = reorder.release()
        await fold([arrival.item for arrival in released], late=False)
        for arrival in released:
            arrival.done = True
        if generation == rebalances:  # else these messages are read again from the committed offset
            for finished in list(arrivals.ready(partition)):
                await manual.ack(finished)
        yield None


async def fold(events: list[faust.EventT[Any]], late: bool) -> None:
    """Events into their keys' detector states, in order; each key's state is saved once, after every output.

    The outputs reach the broker before the state that says their events were folded: a worker killed in
    between folds the events again and repeats their outputs (same ids, de-duplicated downstream), where
    the other order could keep the state and lose the alert. One save per key and release, not per event:
    a key's state holds its history's ids, and writing it whole for each event cost more than extraction.
    """
    folded: dict[str, KeyState] = {}
    sent = []
    for event in events:
        key, record = str(event.key), decode(event.value)
        state = folded[key] if key in folded else states.load(key, detector_state.get(key))
        folded[key], outputs = detect_step(detection, state, record)
        if outputs is None:
            continue  # a redelivery
        if late:
            log.warning("late event %s on key %r: folded out of order, its outputs marked late", record.id, key)
            outputs = [mark_late(output) for output in outputs]
            await late_topic.send(key=key, value=event.value, headers=event.headers)
        sent += [await alerts_topic.send(key=output.id if isinstance(output, Alert) else output.alert_id,
                                         value=record_message(output)) for output in outputs]
    for acknowledged in sent:
        await acknowledged
    for key, state in folded.items():
        detector_state[key] = states.save(key, state)


@app.agent(alerts_topic)
async def notify_agent(stream: faust.StreamT[Any]) -> AsyncIterator[None]:
    """alerts -> apprise channels, once per channel: a redelivered alert finds itself in the table. An alert
    held for review waits in a table of its own for its verdict, which comes down the same partition behind it.

    One attempt each; a failed one goes to the retry topic, so a down channel holds up no other alert.
    """
    notifier = AppriseNotifier()
    async for raw in stream:
        alert = owed(decode(raw))
        if alert is not None:
            for name, url in routed(alert, rules.channels):
                await send_once(notifier, alert, name, url, 0)
        yield None


def owed(record: Any) -> Alert | None:
    """The alert a record of the alerts topic makes owed to its channels: an alert not silenced and not held
    for review; or, held until then, one a desk confirmed or a report the gate trusts promoted. A rejection
    drops the held alert, so nothing that comes after can send it: the first verdict stands."""
    if isinstance(record, Alert):
        if record.silenced_by:
            return None
        if record.tier == "review":
            awaiting_review[record.id] = record_message(record)
            return None
        return record
    verdict = isinstance(record, AlertAction) and record.action in VERDICTS
    if not (verdict or isinstance(record, Corroboration) and record.promotes):
        return None
    waiting = awaiting_review.get(record.alert_id)
    if waiting is None:  # judged or promoted already, or never held: nothing more to send
        return None
    del awaiting_review[record.alert_id]
    return None if verdict and record.action == "reject" else decode(waiting)


@app.agent(actions_topic)
async def verdict_agent(stream: faust.StreamT[Any]) -> AsyncIterator[None]:
    """The desk's verdicts, relayed onto the alerts topic keyed by their alert: each lands behind its alert (the
    desk judges only alerts it has read there), on the partition whose notify agent holds it, in order."""
    async for raw in stream:
        try:
            record = decode(raw)
        except (ValidationError, ValueError) as exc:
            log.error("a message on the actions topic that is not a Signalfire record was skipped: %s", exc)
            record = None
        if isinstance(record, AlertAction) and record.action in VERDICTS:
            await alerts_topic.send(key=record.alert_id, value=raw)
        yield None


@app.agent(retry_topic)
async def retry_agent(stream: faust.StreamT[Any]) -> AsyncIterator[None]:
    """Failed deliveries, tried again once their channel's rest is over (30 s doubling to 10 min)."""
    notifier = AppriseNotifier()
    async for raw in stream:
        try:
            pending = PendingDelivery.model_validate_json(raw)
        except ValidationError as exc:
            log.error("a retry message that is not a pending delivery was skipped: %s", exc)
            yield None
            continue
        wait = (pending.due - utc_now()).total_seconds()
        if wait > RETRY_HOLD:  # not due for a while: back of the queue, never a consumer held for minutes
            await asyncio.sleep(RETRY_HOLD)
            await retry_topic.send(key=pending.alert.id, value=raw)
        else:
            await asyncio.sleep(max(0.0, wait))
            url = rules.channels.get(pending.channel)
            if url is not None:
                await send_once(notifier, pending.alert, pending.channel, url, pending.attempts)
        yield None


async def send_once(notifier: AppriseNotifier, alert: Alert, channel: str, url: str, attempts: int) -> None:
    """One attempt, recorded on the deliveries topic; a failure is owed again through the retry topic."""
    done_key = f"{alert.id}|{channel}"
    if delivered[done_key]:
        return

    async def record(deliveries: list[Delivery]) -> None:
        for delivery in deliveries:
            await deliveries_topic.send(key=delivery.alert_id, value=record_message(delivery))

    if await deliver(notifier, [(alert, attempts)], channel, url, record, ONE_ATTEMPT):
        delivered[done_key] = True
    else:
        pending = retry_later(alert, channel, attempts + 1, utc_now(), random.random())
        await retry_topic.send(key=alert.id, value=pending.model_dump_json().encode())
