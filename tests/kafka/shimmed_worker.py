"""Runs `signalfire worker` with a workaround for the test broker's end-offset bug, in the tests only.

Tansu 0.6 (the Kafka-protocol broker the tests run) answers ListOffsets(latest) with "base offset of the
last record batch + 1" instead of "last offset + 1"; the high watermark in Fetch responses is right. faust
reads changelog end offsets with ListOffsets when it recovers tables, so after a restart it would recover
them short. This wrapper re-derives end offsets from a Fetch high watermark. It belongs to the test
harness; real Kafka needs nothing of the kind, and the product never imports it.
"""

from __future__ import annotations

import os
import sys
import time

from aiokafka import AIOKafkaConsumer, TopicPartition

_original_end_offsets = AIOKafkaConsumer.end_offsets


async def _end_offsets_from_fetch(self: AIOKafkaConsumer, partitions: list[TopicPartition]) -> dict:
    reported = await _original_end_offsets(self, partitions)
    # Every partition is fetched once, together, for its high watermark: one whose only batch starts at
    # offset 0 can be reported empty.
    written = list(reported)
    if not written:
        return reported
    # fetch_max_wait_ms: a fetch of partitions all empty is answered after 10 ms, not after half a second (with
    # 0 the broker never answers with a high watermark).
    probe = AIOKafkaConsumer(bootstrap_servers=[f"{h}:{p}" for h, p, _ in self._client.hosts],
                             enable_auto_commit=False, group_id=None, fetch_max_wait_ms=10)
    await probe.start()
    try:
        probe.assign(written)
        for tp in written:
            probe.seek(tp, max(reported[tp] - 1, 0))
        deadline = time.monotonic() + 5.0
        while any(probe.highwater(tp) is None for tp in written) and time.monotonic() < deadline:
            await probe.getmany(*written, timeout_ms=200)
        return {tp: max(end, probe.highwater(tp) or 0) for tp, end in reported.items()}
    finally:
        await probe.stop()


AIOKafkaConsumer.end_offsets = _end_offsets_from_fetch  # type: ignore[method-assign]


if __name__ == "__main__":
    if os.environ.get("SIGNALFIRE_TEST_DUMP"):
        from tests.kafka.diagnostics import install

        install()
    from stream.cli import main

    sys.argv = ["signalfire", "worker", *sys.argv[1:]]
    main()
