"""A worker SIGKILLed twice on 3,000 articles against a clean run: seconds to the last alert and their ratio.

Runs the test's own procedure (``run_to_the_last_alert`` in tests/kafka/test_runtime.py) on a local tansu
broker, a clean run and a run with two kills in turn, ``--runs`` times, each in a fresh consumer group and
topic prefix; every run's alerts are compared with the embedded runtime's, ids included.

    python -m bench.kafka_killed_twice --runs 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from tests.builders import synthetic_corpus, write_jsonl
from tests.conftest import ROOT
from tests.kafka.conftest import Deployment, tansu
from tests.kafka.test_runtime import KILLED_SESSION, by_id, embedded_alerts, kafka_alerts, run_to_the_last_alert


def timed(broker: str, folder: Path, archive: Path, expected: list[dict], kills: int) -> float:
    folder.mkdir()
    deployment = Deployment(broker, folder, session_timeout=KILLED_SESSION)
    try:
        seconds = run_to_the_last_alert(deployment, archive, expected, kills)
        got = kafka_alerts(deployment)
    finally:
        deployment.stop()
    if len(got) != len({a["id"] for a in got}) or by_id(got) != by_id(expected):
        raise AssertionError(f"{kills} kill(s): other alerts than the embedded runtime's")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        archive = write_jsonl(tmp / "long.jsonl", synthetic_corpus(args.articles, seed=5))
        expected = embedded_alerts(ROOT, tmp, archive)  # the live tree, which the deployments run too
        ratios = []
        with tansu() as (kafka, _):
            for n in range(args.runs):
                clean = timed(kafka, tmp / f"{n}-clean", archive, expected, 0)
                killed = timed(kafka, tmp / f"{n}-killed", archive, expected, 2)
                ratios.append(killed / clean)
                print(json.dumps({"run": n + 1, "clean_s": round(clean, 2), "killed_twice_s": round(killed, 2),
                                  "ratio": round(ratios[-1], 2)}), flush=True)
    print(json.dumps({"articles": args.articles, "alerts": len(expected), "session_timeout_s": KILLED_SESSION,
                      "ratios": sorted(round(r, 2) for r in ratios),
                      "ratio_median": round(statistics.median(ratios), 2), "ratio_max": round(max(ratios), 2),
                      "same_alerts_as_embedded": True}))


if __name__ == "__main__":
    main()
