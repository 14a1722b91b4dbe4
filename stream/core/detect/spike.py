"""spike: a window far above the windows before it (as HDX Signals), never below a floor."""

from __future__ import annotations

from datetime import date, timedelta

from stream.core.detect.base import figure
from stream.core.detect.window import HORIZON, WindowedDetector, WindowState
from stream.core.records import EventBase
from stream.core.rules.schema import Spike


class SpikeDetector(WindowedDetector):
    rule: Spike

    def __init__(self, rule: Spike) -> None:
        super().__init__(rule)
        self.field_name = rule.field or "events"
        # Keep enough closed windows to form the baseline.
        self.keep = max(HORIZON, timedelta(days=self.days * (rule.baseline_windows + 1)))

    @property
    def least(self) -> int:
        return self.rule.floor

    def worth(self, event: EventBase) -> int | None:
        return figure(event, self.rule.field) if self.rule.field else 1

    def baseline(self, state: WindowState, group: tuple[object, ...], start: date) -> list[int]:
        """Totals of the ``baseline_windows`` windows before ``start``; a window with nothing in it is 0."""
        totals = []
        for n in range(1, self.rule.baseline_windows + 1):
            earlier = state.windows.get((*group, start - timedelta(days=self.days * n)))
            totals.append(earlier.total if earlier else 0)
        return totals

    def fires(self, state: WindowState, group: tuple[object, ...], start: date, total: int) -> bool:
        if total < self.rule.floor:
            return False
        before = self.baseline(state, group, start)
        if self.rule.factor is None:
            return total > max(before)
        return total >= self.rule.factor * (sum(before) / len(before))
