"""threshold: one incident's figure at or above a bound; repeats within the re-alert window corroborate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from stream.core.detect.base import Output, figure, gate, place_key
from stream.core.detect.outputs import Emits
from stream.core.records import EventBase
from stream.core.rules.schema import Threshold


@dataclass
class Raised:
    alert_id: str
    when: date | None
    value: int
    # The alert is held for review: the first report the gate trusts sends it.
    review: bool = False


@dataclass
class ThresholdState:
    raised: dict[str, Raised] = field(default_factory=dict)
    pending: dict[str, list[EventBase]] = field(default_factory=dict)


class ThresholdDetector(Emits):
    rule: Threshold

    def __init__(self, rule: Threshold) -> None:
        super().__init__(rule)
        self.realert_days = rule.realert_period.days

    def initial(self) -> ThresholdState:
        return ThresholdState()

    def step(self, state: ThresholdState, event: EventBase) -> tuple[ThresholdState, list[Output]]:
        value = figure(event, self.rule.field)
        if value is None or value < self.rule.threshold or not self.accepts(event):
            return state, []
        # Without a place, the same figure from two outlets is taken as the same incident.
        key = place_key(event.place) or f"figure:{value}"
        earlier = state.raised.get(key)
        if earlier and _within(earlier.when, event.event_date, self.realert_days):
            earlier.value = max(earlier.value, value)
            promotes = earlier.review and self.trusts(event)
            earlier.review = earlier.review and not promotes
            return state, self.corroborations(earlier.alert_id, event, {self.rule.field: earlier.value}, promotes)
        reports = gate(state.pending, key, event, self.rule.min_sources)
        if reports is None:
            return state, []
        top = max(figure(e, self.rule.field) or 0 for e in reports)
        alert = self.alert(f"{key}@{event.event_date}", reports, {self.rule.field: top},
                           {"value": top, "field": self.rule.field})
        state.raised[key] = Raised(alert.id, event.event_date, top, review=getattr(alert, "tier", "sent") == "review")
        return state, [alert]


def _within(a: date | None, b: date | None, days: int) -> bool:
    if a is None or b is None:
        return a == b
    return abs((b - a).days) <= days
