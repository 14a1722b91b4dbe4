"""``signalfire run``: the embedded service, fed by a watched folder and stdin, with rules hot-reloaded."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import sys
import threading
import time
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import IO

from replay.sources import JSONL_SUFFIXES, TEXT_SUFFIXES
from stream.core.articles import article_from_json, article_from_text, dead_letter
from stream.core.records import Alert, Article, DeadLetter
from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet
from stream.embedded.outbox import Outbox
from stream.embedded.pipeline import Pipeline
from stream.errors import BadArticle, RulesError
from stream.notify.apprise_channel import channel_problem

log = logging.getLogger("signalfire")
Input = Article | DeadLetter


# A changed rules file is read once it has stayed the same this long: an editor or a copy may still be
# writing it, and half a file is often a valid, smaller one.
SETTLE_S = 0.5
# An empty rule set is taken only when the file says so in so many words.
_NO_RULES = re.compile(r"^rules:\s*\[\s*\]\s*(?:#.*)?$", re.M)


class RulesWatcher:
    """Re-reads the rules file when its content changes and has settled; only a valid file replaces the rules."""

    def __init__(self, path: Path, env: Mapping[str, str], current: RuleSet,
                 clock: Callable[[], float] = time.monotonic, settle: float = SETTLE_S) -> None:
        self.path = path
        self.env = env
        self.current = current
        self._clock, self._settle = clock, settle
        self._digest = self._read_digest()
        self._changed: tuple[str, float] | None = None  # a new content, and when it was first seen

    def _read_digest(self) -> str | None:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError:
            return None

    def poll(self) -> RuleSet | None:
        """The new rules when the file changed to a valid one; None when unchanged, unsettled or refused."""
        digest = self._read_digest()
        if digest is None or digest == self._digest:
            self._changed = None
            return None
        now = self._clock()
        if self._changed is None or self._changed[0] != digest:
            self._changed = (digest, now)
            return None
        if now - self._changed[1] < self._settle:
            return None
        self._digest, self._changed = digest, None
        try:
            text = self.path.read_text(encoding="utf-8")
            rules = load_rules(text, str(self.path), self.env, channel_problem)
            if not rules.rules and not _NO_RULES.search(text):
                raise RulesError([f"{self.path}:1:1: rules: the new file has no rules; write 'rules: []' to mean it"])
        except (RulesError, OSError, UnicodeDecodeError) as exc:
            problems = exc.problems if isinstance(exc, RulesError) else [f"{self.path}: {exc}"]
            for problem in problems:
                log.error("%s", problem)
            log.error("%s: refused; keeping the last good rules (version %s)", self.path, self.current.version)
            return None
        self.current = rules
        log.warning("%s: rules reloaded (version %s, %d rules)", self.path, rules.version, len(rules.rules))
        return rules


class FolderWatcher:
    """New ``.txt`` files, and new complete lines of ``.jsonl`` files, dropped into a folder.

    A text file is read once it has kept its size and time across two polls: one still being written
    would be read as two articles. Dot files and ``*.partial`` files are a writer's work in progress and
    are never read; write there, then rename.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._seen: dict[Path, tuple[int, int]] = {}
        self._pending: dict[Path, tuple[int, int]] = {}
        self._offsets: dict[Path, int] = {}

    def poll(self) -> list[Input]:
        found: list[Input] = []
        for path in sorted(p for p in self.folder.rglob("*") if p.is_file()):
            suffix = path.suffix.lower()
            if path.name.startswith(".") or suffix == ".partial":
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            shape = (stat.st_mtime_ns, stat.st_size)
            if suffix in TEXT_SUFFIXES and self._seen.get(path) != shape:
                if self._pending.get(path) != shape:
                    self._pending[path] = shape  # read at the next poll, if it has not changed by then
                    continue
                del self._pending[path]
                self._seen[path] = shape
                raw = path.read_bytes()
                try:
                    found.append(article_from_text(raw, received=date.today()))
                except BadArticle as exc:
                    found.append(dead_letter(raw, str(path), str(exc)))
            elif suffix in JSONL_SUFFIXES and stat.st_size > self._offsets.get(path, 0):
                found.extend(self._new_lines(path))
        return found

    def _new_lines(self, path: Path) -> list[Input]:
        with path.open("rb") as f:
            f.seek(self._offsets.get(path, 0))
            chunk = f.read()
        complete = chunk[: chunk.rfind(b"\n") + 1]  # a line still being written waits for its newline
        start = self._offsets.get(path, 0)
        self._offsets[path] = start + len(complete)
        return [parse_line(line, f"{path}@{start}") for line in complete.splitlines() if line.strip()]


