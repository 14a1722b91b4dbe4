"""window_sum and window_count: a figure summed, or events counted, per group over tumbling windows of event time."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from stream.core.detect.base import Output, field_of, figure, source_key
from stream.core.detect.outputs import Emits
from stream.core.gate import UNDATED_APART
from stream.core.records import EventBase, Place
from stream.core.rules.schema import WindowCount, Windowed, WindowSum

# Windows this far behind the newest event are closed and forgotten, so state stays bounded.
HORIZON = timedelta(days=90)


def window_start(when: date, days: int) -> date:
    """Tumbling windows aligned on day 1 of the proleptic calendar, as pure arithmetic."""
    ordinal = when.toordinal()
    return date.fromordinal(ordinal - (ordinal - 1) % days)


@dataclass
class Window:
    """One group's window: what the reports the precision gate trusts add up to (``total``, what a sent alert
    says and what fires it) and what the doubted ones add (``doubted``, which can only raise an alert held for
    review)."""

    total: int = 0
    counted: set[tuple[object, ...]] = field(default_factory=set)
    events: list[EventBase] = field(default_factory=list)
    alert_id: str | None = None
    doubted: int = 0
    # The window's alert is held for review: sent once the trusted reports alone would fire it.
    review: bool = False
    # What the trusted reports of each article without a date of its own add up to. The total adds the largest
    # alone: such articles are dated only by the day they reached us (see UNDATED_APART).
    undated: dict[str, int] = field(default_factory=dict)

    def add(self, event: EventBase, value: int) -> None:
        """A trusted report into the total."""
        if event.date_anchor != "received":
            self.total += value
            return
        before = max(self.undated.values(), default=0)
        self.undated[event.article_id] = self.undated.get(event.article_id, 0) + value
        self.total += max(self.undated.values()) - before

    def apart(self, event: EventBase) -> bool:
        """A trusted report the total leaves out: of an undated article other than the one it adds."""
        return (event.date_anchor == "received" and len(self.undated) > 1
                and event.article_id != max(self.undated, key=self.undated.__getitem__))

    @property
    def held(self) -> int:
        """What the doubted reports and the undated articles left out would add: only a review alert says it."""
        # Asked at every event that fires nothing, in backtests of a million: with one undated article or none
        # (nearly always), none is left out, and no sum is taken.
        if len(self.undated) < 2:
            return self.doubted
        return self.doubted + sum(self.undated.values()) - max(self.undated.values())


@dataclass
class WindowState:
    windows: dict[tuple[object, ...], Window] = field(default_factory=dict)
    # The newest event date per group: one group's news never closes another's windows.
    newest: dict[tuple[object, ...], date] = field(default_factory=dict)
    # Events that came after their window was closed and forgotten: counted, never silently lost.
    late: int = 0

    def __post_init__(self) -> None:
        # Each group's window starts as a heap, oldest first, so closing windows touches only those that close
        # instead of scanning every open window at each new date. Derived from ``windows``: rebuilt on load,
        # never stored.
        self.starts: dict[tuple[object, ...], list[date]] = {}
        for key in self.windows:
            start: date = key[-1]  # type: ignore[assignment]
            heapq.heappush(self.starts.setdefault(key[:-1], []), start)

    def open(self, group: tuple[object, ...], start: date) -> Window:
        """The window of ``group`` starting at ``start``, opened if it was not."""
        window = self.windows.get((*group, start))
        if window is None:
            window = self.windows[(*group, start)] = Window()
            heapq.heappush(self.starts.setdefault(group, []), start)
        return window

    def close_before(self, group: tuple[object, ...], cutoff: date) -> None:
        """Forget the windows of ``group`` that start before ``cutoff``."""
        starts = self.starts.get(group)
        while starts and starts[0] < cutoff:
            del self.windows[(*group, heapq.heappop(starts))]


# Places that say where a report happened no closer than its group does.
_COARSE = ("admin1", "country")
# Two outlets' figures for one region's day and side are one incident's when the smaller is at least two thirds of the
# larger (a first count and the toll it rose to: 34, then 47), both at least this large.
RESTATED_WITHIN = 2 / 3
RESTATED_FROM = 5
# Named at one village or town, the first count may be further below the toll it rose to: "between 15 and 20" the day
# after, "23" the day after that; "seven" on the night, "19" once the wounded had died.
RESTATED_AT_ONE_PLACE = 1 / 3


def group_of(event: EventBase, fields: Sequence[str]) -> tuple[object, ...] | None:
    """The event's values for ``group_by``; None when one is unknown (no place).

    An event placed only as far as its country ("in western Niger") counts under the country where its
    state or region is asked for: a desk hears of 40 dead in Niger rather than of nothing. One placed only at a
    name no gazetteer knows, in a story that names no country, counts under that name: 46 dead near Ginchi.
    """
    place = event.place
    values: list[object] = []
    for name in fields:
        # A chain, not a table of every field built per event: a backtest groups a million events.
        if name == "admin1":
            value = (place.admin1 or place.country or place.name) if place else None
        elif name == "country":
            value = place.country if place else None
        elif name == "place":
            value = place.name if place else None
        else:  # side, type
            value = field_of(event, name)
        if value is None:
            return None
        values.append(value)
    return tuple(values)


def group_place(event: EventBase, fields: dict[str, object]) -> Place | None:
    """The place an alert speaks of: the place itself, or the state/region it was summed over."""
    if "place" in fields or event.place is None:
        return event.place
    if "admin1" in fields and event.place.admin1:
        return _region(str(fields["admin1"]), event.place.country)
    if event.place.country is None:
        return event.place  # a name no gazetteer knows, in no country the story names
    return _country(event.place.country)


# A history's alerts speak of a few hundred regions and countries, each made once: places are immutable.
@lru_cache(maxsize=4096)
def _region(admin1: str, country: str | None) -> Place:
    return Place(name=admin1, admin1=admin1, country=country, precision="admin1")


@lru_cache(maxsize=1024)
def _country(country: str | None) -> Place:
    return Place(name=str(country), country=country, precision="country")


class WindowedDetector(Emits):
    """Adds events into per-group windows; subclasses say what an event is worth and when a window fires."""

    rule: Windowed
    field_name: str
    keep: timedelta = HORIZON

    def __init__(self, rule: Windowed) -> None:
        super().__init__(rule)
        self.days = rule.window_days
        # Each day's window start, worked out once: a history has a few thousand days and a million events.
        self._starts: dict[date, date] = {}

    def initial(self) -> WindowState:
        return WindowState()

    def worth(self, event: EventBase) -> int | None:
        raise NotImplementedError

    def fires(self, state: WindowState, group: tuple[object, ...], start: date, total: int) -> bool:
        """Whether a window of ``group`` at ``start`` adding up to ``total`` raises an alert."""
        raise NotImplementedError

    def enough(self, trusted: Sequence[EventBase]) -> bool:
        """The trusted reports alone reach the threshold (a spike: its floor) from enough outlets."""
        total = sum(self.worth(e) or 0 for e in trusted)
        return total >= self.least and super().enough(trusted)

    @property
    def least(self) -> int:
        return self.rule.threshold  # type: ignore[attr-defined, no-any-return]

    def signature(self, event: EventBase, value: int) -> tuple[object, ...]:
        # One incident told by two outlets (same place, side and figure) counts once.
        return (event.place and event.place.name, field_of(event, "side"), value)

    def retold(self, window: Window, signature: tuple[object, ...]) -> bool:
        """Whether a report the window has not counted tells one it has, in other words."""
        return False

    def total_of(self, window: Window) -> int:
        """What the window's trusted reports add up to, as a sent alert says it."""
        return window.total

    def step(self, state: WindowState, event: EventBase) -> tuple[WindowState, list[Output]]:
        when = event.event_date
        value = self.worth(event)
        if not value or when is None:
            return state, []
        group = group_of(event, self.rule.group_by)
        if group is None or not self.accepts(event):
            return state, []
        start = self._starts.get(when)
        if start is None:
            start = self._starts[when] = window_start(when, self.days)
        newest = state.newest.get(group)
        if newest is not None and start < newest - self.keep:
            state.late += 1  # its window is closed: the event stays in the log, for backtests, but alerts no more
            return state, []
        window = state.open(group, start)
        signature = self.signature(event, value)
        if signature in window.counted or self.retold(window, signature):
            return state, self._corroborate(window, event)
        trusted = self.trusts(event)
        if trusted:
            window.add(event, value)
        else:
            window.doubted += value
        window.counted.add(signature)
        window.events.append(event)
        if newest is None or when > newest:  # the group's news moved on: windows too far behind close
            state.newest[group] = when
            state.close_before(group, when - self.keep)
        if window.alert_id:
            promotes = window.review and trusted and self.fires(state, group, start, self.total_of(window))
            window.review = window.review and not promotes
            return state, self._corroborate(window, event, promotes)
        # A sent alert speaks of the trusted reports alone; the doubted can only raise one held for review.
        total = self.total_of(window)
        if self.fires(state, group, start, total):
            reports = window.events if not window.held else [
                e for e in window.events if self.trusts(e) and not window.apart(e)]
            review = False
        elif window.held and self.fires(state, group, start, total + window.held):
            reports, review = window.events, True
        else:
            return state, []
        if self.rule.min_sources > 1 and len({source_key(e) for e in reports}) < self.rule.min_sources:
            return state, []
        figure = total + window.held if review else total
        fields: dict[str, object] = dict(zip(self.rule.group_by, group, strict=True))
        end = start + timedelta(days=self.days - 1)
        held = {e.id: UNDATED_APART for e in reports if self.trusts(e) and window.apart(e)}
        alert = self.alert(
            f"{'/'.join(map(str, group))}@{start}", reports, {self.field_name: figure},
            {"value": figure, "field": self.field_name, "window_start": start, "window_end": end, **fields},
            when=start, place=group_place(event, fields), held=held)
        window.alert_id, window.review = alert.id, review
        window.events = []  # the alert holds their sources and evidence; later reports only corroborate it
        return state, [alert]

    def _corroborate(self, window: Window, event: EventBase, promotes: bool = False) -> list[Output]:
        """A later report of the window's alert: its figure is the trusted total once the alert is sent."""
        if not window.alert_id:
            return []
        total = self.total_of(window)
        figure = total + window.held if window.review else total
        return self.corroborations(window.alert_id, event, {self.field_name: figure}, promotes)


