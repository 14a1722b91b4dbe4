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


def _past(action: str) -> str:
    return {"confirm": "confirmed", "reject": "rejected"}.get(action, action)
