"""Producing articles onto the articles topic and reading alerts back, with plain aiokafka."""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Iterable
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from stream.core.codec import decode
from stream.core.records import Alert, Article, Corroboration, DeadLetter
from stream.core.views import alert_views
from stream.kafka.settings import bootstrap
from stream.kafka.steps import STAMP, article_message

MAX_MESSAGE = 4 * 1024 * 1024


def message_for(item: Article | DeadLetter) -> bytes:
    """Articles as versioned JSON; input replay could not read goes on as it was, for the worker to refuse."""
    if isinstance(item, Article):
        return article_message(item)
    return base64.b64decode(item.raw) if item.raw_encoding == "base64" else item.raw.encode()


class Stamps:
    """Publication stamps: the wall clock in ns, strictly increasing, so the order of publishing is the order
    detection folds in whichever partitions and workers the articles go through."""

    def __init__(self) -> None:
        self.last = 0

    def __call__(self) -> bytes:
        self.last = max(time.time_ns(), self.last + 1)
        return str(self.last).encode()


class Publisher:
    """A producer of articles onto the articles topic, each keyed by id (spread over every partition) and
    stamped, so the order of publishing is the order detection folds in."""

    def __init__(self, broker: str, topic: str) -> None:
        self.topic = topic
        self.producer = AIOKafkaProducer(bootstrap_servers=bootstrap(broker), max_request_size=MAX_MESSAGE,
                                         acks="all")
        self.stamp = Stamps()

    async def __aenter__(self) -> Publisher:
        await self.producer.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.producer.stop()

    async def send(self, items: Iterable[Article | DeadLetter]) -> int:
        """Publish in order; returns how many the broker acknowledged."""
        sent = [await self.producer.send(self.topic, message_for(item), key=item.id.encode(),
                                         headers=[(STAMP, self.stamp())]) for item in items]
        await asyncio.gather(*sent)
        return len(sent)


async def publish(broker: str, topic: str, items: Iterable[Article | DeadLetter]) -> int:
    """Publish in order onto ``topic``; returns how many were acknowledged."""
    async with Publisher(broker, topic) as publisher:
        return await publisher.send(items)


async def read_all(broker: str, topic: str, idle_ms: int = 1500) -> list[bytes]:
    """Every message of ``topic`` from the beginning, until the consumer has caught up.

    Caught up is judged from the high watermark of fetch responses (``highwater``), which every
    Kafka-protocol broker reports, rather than from a separate ListOffsets request.
    """
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap(broker), enable_auto_commit=False,
                                auto_offset_reset="earliest", group_id=None)
    await consumer.start()
    try:
        partitions = consumer.partitions_for_topic(topic) or set()
        if not partitions:
            await consumer._client.force_metadata_update()  # a topic created since the start
            partitions = consumer.partitions_for_topic(topic) or set()
        assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
        if not assigned:
            return []
        consumer.assign(assigned)
        await consumer.seek_to_beginning(*assigned)
        out: list[bytes] = []
        while True:
            batch = await consumer.getmany(*assigned, timeout_ms=idle_ms)
            for records in batch.values():
                out.extend(r.value for r in records if r.value is not None)
            # Caught up with the end seen by this fetch: a topic that never stops growing (ticks, marks)
            # is still read to an end.
            if await _caught_up(consumer, assigned):
                return out
    finally:
        await consumer.stop()


async def _caught_up(consumer: AIOKafkaConsumer, assigned: list[TopicPartition]) -> bool:
    for tp in assigned:
        highwater = consumer.highwater(tp)
        if highwater is None or await consumer.position(tp) < highwater:
            return False
    return True


async def read_alerts(broker: str, topic: str) -> list[dict[str, Any]]:
    """The alerts topic folded as `signalfire alerts` shows a store: each alert once, corroborations merged (the
    desk's verdicts the workers relay there are left out)."""
    return fold_alerts(await read_all(broker, topic))


def fold_alerts(messages: Iterable[bytes]) -> list[dict[str, Any]]:
    """Messages of the alerts topic, in their order, as alert views: see ``read_alerts``."""
    seen: set[str] = set()
    records = []
    for raw in messages:
        record = decode(raw)
        if isinstance(record, (Alert, Corroboration)) and record.id not in seen:  # a redelivery: the same record
            seen.add(record.id)
            records.append(record)
    views = alert_views(records)
    return sorted(views, key=lambda v: (v.get("event_date") or "", v["rule"], v["id"]))