class WindowSumDetector(WindowedDetector):
    rule: WindowSum

    def __init__(self, rule: WindowSum) -> None:
        super().__init__(rule)
        self.field_name = rule.field

    def worth(self, event: EventBase) -> int | None:
        return figure(event, self.rule.field)

    def signature(self, event: EventBase, value: int) -> tuple[object, ...]:
        # A report placed no closer than a state or country names no place of its own (None). The article, and
        # whether the report is a trusted one of a dated article: only those restate one another (restated_overlap).
        place = event.place
        named = place.name if place is not None and place.precision not in _COARSE else None
        return (named, field_of(event, "side"), value, event.article_id,
                self.trusts(event) and event.date_anchor != "received")

    def retold(self, window: Window, signature: tuple[object, ...]) -> bool:
        # One incident told by two outlets (same place, side and figure) counts once; and "12 killed in northern
        # Shan State" and "12 killed in Kutkai" on one day, of one side, are one incident told by one outlet less
        # precisely. Only a report that names no place of its own can be the other's.
        named, side, value = signature[:3]
        return any(c[1] == side and c[2] == value and (c[0] == named or c[0] is None or named is None)
                   for c in window.counted)

    def total_of(self, window: Window) -> int:
        # "21 killed in a strike on a wedding in Thit Cho Pin", "at least 20 killed in Sagaing", "the toll rose to
        # 24": outlets on one region's day, one side, figures within a third of each other, are one incident wherever
        # each placed it, as a first count and the toll it rose to are: the incident counts its largest figure. Read
        # from the set of reports, whatever order they came in: a Kafka worker meets them in another order than a
        # replay does. Small figures, and one article's own reports, are left apart.
        return window.total - restated_overlap(window.counted)

    def fires(self, state: WindowState, group: tuple[object, ...], start: date, total: int) -> bool:
        return total >= self.rule.threshold


