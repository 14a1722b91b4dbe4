"""What a test worker was doing, for a failed Kafka test to be read: SIGNALFIRE_TEST_DUMP=1 installs it.

SIGQUIT (as a JVM takes it; mode takes SIGUSR1 and SIGUSR2) writes to the worker's log what every thread and
asyncio task waits on, the consumer's flow and partitions, and detection's held events, marks and arrivals per
events partition; the tests' deployments send it before they kill their workers. Warnings are logged as they
happen for what lost messages after rebalances before (see stream.kafka.overrides): faust's offset gaps, the
positions the client takes after an assignment, every seek, commits made with messages still in the producer's
buffer. Test harness only: nothing in stream/ imports it.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from types import FrameType
from typing import Any

log = logging.getLogger("signalfire.diagnostics")
# Per events partition and generation (the acknowledgement queue is made again at each rebalance): how many
# messages arrived at detection, the first offset and the last; and how many events it folded per partition.
SEEN: dict[str, tuple[int, int, int]] = {}
FOLDED: dict[int, int] = {}


def install() -> None:
    signal.signal(signal.SIGQUIT, dump)
    watch()


def _awaiting(coro: Any) -> Iterator[str]:
    """Where a coroutine waits: each frame down its chain of awaits (a task's own stack shows only the first)."""
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "ag_frame", None) or getattr(coro, "gi_frame", None)
        if frame is not None:
            yield f"    {frame.f_code.co_filename}:{frame.f_lineno} {frame.f_code.co_name}"
        coro = getattr(coro, "cr_await", None) or getattr(coro, "ag_await", None) or getattr(coro, "gi_yieldfrom", None)


def dump(signum: int, frame: FrameType | None) -> None:
    """What every thread and asyncio task waits on, and the runtime's rebalance state, to the log."""
    out = [f"=== dump of worker {sys.argv[0]}"]
    for thread_id, stack in sys._current_frames().items():
        out += [f"--- thread {thread_id}", *(line.rstrip() for line in traceback.format_stack(stack))]
    loops = [o for o in gc.get_objects() if isinstance(o, asyncio.AbstractEventLoop) and not o.is_closed()]
    for loop in loops:
        for task in list(asyncio.all_tasks(loop)):
            out += [f"--- task {task.get_name()} of loop {id(loop):x}", *_awaiting(task.get_coro())]
    runtime = sys.modules.get("stream.kafka.app")
    if runtime is not None:
        app, consumer = runtime.app, runtime.app.consumer
        out += [f"rebalancing={app.rebalancing} flow_control={app.flow_control.is_active()} "
                f"consumer_flow={consumer.flow_active} unacked={len(consumer._unacked_messages)} "
                f"active={sorted(map(tuple, consumer._active_partitions or ()))} "
                f"paused={sorted(map(tuple, consumer._paused_partitions))}",
                f"rebalances={runtime.rebalances} now={time.time_ns()} arrived={SEEN} folded={FOLDED}"]
        for partition, reorder in sorted(runtime.held.items()):
            oldest = reorder._held[0][0] if len(reorder) else None
            out.append(f"events partition {partition}: held={len(reorder)} oldest={oldest} "
                       f"reached={reorder.reached} released={reorder.released}")
    print(*out, sep="\n", file=sys.stderr, flush=True)


def watch() -> None:
    """Warnings for offset gaps, positions, seeks and commits ahead of the producer's buffer; counts of arrivals
    and folds for the dump."""
    from faust.transport.consumer import Consumer
    from faust.transport.producer import ProducerBuffer

    add_gap, commit_offsets, flush = Consumer._add_gap, Consumer._commit_offsets, ProducerBuffer.flush

    async def _add_gap(self: Any, tp: Any, offset_from: int, offset_to: int) -> None:
        log.warning("gap %s %s..%s (read offset %s)", tp, offset_from, offset_to, self._read_offset.get(tp))
        await add_gap(self, tp, offset_from, offset_to)

    async def _commit_offsets(self: Any, offsets: Any, start_new_transaction: bool = True) -> bool:
        buffer = self.app.producer.buffer
        done = await commit_offsets(self, offsets, start_new_transaction)
        if buffer.size:
            log.warning("committed %s with %s messages still in the producer's buffer", dict(offsets), buffer.size)
        return done

    async def _flush(self: Any) -> None:
        await flush(self)
        if self.size:
            log.warning("producer buffer flush returned with %s messages left", self.size)

    Consumer._add_gap, Consumer._commit_offsets = _add_gap, _commit_offsets  # type: ignore[method-assign]
    ProducerBuffer.flush = _flush  # type: ignore[method-assign]

    # Where the client puts a partition's position after an assignment, and every seek.
    from aiokafka.consumer.fetcher import Fetcher
    from aiokafka.consumer.subscription_state import SubscriptionState

    update_positions, seek = Fetcher._update_fetch_positions, SubscriptionState.seek

    async def _update_fetch_positions(self: Any, assignment: Any, node_id: Any, tps: Any) -> Any:
        done = await update_positions(self, assignment, node_id, tps)
        log.warning("positions after reset: %s", {f"{tp.topic}/{tp.partition}": assignment.state_value(tp)._position
                                                  for tp in tps})
        return done

    def _seek(self: Any, tp: Any, offset: int) -> None:
        log.warning("seek %s/%s -> %s", tp.topic, tp.partition, offset)
        seek(self, tp, offset)

    Fetcher._update_fetch_positions, SubscriptionState.seek = _update_fetch_positions, _seek

    # What detection saw and folded per events partition: arrivals (count, first and last offset), folds.
    from faust import current_event

    import stream.kafka.steps as steps
    from stream.core.reorder import InOrderAcks

    arrived, detect_step = InOrderAcks.arrived, steps.detect_step

    def _arrived(self: Any, partition: int, item: Any) -> Any:
        # One entry per partition and generation: the acknowledgement queues are made again at each rebalance.
        at = f"{id(self) % 10_000}/{partition}"
        count, first, _ = SEEN.get(at, (0, item.message.offset, 0))
        SEEN[at] = (count + 1, first, item.message.offset)
        return arrived(self, partition, item)

    def _detect_step(*args: Any) -> Any:
        event = current_event()
        partition = event.message.partition if event is not None else -1
        FOLDED[partition] = FOLDED.get(partition, 0) + 1
        return detect_step(*args)

    InOrderAcks.arrived = _arrived  # type: ignore[method-assign]
    steps.detect_step = _detect_step  # type: ignore[assignment]
