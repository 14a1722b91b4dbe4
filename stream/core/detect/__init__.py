"""Detection: every enabled rule of a RuleSet folded over the event stream, as one pure step."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from stream.core.detect.base import Detector, Output
from stream.core.detect.control import ControlChangeDetector
from stream.core.detect.spike import SpikeDetector
from stream.core.detect.threshold import ThresholdDetector
from stream.core.detect.window import WindowCountDetector, WindowSumDetector
from stream.core.records import Alert, EventBase
from stream.core.rules.schema import RuleBase, RuleSet, Silence

# Built from the schema's kinds: a kind without a detector fails here, at import, not at run time.
DETECTORS: dict[str, type[Any]] = {
    "control_change": ControlChangeDetector,
    "threshold": ThresholdDetector,
    "window_sum": WindowSumDetector,
    "window_count": WindowCountDetector,
    "spike": SpikeDetector,
}


def detector_for(rule: RuleBase) -> Detector[Any]:
    return DETECTORS[rule.kind](rule)  # type: ignore[attr-defined, no-any-return]


class Detection:
    """All rules of a rule set as one fold: ``step(state, event) -> (state, outputs)``."""

    def __init__(self, rules: RuleSet, silences: Sequence[Silence] = ()) -> None:
        self.rules = rules
        self.silences = [*rules.silences, *silences]
        self.detectors = [detector_for(rule) for rule in rules.rules if rule.enabled]

    def initial(self) -> dict[str, Any]:
        return {d.rule.id: d.initial() for d in self.detectors}

    def step(self, state: dict[str, Any], event: EventBase) -> tuple[dict[str, Any], list[Output]]:
        outputs: list[Output] = []
        for detector in self.detectors:
            state[detector.rule.id], raised = detector.step(state[detector.rule.id], event)
            if raised:
                outputs.extend([self._silence(o) if isinstance(o, Alert) else o for o in raised])
        return state, outputs

    def _silence(self, alert: Alert) -> Alert:
        if not self.silences:
            return alert
        for silence in self.silences:
            if silences(silence, alert):
                return alert.model_copy(update={"silenced_by": silence.id})
        return alert


def silences(silence: Silence, alert: Alert) -> bool:
    """A silence covers an alert of its rule whose fields match, up to its date in event time."""
    if silence.rule != alert.rule or alert.event_date is None or alert.event_date > silence.until:
        return False
    place = alert.place
    fields = {"place": place and place.name, "admin1": place and place.admin1, "country": place and place.country,
              "severity": alert.severity, "key": alert.key}
    return all(str(fields[k]).lower() == v.lower() for k, v in silence.match.items())


def run(rules: RuleSet, events: Iterable[EventBase], silences: Sequence[Silence] = ()) -> list[Output]:
    """Fold a whole history at once: what backtests and tests use."""
    detection = Detection(rules, silences)
    state = detection.initial()
    out: list[Output] = []
    for event in events:
        state, raised = detection.step(state, event)
        out.extend(raised)
    return out


__all__ = ["DETECTORS", "Detection", "Output", "run"]
