"""A webhook that answers 500 for its first 30 s, during a running service: extraction speed, and the deliveries.

Runs the service of ``signalfire run`` in-process on a folder holding one JSONL file of synthetic articles,
first with no channel, then with every default rule routed to a local webhook that fails for its first
``--down`` seconds. Prints one JSON line: articles per second to the last extracted article in both runs,
their ratio, and how long after the webhook recovered its last alert arrived (each alert once).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from stream.app.service import FolderWatcher, serve
from stream.control.watch import RulesWatcher
from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet
from stream.embedded.outbox import Outbox
from stream.embedded.pipeline import DETECT, EXTRACT, Pipeline
from stream.embedded.store import EventStore
from stream.notify.apprise_channel import AppriseNotifier
from stream.reference.gazetteer import default_gazetteer
from tests.builders import past_corpus, write_jsonl


class Webhook:
    """A local endpoint answering 500 until ``up_at`` (a monotonic time), then 200; counts alert ids."""

    def __init__(self) -> None:
        self.up_at = float("inf")
        self.received: list[str] = []
        self.refused = 0
        self.last_at = 0.0
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                if time.monotonic() < hook.up_at:
                    hook.refused += 1
                    self.send_response(500)
                else:
                    hook.received.append(body["message"].rsplit("alert ", 1)[-1])
                    hook.last_at = time.monotonic()
                    self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"json://127.0.0.1:{self.server.server_address[1]}/alerts"


async def run_service(folder: Path, db: Path, rules_file: Path, rules: RuleSet, articles: int,
                      done: Any) -> tuple[float, Pipeline]:
    """Seconds until the last article is extracted; the service then runs on until ``done()``."""
    store, outbox_store = await EventStore.open(db), await EventStore.open(db)
    pipeline = Pipeline(store, default_gazetteer(), rules)
    outbox = Outbox(outbox_store, rules, AppriseNotifier(), pipeline.report)
    stop = asyncio.Event()
    extracted_at: list[float] = []
    start = time.monotonic()

    async def watch() -> None:
        while not extracted_at:
            read = pipeline.report.articles + pipeline.report.dead_letters
            if read >= articles and await store.position(EXTRACT) >= await store.last_position("articles"):
                extracted_at.append(time.monotonic() - start)
            await asyncio.sleep(0.02)
        while await store.position(DETECT) < await store.last_position("events") or not done(pipeline):
            await asyncio.sleep(0.1)
        stop.set()

    watcher = asyncio.create_task(watch())
    await serve(pipeline, outbox, RulesWatcher(rules_file, {}, rules), FolderWatcher(folder), False, 0.05,
                lambda alerts: None, stop)
    await watcher
    await store.close()
    await outbox_store.close()
    return extracted_at[0], pipeline


async def main(articles: int, down: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        default = Path("rules/default.yaml").read_text()
        corpus = past_corpus(articles)
        results: dict[str, Any] = {"articles": articles, "webhook_down_s": down}
        for name in ("no_channel", "failing_webhook"):
            folder, rules_file = tmp / name, tmp / f"{name}.yaml"
            folder.mkdir()
            hook = Webhook()
            text = default if name == "no_channel" else default.replace(
                "channels: {}", f'channels:\n  desk: "{hook.url}"').replace("channels: []", "channels: [desk]")
            rules_file.write_text(text)
            rules = load_rules(text)
            hook.up_at = time.monotonic() + down
            write_jsonl(folder / "articles.jsonl", corpus)
            if name == "no_channel":
                seconds, pipeline = await run_service(folder, tmp / f"{name}.db", rules_file, rules, articles,
                                                      lambda p: True)
            else:
                seconds, pipeline = await run_service(
                    folder, tmp / f"{name}.db", rules_file, rules, articles,
                    lambda p, hook=hook: len(set(hook.received)) >= p.report.alerts)  # the rules silence none
                results["alerts_raised"] = pipeline.report.alerts
                results["alerts"] = len(set(hook.received))
                results["sent_twice"] = len(hook.received) - len(set(hook.received))
                results["refused_while_down"] = hook.refused
                results["last_alert_after_recovery_s"] = round(hook.last_at - hook.up_at, 1)
            hook.server.shutdown()
            results[f"{name}_articles_per_s"] = round(articles / seconds, 1)
        results["ratio"] = round(results["failing_webhook_articles_per_s"] / results["no_channel_articles_per_s"], 3)
        return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--down", type=float, default=30.0, help="seconds the webhook answers 500")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.articles, args.down))))
