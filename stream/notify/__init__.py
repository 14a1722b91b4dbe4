"""Notification port: how alerts leave Signalfire, and how a message reads."""

from __future__ import annotations

from typing import Protocol

from stream.core.records import Alert


class Notifier(Protocol):
    """Sends one alert to one channel URL; raises DeliveryFailed when it does not arrive."""

    async def send(self, url: str, alert: Alert) -> None: ...


def message(alert: Alert) -> str:
    """The body a desk receives: what, where, when, figures, and the sentences it rests on."""
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
