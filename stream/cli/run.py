"""``signalfire run``: the embedded service on a store, fed by a watched folder, news feeds and stdin."""

from __future__ import annotations

import os
import signal
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from stream.cli.common import (
    DEFAULT_DB,
    DEFAULT_RULES,
    DbOption,
    JsonOption,
    RulesOption,
    err,
    fail,
    opened,
    read_rules,
    rules_in_force,
    run_async,
)
from stream.cli.console import print_alerts, print_json
from stream.cli.feeds import ingestor, polling, read_feeds
from stream.core.records import Alert
from stream.core.rules.schema import RuleSet

if TYPE_CHECKING:
    from stream.feeds.config import FeedsFile


def register(app: typer.Typer) -> None:
    app.command("run")(run)


def run(
    watch: Annotated[Path | None, typer.Option("--watch", help="A folder to watch for .txt and .jsonl articles.")
                     ] = None,
    db: DbOption = DEFAULT_DB,
    rules: RulesOption = DEFAULT_RULES,
    as_json: JsonOption = False,
    use_stdin: Annotated[bool | None, typer.Option(
        "--stdin/--no-stdin", help="Read JSONL articles from stdin (default: when stdin is a pipe and neither "
                                   "--watch nor --feeds is given).")] = None,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between polls.", min=0.05)] = 1.0,
    feeds: Annotated[Path | None, typer.Option("--feeds", help="Also poll the news feeds of this feeds file.")
                     ] = None,
    once: Annotated[bool, typer.Option(
        "--once", help="Fold what is pending (the store's unfolded articles, feeds polled once, the folder read "
                       "once, stdin to its end), send what it raises, and exit: for cron.")] = False,
) -> None:
    """Run as a service until SIGTERM or SIGINT: articles from a folder, feeds and stdin, alerts as they fire,
    rules reloaded on change. With stdin its only source, it ends when stdin does; with --once, when what is
    pending now is in."""
    rule_set = read_rules(rules)
    feeds_file = read_feeds(feeds) if feeds else None
    if watch is not None and not watch.is_dir():
        raise fail(f"{watch}: not a folder to watch")
    stdin = reads_stdin(use_stdin, others=watch is not None or feeds_file is not None)
    if watch is None and not stdin and feeds_file is None and not once:
        raise fail("nothing to read: give --watch FOLDER, --feeds FILE or --stdin (JSONL articles on stdin), or "
                   "--once to fold what the store holds")
    run_async(_run(watch, db, rules_in_force(rules), rule_set, as_json, stdin, interval, feeds_file, once))


def reads_stdin(asked: bool | None, others: bool) -> bool:
    """--stdin or --no-stdin as asked; else stdin is read only when it is a pipe and nothing else feeds the
    service. A terminal, /dev/null (systemd, nohup, docker) or a closed stdin is never waited on."""
    if asked is not None:
        return asked
    try:
        return not others and stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):  # no stdin at all
        return False


async def _run(watch: Path | None, db: Path, rules_path: Path, rule_set: RuleSet, as_json: bool, stdin: bool,
               interval: float, feeds: FeedsFile | None, once: bool) -> None:
    import asyncio

    from stream.app.runtime import embedded
    from stream.app.service import FolderWatcher, serve

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    def on_alerts(alerts: list[Alert]) -> None:
        views = [a.model_dump(mode="json", exclude={"type"}) for a in alerts if a.silenced_by is None]
        if as_json:
            print_json(views)
        else:
            print_alerts(Console(), views)
        sys.stdout.flush()

    # The outbox reads and writes through a connection of its own: its queries never wait on the pipeline's.
    async with opened(db, writer=True) as store, opened(db) as outbox_store:
        # One attempt at a time: a failing channel rests and is tried again later, never holding up extraction.
        parts = embedded(store, rule_set, rules_path, outbox_store)
        pipeline, outbox, watcher = parts.pipeline, parts.outbox, parts.watcher
        err.print(f"signalfire running{' once' if once else ''}: rules {rules_path} (version {rule_set.version}), "
                  f"store {db}" + (f", watching {watch}" if watch else "") + (", reading stdin" if stdin else "")
                  + (f", polling {len(feeds.feeds)} feed(s)" if feeds else ""), highlight=False, soft_wrap=True)
        folder = FolderWatcher(watch) if watch else None
        if once:
            if feeds is not None:
                async with ingestor(feeds, db, pipeline.ingest) as polled:
                    await polled.poll_due(every=True)
            await serve(pipeline, outbox, watcher, folder, stdin, interval, on_alerts, stop, once=True)
        else:
            async with polling(feeds, db, pipeline.ingest, stop):
                await serve(pipeline, outbox, watcher, folder, stdin, interval, on_alerts, stop,
                            until_stopped=folder is not None or feeds is not None)
        report = pipeline.report
    if not as_json:
        Console().print()
    err.print(report.summary(), highlight=False, soft_wrap=True)