def parse_line(line: bytes, origin: str) -> Input:
    try:
        return article_from_json(line, date.today())
    except BadArticle as exc:
        return dead_letter(line, origin, str(exc))


def read_stdin(loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[Input | None], stream: IO[bytes]) -> None:
    """A thread feeding stdin's JSON lines to the loop; None marks the end of input."""
    for number, line in enumerate(stream, start=1):
        if line.strip():
            loop.call_soon_threadsafe(queue.put_nowait, parse_line(line, f"stdin:{number}"))
    loop.call_soon_threadsafe(queue.put_nowait, None)


async def serve(pipeline: Pipeline, outbox: Outbox, rules: RulesWatcher, folder: FolderWatcher | None,
                use_stdin: bool, interval: float, on_alerts: Callable[[list[Alert]], None],
                stop: asyncio.Event) -> None:
    """Run until ``stop`` is set, or until stdin ends when there is no folder to watch.

    The outbox delivers in a task of its own, woken when the pipeline raises alerts: a slow or failing
    channel never holds up extraction.
    """
    wake, outbox_stop = asyncio.Event(), asyncio.Event()
    delivering = asyncio.create_task(outbox.run(wake, outbox_stop, poll=interval))
    try:
        await _pipeline_loop(pipeline, outbox, rules, folder, use_stdin, interval, on_alerts, stop, wake,
                             delivering)
    finally:
        outbox_stop.set()
        await delivering
    await outbox.send_due(final=True)  # the input ended: what a digest still holds goes now


async def _pipeline_loop(pipeline: Pipeline, outbox: Outbox, rules: RulesWatcher, folder: FolderWatcher | None,
                         use_stdin: bool, interval: float, on_alerts: Callable[[list[Alert]], None],
                         stop: asyncio.Event, wake: asyncio.Event, delivering: asyncio.Task[None]) -> None:
    queue: asyncio.Queue[Input | None] = asyncio.Queue()
    stdin_open = use_stdin
    if use_stdin:
        threading.Thread(target=read_stdin, args=(asyncio.get_running_loop(), queue, sys.stdin.buffer),
                         daemon=True).start()
    await pipeline.drain()
    wake.set()
    silences = await pipeline.store.count("silences")
    while not stop.is_set():
        if delivering.done():
            delivering.result()  # the outbox failed: its error ends the service instead of going unseen
        new_rules = rules.poll()
        if new_rules is not None:
            pipeline.use_rules(new_rules)
            outbox.use_rules(new_rules)
        elif await pipeline.store.count("silences") != silences:
            silences = await pipeline.store.count("silences")
            pipeline.use_rules(pipeline.rules)  # a silence added from the command line takes effect now
        inputs: list[Input] = folder.poll() if folder else []
        while not queue.empty():
            item = queue.get_nowait()
            if item is None:
                stdin_open = False
            else:
                inputs.append(item)
        raised_before = len(pipeline.report.alerts)
        if inputs:
            await pipeline.ingest(inputs)
        await pipeline.drain()
        if len(pipeline.report.alerts) > raised_before:
            on_alerts(pipeline.report.alerts[raised_before:])
            wake.set()
        if not stdin_open and folder is None and queue.empty():
            return
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except TimeoutError:
            pass
