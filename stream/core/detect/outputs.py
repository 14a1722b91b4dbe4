"""What detectors emit: whole records, or drafts that a backtest compares and quotes only where they differ."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from stream.core.detect.base import (
    Output,
    alert_fields,
    alert_id,
    corroborate,
    matcher,
    quote,
    source_key,
    sources_of,
)
from stream.core.gate import tier_of, trusted
from stream.core.recorded import evidence_json
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

    def view(self) -> dict[str, Any]:
        """The alert ``record`` quotes as JSON, as its model dumps it (``Alert.model_dump(mode="json")``) but
        its type, made straight from its fields: a backtest shows tens of thousands of alerts whole, and each
        model made and dumped costs four times as much."""
        fields = self.fields
        place, when = fields["place"], fields["event_date"]
        return {
            "id": fields["id"], "rule": fields["rule"], "rule_version": fields["rule_version"],
            "severity": fields["severity"], "title": fields["title"], "key": fields["key"],
            "place": place.model_dump(mode="json") if place is not None else None,
            "event_date": when.isoformat() if when is not None else None, "figures": dict(fields["figures"]),
            "sources": [source.model_dump(mode="json") for source in sources_of(self.reports)],
            "evidence": [evidence_json(e) for e in self.reports], "event_ids": list(fields["event_ids"]),
            "channels": list(fields["channels"]), "silenced_by": fields["silenced_by"],
            "late": fields.get("late", False), "tier": fields["tier"], "review": list(fields["review"]),
            "title_template": fields["title_template"],
        }


@dataclass(frozen=True, slots=True)
class CorroborationDraft:
    """A later report of an alert, quoted only when the alert is shown whole."""

    alert_id: str
    event: EventBase
    figures: dict[str, int]
    promotes: bool = False

    @property
    def event_id(self) -> str:
        return self.event.id

    def record(self) -> Corroboration:
        return corroborate(self.alert_id, self.event, self.figures, self.promotes)


@dataclass(frozen=True, slots=True)
class AlertId:
    """Only an alert's id (and its rule's), where a backtest counts the alerts of a rule both rule sets share."""

    id: str
    rule: str


Draft = AlertDraft | CorroborationDraft
# What detectors make of what they raise: whole records; drafts, quoted whole on demand; or ids alone, for a
# count (then later reports make nothing).
Made = Literal["records", "drafts", "ids"]


class Emits:
    """What every detector's outputs share: records, or drafts or ids where a backtest asks for them."""

    rule: RuleBase
    # In a backtest alerts and corroborations come as drafts or ids (``Detection(made=...)``), which its
    # outputs list holds in their place. With ids, later reports are folded into the state as ever, but nothing
    # is made of them.
    made: Made = "records"

    def __init__(self, rule: RuleBase) -> None:
        self.rule = rule
        # Under review "auto" or "always", events under min_confidence are let in: the gate holds their alerts.
        self.accepts = matcher(rule.match, confidence=rule.review == "never")

    def trusts(self, event: EventBase) -> bool:
        """Whether the precision gate would send what this report raises alone (see stream.core.gate)."""
        return trusted(self.rule, event)

    def enough(self, trusted: Sequence[EventBase]) -> bool:
        """Whether the reports the precision gate trusts would raise the alert alone: here, as many
        independent outlets as the rule asks for."""
        return len({source_key(e) for e in trusted}) >= self.rule.min_sources

    def alert(self, key: str, reports: Sequence[EventBase], figures: dict[str, int], fields: Mapping[str, Any],
              when: date | None = None, place: Place | None = None, held: Mapping[str, str] | None = None) -> Alert:
        if self.made == "ids":
            return AlertId(alert_id(self.rule, key), self.rule.id)  # type: ignore[return-value]
        drafted = alert_fields(self.rule, key, reports, figures, fields, when, place)
        drafted["tier"], drafted["review"] = tier_of(self.rule, reports, self.enough, held)
        if self.made == "drafts":
            return AlertDraft(drafted, tuple(reports))  # type: ignore[return-value]
        return quote(drafted, reports)

    def corroborations(self, alert_id: str, event: EventBase, figures: dict[str, int] | None = None,
                       promotes: bool = False) -> list[Output]:
        """A later report of an alert; ``promotes`` when it lets an alert held for review be sent."""
        if self.made == "ids":
            return []
        if self.made == "drafts":
            return [CorroborationDraft(alert_id, event, figures or {}, promotes)]  # type: ignore[list-item]
        return [corroborate(alert_id, event, figures, promotes)]
