"""window_sum: a figure summed per group over tumbling windows of event time (days), alerting at a bound."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from stream.core.detect.base import Output, corroborate, figure, matches, raise_alert, source_key
from stream.core.records import EventBase, Place
from stream.core.rules.schema import WindowSum, parse_duration

# Windows this far behind the newest event are closed and forgotten, so state stays bounded.
HORIZON = timedelta(days=90)


def window_start(when: date, days: int) -> date:
    """Tumbling windows aligned on day 1 of the proleptic calendar, as pure arithmetic."""
    ordinal = when.toordinal()
    return date.fromordinal(ordinal - (ordinal - 1) % days)


@dataclass
class Window:
    total: int = 0
    counted: set[tuple[object, ...]] = field(default_factory=set)
    events: list[EventBase] = field(default_factory=list)
    alert_id: str | None = None


@dataclass
class WindowState:
    windows: dict[tuple[object, ...], Window] = field(default_factory=dict)
    newest: date | None = None


def _group(event: EventBase, fields: Sequence[str]) -> tuple[object, ...] | None:
    place = event.place
    values: list[object] = []
    for name in fields:
        value = {
            "admin1": place.admin1 if place else None, "country": place.country if place else None,
            "place": place.name if place else None, "side": getattr(event, "side", None),
            "type": getattr(event, "type", None),
        }[name]
        if value is None:
            return None
        values.append(value)
    return tuple(values)


def _group_place(event: EventBase, fields: dict[str, object]) -> Place | None:
    """The place an alert speaks of: the place itself, or the state/region it was summed over."""
    if "place" in fields or event.place is None:
        return event.place
    if "admin1" in fields:
        return Place(name=str(fields["admin1"]), admin1=str(fields["admin1"]), country=event.place.country,
                     precision="admin1")
    return Place(name=str(event.place.country), country=event.place.country, precision="country")


class WindowSumDetector:
    def __init__(self, rule: WindowSum) -> None:
        self.rule = rule
        self.days = parse_duration(rule.window).days

    def initial(self) -> WindowState:
        return WindowState()

    def step(self, state: WindowState, event: EventBase) -> tuple[WindowState, list[Output]]:
        value = figure(event, self.rule.field)
        group = _group(event, self.rule.group_by)
        if not value or group is None or event.event_date is None or not matches(self.rule.match, event):
            return state, []
        start = window_start(event.event_date, self.days)
        if state.newest is not None and start < state.newest - HORIZON:
            return state, []
        window = state.windows.setdefault((*group, start), Window())
        # One incident told by two outlets (same place, side and figure) counts once.
        signature = (event.place and event.place.name, getattr(event, "side", None), value)
        if signature in window.counted:
            return state, self._corroborate(window, event)
        window.counted.add(signature)
        window.total += value
        window.events.append(event)
        self._advance(state, event.event_date)
        if window.alert_id:
            return state, self._corroborate(window, event)
        sources = {source_key(e) for e in window.events}
        if window.total < self.rule.threshold or len(sources) < self.rule.min_sources:
            return state, []
        end = start + timedelta(days=self.days - 1)
        fields: dict[str, object] = dict(zip(self.rule.group_by, group, strict=True))
        alert = raise_alert(
            self.rule, f"{'/'.join(map(str, group))}@{start}", window.events, {self.rule.field: window.total},
            {"value": window.total, "field": self.rule.field, "window_start": start, "window_end": end, **fields},
            when=start, place=_group_place(event, fields))
        window.alert_id = alert.id
        return state, [alert]

    def _corroborate(self, window: Window, event: EventBase) -> list[Output]:
        if not window.alert_id:
            return []
        return [corroborate(window.alert_id, event, {self.rule.field: window.total})]

    def _advance(self, state: WindowState, when: date) -> None:
        if state.newest is None or when > state.newest:
            state.newest = when
            cutoff = when - HORIZON
            for key in [k for k in state.windows if k[-1] < cutoff]:  # type: ignore[operator]
                del state.windows[key]
