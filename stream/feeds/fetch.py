"""Polite, guarded HTTP for feeds and pages: robots.txt, pacing, validators, where a URL may go, size and time caps."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import TypeVar
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from stream.feeds.config import FeedsFile
from stream.feeds.decode import ENCODINGS, Decoder, Undecodable
from stream.feeds.reach import Pin, Reach, Refused, check, pinned, transport, unpin

log = logging.getLogger("signalfire.feeds")
T = TypeVar("T")


class FetchError(Exception):
    """A fetch that gave nothing usable, with what happened; ``retry_after`` when the server said when."""

    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason, self.status, self.retry_after = reason, status, retry_after


@dataclass(frozen=True)
class Fetched:
    """A response: 304 (not modified) has no body."""

    status: int
    url: str
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str


@dataclass
class _Host:
    gate: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last: float = 0.0
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    robots: RobotFileParser | None = None
    robots_at: float = 0.0


ROBOTS_KEPT = 3600.0  # seconds a host's robots.txt is trusted before it is read again
ROBOTS_RETRY = 60.0  # seconds before an unreachable robots.txt is tried again


class Fetcher:
    """One client for every feed and page: each host is asked at most ``per_host_concurrency`` things at a
    time and no sooner than ``per_host_delay`` after the last, and only for what its robots.txt allows; every
    URL, redirects included, only where the feed's ``Reach`` lets it go."""

    def __init__(self, settings: FeedsFile) -> None:
        self.settings = settings
        # Redirects are followed here, not by httpx, so that each one is judged like a first request.
        self.client = httpx.AsyncClient(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": ", ".join(ENCODINGS)},
            timeout=settings.timeout, follow_redirects=False, transport=transport())
        self._hosts: dict[str, _Host] = {}
        self.requests = 0

    async def close(self) -> None:
        await self.client.aclose()

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        if key not in self._hosts:
            self._hosts[key] = _Host(asyncio.Semaphore(self.settings.per_host_concurrency))
        return self._hosts[key]

    async def get(self, url: str, reach: Reach, etag: str | None = None, last_modified: str | None = None
                  ) -> Fetched:
        """GET ``url``, conditionally when ``etag`` or ``last_modified`` is known; FetchError when out of
        ``reach``, refused by robots.txt, failed, over the size cap or the deadline, or answered with anything
        but 200 or 304 (after redirects)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return await self._follow(url, reach, headers, robots=True)

    async def _follow(self, url: str, reach: Reach, headers: dict[str, str], robots: bool) -> Fetched:
        """One answer, through its redirects: each URL is checked against the reach and robots.txt before it
        is asked, and the time spent asking (not waiting for the host's turn) is held to the deadline."""
        budget = [self.settings.deadline]  # seconds left, shared by the redirects
        for hop in range(self.settings.max_redirects + 1):
            try:
                pin = await self._within(budget, check(url, reach))
            except Refused as exc:
                raise FetchError(f"refused: {exc}" + (f" (redirected to {url})" if hop else "")) from None
            if robots and not await self.allowed(url, reach):
                raise FetchError("robots.txt disallows it" + (f" (redirected to {url})" if hop else ""))
            fetched = await self._paced(url, headers, pin, budget)
            if isinstance(fetched, Fetched):
                return fetched
            url = fetched
        raise FetchError(f"more than {self.settings.max_redirects} redirects (a loop?)")

    async def _paced(self, url: str, headers: dict[str, str], pin: Pin, budget: list[float]) -> Fetched | str:
        host = self._host(url)
        async with host.gate:
            async with host.lock:  # the delay is between the starts of two requests to the host
                wait = host.last + self.settings.per_host_delay - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                host.last = time.monotonic()
            token = pinned(pin)
            try:
                return await self._within(budget, self._request(url, headers))
            finally:
                unpin(token)

    async def _within(self, budget: list[float], work: Awaitable[T]) -> T:
        """``work`` within the seconds left of the deadline, and those left less the time it took."""
        started = time.monotonic()
        try:
            async with asyncio.timeout(budget[0]):
                return await work
        except TimeoutError:
            raise FetchError(f"no whole answer within the {self.settings.deadline:g} s deadline") from None
        finally:
            budget[0] -= time.monotonic() - started

    async def _request(self, url: str, headers: dict[str, str]) -> Fetched | str:
        """The answer, or where a redirect points."""
        self.requests += 1
        try:
            async with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    await response.aread()  # read to its (empty) end, so that the connection is kept for the next poll
                    return Fetched(304, str(response.url), b"", response.headers.get("etag"),
                                   response.headers.get("last-modified"), "")
                if response.is_redirect:
                    await response.aclose()
                    try:
                        return urljoin(str(response.url), response.headers["location"])
                    except ValueError as exc:
                        raise FetchError(f"a redirect to something that is no URL ({exc})") from None
                if response.status_code != 200:
                    raise FetchError(f"HTTP {response.status_code}", response.status_code,
                                     retry_after(response.headers.get("retry-after")))
                return Fetched(200, str(response.url), await self._body(response), response.headers.get("etag"),
                               response.headers.get("last-modified"), response.headers.get("content-type", ""))
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.settings.timeout:g} s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from None

    async def _body(self, response: httpx.Response) -> bytes:
        """The decoded body, refused as soon as any stage of decoding passes ``max_bytes``."""
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > cap:
            raise FetchError(f"too large: {int(declared):,} bytes declared (the cap is {cap:,})")
        try:
            decoder = Decoder(response.headers.get("content-encoding", ""), cap)
            body = bytearray()
            async for raw in response.aiter_raw():
                for piece in decoder.feed(raw):
                    body += piece
            for piece in decoder.end():
                body += piece
        except Undecodable as exc:
            raise FetchError(str(exc)) from None
        return bytes(body)

    async def allowed(self, url: str, reach: Reach) -> bool:
        """Whether robots.txt lets this user agent fetch ``url`` (RFC 9309: a missing file allows all, an
        unreachable one allows nothing until it can be read)."""
        host = self._host(url)
        async with host.robots_lock:  # one read of robots.txt for all the host's waiting requests
            if host.robots is None or time.monotonic() - host.robots_at > ROBOTS_KEPT:
                await self._read_robots(url, host, reach)
        assert host.robots is not None
        return host.robots.can_fetch(self.settings.user_agent, url)

    async def _read_robots(self, url: str, host: _Host, reach: Reach) -> None:
        parts = urlsplit(url)
        robots = RobotFileParser()
        read_at = time.monotonic()
        try:
            fetched = await self._follow(f"{parts.scheme}://{parts.netloc}/robots.txt", reach, {}, robots=False)
            robots.parse(fetched.body.decode("utf-8", "replace").splitlines())
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                robots.parse([])  # no file: everything allowed
            else:
                log.warning("robots.txt of %s unreadable (%s): nothing fetched there for now", parts.netloc,
                            exc.reason)
                robots.parse(["User-agent: *", "Disallow: /"])
                read_at -= ROBOTS_KEPT - ROBOTS_RETRY  # asked again soon, not in an hour
        host.robots, host.robots_at = robots, read_at


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` asks to wait, in either of its forms (RFC 9110: a number of seconds, or an
    HTTP date); None when it is neither. How long is obeyed at most is the caller's to bound."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit():
        digits = value.lstrip("0") or "0"
        return float(digits) if len(digits) <= 12 else 1e12  # never a number too long to be read as one
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)  # HTTP dates are in GMT
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
