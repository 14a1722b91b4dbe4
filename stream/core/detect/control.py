"""control_change: a place's first seizure raises an alert, later reports corroborate, a recapture alerts again."""

from __future__ import annotations

from dataclasses import dataclass, field

from stream.core.detect.base import Output, field_of, gate, place_key
from stream.core.detect.outputs import Emits
from stream.core.records import EventBase
from stream.core.rules.schema import ControlChange


@dataclass
class Holding:
    """Who holds a place since its last change of control, and the alert that said so."""

    side: str
    alert_id: str
    changes: int
    # The alert is held for review: the first report the gate trusts sends it.
    review: bool = False


@dataclass
class ControlState:
    holders: dict[str, Holding] = field(default_factory=dict)
    pending: dict[tuple[str, str, int], list[EventBase]] = field(default_factory=dict)


class ControlChangeDetector(Emits):
    rule: ControlChange

    def __init__(self, rule: ControlChange) -> None:
        super().__init__(rule)

    def initial(self) -> ControlState:
        return ControlState()

    def step(self, state: ControlState, event: EventBase) -> tuple[ControlState, list[Output]]:
        key = place_key(event.place)
        if key is None or not self.accepts(event):
            return state, []
        side = field_of(event, "side") or "unknown"
        held = state.holders.get(key)
        if held and (side == "unknown" or side == held.side or held.side == "unknown"):
            if held.side == "unknown":
                held.side = side
            promotes = held.review and self.trusts(event)
            held.review = held.review and not promotes
            return state, self.corroborations(held.alert_id, event, promotes=promotes)
        changes = held.changes + 1 if held else 1
        reports = gate(state.pending, (key, side, changes), event, self.rule.min_sources)
        if reports is None:
            return state, []
        alert = self.alert(f"{key}#{changes}:{side}", reports, {}, {})
        state.holders[key] = Holding(side, alert.id, changes, review=getattr(alert, "tier", "sent") == "review")
        return state, [alert]
