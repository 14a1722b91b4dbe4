"""Driving the embedded pipeline with replay input, in batches or paced on event time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from replay.pacing import Pacer
from stream.core.records import Article, DeadLetter
from stream.embedded.outbox import Outbox
from stream.embedded.pipeline import Pipeline, RunReport


async def replay(inputs: Iterable[Article | DeadLetter], pipeline: Pipeline, pacer: Pacer,
                 advance: Callable[[int], None] = lambda n: None, outbox: Outbox | None = None) -> RunReport:
    """Ingest and process everything; each batch is committed stage by stage, so a kill loses nothing.

    Inputs are taken a batch at a time as they come (``Inputs`` reads them from their files so), never all
    at once. The ``outbox`` delivers after each batch, as a desk following the replay would be told, and
    sends what digests still hold at the end.
    """
    size = 1 if pacer.speed is not None else pipeline.batch
    for batch in _batches(inputs, size, pipeline.batch):
        if isinstance(batch[0], DeadLetter):
            await pipeline.ingest(batch)
            advance(len(batch))
            continue
        await pacer.wait(batch[0].published)
        await pipeline.ingest(batch)
        await pipeline.drain()
        if outbox:
            await outbox.send_due()
        advance(len(batch))
    await pipeline.drain()
    await pipeline.checkpoint()
    if outbox:
        await outbox.send_due(final=True)
    return pipeline.report


def _batches(inputs: Iterable[Article | DeadLetter], articles: int, letters: int
             ) -> Iterator[list[Article] | list[DeadLetter]]:
    """Runs of articles (``articles`` at most) and of dead letters (``letters`` at most), in input order."""
    batch: list[Any] = []
    for item in inputs:
        if batch and (type(item) is not type(batch[0]) or len(batch) == (
                letters if isinstance(batch[0], DeadLetter) else articles)):
            yield batch
            batch = []
        batch.append(item)
    if batch:
        yield batch
