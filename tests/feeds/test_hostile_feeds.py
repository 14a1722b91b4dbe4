"""The ingester against feeds that mean harm or are merely broken: each one fails alone, and the others, the
event loop and a stop signal are never held up by it. Real HTTP on loopback throughout."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
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
from tests.feeds.site import WIRE, Route, Site, gzip_bomb, paragraphs, rss

SETTINGS = "per_host_delay: 0\nper_host_concurrency: 4\ntimeout: 5\nmax_bytes: 200000\n"


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


async def test_a_bad_item_link_fails_that_item_and_not_its_feed(site: Site, tmp_path: Path) -> None:
    def text(n: int) -> str:
        return paragraphs([f"Report {n} from the wire."] + WIRE)  # whole: no page to fetch

    port = site.base.rsplit(":", 1)[1]
    items = [
        {"title": "Bad port", "link": "http://127.0.0.1:99999/story", "content": text(1)},
        {"title": "Bad port over IPv6", "link": "http://[::1]:99999/story", "content": text(2)},
        # An IPv6 address with a good port is a good link: kept with its brackets.
        {"title": "Over IPv6", "link": f"http://[::1]:{port}/v6", "content": text(4)},
        # Its page cannot be fetched (nothing answers on ::1): counted, tried again.
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
    assert (first.articles, first.dead_letters, first.skipped) == (2, 2, 1)
    assert (second.articles, second.dead_letters, second.skipped) == (0, 0, 1)  # the dead letters are not repeated
    assert sorted(str(item.url) for item in out if isinstance(item, Article)) == [
        f"{site.base}/good", f"http://[::1]:{port}/v6"]
    assert sorted(item.reason for item in out if isinstance(item, DeadLetter)) == [
        "a link that cannot be fetched: Port out of range 0-65535",
        "a link that cannot be fetched: Port out of range 0-65535"]


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
