"""Each rule's alerts in recent days and the desk's verdicts on them, read from an embedded store for the rules page."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from stream.core.review import VERDICT_PREFIX

WINDOWS = (7, 30)  # days, by event date


def rule_stats(path: str | Path, today: date) -> dict[str, Any]:
    """Per rule: its alerts whose event date lies in the last 7 and 30 days, counted back from the newest alert's
    event date (a store of an old history would count nothing back from today), or from ``today`` when the store
    holds no dated alert; and how many of its alerts the desk confirmed and rejected. A plain read connection, run
    in a worker thread: one pass over the alerts' rule index and one over the verdicts' ids."""
    upper = VERDICT_PREFIX[:-1] + chr(ord(VERDICT_PREFIX[-1]) + 1)
    with closing(sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)) as db:
        newest = db.execute("SELECT max(event_time) FROM log WHERE stream = 'alerts' AND event_time IS NOT NULL "
                            "AND json_extract(body, '$.type') = 'alert'").fetchone()[0]
        as_of = date.fromisoformat(newest[:10]) if newest else today
        counts = db.execute(
            "SELECT json_extract(body, '$.rule') AS rule, count(*), "
            "sum(event_time > ?), sum(event_time > ?) FROM log "
            "WHERE stream = 'alerts' AND json_extract(body, '$.type') = 'alert' GROUP BY rule",
            [(as_of - timedelta(days=days)).isoformat() for days in WINDOWS]).fetchall()
        verdicts = db.execute(
            "SELECT json_extract(alert.body, '$.rule'), json_extract(verdict.body, '$.action'), count(*) "
            "FROM log AS verdict JOIN log AS alert ON alert.stream = 'alerts' "
            "AND alert.id = json_extract(verdict.body, '$.alert_id') "
            "WHERE verdict.stream = 'actions' AND verdict.id >= ? AND verdict.id < ? GROUP BY 1, 2",
            (VERDICT_PREFIX, upper)).fetchall()
    by_rule: dict[str, dict[str, Any]] = {}
    for rule, total, last_7, last_30 in counts:
        by_rule[rule] = {"total": total, "last_7": last_7 or 0, "last_30": last_30 or 0}
    for rule, action, n in verdicts:
        by_rule.setdefault(rule, {"total": 0, "last_7": 0, "last_30": 0})[action] = n
    for stats in by_rule.values():
        confirmed, rejected = stats.pop("confirm", 0), stats.pop("reject", 0)
        judged = confirmed + rejected
        stats.update(confirmed=confirmed, rejected=rejected, judged=judged,
                     rate=round(confirmed / judged, 4) if judged else None)
    return {"as_of": as_of.isoformat(), "basis": "newest alert" if newest else "today", "windows": list(WINDOWS),
            "by_rule": by_rule}
