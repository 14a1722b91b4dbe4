"""The live-rebalance test (one of two workers killed mid-stream), or any Kafka tests, run N times in a row: passes
and durations.

Each run is a fresh pytest process with its own temporary folder; a failed run's folder (the workers' logs,
with SIGNALFIRE_TEST_LOGLEVEL=info) is kept and named in the report, the others are removed. --test, given more
than once, runs those tests in one pytest process, in that order (a loss seen once in a full run came after
other tests had run on the same broker).

    python -m bench.live_rebalance_loop --runs 20
    python -m bench.live_rebalance_loop --runs 10 --test tests/kafka   # every Kafka test, ten times
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEST = ("tests/kafka/test_runtime.py::"
        "test_one_of_two_workers_killed_mid_stream_leaves_the_other_to_end_with_the_embedded_alerts")


def once(folder: Path, loglevel: str, tests: list[str]) -> tuple[bool, float, str]:
    """One run of the test: whether it passed, its wall time in seconds, and pytest's last line."""
    env = {**os.environ, "SIGNALFIRE_TEST_LOGLEVEL": loglevel, "SIGNALFIRE_TEST_DUMP": "1"}
    start = time.monotonic()
    # -o addopts= : whatever the default deselection says, this test runs.
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                           f"--basetemp={folder}", *tests], cwd=ROOT, env=env, capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "pytest.txt").write_text(proc.stdout + proc.stderr)
    return proc.returncode == 0, time.monotonic() - start, lines[-1] if lines else proc.stderr[-200:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--loglevel", default="info", help="the workers' log level (kept for failed runs)")
    parser.add_argument("--keep", type=Path, default=None, help="where failed runs' folders go (default: a temp dir)")
    parser.add_argument("--test", action="append", default=None, help=f"a test to run (default: {TEST})")
    args = parser.parse_args()
    keep = args.keep or Path(tempfile.mkdtemp(prefix="live-rebalance-"))
    keep.mkdir(parents=True, exist_ok=True)
    runs: list[dict[str, Any]] = []
    for n in range(1, args.runs + 1):
        folder = keep / f"run-{n}"
        passed, seconds, last = once(folder, args.loglevel, args.test or [TEST])
        runs.append({"run": n, "passed": passed, "seconds": round(seconds, 1), "pytest": last})
        if passed:
            shutil.rmtree(folder, ignore_errors=True)
        print(json.dumps(runs[-1]), flush=True)
    durations: list[float] = [r["seconds"] for r in runs]
    print(json.dumps({"runs": len(runs), "passed": sum(r["passed"] for r in runs),
                      "seconds_median": statistics.median(durations), "seconds_min": min(durations),
                      "seconds_max": max(durations), "failed_runs_kept_in": str(keep)}))


if __name__ == "__main__":
    main()
