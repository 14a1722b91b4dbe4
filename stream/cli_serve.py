"""``signalfire serve``: the embedded service with its HTTP API, health and metrics."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from stream.cli_common import DEFAULT_DB, DEFAULT_RULES, DbOption, RulesOption, err, fail, opened, read_rules, run_async
from stream.core.rules.schema import RuleSet

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    db: DbOption = DEFAULT_DB,
    rules: RulesOption = DEFAULT_RULES,
    host: Annotated[str, typer.Option("--host", help="The address to listen on (this machine only by default).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="The port to listen on.", min=1, max=65535)] = 8080,
    watch: Annotated[Path | None, typer.Option("--watch", help="Also read articles dropped into this folder.")
                     ] = None,
    open_reads: Annotated[bool, typer.Option(
        "--open-reads", help="Serve reads (alerts, the live feed, metrics) without the token; writes still need it.")
    ] = False,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between polls.", min=0.05)] = 0.25,
) -> None:
    """Run the embedded service with an HTTP API: post articles, read alerts live, act on them.

    Writes need 'Authorization: Bearer $SIGNALFIRE_TOKEN', and so do reads unless --open-reads.
    """
    rule_set = read_rules(rules)
    if watch is not None and not watch.is_dir():
        raise fail(f"{watch}: not a folder to watch")
    token = os.environ.get("SIGNALFIRE_TOKEN") or None
    if token is None:
        err.print("SIGNALFIRE_TOKEN is not set: every write is refused" + ("" if open_reads else ", and every read"),
                  highlight=False)
    if host not in LOCAL_HOSTS and open_reads:
        err.print(f"reads are open to anyone who reaches {host}:{port}", highlight=False)
    run_async(_serve(db, rules, rule_set, host, port, watch, token, open_reads, interval))


async def _serve(db: Path, rules_path: Path, rule_set: RuleSet, host: str, port: int, watch: Path | None,
                 token: str | None, open_reads: bool, interval: float) -> None:
    import uvicorn

    from stream.embedded.outbox import Outbox
    from stream.embedded.pipeline import Pipeline
    from stream.embedded.service import FolderWatcher
    from stream.embedded.service import serve as service
    from stream.gazetteer import default_gazetteer
    from stream.notify.apprise_channel import AppriseNotifier
    from stream.rules_watch import RulesWatcher
    from stream.web.app import build_app
    from stream.web.desk import Desk
    from stream.web.metrics import Metrics

    class Server(uvicorn.Server):
        """uvicorn without signal handlers of its own: the service's stop ends it, so that the service's
        shutdown (a last snapshot, what digests hold) runs before the process exits."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            yield

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    # Three connections: the pipeline writes, the outbox delivers, the API reads; none waits on another's query.
    async with opened(db, writer=True) as store, opened(db) as outbox_store, opened(db) as read_store:
        pipeline = Pipeline(store, default_gazetteer(), rule_set)
        outbox = Outbox(outbox_store, rule_set, AppriseNotifier(), pipeline.report)
        watcher = RulesWatcher(rules_path, os.environ, rule_set)
        desk = Desk(read_store, pipeline, watcher, Metrics())
        server = Server(uvicorn.Config(build_app(desk, token, open_reads), host=host, port=port, lifespan="off",
                                       log_level="warning", access_log=False, timeout_graceful_shutdown=5))
        running = asyncio.create_task(service(pipeline, outbox, watcher, FolderWatcher(watch) if watch else None,
                                              False, interval, desk.raised, stop, until_stopped=True))
        web = asyncio.create_task(server.serve())
        err.print(f"signalfire serving http://{host}:{port}: rules {rules_path} (version {rule_set.version}), "
                  f"store {db}" + (f", watching {watch}" if watch else ""), highlight=False, soft_wrap=True)
        await asyncio.wait([running, web, asyncio.create_task(stop.wait())], return_when=asyncio.FIRST_COMPLETED)
        stop.set()
        desk.close()  # live feeds end, or the server would wait for their readers to hang up
        server.should_exit = True
        await web
        await running  # raises what ended the service, if it failed
    err.print(pipeline.report.summary(), highlight=False, soft_wrap=True)
