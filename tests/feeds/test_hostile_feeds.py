"""The ingester against feeds that mean harm or are merely broken: each one fails alone, and the others, the
event loop and a stop signal are never held up by it. Real HTTP on loopback throughout."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from email.utils import formatdate
from pathlib import Path
from typing import Any

import pytest

from stream.core.records import Article, DeadLetter
from stream.feeds.config import load_feeds
from stream.feeds.fetch import Fetcher
from stream.feeds.ingest import MAX_BACKOFF, Ingestor, PollReport
from stream.feeds.state import ingest_state
from tests.conftest import ROOT
from tests.feeds.site import MONITOR_PAGE_TEXT, WIRE, Route, Site, gzip_bomb, page, paragraphs, rss, serve

SETTINGS = "per_host_delay: 0\nper_host_concurrency: 4\ntimeout: 5\nmax_bytes: 200000\n"


@pytest.fixture
def elsewhere() -> Iterator[Site]:
    """A second local service, on a port of its own: what a hostile link would reach into."""
    yield from serve(Site())


@asynccontextmanager
async def ingesting(folder: Path, feeds: str, clock: Callable[[], float] = time.time
                    ) -> AsyncIterator[tuple[Ingestor, list[Article | DeadLetter]]]:
    """An ingestor of ``feeds`` (the feeds file's text), in this process, and what it has put in its sink."""
    config = load_feeds(feeds, "feeds.yaml")
    out: list[Article | DeadLetter] = []

    async def sink(items: Any) -> None:
        out.extend(items)

    async with ingest_state(folder / "s.db") as state:
        fetcher = Fetcher(config)
        ingestor = Ingestor(config, state, fetcher, sink, clock=clock, jitter=lambda: 0.0)
        try:
            await ingestor.start()
            yield ingestor, out
        finally:
            ingestor.close()
            await fetcher.close()


def story(site: Site, path: str, title: str = "Kawlin falls") -> None:
    site.routes[path] = Route(rss("Wire Agency", [
        {"title": title, "link": f"{site.base}{path}/story", "content": paragraphs(WIRE)}]))


async def test_a_gzip_bomb_fails_its_feed_and_the_others_carry_on(site: Site, tmp_path: Path) -> None:
    site.routes["/bomb.xml"] = Route(gzip_bomb(100), headers={"Content-Encoding": "gzip, gzip"})
    story(site, "/wire.xml")
    async with ingesting(tmp_path, SETTINGS + f"feeds:\n  - {{name: bomb, url: '{site.base}/bomb.xml'}}\n"
                                              f"  - {{name: wire, url: '{site.base}/wire.xml'}}\n") as (feeds, out):
        report = await feeds.poll_due(every=True)
        assert report.failed == ["bomb"] and report.articles == 1
        assert feeds.states["bomb"].last_error == ("too large: over 200,000 bytes once decoded "
                                                   "(Content-Encoding: gzip, gzip)")
        assert [item.title for item in out if isinstance(item, Article)] == ["Kawlin falls"]


async def test_item_pages_are_fetched_on_the_feed_s_own_host_or_where_the_feed_allows(
        site: Site, elsewhere: Site, tmp_path: Path) -> None:
    def html(n: int) -> Route:
        return Route(page(f"Page {n}", [f"Page {n} of the notes.", *MONITOR_PAGE_TEXT], "Site"),
                     content_type="text/html")

    port = elsewhere.base.rsplit(":", 1)[1]
    for n in range(1, 5):
        elsewhere.routes[f"/admin{n}"] = html(n)
    site.routes["/go"] = Route(b"", status=302, location=f"http://localhost:{port}/admin4")
    site.routes["/own-monitor"], site.routes["/own-trusted"] = html(5), html(6)
    for name in ("monitor", "trusted"):
        links = [f"{site.base}/own-{name}", f"http://127.1:{port}/admin1", f"http://0x7f000001:{port}/admin2",
                 f"http://localhost:{port}/admin3", f"{site.base}/go"]
        site.routes[f"/{name}.xml"] = Route(rss(name, [
            {"title": f"Item {i}", "link": f"{link}?from={name}", "summary": "Read on."}
            for i, link in enumerate(links)]))
    feeds_file = SETTINGS + (f"feeds:\n  - {{name: monitor, url: '{site.base}/monitor.xml'}}\n"
                             f"  - {{name: trusted, url: '{site.base}/trusted.xml', allow_private: true}}\n")
    async with ingesting(tmp_path, feeds_file) as (feeds, out):
        report = await feeds.poll_due(every=True)
        assert report.failed == [] and report.skipped == 4
        assert (feeds.states["monitor"].healthy, feeds.states["monitor"].skipped) == (True, 4)
        assert feeds.states["trusted"].skipped == 0
        taken = sorted(str(item.url).split("/", 3)[3] for item in out if isinstance(item, Article))
        # The monitor's page on its own host; the trusted feed's every page, the private service's included.
        assert taken == ["admin1?from=trusted", "admin2?from=trusted", "admin3?from=trusted", "go?from=trusted",
                         "own-monitor?from=monitor", "own-trusted?from=trusted"]
    # The private service was asked only for the trusted feed: the robots.txt of each of its three names, and
    # its pages (one through the redirect).
    assert sorted(path for path, _ in elsewhere.requests) == ["/admin1", "/admin2", "/admin3", "/admin4"] + [
        "/robots.txt"] * 3
    assert len(site.asked("/go")) == 2  # the monitor's redirect was asked, and where it pointed refused


async def test_a_slow_feed_holds_up_neither_the_others_nor_a_stop(site: Site, tmp_path: Path) -> None:
    site.routes["/slow.xml"] = Route(rss("Slow", []) + b" " * 100, trickle=0.5)
    story(site, "/quick.xml")
    feeds_file = SETTINGS + (f"deadline: 30\nfeeds:\n  - {{name: slow, url: '{site.base}/slow.xml'}}\n"
                             f"  - {{name: quick, url: '{site.base}/quick.xml'}}\n")
    async with ingesting(tmp_path, feeds_file) as (feeds, _):
        # Polled every 0.3 s here (the feeds file allows no less than 10 s).
        quick = feeds.config.feeds[1].model_copy(update={"interval": 0.3})
        feeds.config = feeds.config.model_copy(update={"feeds": [feeds.config.feeds[0], quick]})
        stop = asyncio.Event()
        running = asyncio.create_task(feeds.run(stop))
        await asyncio.sleep(3)
        assert not running.done()
        stop.set()
        started = time.monotonic()
        await asyncio.wait_for(running, 3)
        assert time.monotonic() - started < 1
    assert len(site.asked("/quick.xml")) >= 5  # one round waited for the slow feed to end: 1
    assert len(site.asked("/slow.xml")) == 1


def cli(*args: str | Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stream.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


def trickling_feeds(site: Site, folder: Path, deadline: float) -> Path:
    site.routes["/slow.xml"] = Route(rss("Slow", []) + b" " * 100, trickle=0.5)  # 50 s to the end
    story(site, "/quick.xml")
    feeds = folder / "feeds.yaml"
    feeds.write_text(SETTINGS + f"deadline: {deadline}\nfeeds:\n  - {{name: slow, url: '{site.base}/slow.xml'}}\n"
                     f"  - {{name: quick, url: '{site.base}/quick.xml'}}\n")
    return feeds


def test_ingest_once_ends_at_the_deadline_of_a_feed_that_trickles(site: Site, tmp_path: Path) -> None:
    feeds, db = trickling_feeds(site, tmp_path, deadline=2), tmp_path / "s.db"
    started = time.monotonic()
    done = cli("ingest", "--feeds", feeds, "--db", db, "--once", timeout=60)  # the slow feed would take 175 s
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 30
    assert "1 new article(s)" in done.stderr and "failed: slow" in done.stderr
    status = {s["name"]: s for s in map(json.loads, cli("feeds", "status", "--db", db, "--json").stdout.splitlines())}
    assert status["slow"]["last_error"] == "no whole answer within the 2 s deadline"
    assert status["quick"]["healthy"]


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_ingest_stops_on_a_signal_while_a_feed_trickles(site: Site, tmp_path: Path, stop: signal.Signals) -> None:
    feeds = trickling_feeds(site, tmp_path, deadline=60)
    service = subprocess.Popen([sys.executable, "-m", "stream.cli", "ingest", "--feeds", str(feeds), "--db",
                                str(tmp_path / "s.db")], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        deadline = time.monotonic() + 20
        while not site.asked("/slow.xml") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert site.asked("/slow.xml"), "the slow feed was never asked"
        time.sleep(0.5)
        service.send_signal(stop)
        service.wait(timeout=10)
    finally:
        service.kill()
        _, errors = service.communicate()
    assert service.returncode == 0, errors


async def test_copies_are_found_off_the_event_loop(site: Site, tmp_path: Path, monkeypatch: Any) -> None:
    from stream.feeds import ingest

    threads: set[str] = set()

    def signature(text: str) -> bytes:
        threads.add(threading.current_thread().name)
        return real(text)

    real = ingest.signature
    monkeypatch.setattr(ingest, "signature", signature)
    story(site, "/wire.xml")
    site.routes["/courier.xml"] = Route(rss("Courier", [
        {"title": "Town falls", "link": f"{site.base}/courier/story", "content": paragraphs(WIRE[:5])}]), delay=0.5)
    async with ingesting(tmp_path, SETTINGS + f"feeds:\n  - {{name: wire, url: '{site.base}/wire.xml'}}\n"
                                              f"  - {{name: courier, url: '{site.base}/courier.xml'}}\n") as (feeds, _):
        report = await feeds.poll_due(every=True)
    assert (report.articles, report.copies) == (2, 1)
    assert threads == {"signalfire-copies_0"}


async def test_a_bad_item_link_fails_that_item_and_not_its_feed(site: Site, tmp_path: Path) -> None:
    def text(n: int) -> str:
        return paragraphs([f"Report {n} from the wire."] + WIRE)  # whole: no page to fetch

    port = site.base.rsplit(":", 1)[1]
    items = [
        {"title": "Bad port", "link": "http://127.0.0.1:99999/story", "content": text(1)},
        {"title": "Bad port over IPv6", "link": "http://[::1]:99999/story", "content": text(2)},
        {"title": "Bad address", "link": "http://0177.0.0.1/story", "content": text(3)},
        # An IPv6 address with a good port is a good link: kept with its brackets.
        {"title": "Over IPv6", "link": f"http://[::1]:{port}/v6", "content": text(4)},
        # Its page is on another host than the feed, and a loopback one: not fetched, counted, tried again.
        {"title": "Over IPv6, summary", "link": f"http://[::1]:{port}/v6-summary", "summary": "Read on."},
        {"title": "Good", "link": f"{site.base}/good", "content": text(5)},
    ]
    site.routes["/mixed.xml"] = Route(rss("Mixed", items))
    async with ingesting(tmp_path, SETTINGS + f"feeds:\n  - {{name: mixed, url: '{site.base}/mixed.xml'}}\n"
                         ) as (feeds, out):
        first = await feeds.poll_due(every=True)
        second = await feeds.poll_due(every=True)
        state = feeds.states["mixed"]
    assert (first.failed, second.failed, state.healthy, state.failures) == ([], [], True, 0)
    assert (first.articles, first.dead_letters, first.skipped) == (2, 3, 1)
    assert (second.articles, second.dead_letters, second.skipped) == (0, 0, 1)  # the dead letters are not repeated
    assert sorted(str(item.url) for item in out if isinstance(item, Article)) == [
        f"{site.base}/good", f"http://[::1]:{port}/v6"]
    assert sorted(item.reason for item in out if isinstance(item, DeadLetter)) == [
        "a link that cannot be fetched: Port out of range 0-65535",
        "a link that cannot be fetched: Port out of range 0-65535",
        "a link that cannot be fetched: not a URL that can be fetched (Invalid IPv4 address: '0177.0.0.1')"]


@pytest.mark.parametrize(("retry_after", "waits"), [
    (lambda: "99999999999999999999", MAX_BACKOFF),  # obeyed only up to the longest backoff
    (lambda: formatdate(time.time() + 7200, usegmt=True), 7200.0),  # an HTTP date is obeyed
    (lambda: "not a time", 150.0),  # ignored: the feed's own backoff, 300 s x 0.5 with no jitter
])
async def test_retry_after_is_obeyed_within_bounds(site: Site, tmp_path: Path, retry_after: Callable[[], str],
                                                   waits: float) -> None:
    site.routes["/busy.xml"] = Route(b"busy", status=503, content_type="text/plain",
                                     headers={"Retry-After": retry_after()})
    async with ingesting(tmp_path, SETTINGS + f"feeds:\n  - {{name: busy, url: '{site.base}/busy.xml'}}\n"
                         ) as (feeds, _):
        report: PollReport = await feeds.poll_due(every=True)
        assert report.failed == ["busy"] and feeds.states["busy"].last_error == "HTTP 503"
        assert feeds.states["busy"].next_poll - time.time() == pytest.approx(waits, abs=15)
