"""A desk's verdict on an alert held for review: which verdicts may be given, the one that stands, its record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from stream.core.records import AlertAction
from stream.errors import SignalfireError

VERDICTS = ("confirm", "reject")
# A verdict's record id is its alert's id behind this prefix: one verdict an alert, so the log's unique ids keep
# the first one given (two desks judging at once cannot both win), and a store finds it by id alone.
VERDICT_PREFIX = "vd-"


class VerdictRefused(SignalfireError):
    """A verdict that cannot be given: the alert is not held for review, or was judged already."""


def verdict_id(alert_id: str) -> str:
    return VERDICT_PREFIX + alert_id


def verdict_problem(view: Mapping[str, Any], given: Mapping[str, Any] | None) -> str | None:
    """Why an alert (as a view) cannot be judged now, given the verdict it already has; None when it can."""
    if view.get("tier", "sent") != "review":
        return f"alert {view['id']} is not held for review: it was sent, there is nothing to confirm or reject"
    if view.get("silenced_by"):
        return f"alert {view['id']} was silenced by {view['silenced_by']}: a silenced alert is never sent"
    if given is not None:
        return (f"alert {view['id']} was already {_past(given['action'])} by {given['by']} at {given['at']}: "
                "the first verdict stands")
    return None


def new_verdict(alert_id: str, action: str, by: str, note: str | None, at: datetime) -> AlertAction:
    """The record of a verdict; a rejection must say why (VerdictRefused otherwise)."""
    if action not in VERDICTS:
        raise VerdictRefused(f"'{action}' is not a verdict: confirm or reject")
    if action == "reject" and not (note or "").strip():
        raise VerdictRefused("a rejection needs a reason: say why the alert is not to be sent")
    return AlertAction(id=verdict_id(alert_id), alert_id=alert_id, action=action,  # type: ignore[arg-type]
                       by=by, note=note, at=at)


def verdict_of(actions: Iterable[Mapping[str, Any]]) -> dict[str, Any] | None:
    """The verdict among an alert's actions (as JSON, oldest first): the first confirm or reject."""
    for action in actions:
        if action.get("action") in VERDICTS:
            return {key: action.get(key) for key in ("action", "by", "at", "note")}
    return None


def judgement(view: Mapping[str, Any], verdict: AlertAction) -> dict[str, Any]:
    """A verdict with what it judged, as ``judgements export`` writes it: the alert (id, rule and the rule's
    version, title, place, event date, figures, the articles behind it, why the gate held it) and the verdict
    (confirm or reject, the reason given, who, when)."""
    return {
        "alert": view["id"], "rule": view["rule"], "rule_version": view["rule_version"], "title": view["title"],
        "place": view.get("place"), "event_date": view.get("event_date"), "figures": view.get("figures") or {},
        "article_ids": [source["article_id"] for source in view.get("sources") or []],
        "review": view.get("review") or [], "verdict": verdict.action, "reason": verdict.note, "by": verdict.by,
        "at": verdict.model_dump(mode="json")["at"],
    }


def _past(action: str) -> str:
    return {"confirm": "confirmed", "reject": "rejected"}.get(action, action)


# A rule's alerts the desk judged, under one rules file: [confirmed, rejected].
Judged = dict[str, list[int]]


def tally(raised: Iterable[tuple[str, str]], verdicts: Mapping[str, str]) -> Judged:
    """Per rule, how many of the alerts raised (rule, alert id) the desk had confirmed and rejected; an alert
    raised twice (a re-alert under the same id) is counted once."""
    judged: Judged = {}
    seen: set[str] = set()
    for rule, alert_id in raised:
        action = verdicts.get(alert_id)
        if action is not None and alert_id not in seen:
            seen.add(alert_id)
            judged.setdefault(rule, [0, 0])[action != "confirm"] += 1
    return judged


def merged_tallies(parts: Iterable[Judged]) -> Judged:
    out: Judged = {}
    for part in parts:
        for rule, (confirmed, rejected) in part.items():
            counts = out.setdefault(rule, [0, 0])
            counts[0] += confirmed
            counts[1] += rejected
    return out


def precision(baseline: Judged, candidate: Judged, rules: Iterable[str] = ()) -> dict[str, dict[str, dict[str, Any]]]:
    """Each rule's precision (of ``rules`` and those judged) estimated from the desk's verdicts under both files:
    confirmed / judged, over the alerts each raises that the desk judged (None where it judged none of them).
    An estimate: the desk judges the alerts held for review, not a sample of all."""
    def estimate(counts: list[int]) -> dict[str, Any]:
        confirmed, rejected = counts
        judged = confirmed + rejected
        return {"confirmed": confirmed, "rejected": rejected, "judged": judged,
                "precision": round(confirmed / judged, 4) if judged else None}

    return {rule: {"baseline": estimate(baseline.get(rule, [0, 0])), "candidate": estimate(candidate.get(rule, [0, 0]))}
            for rule in sorted({*baseline, *candidate, *rules})}


def judged_counts(alerts: Iterable[Mapping[str, Any]], verdicts: Mapping[str, str]) -> dict[str, int]:
    """How many of these alerts (views, or changes, by ``id``) the desk had confirmed and rejected."""
    actions = [verdicts.get(alert["id"]) for alert in alerts]
    return {"confirmed": actions.count("confirm"), "rejected": actions.count("reject")}
