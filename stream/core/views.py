"""Read models folded from the log: an alert as a desk sees it, with its corroborations merged in."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from stream.core.records import Alert, Corroboration


def alert_views(records: Iterable[Alert | Corroboration]) -> list[dict[str, Any]]:
    """Each alert as JSON, in the order raised: sources, evidence and figures grow with corroborations."""
    views: dict[str, dict[str, Any]] = {}
    # Per alert: the articles and evidence spans already listed, so a long history folds in linear time.
    listed: dict[str, tuple[set[str], set[tuple[str, int, int]]]] = {}
    for record in records:
        if isinstance(record, Alert):
            view = record.model_dump(mode="json", exclude={"type"})
            view["corroborations"] = 0
            views[record.id] = view
            listed[record.id] = ({s["article_id"] for s in view["sources"]},
                                 {(e["article_id"], e["start"], e["end"]) for e in view["evidence"]})
            continue
        if record.alert_id not in views:
            continue
        view = views[record.alert_id]
        articles, spans = listed[record.alert_id]
        view["corroborations"] += 1
        if record.source.article_id not in articles:
            articles.add(record.source.article_id)
            view["sources"].append(record.source.model_dump(mode="json"))
        span = (record.evidence.article_id, record.evidence.start, record.evidence.end)
        if span not in spans:
            spans.add(span)
            view["evidence"].append(record.evidence.model_dump(mode="json"))
        view["event_ids"].append(record.event_id)
        view["figures"].update(record.figures)
    return list(views.values())
