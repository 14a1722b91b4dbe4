"""``signalfire serve``: the embedded service with its HTTP API, health and metrics."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from stream.cli.common import (
    DEFAULT_DB,
    DEFAULT_RULES,
    BrokerOption,
    DbOption,
    RulesOption,
    err,
    fail,
    opened,
    read_rules,
    rules_in_force,
    run_async,
)
from stream.cli.feeds import polling, read_feeds
from stream.core.rules.schema import RuleSet

if TYPE_CHECKING:
    from stream.feeds.config import FeedsFile
    from stream.web.live import DeskBase
    from stream.web.policy import HostNames
    from stream.web.server import Limits

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    db: DbOption = DEFAULT_DB,
    rules: RulesOption = DEFAULT_RULES,
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS",
                                      help="The address to listen on (this machine only by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="The port to listen on.", min=1, max=65535)] = 8080,
    watch: Annotated[Path | None, typer.Option("--watch", help="Also read articles dropped into this folder.")
                     ] = None,
    open_reads: Annotated[bool, typer.Option(
        "--open-reads", help="Serve reads (alerts, the live feed, metrics) without the token; writes still need it.")
    ] = False,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between polls.", min=0.05)] = 0.25,
    broker: BrokerOption = None,
    feeds: Annotated[Path | None, typer.Option(
        "--feeds", help="Also poll the news feeds of this feeds file (their state is kept in --db).")] = None,
    allowed_hosts: Annotated[list[str] | None, typer.Option(
        "--allowed-host", metavar="NAME", help="Also answer requests naming the server NAME (repeatable; "
        "*.example.org for the names under it). Addresses and localhost are always answered, other names refused "
        "(421), as a page rebinding its name to this server would send them. SIGNALFIRE_ALLOWED_HOSTS adds more.")
    ] = None,
    max_connections: Annotated[int, typer.Option(
        "--max-connections", min=1, help="Clients connected at once, at most (fewer where the open-file limit is "
        "lower). A new one past it takes the place of the one waiting longest for a request.")] = 1000,
) -> None:
    """Run the embedded service with an HTTP API: post articles, read alerts live, act on them.

    With --broker, serve the same page and API over a Kafka deployment instead: alerts, deliveries and
    dead letters are read from their topics, articles and the desk's actions are published onto topics,
    and run-time silences are refused (put them in the rules file).

    Writes need 'Authorization: Bearer $SIGNALFIRE_TOKEN', and so do reads unless --open-reads.
    """
    rule_set = read_rules(rules)
    feeds_file = read_feeds(feeds) if feeds else None
    if broker and watch is not None:
        raise fail("--watch reads a folder into the embedded store; with --broker, publish with `replay --broker`")
    if watch is not None and not watch.is_dir():
        raise fail(f"{watch}: not a folder to watch")
    token = os.environ.get("SIGNALFIRE_TOKEN") or None
    if token is None:
        err.print("SIGNALFIRE_TOKEN is not set: every write is refused" + ("" if open_reads else ", and every read"),
                  highlight=False)
    if host not in LOCAL_HOSTS and open_reads:
        err.print(f"reads are open to anyone who reaches {host}:{port}", highlight=False)
    web = _web(host, port, token, open_reads, allowed_hosts or [], max_connections)
    rules = rules_in_force(rules)
    if broker:
        run_async(_serve_kafka(broker, rules, rule_set, web, feeds_file, db))
    else:
        run_async(_serve(db, rules, rule_set, web, watch, interval, feeds_file))


@dataclass(frozen=True)
class _Web:
    """Where and to whom the API is served, and within what limits."""

    host: str
    port: int
    token: str | None
    open_reads: bool
    hosts: HostNames
    limits: Limits

    def server(self, desk: DeskBase) -> Any:
        from stream.web.app import build_app
        from stream.web.server import web_server

        return web_server(build_app(desk, self.token, self.open_reads, self.hosts), self.host, self.port, self.limits)


def _web(host: str, port: int, token: str | None, open_reads: bool, allowed: list[str], max_connections: int) -> _Web:
    from stream.web.policy import ALLOWED_HOSTS_ENV, HostNames
    from stream.web.server import Limits

    try:
        hosts = HostNames.of(host, allowed, os.environ.get(ALLOWED_HOSTS_ENV))
    except ValueError as exc:
        raise fail(f"--allowed-host or {ALLOWED_HOSTS_ENV}: {exc}") from None
    limits = Limits(max_connections=max_connections).fitted()
    if limits.max_connections < max_connections:
        err.print(f"at most {limits.max_connections} connections at once: the open-file limit (ulimit -n) leaves "
                  "no room for more", highlight=False, soft_wrap=True)
    return _Web(host, port, token, open_reads, hosts, limits)


class _Stopping:
    """SIGINT and SIGTERM set an event instead of killing the process, so the server closes cleanly."""

    def __init__(self) -> None:
        self.event = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.event.set)


async def _until_stopped(stop: asyncio.Event, desk: Any, server: Any, *tasks: asyncio.Task[None]) -> None:
    """Wait for a stop or for a task to end, then end the live feeds, the server and the tasks, in that order;
    raises what ended a task that failed."""
    await asyncio.wait([*tasks, asyncio.create_task(stop.wait())], return_when=asyncio.FIRST_COMPLETED)
    stop.set()
    desk.close()  # live feeds end, or the server would wait for their readers to hang up
    server.should_exit = True
    for task in tasks:
        await task


async def _serve_kafka(broker: str, rules_path: Path, rule_set: RuleSet, web: _Web, feeds: FeedsFile | None,
                       db: Path) -> None:
    from stream.control.watch import RulesWatcher
    from stream.kafka.desk import KafkaDesk
    from stream.kafka.settings import from_env
    from stream.web.metrics import Metrics

    stop = _Stopping().event
    watcher = RulesWatcher(rules_path, os.environ, rule_set)
    desk = KafkaDesk(broker, from_env({**os.environ, "SIGNALFIRE_BROKER": broker}), watcher, Metrics())

    async def reload_rules() -> None:  # for /readyz and the reload counters; the workers apply the rules
        while not stop.is_set():
            watcher.poll()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=1.0)

    async with desk.publisher:
        server = web.server(desk)
        tasks = [asyncio.create_task(desk.follow(stop)), asyncio.create_task(reload_rules()),
                 asyncio.create_task(server.serve())]
        err.print(f"signalfire serving http://{web.host}:{web.port} over {broker}: topics {desk.topics['alerts']} and "
                  f"beside, rules {rules_path} (version {rule_set.version})", highlight=False, soft_wrap=True)
        async with polling(feeds, db, desk.post, stop):
            await _until_stopped(stop, desk, server, *tasks)


async def _serve(db: Path, rules_path: Path, rule_set: RuleSet, web: _Web, watch: Path | None, interval: float,
                 feeds: FeedsFile | None = None) -> None:
    from stream.app.desk import Desk
    from stream.app.runtime import embedded
    from stream.app.service import FolderWatcher
    from stream.app.service import serve as service
    from stream.web.metrics import Metrics

    stop = _Stopping().event
    # Three connections: the pipeline writes, the outbox delivers, the API reads; none waits on another's query.
    async with opened(db, writer=True) as store, opened(db) as outbox_store, opened(db) as read_store:
        parts = embedded(store, rule_set, rules_path, outbox_store)
        pipeline, outbox, watcher = parts.pipeline, parts.outbox, parts.watcher
        desk = Desk(read_store, pipeline, watcher, Metrics())
        server = web.server(desk)
        running = asyncio.create_task(service(pipeline, outbox, watcher, FolderWatcher(watch) if watch else None,
                                              False, interval, desk.raised, stop, until_stopped=True,
                                              caught_up=desk.caught_up))
        serving = asyncio.create_task(server.serve())
        err.print(f"signalfire serving http://{web.host}:{web.port}: rules {rules_path} (version {rule_set.version}), "
                  f"store {db}" + (f", watching {watch}" if watch else ""), highlight=False, soft_wrap=True)
        async with polling(feeds, db, desk.post, stop):
            await _until_stopped(stop, desk, server, serving, running)
    err.print(pipeline.report.summary(), highlight=False, soft_wrap=True)
