"""Comparing two sets of alerts (baseline against candidate rules): added, removed, changed, unchanged."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic_core import to_jsonable_python

from stream.core.detect.base import retitle
from stream.core.detect.outputs import AlertDraft, Draft
from stream.core.records import Alert, Corroboration

# What a desk would notice differs; the rule's version always differs when its definition does.
COMPARED = ("title", "severity", "place", "event_date", "figures", "channels", "silenced_by", "tier")
BRIEF = ("id", "rule", *COMPARED, "event_ids")


def brief_views(records: Iterable[Alert | Corroboration | Draft]) -> list[dict[str, Any]]:
    """Each alert's fields, its figures and reports grown by its corroborations: what ``compare`` reads. A
    backtest compares hundreds of thousands of alerts and shows whole only those that differ. Takes records or
    their drafts, and shares their fields, which it never changes: an alert is copied when a corroboration
    first grows it."""
    views: dict[str, dict[str, Any]] = {}
    grown: set[str] = set()
    for record in records:
        if isinstance(record, AlertDraft | Alert):
            # A draft's fields, or a record's: a pydantic model keeps its fields in __dict__.
            fields = record.fields if isinstance(record, AlertDraft) else record.__dict__
            views[fields["id"]] = fields
            grown.discard(fields["id"])  # an id raised again starts its view afresh
        elif (view := views.get(record.alert_id)) is not None:
            if record.alert_id not in grown:
                grown.add(record.alert_id)
                view = views[record.alert_id] = {**view, "figures": dict(view["figures"]),
                                                 "event_ids": list(view["event_ids"])}
            view["event_ids"].append(record.event_id)
            view["figures"].update(record.figures)
            if record.figures and view.get("title_template"):  # the title as whole views tell it
                view["title"] = retitle(view["title_template"], view["figures"])
            if record.promotes:
                view["tier"] = "sent"
    return list(views.values())


def brief(views: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Brief views as JSON, cut to what a table of them reads."""
    return to_jsonable_python([{name: view[name] for name in BRIEF} for view in views])  # type: ignore[no-any-return]


def compare(baseline: Iterable[dict[str, Any]], candidate: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Alert views keyed by id; an id in both with different compared fields is changed. Takes whole views
    (``alert_views``) or brief ones; the fields of a change are given as JSON either way."""
    before = {view["id"]: view for view in baseline}
    after = {view["id"]: view for view in candidate}
    changed = []
    unchanged = 0
    for alert_id in before.keys() & after.keys():
        old, new = before[alert_id], after[alert_id]
        fields = {k: to_jsonable_python([old.get(k), new.get(k)]) for k in COMPARED if old.get(k) != new.get(k)}
        if fields:
            changed.append({"id": alert_id, "rule": new["rule"], "title": new["title"], "fields": fields})
        else:
            unchanged += 1
    removed = []
    carried_by = _carriers(after.values())
    for alert_id in (i for i in before if i not in after):
        old = before[alert_id]
        merged = next((carried_by[(old["rule"], e)] for e in old.get("event_ids") or []
                       if (old["rule"], e) in carried_by), None)
        if merged is None:
            removed.append(old)
        else:  # its reports now corroborate an alert the candidate raised: nothing reaches the desk less
            changed.append({"id": alert_id, "rule": old["rule"], "title": old["title"],
                            "fields": {"merged_into": [None, merged]}})
    return {
        "added": [after[i] for i in after if i not in before],
        "removed": removed,
        "changed": sorted(changed, key=lambda c: (c["rule"], c["id"])),
        "unchanged": unchanged,
    }


def _carriers(views: Iterable[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(rule, event id) -> the alert of that rule whose reports include the event."""
    carriers: dict[tuple[str, str], str] = {}
    for view in views:
        for event_id in view.get("event_ids") or []:
            carriers.setdefault((view["rule"], event_id), str(view["id"]))
    return carriers
