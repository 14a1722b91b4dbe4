"""Store size: bytes a replayed article takes in the SQLite file, and how they split between the log's streams.

The corpus is built from an archive of real articles as `extract_throughput.py --jsonl` builds it (each
copied with numbers shifted and unknown names respelt), replayed by `signalfire replay` into a fresh store.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.extract_throughput import _from_archive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jsonl", required=True, help="the archive of real articles to build the corpus from")
    parser.add_argument("--copies", type=int, default=50, help="copies of each archive article")
    args = parser.parse_args()
    rows = list(_from_archive(args.jsonl, args.copies))
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db = Path(tmp) / "corpus.jsonl", Path(tmp) / "store.db"
        corpus.write_text("".join(json.dumps(row) + "\n" for row in rows))
        subprocess.run([sys.executable, "-m", "stream.cli", "replay", str(corpus), "--db", str(db), "--json"],
                       check=True, capture_output=True)
        with sqlite3.connect(db) as store:
            store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            streams = dict(store.execute("SELECT stream, SUM(LENGTH(CAST(body AS BLOB))) FROM log GROUP BY stream"))
        size = db.stat().st_size
    text = sum(len(str(row["text"]).encode()) for row in rows)
    print(json.dumps({"articles": len(rows), "text_bytes_per_article": round(text / len(rows)),
                      "file_bytes_per_article": round(size / len(rows)),
                      "body_bytes_per_article": {k: round(v / len(rows)) for k, v in sorted(streams.items())}}))


if __name__ == "__main__":
    main()
