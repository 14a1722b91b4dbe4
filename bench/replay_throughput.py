"""End-to-end embedded replay: articles per second through extract, detect and the SQLite log."""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

from replay.pacing import Pacer
from replay.run import replay
from replay.sources import read_inputs
from stream.core.rules.load import load_rules
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore
from stream.reference.gazetteer import default_gazetteer
from tests.builders import synthetic_corpus, write_jsonl


async def run(articles: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        archive = write_jsonl(Path(tmp) / "a.jsonl", synthetic_corpus(articles))
        rules = load_rules(Path("rules/default.yaml").read_text())
        gazetteer = default_gazetteer()
        store = await EventStore.open(Path(tmp) / "b.db")
        t0 = time.perf_counter()
        report = await replay(read_inputs([archive]), Pipeline(store, gazetteer, rules), Pacer(None))
        elapsed = time.perf_counter() - t0
        await store.close()
        return {"articles": articles, "events": report.events, "alerts": report.alerts,
                "seconds": round(elapsed, 3), "articles_per_s": round(articles / elapsed, 1)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    print(json.dumps(asyncio.run(run(parser.parse_args().articles))))
