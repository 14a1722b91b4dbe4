"""Detection: every enabled rule of a RuleSet folded over the event stream, as one pure step."""

from __future__ import annotations

from typing import Any

from stream.core.detect.base import Detector, Output
from stream.core.detect.control import ControlChangeDetector
from stream.core.detect.threshold import ThresholdDetector
from stream.core.detect.window import WindowSumDetector
from stream.core.records import EventBase
from stream.core.rules.schema import RuleBase, RuleSet

# Built from the schema's kinds: a kind without a detector fails here, at import, not at run time.
DETECTORS: dict[str, type[Any]] = {
    "control_change": ControlChangeDetector,
    "threshold": ThresholdDetector,
    "window_sum": WindowSumDetector,
}


def detector_for(rule: RuleBase) -> Detector[Any]:
    return DETECTORS[rule.kind](rule)  # type: ignore[attr-defined, no-any-return]


class Detection:
    """All rules of a rule set as one fold: ``step(state, event) -> (state, outputs)``."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.detectors = [detector_for(rule) for rule in rules.rules if rule.enabled]

    def initial(self) -> dict[str, Any]:
        return {d.rule.id: d.initial() for d in self.detectors}

    def step(self, state: dict[str, Any], event: EventBase) -> tuple[dict[str, Any], list[Output]]:
        outputs: list[Output] = []
        for detector in self.detectors:
            state[detector.rule.id], raised = detector.step(state[detector.rule.id], event)
            outputs.extend(raised)
        return state, outputs


def run(rules: RuleSet, events: list[EventBase]) -> list[Output]:
    """Fold a whole history at once: what backtests and tests use."""
    detection = Detection(rules)
    state = detection.initial()
    out: list[Output] = []
    for event in events:
        state, raised = detection.step(state, event)
        out.extend(raised)
    return out


__all__ = ["DETECTORS", "Detection", "Output", "run"]
