"""Extraction cost in CPU instructions per article, counted by valgrind: the same on a busy machine as on an idle one.

Wall-clock speed on a shared machine moves by a third from one hour to the next; instruction counts
do not, so they compare two versions of the extractor exactly. The corpus is the one
``extract_throughput.py --jsonl`` builds. ``signalfire extract`` runs twice under ``callgrind``, on
the first ``--warm`` articles and on ``--warm + --articles``: the difference is the cost of those
articles alone, without start-up or one-off loads (towns abroad). Needs ``valgrind`` (Debian: apt
install valgrind); a run takes about three minutes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.extract_throughput import _from_archive


def _instructions(corpus: Path) -> int:
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, "-m", "stream.cli", "extract", str(corpus)],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"Collected\s*:\s*(\d+)", run.stderr)
    if not found:
        raise SystemExit(f"no instruction count in valgrind's output:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jsonl", required=True, help="the archive of real articles to build the corpus from")
    parser.add_argument("--warm", type=int, default=20, help="articles run first, outside the count")
    parser.add_argument("--articles", type=int, default=200, help="articles counted")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    archived = sum(1 for line in Path(args.jsonl).read_text().splitlines() if line.strip())
    rows = list(_from_archive(args.jsonl, copies=math.ceil((args.warm + args.articles) / archived)))
    with tempfile.TemporaryDirectory() as tmp:
        counts = []
        for size in (args.warm, args.warm + args.articles):
            corpus = Path(tmp) / f"corpus-{size}.jsonl"
            corpus.write_text("".join(json.dumps(row) + "\n" for row in rows[:size]))
            # A plain run first: it may build the gazetteer cache, which the counted runs then read.
            subprocess.run([sys.executable, "-m", "stream.cli", "extract", str(corpus)],
                           capture_output=True, check=True)
            counts.append(_instructions(corpus))
    per_article = (counts[1] - counts[0]) / args.articles
    print(json.dumps({"articles": args.articles, "instructions_per_article": round(per_article),
                      "start_up_and_warm_articles": counts[0]}))


if __name__ == "__main__":
    main()
