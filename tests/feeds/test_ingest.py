"""`signalfire ingest` against a local news site: each article once across restarts, full text, wire copies,
conditional requests, robots.txt, and every fault counted while the other feeds go on."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from stream.embedded.store import EventStore
from tests.conftest import ROOT
from tests.feeds.site import MONITOR_PAGE_TEXT, OWN, WIRE, Route, Site, atom, page, paragraphs, rss

GOOD = ["wire", "courier", "monitor", "aggregator"]
FAULTS = {"malformed": "not a well-formed feed", "html": "an HTML page where a feed was expected",
          "missing": "HTTP 404", "gone": "HTTP 410", "slow": "timed out", "huge": "too large",
          "loop": "redirects", "private": "robots.txt disallows it", "encoding": "not a well-formed feed"}


def build(site: Site) -> None:
    routes = site.routes
    routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    wire_link = f"{site.base}/wire/kawlin-seized?utm_source=rss&utm_medium=feed"
    # Every feed is polled at once: the copies answer a second after the wire, so the wire is always read first.
    routes["/wire/feed.xml"] = Route(rss("Wire Agency", [
        {"title": "Resistance forces capture Kawlin", "link": wire_link, "content": paragraphs(WIRE)}]), etag='"w1"')
    routes["/courier/feed.atom"] = Route(atom("Daily Courier", [
        # The wire story under the Courier's own headline, one paragraph cut.
        {"title": "Town falls to fighters after four-day battle", "link": f"{site.base}/courier/town-falls",
         "content": paragraphs(WIRE[:4] + WIRE[5:])},
        {"title": "Defence force says it holds Kawlin", "link": f"{site.base}/courier/defence-force-holds",
         "content": paragraphs([OWN])}]), content_type="application/atom+xml", etag='"c1"', delay=1.0)
    routes["/monitor/rss.xml"] = Route(rss("Regional Monitor", [
        {"title": "Thousands flee shelling in Mindat", "link": f"{site.base}/monitor/mindat-displaced",
         "summary": "Relief group says families are sheltering in forest camps."}]))
    routes["/monitor/mindat-displaced"] = Route(page("Thousands flee shelling in Mindat", MONITOR_PAGE_TEXT,
                                                     "Regional Monitor"), content_type="text/html; charset=utf-8")
    # The wire story's link again, with other tracking parameters and a fragment: the same article.
    routes["/aggregator/rss.xml"] = Route(rss("Aggregator", [
        {"title": "Kawlin captured", "link": f"{site.base}/wire/kawlin-seized?utm_campaign=x#top",
         "content": paragraphs(WIRE)}]), delay=1.0)
    routes["/bad/malformed.xml"] = Route(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</ti')
    routes["/bad/html"] = Route(b"<!doctype html><html><body><h1>Our news</h1><p>Read it here</p></body></html>",
                                content_type="text/html; charset=utf-8")
    routes["/bad/gone.xml"] = Route(b"gone", status=410, content_type="text/plain")
    routes["/bad/slow.xml"] = Route(rss("Slow", []), delay=6.0)
    routes["/bad/huge.xml"] = Route(b"<rss>" + b" " * 300_000 + b"</rss>")
    routes["/bad/loop.xml"] = Route(b"", status=301, location="/bad/loop.xml")
    routes["/bad/encoding.xml"] = Route(rss("Encodings", [
        {"title": "Caf\u00e9 reopens", "link": f"{site.base}/enc/cafe", "content": "<p>A caf\u00e9 reopened.</p>" * 60}
    ]).replace(b'encoding="utf-8"', b'encoding="utf-8"').decode().encode("latin-1"),
        content_type="application/rss+xml; charset=utf-8")
    routes["/private/feed.xml"] = Route(rss("Private", []))


def feeds_file(site: Site, folder: Path) -> Path:
    paths = {"wire": "/wire/feed.xml", "courier": "/courier/feed.atom", "monitor": "/monitor/rss.xml",
             "aggregator": "/aggregator/rss.xml", "malformed": "/bad/malformed.xml", "html": "/bad/html",
             "missing": "/bad/missing.xml", "gone": "/bad/gone.xml", "slow": "/bad/slow.xml",
             "huge": "/bad/huge.xml", "loop": "/bad/loop.xml", "private": "/private/feed.xml",
             "encoding": "/bad/encoding.xml"}
    lines = ["per_host_delay: 0", "per_host_concurrency: 8", "timeout: 2.5", "max_bytes: 200000", "feeds:"]
    for name, path in paths.items():
        lines.append(f"  - {{name: {name}, url: '{site.base}{path}'"
                     + (", full_text: false" if name == "courier" else "") + "}")
    target = folder / "feeds.yaml"
    target.write_text("\n".join(lines) + "\n")
    return target


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stream.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def articles(db: Path) -> list:
    async def read() -> list:
        store = await EventStore.open(db)
        try:
            return [record for _, record in await store.scan("articles")]
        finally:
            await store.close()

    return asyncio.run(read())


def test_feeds_are_ingested_once_across_restarts_with_copies_marked_and_faults_counted(
        site: Site, tmp_path: Path) -> None:
    build(site)
    feeds, db = feeds_file(site, tmp_path), tmp_path / "s.db"
    first = cli("ingest", "--feeds", feeds, "--db", db, "--once")
    assert first.returncode == 0, first.stderr
    stored = {a.url.split("/", 3)[3]: a for a in articles(db)}
    # The wire story once (its two links are one page), the Courier's copy and own story, the monitor's page.
    assert set(stored) == {"wire/kawlin-seized", "courier/town-falls", "courier/defence-force-holds",
                           "monitor/mindat-displaced", "enc/cafe"}
    wire, copy, own = stored["wire/kawlin-seized"], stored["courier/town-falls"], stored["courier/defence-force-holds"]
    assert wire.source == "Wire Agency" and wire.copy_of is None and wire.text.startswith("Resistance forces")
    # The item's hour is kept, in UTC: where the story is, it may already be the next day.
    assert wire.published_at == datetime(2024, 3, 12, 0, 0, tzinfo=UTC)
    assert copy.copy_of is not None and (copy.copy_of.article_id, copy.copy_of.source) == (wire.id, "Wire Agency")
    assert copy.source == "Daily Courier" and own.copy_of is None
    # Summary only in the feed: the body came from the page, with the feed's headline and the page's date.
    monitor = stored["monitor/mindat-displaced"]
    assert monitor.text.startswith("At least 12,000 people") and "forest camps" in monitor.text
    assert monitor.title == "Thousands flee shelling in Mindat" and str(monitor.published) == "2024-03-12"

    status = {s["name"]: s for s in map(json.loads, cli("feeds", "status", "--db", db, "--json").stdout.splitlines())}
    assert {name for name, s in status.items() if s["healthy"]} == set(GOOD)
    for name, reason in FAULTS.items():
        assert reason in status[name]["last_error"], (name, status[name]["last_error"])
        assert status[name]["errors"] == 1
    assert site.asked("/private/feed.xml") == []  # robots.txt said no: never asked
    assert "failed: " in first.stderr and "wire" not in first.stderr.split("failed: ")[1]

    pages_before = len(site.asked("/monitor/mindat-displaced"))
    second = cli("ingest", "--feeds", feeds, "--db", db, "--once")
    assert second.returncode == 0, second.stderr
    assert len(articles(db)) == 5  # nothing twice
    # Conditional requests: the feeds with an ETag answered 304 with no body; no page fetched again.
    assert site.asked("/wire/feed.xml") == [200, 304] and site.asked("/courier/feed.atom") == [200, 304]
    assert len(site.asked("/monitor/mindat-displaced")) == pages_before
    status = {s["name"]: s for s in map(json.loads, cli("feeds", "status", "--db", db, "--json").stdout.splitlines())}
    assert status["wire"]["not_modified"] == 1 and status["missing"]["failures"] == 2


def test_a_bad_feeds_file_is_refused_with_file_line_and_what_to_fix(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n  - name: wire\n    url: https://example.org/feed\n    intervall: 60\n"
                     "  - name: wire\n    url: not a url\n")
    refused = cli("ingest", "--feeds", feeds, "--db", tmp_path / "s.db", "--once")
    assert refused.returncode == 1
    assert f"{feeds}:4:5: feeds[0].intervall: unknown key 'intervall'; did you mean 'interval'?" in refused.stderr
    assert f"{feeds}:6:5: feeds[1].url: Input should be a valid URL" in refused.stderr
    feeds.write_text("feeds:\n  - {name: wire, url: 'https://example.org/a'}\n  - {name: wire, url: 'https://example.org/b'}\n")
    refused = cli("ingest", "--feeds", feeds, "--db", tmp_path / "s.db", "--once")
    assert f"{feeds}:3:6: feeds[1].name: 'wire' names an earlier feed already" in refused.stderr
