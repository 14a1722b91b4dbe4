"""``signalfire run``: the embedded service, fed by a watched folder and stdin, with rules hot-reloaded."""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO

from replay.sources import JSONL_SUFFIXES, TEXT_SUFFIXES
from stream.control.watch import RulesWatcher
from stream.core.articles import article_from_json, article_from_text, dead_letter
from stream.core.records import Alert, Article, Corroboration, DeadLetter
from stream.core.views import grown
from stream.embedded.outbox import Outbox
from stream.embedded.pipeline import Pipeline
from stream.errors import BadArticle

log = logging.getLogger("signalfire")
Input = Article | DeadLetter


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
                    found.append(dead_letter(raw, str(path), str(exc), door="text"))
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
                stop: asyncio.Event, until_stopped: bool = False, once: bool = False,
                caught_up: asyncio.Event | None = None) -> None:
    """Run until ``stop`` is set. Unless ``until_stopped`` (a folder, feeds or the web API feed it), it ends
    sooner: when stdin, its only source, ends; or, ``once``, when what is pending now is in (the folder read
    twice, ``interval`` apart, so that a file being written is left for the next run; stdin to its end).

    Whatever the log holds that was never folded (articles an ``ingest`` stored, or written while nothing ran)
    is folded first, and what it raises told as any alert; ``caught_up`` is set when that first pass is done. A
    stop finishes the batch in hand: positions are committed with what they produced, so the next start goes on
    from there.

    The outbox delivers in a task of its own, woken when the pipeline raises alerts: a slow or failing
    channel never holds up extraction.
    """
    wake, outbox_stop = asyncio.Event(), asyncio.Event()
    delivering = asyncio.create_task(outbox.run(wake, outbox_stop, poll=interval))
    ends = _Ends(until_stopped=until_stopped, once=once, folder=folder is not None, stdin=use_stdin)
    try:
        await _pipeline_loop(pipeline, outbox, rules, folder, use_stdin, interval, on_alerts, stop, wake, delivering,
                             ends, caught_up or asyncio.Event())
    finally:
        outbox_stop.set()
        await delivering
    await pipeline.checkpoint()
    await outbox.send_due(final=True)  # the input ended: what a digest still holds goes now


class _Ends:
    """When the service's loop is done, short of a stop: what ``serve`` says of ``until_stopped`` and ``once``."""

    def __init__(self, until_stopped: bool, once: bool, folder: bool, stdin: bool) -> None:
        self.until_stopped, self.once, self.folder, self.stdin_open = until_stopped, once, folder, stdin
        self.polls = 0

    def done(self) -> bool:
        self.polls += 1
        if self.stdin_open:
            return False
        if self.once:
            return not self.folder or self.polls >= 2
        return not self.until_stopped and not self.folder


async def _pipeline_loop(pipeline: Pipeline, outbox: Outbox, rules: RulesWatcher, folder: FolderWatcher | None,
                         from_stdin: bool, interval: float, on_alerts: Callable[[list[Alert]], None],
                         stop: asyncio.Event, wake: asyncio.Event, delivering: asyncio.Task[None], ends: _Ends,
                         caught_up: asyncio.Event) -> None:
    queue: asyncio.Queue[Input | None] = asyncio.Queue()
    if from_stdin:
        threading.Thread(target=read_stdin, args=(asyncio.get_running_loop(), queue, sys.stdin.buffer),
                         daemon=True).start()
    fresh: dict[str, Alert] = {}  # raised by this drain, as they stand at its end (grown by the reports after)

    def raised(alert: Alert) -> None:
        fresh[alert.id] = alert

    # Set before the first drain: what the log held unfolded at start is told too.
    pipeline.on_alert, pipeline.on_report = raised, lambda report: _grow(fresh, report)
    silences = await pipeline.store.count("silences")
    while not stop.is_set():
        if delivering.done():
            delivering.result()  # the outbox failed: its error ends the service instead of going unseen
        new_rules = await rules.reload()
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
                ends.stdin_open = False
            else:
                inputs.append(item)
        if inputs:
            await pipeline.ingest(inputs)
        await pipeline.drain(stop.is_set)
        if fresh or ends.polls == 0:
            wake.set()  # new alerts, or the first look at what earlier runs left owed
        if fresh:
            on_alerts(list(fresh.values()))
            fresh.clear()
        caught_up.set()
        if ends.done():
            return
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except TimeoutError:
            pass


def _grow(fresh: dict[str, Alert], report: Corroboration) -> None:
    """A report folded in the drain that raised its alert: the alert is told with it (another sentence of the
    same article, mostly), as the outbox sends it."""
    alert = fresh.get(report.alert_id)
    if alert is not None:
        fresh[report.alert_id] = grown(alert, report)
