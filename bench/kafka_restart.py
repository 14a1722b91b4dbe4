"""Where a restarted Kafka worker's seconds go: from its predecessor's SIGKILL to its first alert.

Starts a local Kafka-protocol broker (tansu, as the tests do) and one worker (the tests' launcher, which works
around the broker's end-offset bug), publishes articles at a steady rate, and every ``--every`` seconds SIGKILLs
the worker and starts another at once, ``--restarts`` times. Each restart is read from the new worker's log
(faust's own timestamps, level info): process start to faust's first line (interpreter, imports, rules,
gazetteer), to the group join, to the partitions assigned, to ``Worker ready`` (tables recovered, streams
resumed), and the first alert made after the kill (its producer timestamp). The imports are timed alone too.

    python -m bench.kafka_restart --restarts 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from aiokafka import AIOKafkaConsumer

from replay.sources import read_inputs
from stream.kafka.client import Publisher
from stream.kafka.settings import bootstrap
from tests.builders import past_corpus, write_jsonl
from tests.kafka.conftest import SHIMMED_WORKER, tansu

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "default.yaml"
STAMP = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})\] \[\d+\] \[\w+\] (.*)")
# What each phase ends on, in the worker's log.
MILESTONES = {"started": "[^Worker]: Starting", "joining": "(Re-)joining group", "assigned": "Setting newly assigned",
              "ready": "Worker ready"}
IMPORTS = """
import time
t0 = time.perf_counter()
import stream.cli
t1 = time.perf_counter()
import stream.kafka.app
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def milestones(log: Path) -> dict[str, list[float]]:
    """The wall times of each milestone's lines in a worker's log."""
    found: dict[str, list[float]] = {name: [] for name in MILESTONES}
    for line in log.read_text(errors="replace").splitlines():
        match = STAMP.match(line)
        if not match:
            continue
        for name, text in MILESTONES.items():
            if text in match.group(2):
                found[name].append(datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp())
    return found


def phases(marks: dict[str, list[float]], spawned: float, killed: float, first_alert: float) -> dict[str, float]:
    """A restart's phases, up to the rebalance the worker came back to work after (a join the group's expiry of
    the killed member interrupts is followed by another)."""
    ready = max(t for t in marks["ready"] if t <= first_alert)
    assigned = max(t for t in marks["assigned"] if t <= ready)
    joining = marks["joining"][0]
    out = {"process_start_s": marks["started"][0] - spawned, "faust_start_s": joining - marks["started"][0],
           "group_join_s": assigned - joining, "recovery_s": ready - assigned, "ready_after_kill_s": ready - killed,
           "first_alert_after_kill_s": first_alert - killed}
    return {**{k: round(v, 2) for k, v in out.items()}, "rebalances": len([t for t in marks["assigned"] if t <= ready])}


class Alerts:
    """Follows the alerts topic: the time each message was made (its producer's timestamp)."""

    def __init__(self, kafka: str, topic: str) -> None:
        self.kafka, self.topic = kafka, topic
        self.times: list[float] = []

    async def follow(self, until: float) -> None:
        consumer = AIOKafkaConsumer(self.topic, bootstrap_servers=bootstrap(self.kafka), group_id=None,
                                    auto_offset_reset="earliest", enable_auto_commit=False)
        await consumer.start()
        try:
            while time.time() < until:
                for records in (await consumer.getmany(timeout_ms=50)).values():
                    self.times += [record.timestamp / 1000 for record in records]
                await asyncio.sleep(0)
        finally:
            await consumer.stop()


def worker(kafka: str, env: dict[str, str], log: Path, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(SHIMMED_WORKER), "--broker", kafka, "--loglevel", "info",
                             "--rules", str(RULES)], cwd=folder, env=env, stdout=log.open("w"),
                            stderr=subprocess.STDOUT)


async def publish_steadily(kafka: str, topic: str, archive: Path, rate: float) -> None:
    """The archive's articles onto the articles topic, ``rate`` a second, in batches of a tenth of a second."""
    articles = read_inputs([archive])
    step = max(1, int(rate / 10))
    async with Publisher(kafka, topic) as publisher:
        for start in range(0, len(articles), step):
            began = time.monotonic()
            await publisher.send(articles[start:start + step])
            await asyncio.sleep(max(0.0, 0.1 - (time.monotonic() - began)))


async def restarts(kafka: str, archive: Path, count: int, every: float, rate: float, env: dict[str, str],
                   tmp: Path) -> list[dict[str, float]]:
    prefix = env["SIGNALFIRE_TOPIC_PREFIX"]
    alerts = Alerts(kafka, f"{prefix}alerts")
    follower = asyncio.create_task(alerts.follow(time.time() + 60 + count * (every + 30)))
    proc = worker(kafka, env, tmp / "worker-0.log", tmp)
    while not milestones(tmp / "worker-0.log")["ready"]:
        await asyncio.sleep(0.1)
    publisher = asyncio.create_task(publish_steadily(kafka, f"{prefix}articles", archive, rate))
    out = []
    try:
        for n in range(1, count + 1):
            await asyncio.sleep(every)
            proc.send_signal(signal.SIGKILL)
            killed = time.time()
            proc.wait()
            spawned = time.time()
            log = tmp / f"worker-{n}.log"
            proc = worker(kafka, env, log, tmp)
            while not any(t > killed for t in alerts.times):
                await asyncio.sleep(0.02)
            first_alert = min(t for t in alerts.times if t > killed)
            out.append(phases(milestones(log), spawned, killed, first_alert))
            print(json.dumps(out[-1]), flush=True)
    finally:
        proc.send_signal(signal.SIGKILL)
        publisher.cancel()
        follower.cancel()
    return out


def import_times(env: dict[str, str]) -> dict[str, float]:
    runs = [subprocess.run([sys.executable, "-c", IMPORTS], cwd=ROOT, env=env, capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(3)]
    return {"import_cli_s": round(statistics.median(float(r[0]) for r in runs), 2),
            "import_kafka_app_s": round(statistics.median(float(r[1]) for r in runs), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--restarts", type=int, default=3)
    parser.add_argument("--every", type=float, default=8.0, help="seconds between a worker's start and its kill")
    parser.add_argument("--rate", type=float, default=100.0, help="articles published a second")
    parser.add_argument("--session-timeout", type=float, default=3.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        archive = write_jsonl(tmp / "a.jsonl", past_corpus(int(args.rate * (args.restarts + 1) * (args.every + 15))))
        with tansu() as (kafka, _):
            env = {**os.environ, "PYTHONPATH": str(ROOT), "SIGNALFIRE_TOPIC_PREFIX": "restart-",
                   "SIGNALFIRE_APP_ID": "sf-restart", "SIGNALFIRE_SESSION_TIMEOUT": str(args.session_timeout),
                   "SIGNALFIRE_PARTITIONS": "4", "SIGNALFIRE_GRACE": "1", "SIGNALFIRE_RULES": str(RULES)}
            imports = import_times(env)
            runs = asyncio.run(restarts(kafka, archive, args.restarts, args.every, args.rate, env, tmp))
    medians = {key: round(statistics.median(run[key] for run in runs), 2) for key in runs[0]}
    print(json.dumps({"session_timeout_s": args.session_timeout, "articles_per_s": args.rate, **imports,
                      "median": medians}))


if __name__ == "__main__":
    main()
