"""Events put back in publication order after parallel extraction: held until a watermark says it is safe."""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count
from typing import Generic, TypeVar

T = TypeVar("T")

# Where an event stands in the one order every runtime folds in: the publication stamp of its article (ns),
# then the article's place on the articles topic (partition, offset), then the event's place in the article.
Stamp = tuple[int, int, int, int]


class Reorder(Generic[T]):
    """A buffer that gives events back in stamp order, as Flink's bounded out-of-orderness does.

    Each source (an articles partition) reports how far it has got with ``mark``; its reports travel
    behind its events, so once every source has passed a time, no event stamped earlier is still on its
    way, give or take ``grace``: publishers whose clocks or sends lag each other by less than grace
    still land in order. ``release`` gives back everything at or before the watermark, oldest first.
    An event stamped at or before what was already released is late: ``is_late`` says so, and the
    caller takes it on the late path instead of holding it.
    """

    def __init__(self, sources: int, grace_ns: int) -> None:
        self.sources = sources
        self.grace_ns = grace_ns
        self.reached: dict[int, int] = {}
        self.released: int | None = None
        self._held: list[tuple[Stamp, int, T]] = []
        self._arrival = count()  # equal stamps (a redelivered event) leave in arrival order

    def __len__(self) -> int:
        return len(self._held)

    def mark(self, source: int, at: int) -> None:
        self.reached[source] = max(at, self.reached.get(source, at))

    @property
    def watermark(self) -> int | None:
        """The time every source has passed, less grace; None until each source has reported once."""
        if any(source not in self.reached for source in range(self.sources)):
            return None
        return min(self.reached.values()) - self.grace_ns

    def is_late(self, stamp: Stamp) -> bool:
        return self.released is not None and stamp[0] <= self.released

    def hold(self, stamp: Stamp, item: T) -> None:
        heapq.heappush(self._held, (stamp, next(self._arrival), item))

    def release(self) -> list[T]:
        watermark = self.watermark
        if watermark is None or (self.released is not None and watermark <= self.released):
            return []
        out = []
        while self._held and self._held[0][0][0] <= watermark:
            out.append(heapq.heappop(self._held)[2])
        self.released = watermark
        return out


@dataclass
class Arrival(Generic[T]):
    """A message in its partition's arrival queue, acknowledged once it and all before it are done."""

    item: T
    done: bool = False


@dataclass
class InOrderAcks(Generic[T]):
    """Messages acknowledged in the order they arrived, whatever order they were finished in.

    A consumer group commits an offset as "everything before it is done"; a message held for reordering
    must keep every later one of its partition uncommitted, or a crash would skip it.
    """

    _slots: dict[int, deque[Arrival[T]]] = field(default_factory=dict)

    def arrived(self, partition: int, item: T) -> Arrival[T]:
        slot = Arrival(item)
        self._slots.setdefault(partition, deque()).append(slot)
        return slot

    def ready(self, partition: int) -> Iterator[T]:
        """The finished messages at the head of the partition's queue, taken off it."""
        slots = self._slots.get(partition)
        while slots and slots[0].done:
            yield slots.popleft().item

    def pending(self) -> int:
        return sum(len(slots) for slots in self._slots.values())
