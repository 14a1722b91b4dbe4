"""Latency of `signalfire serve`: articles posted at a steady rate, timed from each POST to the alert it raised
on the server-sent feed; p50 and p99, and the server's memory at the end.

Each article is a synthetic report of a town seized, all of different towns' spellings, so that most raise an
alert of their own; an article that only corroborates an earlier alert is not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from tests.builders import past_corpus
from tests.kafka.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=50.0, help="articles a second")
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    articles = past_corpus(int(args.rate * args.seconds), seed=5)
    port = free_port()
    base, auth = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {TOKEN}"}
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen([sys.executable, "-m", "stream.cli", "serve", "--db", f"{tmp}/s.db", "--port",
                                   str(port)], cwd=ROOT, env={**os.environ, "SIGNALFIRE_TOKEN": TOKEN},
                                  stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    if httpx.get(f"{base}/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            posted: dict[str, float] = {}
            heard: list[tuple[float, list[str]]] = []  # when each alert arrived, and the articles it cites

            def listen() -> None:
                with httpx.stream("GET", f"{base}/api/stream", headers=auth, timeout=None) as feed:
                    for line in feed.iter_lines():
                        if line.startswith("data:"):
                            sources = [s["article_id"] for s in json.loads(line[5:])["sources"]]
                            heard.append((time.monotonic(), sources))

            threading.Thread(target=listen, daemon=True).start()
            time.sleep(0.5)
            start = time.monotonic()
            with httpx.Client(headers=auth) as client:
                for n, article in enumerate(articles):
                    time.sleep(max(0.0, start + n / args.rate - time.monotonic()))
                    sent = time.monotonic()
                    [article_id] = client.post(f"{base}/api/articles", json=article).json()["articles"]
                    posted[article_id] = sent
            time.sleep(3)
            with open(f"/proc/{server.pid}/status") as status:
                memory = {line.split(":")[0]: line.split()[1] for line in status if line.startswith(("VmRSS", "VmHWM"))}
        finally:
            server.terminate()
            server.wait()
    # An alert is timed from the POST of the newest article it cites: the one whose arrival raised it.
    latencies = sorted(at - max(posted[i] for i in sources if i in posted) for at, sources in heard
                       if any(i in posted for i in sources))
    print(json.dumps({
        "articles": len(posted), "rate_per_s": args.rate, "alerts_timed": len(latencies),
        "p50_s": round(statistics.median(latencies), 3),
        "p99_s": round(latencies[int(len(latencies) * 0.99) - 1], 3), "max_s": round(latencies[-1], 3),
        "server_rss_mb": round(int(memory["VmRSS"]) / 1024, 1),
        "server_peak_mb": round(int(memory["VmHWM"]) / 1024, 1),
    }))


if __name__ == "__main__":
    main()
