"""Feed ingestion at scale: 200 feeds of 50 items each, served locally, taken in by `signalfire ingest`.

Reports the time to ingest everything (one `ingest --once` into a fresh store), articles per second and the
process's peak memory; then runs `signalfire ingest` as a service over the same feeds, all unchanged (they
answer 304 to its conditional requests), polling every feed every 10 s, and reports the CPU it spends, as a
share of one core, over a minute. Every feed is on this machine's one host, so the per-host delay is set to
0 and the per-host concurrency to 8, as for feeds spread over many sites.

With ``--near-copies N``, it measures copy detection instead: N near-duplicates of one wire story (a few words
changed in each), spread over 20 outlets' feeds, polled once in this process; it reports the seconds taken
and the longest time the event loop was held (what every other feed, and a signal, would have waited).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.peak import Peak
from tests.builders import past_corpus
from tests.feeds.site import WIRE, Route, Site, page, paragraphs, rss, serve

ROOT = Path(__file__).resolve().parent.parent


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--steady", type=float, default=60.0, help="seconds of steady-state polling measured")
    parser.add_argument("--keep-alive", action="store_true",
                        help="the site answers HTTP/1.1 and keeps connections open (default: one a request)")
    parser.add_argument("--near-copies", type=int, default=0, metavar="N",
                        help="measure copy detection on N near-duplicate items instead")
    args = parser.parse_args()
    if args.near_copies:
        print(json.dumps(near_copies(args.near_copies)))
        return
    stories = past_corpus(args.feeds * args.items, seed=11)
    for site in serve(Site(keep_alive=args.keep_alive)):
        for f in range(args.feeds):
            items = []
            for i in range(args.items):
                # The synthetic corpus repeats texts; a closing line of its own makes each item a story
                # (repeats still come out as near-copies of another outlet's, as wire stories do).
                story = dict(stories[f * args.items + i])
                story["text"] += f" Filed by correspondent {f} from desk {i}."
                link = f"{site.base}/f{f}/story-{i}"
                # Every tenth feed holds summaries only: its items are read from their pages.
                if f % 10 == 0:
                    site.routes[f"/f{f}/story-{i}"] = Route(page(f"Story {f}-{i}", [story["text"]] * 3, f"Outlet {f}"),
                                                            content_type="text/html; charset=utf-8")
                    items.append({"title": f"Story {f}-{i}", "link": link, "summary": story["text"][:80]})
                else:
                    items.append({"title": f"Story {f}-{i}", "link": link, "content": paragraphs([story["text"]] * 3),
                                  "date": "Tue, 12 Mar 2024 08:00:00 GMT"})
            site.routes[f"/f{f}/feed.xml"] = Route(rss(f"Outlet {f}", items), etag=f'"v{f}"')
        with tempfile.TemporaryDirectory() as folder:
            feeds = Path(folder) / "feeds.yaml"
            feeds.write_text("per_host_delay: 0\nper_host_concurrency: 8\nfeeds:\n" + "".join(
                f"  - {{name: f{f}, url: '{site.base}/f{f}/feed.xml', interval: 10"
                + (", full_text: true" if f % 10 == 0 else ", full_text: false") + "}\n" for f in range(args.feeds)))
            db = Path(folder) / "s.db"
            t0 = time.perf_counter()
            peak = Peak("stream.cli", "ingest", "--feeds", str(feeds), "--db", str(db), "--once")
            once = subprocess.run(peak.argv, env=peak.env, cwd=ROOT, capture_output=True, text=True, check=True)
            seconds = time.perf_counter() - t0
            peak_mb = peak.mb()
            report = next(line for line in once.stderr.splitlines() if line.startswith("polled "))
            articles = int(report.split(": ", 1)[1].split(" new article")[0])
            requests_before = len(site.requests)
            command = [sys.executable, "-m", "stream.cli", "ingest", "--feeds", str(feeds), "--db", str(db)]
            service = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                time.sleep(5)  # started, its first due polls begun
                cpu0, wall0 = cpu_seconds(service.pid), time.perf_counter()
                time.sleep(args.steady)
                cpu1, wall1 = cpu_seconds(service.pid), time.perf_counter()
            finally:
                service.send_signal(signal.SIGINT)
                service.wait(timeout=60)
            steady = site.requests[requests_before:]
            print(json.dumps({
                "feeds": args.feeds, "keep_alive": args.keep_alive, "items": args.feeds * args.items,
                "articles": articles,
                "ingest_all_s": round(seconds, 2), "articles_per_s": round(articles / seconds, 1),
                "peak_memory_mb": round(peak_mb, 1),
                "steady_polls": len(steady), "steady_not_modified": sum(1 for _, status in steady if status == 304),
                "steady_cpu_share_of_one_core": round((cpu1 - cpu0) / (wall1 - wall0), 4)}))


def near_copies(n: int, outlets: int = 20) -> dict[str, object]:
    """One poll of ``outlets`` feeds holding ``n`` near-duplicates of one story between them, in this process."""
    from stream.feeds.config import load_feeds

    words = " ".join(WIRE).split()
    rng = random.Random(5)

    def edited(i: int) -> str:
        changed = list(words)
        for at in rng.sample(range(len(words)), 4):
            changed[at] = f"w{i}x{at}"
        return " ".join(changed)

    for site in serve(Site(keep_alive=True)):
        for f in range(outlets):
            site.routes[f"/o{f}/feed.xml"] = Route(rss(f"Outlet {f}", [
                {"title": f"Story {i}", "link": f"{site.base}/o{f}/{i}", "content": paragraphs([edited(i)]),
                 "date": "Tue, 12 Mar 2024 08:00:00 GMT"} for i in range(f, n, outlets)]))
        config = load_feeds("per_host_delay: 0\nper_host_concurrency: 8\nfeeds:\n" + "".join(
            f"  - {{name: o{f}, url: '{site.base}/o{f}/feed.xml', full_text: false}}\n" for f in range(outlets)))
        return {"near_copies": n, "outlets": outlets, **asyncio.run(_poll_once(config))}
    raise AssertionError("unreachable")


async def _poll_once(config: Any) -> dict[str, object]:
    """Every feed polled once into a fresh store; the seconds, and the longest time the event loop was held."""
    from stream.feeds.fetch import Fetcher
    from stream.feeds.ingest import Ingestor
    from stream.feeds.state import ingest_state

    held, done = 0.0, asyncio.Event()

    async def beat() -> None:  # the longest gap between two turns of the loop
        nonlocal held
        while not done.is_set():
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            held = max(held, time.perf_counter() - before - 0.01)

    async def sink(items: object) -> None:
        pass

    with tempfile.TemporaryDirectory() as folder:
        async with ingest_state(Path(folder) / "s.db") as state:
            fetcher = Fetcher(config)
            ingestor = Ingestor(config, state, fetcher, sink)
            await ingestor.start()
            beating = asyncio.create_task(beat())
            t0 = time.perf_counter()
            report = await ingestor.poll_due(every=True)
            seconds = time.perf_counter() - t0
            done.set()
            await beating
            await fetcher.close()
    return {"articles": report.articles, "copies": report.copies, "failed": len(report.failed),
            "seconds": round(seconds, 2), "longest_loop_hold_s": round(held, 2)}


if __name__ == "__main__":
    main()
