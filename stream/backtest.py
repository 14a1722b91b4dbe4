"""Backtesting rules: the same history folded under a baseline and a candidate rule set, then compared."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from replay.sources import read_inputs
from stream.actors import default_actors
from stream.core.compare import compare
from stream.core.detect import Detection, Output
from stream.core.extract import extract
from stream.core.extract.actors import Actors
from stream.core.places import Gazetteer
from stream.core.records import Article, EventBase
from stream.core.rules.schema import RuleSet, Silence
from stream.core.views import alert_views
from stream.embedded.pipeline import stored_silences
from stream.embedded.store import EventStore
from stream.gcpause import no_gc


def events_from_articles(paths: Sequence[str | Path], gazetteer: Gazetteer,
                         actors: Actors | None = None) -> list[EventBase]:
    """Extract the articles of ``paths`` in event-time order, as replay would."""
    actors = actors or default_actors()
    return [e for item in read_inputs(paths) if isinstance(item, Article) for e in extract(item, gazetteer, actors)]


async def history_from_store(path: str | Path) -> tuple[list[EventBase], list[Silence]]:
    """The recorded events of a store (no re-extraction), and the silences added to it."""
    store = await EventStore.open(path)
    try:
        with no_gc():
            events = [event for _, event in await store.scan("events", batch=20_000)]
        silences = await stored_silences(store)
    finally:
        await store.close()
    return events, silences


def fold_both(baseline: RuleSet, candidate: RuleSet, events: Iterable[EventBase],
              silences: Sequence[Silence] = ()) -> tuple[list[Output], list[Output]]:
    """One pass over the history drives both rule sets, so a large history is read once."""
    before, after = Detection(baseline, silences), Detection(candidate, silences)
    state_before, state_after = before.initial(), after.initial()
    out_before: list[Output] = []
    out_after: list[Output] = []
    for event in events:
        state_before, raised = before.step(state_before, event)
        out_before.extend(raised)
        state_after, raised = after.step(state_after, event)
        out_after.extend(raised)
    return out_before, out_after


def backtest(baseline: RuleSet, candidate: RuleSet, events: Iterable[EventBase],
             silences: Sequence[Silence] = ()) -> dict[str, Any]:
    """``{"added": [...], "removed": [...], "changed": [...], "unchanged": N}`` of candidate against baseline."""
    with no_gc():
        before, after = fold_both(baseline, candidate, events, silences)
        return compare(alert_views(before), alert_views(after))
