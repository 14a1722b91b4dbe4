"""A local news site for the feed tests: RSS and Atom feeds, article pages, robots.txt and every kind of fault,
served on 127.0.0.1 by a real HTTP server. The stories are written for these tests."""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    delay: float = 0.0
    location: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    # Seconds between the body's bytes: an answer that keeps coming, each read in time, never whole.
    trickle: float = 0.0


@dataclass
class Site:
    """What the server answers, and every request it was asked (path, status answered)."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, int]] = field(default_factory=list)
    base: str = ""
    # HTTP/1.1 with connections kept open between requests, as news sites answer; HTTP/1.0 (a connection a
    # request) by default, which the fault tests' cut-off answers rely on.
    keep_alive: bool = False
    closed: threading.Event = field(default_factory=threading.Event)

    def asked(self, path: str) -> list[int]:
        return [status for asked, status in self.requests if asked == path]


def serve(site: Site) -> Iterator[Site]:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1" if site.keep_alive else "HTTP/1.0"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            path = self.path.split("?")[0]
            route = site.routes.get(path)
            if route is None:
                self._answer(path, 404, b"not here", "text/plain")
                return
            if route.delay:
                time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._answer(path, 304, b"", route.content_type, {"ETag": route.etag})
                return
            headers = {"ETag": route.etag} if route.etag else {}
            if route.location:
                headers["Location"] = route.location
            self._answer(path, route.status, route.body, route.content_type, {**headers, **route.headers},
                         route.trickle)

        def _answer(self, path: str, status: int, body: bytes, content_type: str,
                    headers: dict[str, str] | None = None, trickle: float = 0.0) -> None:
            with lock:
                site.requests.append((path, status))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            elif site.keep_alive:
                self.send_header("Content-Length", "0")
            self.end_headers()
            if status != 304:
                try:
                    if not trickle:
                        self.wfile.write(body)
                    for at in range(len(body) if trickle else 0):
                        if site.closed.wait(trickle):
                            return
                        self.wfile.write(body[at:at + 1])
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()  # quick to shut down
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield site
    finally:
        site.closed.set()
        server.shutdown()
        server.server_close()


# A wire story in six paragraphs, and an outlet's own report of the same fighting.
WIRE = [
    "Resistance forces captured the town of Kawlin in Sagaing region on Monday after four days of fighting, "
    "residents and a spokesman for the fighters said.",
    "The town's police station and an army outpost on its northern edge fell on Sunday night, the spokesman "
    "told reporters by telephone, adding that the fighters had taken weapons and ammunition.",
    "About 3,000 residents fled to villages in the hills to the west during the fighting, a local volunteer "
    "who helps the displaced said, asking not to be named for fear of reprisals.",
    "The military government did not answer calls seeking comment on the fighting or on any losses.",
    "Kawlin sits on the road that links Mandalay to the northern part of the region, and its loss would cut "
    "a supply route the army has relied on since the start of the year, analysts said.",
    "Aircraft were heard over the town on Tuesday morning, but no bombing had been reported by midday.",
]
OWN = ("Fighters from a local defence force said on Tuesday that they now hold Kawlin, and that the army's "
       "remaining soldiers withdrew towards the south. Shops stayed shut and the market was empty, a trader said.")
MONITOR_PAGE_TEXT = [
    "At least 12,000 people have fled their homes in Mindat township in Chin state since the army began "
    "shelling villages around the town last week, a relief group said on Wednesday.",
    "Families are sheltering in forest camps without enough food or medicine, the group said in a statement, "
    "and more are expected to arrive as the shelling continues.",
    "Roads into the township have been closed by the military, making it hard for aid to reach the camps.",
]


def gzip_bomb(megabytes: int) -> bytes:
    """``megabytes`` of zeros, gzipped twice: served with ``Content-Encoding: gzip, gzip``, a few hundred bytes
    that inflate to the whole."""
    inner = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    zeros = bytes(1_000_000)
    once = b"".join(inner.compress(zeros) for _ in range(megabytes)) + inner.flush()
    return gzip.compress(once, 9)


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{escape(i['title'])}</title><link>{escape(i['link'])}</link><guid>{escape(i['link'])}</guid>"
        f"<pubDate>{i.get('date', formatdate(1710201600, usegmt=True))}</pubDate>"
        + (f"<description>{escape(i['summary'])}</description>" if "summary" in i else "")
        + (f"<content:encoded><![CDATA[{i['content']}]]></content:encoded>" if "content" in i else "")
        + "</item>" for i in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{escape(title)}</title>'
            f"<link>https://example.org/</link><description>news</description>{entries}</channel></rss>").encode()


def atom(title: str, items: list[dict[str, str]]) -> bytes:
    entries = "".join(
        f"<entry><title>{escape(i['title'])}</title><link href=\"{escape(i['link'])}\"/><id>{escape(i['link'])}</id>"
        f"<updated>2024-03-12T08:00:00Z</updated><content type=\"html\">{escape(i['content'])}</content></entry>"
        for i in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:test:{escape(title)}</id><updated>2024-03-12T08:00:00Z</updated>"
            f"{entries}</feed>").encode()


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def page(title: str, texts: list[str], outlet: str) -> bytes:
    return (f'<!doctype html><html><head><title>{escape(title)}</title>'
            f'<meta property="og:site_name" content="{escape(outlet)}">'
            f'<meta property="article:published_time" content="2024-03-13T09:00:00Z"></head><body>'
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{escape(title)}</h1>"
            f"{paragraphs(texts)}</article><footer>All rights reserved</footer></body></html>").encode()


def wire_and_copy(site: Site, folder: Path, courier_interval: int | None = None) -> Path:
    """A wire agency's feed with the Kawlin story, and a second outlet's Atom feed carrying it reworded and a
    paragraph short (answered a second later); the feeds file naming both, written into ``folder``."""
    site.routes["/wire/feed.xml"] = Route(rss("Wire Agency", [
        {"title": "Resistance forces capture Kawlin", "link": f"{site.base}/wire/kawlin",
         "content": paragraphs(WIRE)}]))
    site.routes["/courier/feed.atom"] = Route(atom("Daily Courier", [
        {"title": "Town falls to fighters", "link": f"{site.base}/courier/town-falls",
         "content": paragraphs(WIRE[:4] + WIRE[5:])}]), content_type="application/atom+xml",
        delay=1.0)  # the copy is read after the original, as a republished story is: else either could be first
    interval = f", interval: {courier_interval}" if courier_interval else ""
    feeds = folder / "feeds.yaml"
    feeds.write_text(f"per_host_delay: 0\nfeeds:\n  - {{name: wire, url: '{site.base}/wire/feed.xml'}}\n"
                     f"  - {{name: courier, url: '{site.base}/courier/feed.atom'{interval}}}\n")
    return feeds
