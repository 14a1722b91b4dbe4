"""The reorder buffer: held events leave in stamp order once every source has passed them, late ones are told."""

from __future__ import annotations

from stream.core.reorder import InOrderAcks, Reorder

SECOND = 1_000_000_000


def test_nothing_leaves_before_every_source_has_reported() -> None:
    buffer: Reorder[str] = Reorder(sources=2, grace_ns=0)
    buffer.hold((5, 0, 0, 0), "a")
    buffer.mark(0, 10)
    assert buffer.watermark is None and buffer.release() == []
    buffer.mark(1, 10)
    assert buffer.release() == ["a"]


def test_events_leave_in_stamp_order_whatever_order_they_arrived_in() -> None:
    buffer: Reorder[str] = Reorder(sources=2, grace_ns=0)
    # Partition 1 extracted its article first, though partition 0's was published first.
    buffer.hold((200, 1, 7, 0), "second article")
    buffer.hold((100, 0, 3, 1), "first article, second event")
    buffer.hold((100, 0, 3, 0), "first article, first event")
    buffer.mark(0, 300)
    buffer.mark(1, 300)
    assert buffer.release() == ["first article, first event", "first article, second event", "second article"]


def test_the_slowest_source_and_the_grace_hold_the_watermark_back() -> None:
    buffer: Reorder[str] = Reorder(sources=2, grace_ns=2 * SECOND)
    buffer.hold((10 * SECOND, 0, 0, 0), "at 10 s")
    buffer.hold((13 * SECOND, 0, 1, 0), "at 13 s")
    buffer.mark(0, 20 * SECOND)
    buffer.mark(1, 12 * SECOND)  # the slow partition has only got to 12 s: the watermark is 10 s
    assert buffer.release() == ["at 10 s"]
    buffer.mark(1, 14 * SECOND)
    assert buffer.release() == [] and len(buffer) == 1  # 12 s now: 13 s is still within grace
    buffer.mark(1, 15 * SECOND)
    assert buffer.release() == ["at 13 s"]


def test_a_mark_never_moves_a_source_back() -> None:
    buffer: Reorder[str] = Reorder(sources=1, grace_ns=0)
    buffer.mark(0, 50)
    buffer.mark(0, 20)  # a redelivered older tick
    assert buffer.watermark == 50


def test_an_event_at_or_before_what_was_released_is_late() -> None:
    buffer: Reorder[str] = Reorder(sources=1, grace_ns=0)
    assert not buffer.is_late((1, 0, 0, 0))  # nothing released yet: nothing is late
    buffer.mark(0, 100)
    buffer.release()
    assert buffer.is_late((100, 0, 9, 0)) and buffer.is_late((40, 0, 9, 0))
    assert not buffer.is_late((101, 0, 9, 0))


def test_acknowledgements_follow_arrival_order_not_finishing_order() -> None:
    acks: InOrderAcks[str] = InOrderAcks()
    first, second, third = (acks.arrived(0, name) for name in ("m1", "m2", "m3"))
    other = acks.arrived(1, "n1")
    second.done = third.done = True
    assert list(acks.ready(0)) == []  # m1 is held: committing m2 would skip it after a crash
    other.done = True
    assert list(acks.ready(1)) == ["n1"]  # partitions are independent
    first.done = True
    assert list(acks.ready(0)) == ["m1", "m2", "m3"]
    assert acks.pending() == 0
