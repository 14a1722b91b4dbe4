"""Runs `signalfire worker` with a workaround for the test broker's end-offset bug, in the tests only.

Tansu 0.6 (the Kafka-protocol broker the tests run) answers ListOffsets(latest) with "base offset of the
last record batch + 1" instead of "last offset + 1"; the high watermark in Fetch responses is right. faust
reads changelog end offsets with ListOffsets when it recovers tables, so after a restart it would recover
them short. This wrapper re-derives end offsets from a Fetch high watermark. It belongs to the test
harness; real Kafka needs nothing of the kind, and the product never imports it.
"""

from __future__ import annotations

import sys

from aiokafka import AIOKafkaConsumer, TopicPartition

_original_end_offsets = AIOKafkaConsumer.end_offsets


async def _end_offsets_from_fetch(self: AIOKafkaConsumer, partitions: list[TopicPartition]) -> dict:
    reported = await _original_end_offsets(self, partitions)
    fixed = {}
    for tp, end in reported.items():
        probe = AIOKafkaConsumer(bootstrap_servers=self._client.hosts and
                                 [f"{h}:{p}" for h, p, _ in self._client.hosts],
                                 enable_auto_commit=False, group_id=None)
        await probe.start()
        try:
            probe.assign([tp])
            probe.seek(tp, max(end - 1, 0))
            await probe.getmany(tp, timeout_ms=2000)
            highwater = probe.highwater(tp)
        finally:
            await probe.stop()
        fixed[tp] = max(end, highwater or 0)
    return fixed


AIOKafkaConsumer.end_offsets = _end_offsets_from_fetch  # type: ignore[method-assign]

if __name__ == "__main__":
    from stream.cli import main

    sys.argv = ["signalfire", "worker", *sys.argv[1:]]
    main()
