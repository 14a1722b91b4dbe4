"""``signalfire ingest`` and ``signalfire feeds status``: articles from news feeds, and how each feed fares."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from stream.cli.common import DEFAULT_DB, BrokerOption, DbOption, JsonOption, err, fail, opened, run_async
from stream.errors import RulesError

if TYPE_CHECKING:
    import asyncio

    from stream.core.records import Article, DeadLetter
    from stream.feeds.config import FeedsFile
    from stream.feeds.ingest import Ingestor, Sink

FeedsOption = Annotated[Path, typer.Option("--feeds", help="The feeds file (see feeds.example.yaml).")]
feeds_app = typer.Typer(help="News feeds: how each one fares.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.add_typer(feeds_app, name="feeds")


def read_feeds(path: Path) -> FeedsFile:
    """Load a feeds file or exit 1 with every problem as FILE:LINE:COL."""
    from stream.feeds.config import load_feeds

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise fail(f"{path}: cannot read the feeds file ({exc.strerror})") from None
    try:
        return load_feeds(text, str(path))
    except RulesError as exc:
        for problem in exc.problems:
            err.print(problem, highlight=False, soft_wrap=True, markup=False)
        raise fail(f"{path}: {len(exc.problems)} problem(s); the feeds were not loaded") from None


@asynccontextmanager
async def ingestor(config: FeedsFile, db: Path, sink: Sink) -> AsyncIterator[Ingestor]:
    """An ingestor whose state lives in the store file at ``db``, started (states and copies loaded)."""
    from stream.feeds.fetch import Fetcher
    from stream.feeds.ingest import Ingestor
    from stream.feeds.state import ingest_state

    async with ingest_state(db) as state:
        fetcher = Fetcher(config)
        found = Ingestor(config, state, fetcher, sink)
        try:
            await found.start()
            yield found
        finally:
            found.close()
            await fetcher.close()


@asynccontextmanager
async def polling(config: FeedsFile | None, db: Path, sink: Sink, stop: asyncio.Event) -> AsyncIterator[None]:
    """The feeds polled into ``sink`` in a task of their own while the body runs (nothing without feeds)."""
    if config is None:
        yield
        return
    import asyncio

    async with ingestor(config, db, sink) as feeds:
        task = asyncio.create_task(feeds.run(stop))
        try:
            yield
        finally:
            stop.set()
            await task


def ingest(
    feeds: FeedsOption,
    db: DbOption = DEFAULT_DB,
    broker: BrokerOption = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once, then stop.")] = False,
) -> None:
    """Poll news feeds into the store (or onto the articles topic with --broker); the feeds' state (what
    was taken in, validators, health) stays in the store file either way. Stop with Ctrl-C."""
    run_async(_ingest(read_feeds(feeds), db, broker, once))


async def _ingest(config: FeedsFile, db: Path, broker: str | None, once: bool) -> None:
    import asyncio

    async with _sink(db, broker) as sink, ingestor(config, db, sink) as feeds:
        if once:
            report = await feeds.poll_due(every=True)
            err.print(f"polled {report.polled} feed(s): {report.articles} new article(s), {report.copies} of them "
                      f"copies of another outlet's story, {report.duplicates} duplicate text(s), "
                      f"{report.not_modified} unchanged, {report.dead_letters} dead letter(s), "
                      f"{report.skipped} item page(s) not fetched"
                      + (f"; failed: {', '.join(sorted(report.failed))}" if report.failed else ""),
                      highlight=False, soft_wrap=True)
            return
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        err.print(f"signalfire ingesting {len(config.feeds)} feed(s) into {broker or db}", highlight=False)
        await feeds.run(stop)


@asynccontextmanager
async def _sink(db: Path, broker: str | None) -> AsyncIterator[Sink]:
    if broker:
        from stream.kafka.client import Publisher
        from stream.kafka.settings import from_env

        settings = from_env({**os.environ, "SIGNALFIRE_BROKER": broker})
        async with Publisher(broker, settings.topic("articles")) as publisher:
            async def publish(items: Sequence[Article | DeadLetter]) -> None:
                from stream.core.records import Article

                await publisher.send([item for item in items if isinstance(item, Article)])
                for letter in (item for item in items if not isinstance(item, Article)):
                    await publisher.producer.send_and_wait(settings.topic("deadletter"),
                                                           letter.model_dump_json().encode())
            yield publish
        return
    async with opened(db, writes=True) as store:
        async def append(items: Sequence[Article | DeadLetter]) -> None:
            from stream.core.records import Article

            await store.append([("articles" if isinstance(item, Article) else "deadletters", item) for item in items])
        yield append


@feeds_app.command("status")
def status(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Each feed's health: last success, last error, failures in a row, articles taken, next poll."""
    from stream.feeds.state import ingest_state

    async def read() -> list[dict[str, Any]]:
        async with ingest_state(db) as state:
            return [s.model_dump(mode="json") for s in (await state.feeds()).values()]

    if not db.exists():
        raise fail(f"{db}: no such store")
    states = sorted(run_async(read()), key=lambda s: s["name"])
    if as_json:
        for state in states:
            print(json.dumps(state, ensure_ascii=False))
        return
    now = time.time()
    for s in states:
        health = "ok" if s["healthy"] else f"FAILING ({s['failures']} in a row): {s['last_error']}"
        print(f"{s['name']}: {health}; {s['items']} article(s) from {s['polls']} poll(s), {s['not_modified']} "
              f"unchanged, {s['errors']} error(s), {s['skipped']} item page(s) not fetched; last ok "
              f"{s['last_ok_at'] or 'never'}; next poll in {max(0, round(s['next_poll'] - now))} s")
    if not states:
        err.print(f"no feed has been polled into {db}", highlight=False)
