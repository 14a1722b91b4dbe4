"""Extraction throughput: articles per second of ``signalfire extract``, whole process, on one core.

With ``--jsonl ARCHIVE`` the corpus is built from real articles: each is copied ``--copies`` times
with every number shifted and every capitalised name the gazetteer does not know (people, outlets,
unknown villages) respelt per copy. No two articles share a sentence, and only place names recur,
as they do in a real stream: caches inside the extractor get no easier ride than in production.
Without it, a synthetic corpus of short articles is used.
The timing covers the whole process: interpreter start, gazetteer load, reading and writing JSONL.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from stream.core.dates import MONTHS, WEEKDAYS
from stream.core.extract.mentions import _ORG_WORDS
from stream.core.places import Gazetteer
from stream.reference.gazetteer import default_gazetteer
from tests.builders import synthetic_corpus


class _Respeller:
    """Shifts numbers and respells names per copy, keeping places and ordinary words as they are."""

    def __init__(self, texts: list[str], gazetteer: Gazetteer) -> None:
        # A capitalised word also written in lower case somewhere is an ordinary word ("Army", "June").
        self._ordinary = {w for text in texts for w in re.findall(r"\b[a-z]{3,}\b", text)}
        self._ordinary |= set(MONTHS) | set(WEEKDAYS) | {w.lower() for w in _ORG_WORDS}
        self._gazetteer = gazetteer

    def __call__(self, text: str, copy: int) -> str:
        if not copy:
            return text
        suffix = "".join(chr(ord("a") + int(d)) for d in str(copy))

        def respelt(m: re.Match[str]) -> str:
            word = m.group(0)
            if word.lower() in self._ordinary or self._gazetteer.candidates(word, fuzzy=False):
                return word
            return word + suffix

        text = re.sub(r"\d+", lambda m: str(int(m.group(0)) + copy), text)
        return re.sub(r"\b[A-Z][a-z]{2,}\b", respelt, text)


def _from_archive(path: str, copies: int) -> Iterator[dict[str, object]]:
    rows = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
    respell = _Respeller([row["text"] for row in rows], default_gazetteer())
    for copy in range(copies):
        for row in rows:
            yield {"id": f"{row['id']}-{copy}", "source": row.get("source"), "url": row.get("url"),
                   "published": row.get("published"), "title": respell(row.get("title") or "", copy),
                   "text": respell(row["text"], copy)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000, help="synthetic corpus size")
    parser.add_argument("--jsonl", help="build the corpus from this archive of real articles")
    parser.add_argument("--copies", type=int, default=120, help="copies of each archive article")
    parser.add_argument("--runs", type=int, default=3, help="report the best of this many runs")
    parser.add_argument("--replay", action="store_true",
                        help="also time `signalfire replay` of the same corpus into a fresh store, interleaved")
    args = parser.parse_args()
    rows = list(_from_archive(args.jsonl, args.copies)) if args.jsonl else list(synthetic_corpus(args.articles))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(row) + "\n" for row in rows))
        times, replays = [], []
        for run in range(args.runs):
            started = time.perf_counter()
            out = subprocess.run([sys.executable, "-m", "stream.cli", "extract", str(corpus)],
                                 check=True, capture_output=True, text=True).stdout
            times.append(time.perf_counter() - started)
            if args.replay:
                started = time.perf_counter()
                subprocess.run([sys.executable, "-m", "stream.cli", "replay", str(corpus), "--db",
                                str(Path(tmp) / f"replay-{run}.db"), "--json"], check=True, capture_output=True)
                replays.append(time.perf_counter() - started)
    best = min(times)
    events = sum(len(json.loads(line)["events"]) for line in out.splitlines())
    chars = sum(len(str(row["text"])) for row in rows)
    print(json.dumps({
        "articles": len(rows), "events": events, "mean_chars": round(chars / len(rows)),
        "whole_process_s": [round(t, 2) for t in times], "articles_per_s": round(len(rows) / best, 1),
        **({"replay_s": [round(t, 2) for t in replays], "replay_articles_per_s": round(len(rows) / min(replays), 1),
            "replay_over_extract": round(best / min(replays), 3)} if replays else {}),
    }))


if __name__ == "__main__":
    main()
