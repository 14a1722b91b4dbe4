"""``signalfire run``: the embedded service, fed by a watched folder and stdin, with rules hot-reloaded."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import sys
import threading
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import IO

from replay.sources import JSONL_SUFFIXES, TEXT_SUFFIXES, dead_letter
from stream.core.articles import article_from_json, article_from_text
from stream.core.records import Alert, Article, DeadLetter
from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet
from stream.embedded.pipeline import Pipeline
from stream.errors import BadArticle, RulesError

log = logging.getLogger("signalfire")
Input = Article | DeadLetter


class RulesWatcher:
    """Re-reads the rules file when its content changes; only a valid file replaces the rules in force."""

    def __init__(self, path: Path, env: Mapping[str, str], current: RuleSet) -> None:
        self.path = path
        self.env = env
        self.current = current
        self._digest = self._read_digest()

    def _read_digest(self) -> str | None:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError:
            return None

    def poll(self) -> RuleSet | None:
        """The new rules when the file changed to a valid one; None when unchanged or refused."""
        digest = self._read_digest()
        if digest is None or digest == self._digest:
            return None
        self._digest = digest
        try:
            rules = load_rules(self.path.read_text(encoding="utf-8"), str(self.path), self.env)
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
    """New ``.txt`` files, and new complete lines of ``.jsonl`` files, dropped into a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._seen: dict[Path, tuple[float, int]] = {}
        self._offsets: dict[Path, int] = {}

    def poll(self) -> list[Input]:
        found: list[Input] = []
        for path in sorted(p for p in self.folder.rglob("*") if p.is_file()):
            suffix = path.suffix.lower()
            try:
                stat = path.stat()
            except OSError:
                continue
            if suffix in TEXT_SUFFIXES and self._seen.get(path) != (stat.st_mtime, stat.st_size):
                self._seen[path] = (stat.st_mtime, stat.st_size)
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


async def serve(pipeline: Pipeline, rules: RulesWatcher, folder: FolderWatcher | None, use_stdin: bool,
                interval: float, on_alerts: Callable[[list[Alert]], None], stop: asyncio.Event) -> None:
    """Run until ``stop`` is set, or until stdin ends when there is no folder to watch."""
    queue: asyncio.Queue[Input | None] = asyncio.Queue()
    stdin_open = use_stdin
    if use_stdin:
        threading.Thread(target=read_stdin, args=(asyncio.get_running_loop(), queue, sys.stdin.buffer),
                         daemon=True).start()
    await pipeline.drain()
    silences = await pipeline.store.count("silences")
    while not stop.is_set():
        new_rules = rules.poll()
        if new_rules is not None:
            pipeline.use_rules(new_rules)
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
        if not stdin_open and folder is None and queue.empty():
            return
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except TimeoutError:
            pass
