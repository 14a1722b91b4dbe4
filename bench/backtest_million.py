"""Backtest over a large recorded history: N events of a store under the default rules and a candidate that lowers
the displacement threshold, timed as a desk runs it: the whole `signalfire rules backtest --db` command, printing
its table, then its --json, each run in turn. With --verdicts N, the store also holds the desk's verdicts on N of
the alerts the default rules raise (a third rejected), which the backtest counts and turns into precisions."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from stream.control.backtest import fold
from stream.core.records import AlertAction, EventBase, Place
from stream.core.review import verdict_id
from stream.core.rules.load import load_rules
from stream.embedded.store import EventStore, recorded_events
from tests.builders import displaced, killed, seized

PLACES = [Place(name=f"Town {i}", admin1=f"Region {i % 14}", country="Myanmar", code=f"MMR-T{i}", precision="town")
          for i in range(300)]


async def build(path: Path, n: int, seed: int = 11) -> None:
    """A store holding ``n`` events over ten years, written straight into its log."""
    store = await EventStore.open(path)  # creates the schema
    await store.close()
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    rows = []
    for i in range(n):
        when = (start + timedelta(days=i * 3650 // n)).isoformat()
        place = rng.choice(PLACES)
        kind = rng.random()
        event: EventBase
        if kind < 0.5:
            event = killed(f"a{i}", when, rng.randint(1, 12), place=place, side=rng.choice(["military", "civilian"]),
                           n=i)
        elif kind < 0.8:
            event = displaced(f"a{i}", when, rng.choice([300, 2_000, 8_000, 15_000]), place=place, n=i)
        else:
            event = seized(f"a{i}", when, place=place, side=rng.choice(["military", "resistance"]), n=i)
        rows.append(("events", event.id, when, event.model_dump_json()))
    with sqlite3.connect(path) as db:
        db.executemany("INSERT INTO log (stream, id, event_time, body) VALUES (?, ?, ?, ?)", rows)


def judge(path: Path, n: int, rules: Path) -> int:
    """Verdicts on ``n`` of the alerts the rules raise on the store (spread over them), written into its log."""
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM log WHERE stream = 'actions'")
    if not n:
        return 0
    raised = [o.id for o in fold(load_rules(rules.read_text()), recorded_events(path), made="ids")]
    chosen = raised[::max(1, len(raised) // n)][:n]
    at = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [("actions", verdict_id(alert_id), None, AlertAction(
        id=verdict_id(alert_id), alert_id=alert_id, action="reject" if i % 3 == 0 else "confirm", by="bench",
        note="bench" if i % 3 == 0 else None, at=at).model_dump_json()) for i, alert_id in enumerate(chosen)]
    with sqlite3.connect(path) as db:
        db.executemany("INSERT INTO log (stream, id, event_time, body) VALUES (?, ?, ?, ?)", rows)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/signalfire-bench-backtest.db"))
    parser.add_argument("--runs", type=int, default=3, help="runs of each form, alternating")
    parser.add_argument("--verdicts", type=int, default=0, help="the desk's verdicts the store holds (0: none)")
    args = parser.parse_args()
    if not args.db.exists():
        t = time.perf_counter()
        asyncio.run(build(args.db, args.events))
        print(f"built {args.db} with {args.events:,} events in {time.perf_counter() - t:.1f} s")
    judged = judge(args.db, args.verdicts, Path("rules/default.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / "candidate.yaml"
        candidate.write_text(Path("rules/default.yaml").read_text().replace("threshold: 10000", "threshold: 5000"))
        command = [sys.executable, "-m", "stream.cli", "rules", "backtest", str(candidate), "--db", str(args.db)]
        seconds: dict[str, list[float]] = {"table": [], "json": []}
        for _ in range(args.runs):
            for form, extra in (("table", []), ("json", ["--json"])):
                t = time.perf_counter()
                done = subprocess.run(command + extra, capture_output=True, check=True)
                seconds[form].append(round(time.perf_counter() - t, 2))
    result = json.loads(done.stdout)
    with sqlite3.connect(args.db) as db:
        events = db.execute("SELECT COUNT(*) FROM log WHERE stream = 'events'").fetchone()[0]
    print(json.dumps({"events": events, "verdicts": judged, "seconds": seconds, "added": len(result["added"]),
                      "removed": len(result["removed"]), "changed": len(result["changed"]),
                      "unchanged": result["unchanged"]}))


if __name__ == "__main__":
    main()
