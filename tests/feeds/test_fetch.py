"""The fetcher against a local site that means harm: decoding bombs, links into the desk's own network,
answers that never end, and what a server may ask of us. Real HTTP on loopback throughout."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from collections.abc import AsyncIterator
from email.utils import formatdate

import pytest

from stream.feeds.config import load_feeds
from stream.feeds.fetch import Fetcher, FetchError, retry_after
from tests.feeds.site import Route, Site, gzip_bomb, rss

SETTINGS = "per_host_delay: 0\ntimeout: 5\nmax_bytes: 200000\nfeeds:\n  - {{name: a, url: '{url}'}}\n"


@pytest.fixture
async def fetcher(site: Site) -> AsyncIterator[Fetcher]:
    made = Fetcher(load_feeds(SETTINGS.format(url=f"{site.base}/feed.xml")))
    yield made
    await made.close()


async def test_a_stacked_gzip_bomb_is_refused_at_the_cap_without_inflating_it(site: Site, fetcher: Fetcher) -> None:
    # 321 bytes that are 100 MB once both layers are undone; before, the inner layer was inflated whole.
    site.routes["/bomb.xml"] = Route(gzip_bomb(100), headers={"Content-Encoding": "gzip, gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(FetchError) as refused:
            await fetcher.get(f"{site.base}/bomb.xml")
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
    assert (await fetcher.get(f"{site.base}/feed.xml")).body == body


async def test_an_encoding_not_asked_for_is_refused_by_name(site: Site, fetcher: Fetcher) -> None:
    site.routes["/feed.xml"] = Route(b"\x28\xb5\x2f\xfd", headers={"Content-Encoding": "zstd"})
    with pytest.raises(FetchError) as refused:
        await fetcher.get(f"{site.base}/feed.xml")
    assert refused.value.reason == "unsupported Content-Encoding 'zstd' (only gzip, x-gzip, deflate are asked for)"


@pytest.mark.parametrize(("header", "seconds"), [
    ("120", 120.0), (" 7 ", 7.0), ("99999999999999999999", 1e12), ("0000000000000000000005", 5.0),
    ("-5", None), ("1e9", None), ("\u0663", None), ("soon", None), ("", None), (None, None),
    (formatdate(1_000_000_000 + 7200, usegmt=True), 7200.0), (formatdate(1_000_000_000 - 60, usegmt=True), 0.0),
    ("Sun, 06 Nov 99999 08:49:37 GMT", None),
])
def test_retry_after_is_read_in_both_its_forms_and_nothing_else(header: str | None, seconds: float | None) -> None:
    assert retry_after(header, now=1_000_000_000) == seconds
