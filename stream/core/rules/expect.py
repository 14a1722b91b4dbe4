"""A rule test's case run through the core as replay runs it (extract, then detect), and what it raised set
against what it expected as a diff: a line an alert, written as the tests file writes one."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from stream.core.detect import run
from stream.core.extract import extract
from stream.core.extract.actors import Actors
from stream.core.places import Gazetteer
from stream.core.records import Alert, Article, Corroboration, EventBase
from stream.core.rules.cases import Case, Expected, History
from stream.core.rules.schema import RuleSet
from stream.core.views import alert_views

# What an alert raised is written with when no expectation says which of its fields matter.
SHOWN = ("rule", "place", "date", "figures", "tier")
_PLAIN = re.compile(r"^[A-Za-z0-9][\w .()'/-]*$")


def raised(rules: RuleSet, history: History, gazetteer: Gazetteer, actors: Actors) -> list[dict[str, Any]]:
    """The alerts a history raises under ``rules``, as a desk sees them once its every report is in (figures
    grown by later reports, a held alert sent by a trusted one)."""
    events: Sequence[EventBase] = [event for item in history for event in
                                   (extract(item, gazetteer, actors) if isinstance(item, Article) else [item])]
    return alert_views(o for o in run(rules, events) if isinstance(o, Alert | Corroboration))


def matches(expected: Expected, view: dict[str, Any]) -> bool:
    """Whether an alert raised is the one expected, on every field the expectation names."""
    return all(_agrees(view, name, value) for name, value in _named(expected).items())


def case_diff(case: Case, views: list[dict[str, Any]]) -> list[str]:
    """Nothing when the case passes; else its diff: ``  `` an alert expected and raised, ``-`` one expected and
    not raised, ``+`` one raised and not expected (or expected absent), each ``-`` followed by the raised alert of
    its rule nearest to it, written with the same fields."""
    left = list(views)
    found: dict[int, dict[str, Any]] = {}
    for i, expected in enumerate(case.expect or []):  # exact matches first: a near one must not take theirs
        hit = next((view for view in left if matches(expected, view)), None)
        if hit is not None:
            found[i] = hit
            left.remove(hit)
    lines: list[str] = []
    failed = False
    for i, expected in enumerate(case.expect or []):
        if i in found:
            lines.append("  " + written(_named(expected)))
            continue
        failed = True
        lines.append("- " + written(_named(expected)))
        near = _nearest(expected, left)
        if near is not None:
            left.remove(near)
            lines.append("+ " + shown(near, _named(expected)))
    if case.expect is not None and left:
        failed = True
        lines += ["+ " + shown(view) for view in left]
    for expected in case.absent or []:
        for view in views:
            if matches(expected, view):
                failed = True
                lines.append(f"+ {shown(view)}   (expected absent: {written(_named(expected))})")
    return ["--- expected", "+++ raised", *lines] if failed else []


def _named(expected: Expected) -> dict[str, Any]:
    """The fields an expectation names, as an alert's view writes them."""
    fields = expected.model_dump(mode="json", exclude_none=True)
    if not fields.get("figures"):
        fields.pop("figures", None)
    return fields


def _field(view: dict[str, Any], name: str) -> Any:
    if name == "place":
        return (view.get("place") or {}).get("name")
    if name == "date":
        return view.get("event_date")
    if name == "tier":
        return view.get("tier", "sent")
    return view.get(name)


def _agrees(view: dict[str, Any], name: str, value: Any) -> bool:
    """A place in any case; the figures named (others the alert has may be any); other fields as written."""
    got = _field(view, name)
    if name == "place":
        return str(got or "").casefold() == str(value).casefold()
    if name == "figures":
        return all((got or {}).get(k) == v for k, v in value.items())
    return bool(got == value)


def _nearest(expected: Expected, views: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The raised alert of the expectation's rule that agrees with it on the most fields; the first such."""
    named = _named(expected)
    same_rule = [view for view in views if view["rule"] == expected.rule]
    return max(same_rule, key=lambda view: sum(_agrees(view, k, v) for k, v in named.items()), default=None)


def shown(view: dict[str, Any], like: dict[str, Any] | None = None) -> str:
    """An alert raised, written with the fields of ``like`` (an expectation's) or else its usual ones."""
    if like is None:
        fields = {name: _field(view, name) for name in SHOWN}
        if fields["tier"] == "sent":
            del fields["tier"]
        if not fields["figures"]:
            del fields["figures"]
        return written(fields)
    fields = {name: _field(view, name) for name in like}
    if "figures" in like:
        fields["figures"] = {k: (view.get("figures") or {}).get(k) for k in like["figures"]}
    return written(fields)


def written(fields: dict[str, Any]) -> str:
    """Fields in YAML's flow style, as a tests file writes an expected alert: a line can be pasted into one."""
    return "{" + ", ".join(f"{name}: {_value(value)}" for name, value in fields.items()) + "}"


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return written(value)
    if value is None:
        return "null"
    if isinstance(value, str) and not _PLAIN.match(value):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
