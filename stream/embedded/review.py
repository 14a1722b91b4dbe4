"""Verdicts on alerts held for review, recorded in an embedded store: by the web desk and the command line alike."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

from stream.core.records import AlertAction
from stream.core.review import VERDICT_PREFIX, VerdictRefused, judgement, new_verdict, verdict_of, verdict_problem
from stream.core.views import AlertQuery, alert_views
from stream.embedded.store import EventStore


async def judge(store: EventStore, alert_id: str, action: str, by: str, note: str | None,
                at: datetime) -> AlertAction | None:
    """Record a confirmation or a rejection in the log; None when there is no such alert, VerdictRefused when the
    alert is not held for review or was judged already. A confirmed alert is owed to its channels from then on:
    the outbox of the service running on the store sends it at its next look, or of the next one started."""
    views = alert_views(await store.alerts_by_id([alert_id]))
    if len(views) != 1:  # none, or the id of a corroboration
        return None
    record = new_verdict(alert_id, action, by, note, at)
    problem = verdict_problem(views[0], await _given(store, alert_id))
    if problem is None and not await store.append([("actions", record)]):
        # Another verdict was recorded since the look above: the log keeps one an alert, the first.
        problem = verdict_problem(views[0], await _given(store, alert_id))
    if problem is not None:
        raise VerdictRefused(problem)
    return record


async def _given(store: EventStore, alert_id: str) -> dict[str, object] | None:
    given = await store.verdict(alert_id)
    return given.model_dump(mode="json") if given is not None else None


async def with_verdicts(store: EventStore, views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The views, each judged one with the desk's verdict on it (``verdict``: action, by, at, note)."""
    held = [view for view in views if view.get("tier") == "review"]
    actions: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for action in await store.about("actions", [view["id"] for view in held]):
        actions[action.alert_id].append(action.model_dump(mode="json"))
    for view in held:
        verdict = verdict_of(actions[view["id"]])
        if verdict is not None:  # an alert waiting for one prints as `replay` printed it
            view["verdict"] = verdict
    return views


def recorded_verdicts(path: str | Path) -> list[AlertAction]:
    """The desk's verdicts in a store, oldest first, in one query: their ids (``vd-`` and the alert's) are found
    through the log's unique index on stream and id, without reading the other actions. A plain read connection,
    as a backtest's: it reads them once, before its pieces fold."""
    # Every id that starts with the prefix lies in [prefix, the prefix with its last character's successor).
    upper = VERDICT_PREFIX[:-1] + chr(ord(VERDICT_PREFIX[-1]) + 1)
    with closing(sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)) as db:
        rows = db.execute("SELECT body FROM log WHERE stream = 'actions' AND id >= ? AND id < ? ORDER BY position",
                          (VERDICT_PREFIX, upper)).fetchall()
    return [AlertAction.model_validate_json(body) for (body,) in rows]


async def judgements(store: EventStore, query: AlertQuery | None = None) -> list[dict[str, Any]]:
    """Each verdict with the alert it judged (``stream.core.review.judgement``), oldest first; with a ``query``,
    only those on the alerts it asks for (its ``limit``: the newest verdicts)."""
    verdicts = recorded_verdicts(store.path)
    views = {view["id"]: view for view in alert_views(await store.alerts_by_id([v.alert_id for v in verdicts]))}
    found = [judgement(views[v.alert_id], v) for v in verdicts
             if v.alert_id in views and (query is None or query.admits(views[v.alert_id]))]
    return found[-query.limit:] if query is not None and query.limit else found
