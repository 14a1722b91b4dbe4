"""Extraction throughput: articles per second of ``extract`` on one core, over a synthetic corpus."""

from __future__ import annotations

import argparse
import json
import time

from stream.core.articles import article_from_json
from stream.core.extract import extract
from stream.gazetteer import mimu_gazetteer
from tests.builders import synthetic_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--jsonl", help="measure on this archive instead of the synthetic corpus")
    args = parser.parse_args()
    started = time.perf_counter()
    gazetteer = mimu_gazetteer()
    loaded = time.perf_counter()
    if args.jsonl:
        with open(args.jsonl, "rb") as f:
            articles = [article_from_json(line) for line in f if line.strip()]
    else:
        articles = [article_from_json(json.dumps(row).encode()) for row in synthetic_corpus(args.articles)]
    t0 = time.perf_counter()
    events = sum(len(extract(a, gazetteer)) for a in articles)
    elapsed = time.perf_counter() - t0
    chars = sum(len(a.text) for a in articles)
    print(json.dumps({
        "articles": len(articles), "events": events, "mean_chars": round(chars / len(articles)),
        "gazetteer_load_s": round(loaded - started, 3), "extract_s": round(elapsed, 3),
        "articles_per_s": round(len(articles) / elapsed, 1),
    }))


if __name__ == "__main__":
    main()
