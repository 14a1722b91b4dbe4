"""The fetcher against a local site that means harm: decoding bombs, links into the desk's own network,
answers that never end, and what a server may ask of us. Real HTTP on loopback throughout."""

from __future__ import annotations

import gzip
import ipaddress
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Iterator
from email.utils import formatdate

import httpx
import pytest

from stream.feeds.config import load_feeds
from stream.feeds.fetch import Fetcher, FetchError, retry_after
from stream.feeds.reach import Pin, Reach, not_public, pinned, transport, unpin
from tests.feeds.site import Route, Site, gzip_bomb, rss, serve

SETTINGS = ("per_host_delay: 0\ntimeout: 5\nmax_bytes: 200000\ndeadline: {deadline}\n"
            "feeds:\n  - {{name: a, url: '{url}'}}\n")


@pytest.fixture
def elsewhere() -> Iterator[Site]:
    """A second local service, on a port of its own: what a hostile link would reach into."""
    yield from serve(Site())


@pytest.fixture
async def fetcher(site: Site) -> AsyncIterator[Fetcher]:
    made = Fetcher(load_feeds(SETTINGS.format(deadline=1.5, url=f"{site.base}/feed.xml")))
    yield made
    await made.close()


def home(site: Site, allow_private: bool = False) -> Reach:
    return Reach.of(f"{site.base}/feed.xml", allow_private)


