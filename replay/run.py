"""Driving the embedded pipeline with replay input, in batches or paced on event time."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from replay.pacing import Pacer
from stream.core.records import Article, DeadLetter
from stream.embedded.outbox import Outbox
from stream.embedded.pipeline import Pipeline, RunReport


async def replay(inputs: Sequence[Article | DeadLetter], pipeline: Pipeline, pacer: Pacer,
                 advance: Callable[[int], None] = lambda n: None, outbox: Outbox | None = None) -> RunReport:
    """Ingest and process everything; each batch is committed stage by stage, so a kill loses nothing.

    The ``outbox`` delivers after each batch, as a desk following the replay would be told, and sends what
    digests still hold at the end.
    """
    dead = [item for item in inputs if isinstance(item, DeadLetter)]
    articles = [item for item in inputs if isinstance(item, Article)]
    if dead:
        await pipeline.ingest(dead)
        advance(len(dead))
    size = 1 if pacer.speed is not None else pipeline.batch
    for i in range(0, len(articles), size):
        batch = articles[i:i + size]
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
