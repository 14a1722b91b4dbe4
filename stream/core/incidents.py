"""Incidents: the same event told by several articles, merged with every source and a low/best/high figure."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from pydantic import Field

from stream.core.ids import content_id
from stream.core.records import Event, Place, Record, SourceRef

# Reports of one kind at one place this many days apart are taken as one incident.
SAME_INCIDENT = timedelta(days=2)
_FIGURES = ("killed", "injured", "displaced")


class Estimate(Record):
    """A figure as the sources gave it: ``best`` is the lowest reported (ACLED's conservative rule)."""

    low: int
    best: int
    high: int


class Incident(Record):
    """One incident and everything reported about it, by how many independent outlets."""

    id: str
    type: str
    side: str | None = None
    place: Place | None = None
    first_date: date | None = None
    last_date: date | None = None
    figures: dict[str, Estimate] = Field(default_factory=dict)
    sources: tuple[SourceRef, ...] = ()
    outlets: int = 0
    event_ids: tuple[str, ...] = ()


def merge_incidents(events: Iterable[Event], within: timedelta = SAME_INCIDENT) -> list[Incident]:
    """Group new-incident events by kind, side and resolved place, with dates ``within`` each other.

    Background totals, denials and threats are no incidents and are left out. An event without a
    resolved place stands alone: nothing says it is the one another article told. An undated report
    joins only at a village, post or town, where one kind of event on one side is rarely two.
    """
    groups: list[list[Event]] = []
    by_key: dict[tuple[object, ...], list[list[Event]]] = {}
    # Event time first; reports of one day keep the order they came in.
    for event in sorted((e for e in events if e.is_incident), key=lambda e: e.event_date or date.min):
        key = _key(event)
        # One article's separate claims ("7 killed on Tuesday, 17 on Monday") stay separate incidents;
        # another article's report joins the one whose figure it is nearest.
        candidates = [g for g in by_key.get(key, []) if _close(g[-1], event, within)
                      and all(e.article_id != event.article_id for e in g)] if key is not None else []
        if candidates:
            min(candidates, key=lambda g: _distance(g, event)).append(event)
            continue
        group = [event]
        groups.append(group)
        if key is not None:
            by_key.setdefault(key, []).append(group)
    return [_incident(group) for group in groups]


def _distance(group: list[Event], event: Event) -> float:
    mine = _figure(event)
    theirs = [f for e in group if (f := _figure(e)) is not None]
    if mine is None or not theirs:
        return 0.0
    return min(abs(mine - f) / max(mine, f) for f in theirs)


def _figure(event: Event) -> int | None:
    return next((v for name in _FIGURES if (v := getattr(event, name, None))), None)


def _key(event: Event) -> tuple[object, ...] | None:
    place = event.place
    if place is None:
        return None
    return event.type, getattr(event, "side", None), place.country, place.code or place.name


_SPECIFIC = ("facility", "village", "town")


def _close(last: Event, event: Event, within: timedelta) -> bool:
    if last.event_date and event.event_date:
        return event.event_date - last.event_date <= within
    return bool(event.place and event.place.precision in _SPECIFIC)


def _incident(group: list[Event]) -> Incident:
    first = group[0]
    figures = {}
    for name in _FIGURES:
        values = [v for e in group if (v := getattr(e, name, None))]
        if values:
            figures[name] = Estimate(low=min(values), best=min(values), high=max(values))
    sources: dict[str, SourceRef] = {}
    for e in group:
        sources.setdefault(e.article_id, SourceRef(article_id=e.article_id, source=e.source, url=e.url))
    dates = [e.event_date for e in group if e.event_date]
    return Incident(
        id=content_id("in", *sorted(e.id for e in group)), type=first.type, side=getattr(first, "side", None),
        place=first.place, first_date=min(dates) if dates else None, last_date=max(dates) if dates else None,
        figures=figures, sources=tuple(sources.values()),
        outlets=len({e.source or e.article_id for e in group}), event_ids=tuple(e.id for e in group),
    )
