"""The faust classes a worker replaces: its consumer's seek to the committed offsets, which lost messages after a
rebalance and asked for each partition's offset in turn, and its table manager, which slept a second each start."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from faust.tables import TableManager as FaustTableManager
from faust.transport.drivers import aiokafka as driver
from faust.types import TP


class ConsumerThread(driver.AIOKafkaConsumerThread):
    async def seek_to_committed(self) -> Mapping[TP, int]:
        # faust's own annotation; a partition with nothing committed maps to None, as in aiokafka's answer.
        return await self.call_thread(self._seek_to_committed)

    async def _seek_to_committed(self) -> dict[Any, int | None]:
        """Every assigned partition to its committed offset, read in one request, and a partition of a stream with
        nothing committed to its start.

        While a rebalance or a table recovery has its flow stopped, faust drops the batch a fetch brought and
        seeks every partition back to its committed offset to read it again. aiokafka's ``seek_to_committed``
        seeks only to an offset above 0: a partition with nothing committed stayed past the dropped batch, its
        messages were never read in that generation, and once a later one was acknowledged the commit passed them
        for good. It happened to detection after a worker died holding the first events of its partitions (held
        events keep the offset uncommitted): the worker that took them over lost every event before the dropped
        batch's end (41 to 213 alerts of 676 missing, about one run in six). Offset 0 on a broker that no longer
        keeps it is out of range, and the consumer then starts at the earliest offset it has, as it would have.
        Changelog partitions are left where they are: table recovery seeks them itself.

        aiokafka also asks for each partition's offset in turn, about 30 requests at every start and rebalance
        (0.3 s on the test broker); its coordinator answers for all of them in one.
        """
        consumer = self._ensure_consumer()
        partitions = consumer.assignment()
        found = await consumer._coordinator.fetch_committed_offsets(partitions)
        changelogs = self.app.tables.changelog_topics
        committed: dict[Any, int | None] = {}
        for tp in partitions:
            committed[tp] = found[tp].offset if tp in found else None
            if committed[tp]:
                consumer.seek(tp, committed[tp])
            elif tp.topic not in changelogs:
                consumer.seek(tp, 0)
        return committed


class Consumer(driver.Consumer):
    def _new_consumer_thread(self) -> ConsumerThread:
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(driver.Transport):
    Consumer = Consumer


class TableManager(FaustTableManager):
    """faust's table manager without the second it sleeps before starting, in case tables are still being
    declared: a worker's tables are all declared when its module is imported, and that second was on the path of
    every start and restart (the consumer waits for the tables before it joins the group)."""

    async def on_start(self) -> None:
        if not self.should_stop:
            await self._update_channels()
            await self.recovery.start()