async def test_a_stacked_gzip_bomb_is_refused_at_the_cap_without_inflating_it(site: Site, fetcher: Fetcher) -> None:
    # 321 bytes that are 100 MB once both layers are undone; before, the inner layer was inflated whole.
    site.routes["/bomb.xml"] = Route(gzip_bomb(100), headers={"Content-Encoding": "gzip, gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(FetchError) as refused:
            await fetcher.get(f"{site.base}/bomb.xml", home(site))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000, f"{peak:,} bytes held while refusing it"
    assert refused.value.reason == "too large: over 200,000 bytes once decoded (Content-Encoding: gzip, gzip)"


@pytest.mark.parametrize(("encoding", "encode"), [
    ("gzip", gzip.compress),
    ("deflate", zlib.compress),  # zlib-wrapped, as RFC 9110 says
    ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw, as some servers send it
    ("gzip, gzip", lambda data: gzip.compress(gzip.compress(data))),
    ("identity", lambda data: data),
])
async def test_encoded_answers_under_the_cap_are_decoded_whole(site: Site, fetcher: Fetcher, encoding: str,
                                                                 encode: object) -> None:
    body = rss("Encoded", [{"title": f"Story {i}", "link": f"{site.base}/{i}", "summary": "x" * 500}
                           for i in range(280)])
    assert 150_000 < len(body) < 200_000
    site.routes["/feed.xml"] = Route(encode(body), headers={"Content-Encoding": encoding})  # type: ignore[operator]
    assert (await fetcher.get(f"{site.base}/feed.xml", home(site))).body == body


async def test_an_encoding_not_asked_for_is_refused_by_name(site: Site, fetcher: Fetcher) -> None:
    site.routes["/feed.xml"] = Route(b"\x28\xb5\x2f\xfd", headers={"Content-Encoding": "zstd"})
    with pytest.raises(FetchError) as refused:
        await fetcher.get(f"{site.base}/feed.xml", home(site))
    assert refused.value.reason == "unsupported Content-Encoding 'zstd' (only gzip, x-gzip, deflate are asked for)"


@pytest.mark.parametrize("spelling", ["127.1", "0x7f000001", "localhost", "127.0.0.1"])
async def test_a_link_to_another_local_service_is_refused_however_it_is_spelt(
        site: Site, elsewhere: Site, fetcher: Fetcher, spelling: str) -> None:
    elsewhere.routes["/admin"] = Route(b"secret", content_type="text/plain")
    port = elsewhere.base.rsplit(":", 1)[1]
    with pytest.raises(FetchError) as refused:
        await fetcher.get(f"http://{spelling}:{port}/admin", home(site))
    assert refused.value.reason.startswith(f"refused: {spelling}")
    assert refused.value.reason.endswith(f"is a loopback address and not the feed's own host 127.0.0.1:"
                                         f"{site.base.rsplit(':', 1)[1]}; set allow_private: true on the feed "
                                         "to fetch it")
    assert elsewhere.requests == []  # not even its robots.txt


async def test_the_feed_s_own_host_is_fetched_but_not_under_another_spelling(site: Site, fetcher: Fetcher) -> None:
    site.routes["/story"] = Route(b"<html>story</html>", content_type="text/html")
    assert (await fetcher.get(f"{site.base}/story", home(site))).body == b"<html>story</html>"
    own_port = site.base.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match=r"^refused: 127\.1 \(127\.0\.0\.1\) is a loopback address"):
        await fetcher.get(f"http://127.1:{own_port}/story", home(site))
    assert site.asked("/story") == [200]


async def test_a_redirect_is_judged_like_a_first_request_against_the_reach_and_robots_txt(
        site: Site, elsewhere: Site, fetcher: Fetcher) -> None:
    port = elsewhere.base.rsplit(":", 1)[1]
    site.routes["/go"] = Route(b"", status=302, location=f"http://localhost:{port}/admin")
    with pytest.raises(FetchError) as refused:
        await fetcher.get(f"{site.base}/go", home(site))
    assert refused.value.reason.startswith("refused: localhost (")
    assert refused.value.reason.endswith(f"(redirected to http://localhost:{port}/admin)")
    assert elsewhere.requests == []
    # Allowed to go there, the redirect still asks the other host's robots.txt, and obeys it.
    elsewhere.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /admin\n", content_type="text/plain")
    with pytest.raises(FetchError) as refused:
        await fetcher.get(f"{site.base}/go", home(site, allow_private=True))
    assert refused.value.reason == f"robots.txt disallows it (redirected to http://localhost:{port}/admin)"
    assert [path for path, _ in elsewhere.requests] == ["/robots.txt"]
    site.routes["/go-news"] = Route(b"", status=301, location=f"http://localhost:{port}/news")
    elsewhere.routes["/news"] = Route(b"<html>news</html>", content_type="text/html")
    fetched = await fetcher.get(f"{site.base}/go-news", home(site, allow_private=True))
    assert (fetched.url, fetched.body) == (f"http://localhost:{port}/news", b"<html>news</html>")


async def test_a_body_that_trickles_is_cut_at_the_deadline(site: Site, fetcher: Fetcher) -> None:
    # One byte every 0.5 s: each read is well inside the 5 s timeout, the whole never ends.
    site.routes["/slow.xml"] = Route(rss("Slow", []), trickle=0.5)
    started = time.monotonic()
    with pytest.raises(FetchError) as refused:
        await fetcher.get(f"{site.base}/slow.xml", home(site))
    assert refused.value.reason == "no whole answer within the 1.5 s deadline"
    assert time.monotonic() - started < 4


async def test_a_connection_goes_only_to_the_address_its_host_was_checked_at(site: Site) -> None:
    # A name that does not resolve at all still reaches the site: the connection never resolves it again, so a
    # name that resolves to a public address when checked cannot be sent to a private one when connected.
    site.routes["/feed.xml"] = Route(rss("Pinned", []))
    port = int(site.base.rsplit(":", 1)[1])
    async with httpx.AsyncClient(transport=transport()) as client:
        token = pinned(Pin("rebound.invalid", port, ("127.0.0.1",)))
        try:
            answer = await client.get(f"http://rebound.invalid:{port}/feed.xml")
        finally:
            unpin(token)
        assert answer.status_code == 200
        with pytest.raises(httpx.ConnectError, match="was not checked before connecting"):
            await client.get(f"http://127.0.0.2:{port}/feed.xml")


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.9", "private"), ("169.254.169.254", "link-local"),
    ("224.0.0.1", "multicast"), ("240.0.0.1", "reserved"), ("0.0.0.0", "unspecified"), ("100.64.0.1", "non-public"),
    ("::1", "loopback"), ("fe80::1", "link-local"), ("fc00::1", "private"), ("::ffff:127.0.0.1", "loopback"),
    ("2002:7f00:1::", "loopback"), ("64:ff9b::a00:1", "private"), ("93.184.215.14", None),
    ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", None),
])
def test_addresses_are_judged_public_or_what_they_are(address: str, kind: str | None) -> None:
    assert not_public(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize(("header", "seconds"), [
    ("120", 120.0), (" 7 ", 7.0), ("99999999999999999999", 1e12), ("0000000000000000000005", 5.0),
    ("-5", None), ("1e9", None), ("\u0663", None), ("soon", None), ("", None), (None, None),
    (formatdate(1_000_000_000 + 7200, usegmt=True), 7200.0), (formatdate(1_000_000_000 - 60, usegmt=True), 0.0),
    ("Sun, 06 Nov 99999 08:49:37 GMT", None),
])
def test_retry_after_is_read_in_both_its_forms_and_nothing_else(header: str | None, seconds: float | None) -> None:
    assert retry_after(header, now=1_000_000_000) == seconds
