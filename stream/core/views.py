"""Read models folded from the log: an alert as a desk sees it, with its corroborations merged in."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from stream.core.records import Alert, Corroboration


def alert_views(records: Iterable[Alert | Corroboration]) -> list[dict[str, Any]]:
    """Each alert as JSON, in the order raised: sources, evidence and figures grow with corroborations."""
    views: dict[str, dict[str, Any]] = {}
    for record in records:
        if isinstance(record, Alert):
            view = record.model_dump(mode="json", exclude={"type"})
            view["corroborations"] = 0
            views[record.id] = view
            continue
        corroborated = views.get(record.alert_id)
        if corroborated is None:
            continue
        view = corroborated
        view["corroborations"] += 1
        source = record.source.model_dump(mode="json")
        if all(s["article_id"] != source["article_id"] for s in view["sources"]):
            view["sources"].append(source)
        evidence = record.evidence.model_dump(mode="json")
        if evidence not in view["evidence"]:
            view["evidence"].append(evidence)
        view["event_ids"].append(record.event_id)
        view["figures"].update(record.figures)
    return list(views.values())
