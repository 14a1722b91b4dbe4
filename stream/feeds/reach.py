"""Where a feed's fetches may go: its own host (as spelled in its URL, with its port) and public addresses, or
private ones too when the feed allows; and a connection made only to the very address that was checked."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class Refused(Exception):
    """A URL that may not be fetched for this feed, with why."""


def origin(url: str) -> tuple[str, int]:
    """The host (as the client will connect to it: lowercased, IDNA) and port of ``url``; Refused when the
    URL has no usable host or port."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise Refused(f"not a URL that can be fetched ({exc})") from None
    if parsed.scheme not in ("http", "https") or not parsed.raw_host:
        raise Refused(f"not an http(s) URL: {url[:200]}")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    if not 0 < port < 65536:
        raise Refused(f"port {port} is out of range")
    return parsed.raw_host.decode("ascii").lower(), port


@dataclass(frozen=True)
class Reach:
    """A feed's own host and port (``home``) is always fetched; elsewhere only public addresses are, unless
    ``allow_private``."""

    home: tuple[str, int]
    allow_private: bool = False

    @classmethod
    def of(cls, feed_url: str, allow_private: bool = False) -> Reach:
        return cls(origin(feed_url), allow_private)


@dataclass(frozen=True)
class Pin:
    """A host checked for a request, and the addresses it resolved to: the only ones it is connected to."""

    host: str
    port: int
    addresses: tuple[str, ...]


_PINNED: ContextVar[Pin | None] = ContextVar("signalfire_feeds_pin", default=None)


def not_public(address: Address) -> str | None:
    """What makes ``address`` unfit to fetch from for someone else's link, or None when it is public."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:  # an IPv4 address carried in IPv6 is judged as itself
            return not_public(embedded)
    for kind in ("loopback", "unspecified", "link_local", "multicast", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if address.is_global else "non-public"


async def check(url: str, reach: Reach) -> Pin:
    """Resolve ``url``'s host and judge every address it has; Refused unless it is the feed's own host, the
    feed allows private addresses, or every address is public."""
    host, port = origin(url)
    try:
        found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(f"cannot resolve {host}: {exc}") from None
    addresses = tuple(dict.fromkeys(str(info[4][0]) for info in found))
    if (host, port) != reach.home and not reach.allow_private:
        for text in addresses:
            kind = not_public(ipaddress.ip_address(text.split("%")[0]))
            if kind is not None:
                shown = host if host == text else f"{host} ({text})"
                raise Refused(f"{shown} is a {kind} address and not the feed's own host "
                              f"{reach.home[0]}:{reach.home[1]}; set allow_private: true on the feed to fetch it")
    return Pin(host, port, addresses)


def pinned(pin: Pin) -> Any:
    """Within this context, connections go to ``pin``'s addresses only (a token for ``unpin``)."""
    return _PINNED.set(pin)


def unpin(token: Any) -> None:
    _PINNED.reset(token)


class _PinnedBackend(httpcore.AnyIOBackend):
    """Connects to the addresses the request's host was checked at, never resolving it again: a name that
    resolves to a public address when checked and to a private one when connected (DNS rebinding) gets nowhere."""

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:
        pin = _PINNED.get()
        if pin is None or (pin.host, pin.port) != (host.lower(), port):
            raise httpcore.ConnectError(f"{host}:{port} was not checked before connecting")
        failure: Exception | None = None
        for address in pin.addresses:
            try:
                return await super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"{host} has no address")


def transport() -> httpx.AsyncHTTPTransport:
    """httpx's transport, its connection pool on the pinned backend (httpx takes no network backend itself)."""
    made = httpx.AsyncHTTPTransport()
    limits = httpx.Limits()
    made._pool = httpcore.AsyncConnectionPool(  # noqa: SLF001 (the one place httpx lets a backend in)
        ssl_context=httpx.create_ssl_context(), max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections, keepalive_expiry=limits.keepalive_expiry,
        network_backend=_PinnedBackend())
    return made
