"""What detectors emit: whole records, or drafts that a backtest compares and quotes only where they differ."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from stream.core.detect.base import Output, alert_fields, corroborate, quote
from stream.core.records import Alert, Corroboration, EventBase, Place
from stream.core.rules.schema import RuleBase


@dataclass(frozen=True, slots=True)
class AlertDraft:
    """An alert's fields without its sources and evidence, which are quoted only when it is shown whole.

    Quoting costs most of an alert (its reports' evidence decoded, every record validated); a backtest
    drafts hundreds of thousands of alerts and shows a few whole.
    """

    fields: dict[str, Any]
    reports: tuple[EventBase, ...]

    def __getattr__(self, name: str) -> Any:  # the fields of an Alert: id, rule, title, figures...
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def model_copy(self, update: Mapping[str, Any]) -> AlertDraft:
        """As the alert's own: what silencing it does."""
        return AlertDraft({**self.fields, **update}, self.reports)

    def record(self) -> Alert:
        return quote(self.fields, self.reports)


@dataclass(frozen=True, slots=True)
class CorroborationDraft:
    """A later report of an alert, quoted only when the alert is shown whole."""

    alert_id: str
    event: EventBase
    figures: dict[str, int]

    @property
    def event_id(self) -> str:
        return self.event.id

    def record(self) -> Corroboration:
        return corroborate(self.alert_id, self.event, self.figures)


Draft = AlertDraft | CorroborationDraft


class Emits:
    """What every detector's outputs share: records, or drafts where a backtest asks for them."""

    rule: RuleBase
    # False where only alerts are wanted (a backtest counting a rule's alerts): later reports are folded into
    # the state as ever, but nothing is made of them.
    corroborates = True
    # True in a backtest: alerts and corroborations come as drafts (``Detection(drafts=True)``), which its
    # outputs list holds in their place.
    drafts = False

    def alert(self, key: str, reports: Sequence[EventBase], figures: dict[str, int], fields: Mapping[str, Any],
              when: date | None = None, place: Place | None = None) -> Alert:
        made = alert_fields(self.rule, key, reports, figures, fields, when, place)
        if self.drafts:
            return AlertDraft(made, tuple(reports))  # type: ignore[return-value]
        return quote(made, reports)

    def corroborations(self, alert_id: str, event: EventBase, figures: dict[str, int] | None = None) -> list[Output]:
        if not self.corroborates:
            return []
        if self.drafts:
            return [CorroborationDraft(alert_id, event, figures or {})]  # type: ignore[list-item]
        return [corroborate(alert_id, event, figures)]
