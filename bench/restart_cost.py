"""What a start costs on a large store: adding the 5 seed articles to stores of N synthetic articles.

For each store size, the seeds are added twice from the same copy of the store: once as a start finds it
(with the detector snapshot its last run left), once with the snapshot removed, which folds the whole log
as every start did before snapshots. Each addition runs ``signalfire replay`` in a fresh process; the line
reports its wall time, the time of the replay inside it, and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from replay.pacing import Pacer
from replay.run import replay
from replay.sources import read_inputs
from stream.core.rules.load import load_rules
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore
from stream.reference.gazetteer import default_gazetteer
from tests.builders import past_corpus, write_jsonl

ROOT = Path(__file__).resolve().parents[1]
# Times the replay inside the process, after imports and the gazetteer: what a start adds to a store's size.
TIMED_REPLAY = """
import asyncio, sys, time
from pathlib import Path
from replay.pacing import Pacer
from replay.run import replay
from replay.sources import read_inputs
from stream.core.rules.load import load_rules
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore
from stream.reference.gazetteer import default_gazetteer

async def main():
    gazetteer, rules = default_gazetteer(), load_rules(Path("rules/default.yaml").read_text())
    inputs = read_inputs([Path("seeds")])
    store = await EventStore.open(sys.argv[1])
    start = time.perf_counter()
    await replay(inputs, Pipeline(store, gazetteer, rules), Pacer(None))
    seconds = time.perf_counter() - start
    await store.close()
    # The process's own high-water mark: ru_maxrss seen by the parent would include the parent's memory,
    # which Linux carries into a child started by vfork and exec.
    peak = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
    print(seconds, int(peak.split()[1]))

asyncio.run(main())
"""


async def build(db: Path, articles: int) -> None:
    archive = write_jsonl(db.with_suffix(".jsonl"), past_corpus(articles, seed=1))
    store = await EventStore.open(db)
    await replay(read_inputs([archive]), Pipeline(store, default_gazetteer(),
                                                  load_rules((ROOT / "rules/default.yaml").read_text())),
                 Pacer(None))
    await store.close()


def add_seeds(db: Path) -> dict[str, float]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", TIMED_REPLAY, str(db)], cwd=ROOT, stdout=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None
    seconds, peak_kb = proc.stdout.read().split()
    if proc.wait() != 0:
        raise SystemExit(f"the replay failed with status {proc.returncode}")
    return {"wall_s": round(time.perf_counter() - start, 2), "replay_s": round(float(seconds), 3),
            "peak_mb": round(int(peak_kb) / 1024, 1)}


def main(sizes: list[int]) -> dict[str, object]:
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            built = Path(tmp) / f"store-{size}.db"
            asyncio.run(build(built, size))
            with_snapshot, without = Path(tmp) / f"snapshot-{size}.db", Path(tmp) / f"whole-{size}.db"
            for copy in (with_snapshot, without):
                with sqlite3.connect(built) as source, sqlite3.connect(copy) as target:
                    source.backup(target)  # the WAL's pages too, which a file copy would leave behind
            with sqlite3.connect(without) as conn:
                conn.execute("DELETE FROM snapshots")
            results[str(size)] = {"snapshot": add_seeds(with_snapshot), "whole_log": add_seeds(without)}
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000, 30_000])
    print(json.dumps(main(parser.parse_args().articles)))
