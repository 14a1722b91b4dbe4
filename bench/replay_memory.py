"""Peak memory of `signalfire replay` as history grows: synthetic stores of N articles, each replayed whole in a
fresh process. Bounded state means the peak stays about flat from 10,000 to 100,000 articles."""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

from bench.peak import Peak
from tests.builders import past_corpus, write_jsonl


def replay_peak(corpus: Path, db: Path) -> dict[str, float]:
    start = time.perf_counter()
    peak = Peak("stream.cli", "replay", str(corpus), "--db", str(db), "--json")
    done = subprocess.run(peak.argv, env=peak.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if done.returncode != 0:
        raise SystemExit(f"the replay of {corpus} failed with status {done.returncode}")
    return {"seconds": round(time.perf_counter() - start, 1), "peak_mb": peak.mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = write_jsonl(Path(tmp) / f"{n}.jsonl", past_corpus(n))
            results[n] = replay_peak(corpus, Path(tmp) / f"{n}.db")
    peaks = [r["peak_mb"] for r in results.values()]
    print(json.dumps({"replays": results, "largest_over_smallest": round(peaks[-1] / peaks[0], 2)}))


if __name__ == "__main__":
    main()