def restated_overlap(counted: set[tuple[object, ...]]) -> int:
    """What the window's sum counts twice: per incident several outlets counted (reports linked, figure to figure,
    when of other articles, sides that may be one, both at least RESTATED_FROM and the smaller at least
    RESTATED_WITHIN of the larger), its figures but the largest. Linked as a whole, so any order gives one answer."""
    reports = sorted((str(c[1]), c[2], str(c[3]), str(c[0] or "")) for c in counted
                     if len(c) > 4 and c[4] and isinstance(c[2], int) and c[2] >= RESTATED_FROM)
    if len(reports) < 2:
        return 0
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (side_a, value_a, article_a, place_a) in enumerate(reports):
        for j in range(i + 1, len(reports)):
            side_b, value_b, article_b, place_b = reports[j]
            within = RESTATED_AT_ONE_PLACE if place_a and place_a == place_b else RESTATED_WITHIN
            if (article_a != article_b and (side_a == side_b or {"unknown", "mixed"} & {side_a, side_b})
                    and min(value_a, value_b) >= within * max(value_a, value_b)):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i, (_, value, _, _) in enumerate(reports):
        groups.setdefault(root(i), []).append(value)
    return sum(sum(values) - max(values) for values in groups.values())


class WindowCountDetector(WindowedDetector):
    rule: WindowCount
    field_name = "events"

    def worth(self, event: EventBase) -> int | None:
        return 1

    def signature(self, event: EventBase, value: int) -> tuple[object, ...]:
        # Two outlets on the same clash (same kind, place and day) are one event.
        return (field_of(event, "type"), event.place and event.place.name, event.event_date)

    def fires(self, state: WindowState, group: tuple[object, ...], start: date, total: int) -> bool:
        return total >= self.rule.threshold
