"""Notification port: how alerts leave Signalfire, and how a message reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, get_args

from stream.core.records import Alert
from stream.core.rules.schema import Severity

# The gravest severity of a digest is its own: a desk sorts messages by it. The schema lists them mildest first.
_RANK = {severity: rank for rank, severity in enumerate(get_args(Severity))}


@dataclass(frozen=True)
class Message:
    """What one channel receives: a title, a plain-text body and a severity for its colour."""

    title: str
    body: str
    severity: str


class Notifier(Protocol):
    """Sends one message to one channel URL; raises DeliveryFailed when it does not arrive."""

    async def send(self, url: str, message: Message) -> None: ...


def alert_body(alert: Alert) -> str:
    """An alert told in full: what, where, when, figures, and the sentences it rests on."""
    lines = [f"[{alert.severity.upper()}] {alert.title}"]
    if alert.place:
        where = ", ".join(p for p in (alert.place.name, alert.place.admin1, alert.place.country) if p)
        lines.append(f"Where: {where}")
    if alert.event_date:
        lines.append(f"When: {alert.event_date.isoformat()}")
    if alert.figures:
        lines.append("Figures: " + ", ".join(f"{k} {v:,}" for k, v in alert.figures.items()))
    lines.append(f"Sources ({len(alert.sources)}): " + "; ".join(
        s.url or s.source or s.article_id for s in alert.sources))
    for evidence in alert.evidence[:3]:
        lines.append(f"> {evidence.sentence}")
    lines.append(f"Rule: {alert.rule} ({alert.rule_version}); alert {alert.id}")
    return "\n".join(lines)


def compose(alerts: Sequence[Alert], update: bool = False) -> Message:
    """One alert as its own message (an ``update`` tells its later figures), several as one digest."""
    if len(alerts) == 1:
        [alert] = alerts
        title = f"Update: {alert.title}" if update else alert.title
        return Message(title=title, body=alert_body(alert), severity=alert.severity)
    gravest = max(alerts, key=lambda a: _RANK.get(a.severity, 0)).severity
    body = "\n\n".join(alert_body(alert) for alert in alerts)
    return Message(title=f"{len(alerts)} alerts: {alerts[0].title}, and {len(alerts) - 1} more", body=body,
                   severity=gravest)
