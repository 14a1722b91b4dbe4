"""uvicorn as ``signalfire serve`` runs it: a request's head and body on deadlines, connections bounded below the
open-file limit, and a log that a flood of bad clients cannot flood."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import resource
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from stream.web.policy import HEADERS

log = logging.getLogger(__name__)
# Open files kept for what is not a client: the store's connections and journals, feeds and channels being fetched,
# the listening socket, the loop's own.
RESERVED_FILES = 64
MAX_BACKLOG = 128
# asyncio accepts up to the backlog at each turn of its loop, and a connection is seen (and one closed to make room
# for it, its socket freed) a few turns later: so many bursts may be open beyond the connections counted.
BURSTS = 4
LOG_EVERY_S = 10.0


@dataclass(frozen=True)
class Limits:
    """How long a client may take and how many may be connected at once."""

    max_connections: int = 1000
    idle_s: int = 5  # a connection with no request under way: new, or kept alive after one (timeout_keep_alive)
    head_s: float = 10.0  # from the first byte of a request to the end of its headers
    body_s: float = 60.0  # from its headers to the end of its body: 8 MB at about 1 Mbit/s
    max_head: int = 16 * 1024  # the request line and headers (h11's bound on an incomplete event)
    backlog: int = MAX_BACKLOG

    def fitted(self) -> Limits:
        """These limits within the open-file limit, raised first as far as the hard limit lets (as Go does):
        a connection over the limit would fail accept() again and again, and log each time."""
        backlog = min(self.backlog, MAX_BACKLOG)
        wanted = self.max_connections + BURSTS * backlog + RESERVED_FILES
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft != resource.RLIM_INFINITY and soft < wanted:
            raised = wanted if hard == resource.RLIM_INFINITY else min(hard, wanted)
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
            soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        if soft == resource.RLIM_INFINITY or soft >= wanted:
            return replace(self, backlog=backlog)
        room = max(soft - RESERVED_FILES, 16)
        backlog = max(2, min(backlog, room // (2 * BURSTS)))
        return replace(self, backlog=backlog,
                       max_connections=max(1, min(self.max_connections, room - BURSTS * backlog)))


def web_server(app: Any, host: str, port: int, limits: Limits) -> uvicorn.Server:
    """uvicorn serving ``app`` within ``limits`` (fitted to the open-file limit already), without signal handlers
    of its own: the service's stop ends it, so that the service's shutdown (a last snapshot, what digests hold)
    runs before the process exits."""

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            yield

    config = uvicorn.Config(app, host=host, port=port, lifespan="off", log_level="warning", access_log=False,
                            timeout_graceful_shutdown=5, http=guarded(limits), timeout_keep_alive=limits.idle_s,
                            h11_max_incomplete_event_size=limits.max_head, backlog=limits.backlog)
    # uvicorn's config has just set its loggers up; the app's logs a store that cannot be read at each request.
    for name in ("uvicorn.error", "asyncio", __name__, "stream.web.app"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, OncePer) for f in logger.filters):
            logger.addFilter(OncePer(LOG_EVERY_S))
    return Server(config)


def guarded(limits: Limits) -> type[H11Protocol]:
    """uvicorn's h11 protocol with a deadline on each thing a client may be slow at: saying nothing, sending a
    request's head, sending its body (uvicorn's own timers restart at each byte, so a drip holds them off for
    ever). At most ``limits.max_connections`` connections: a new one past it takes the place of the one that has
    waited longest with no request whole (an idle or slow client), or is turned away with a 503 when every
    connection is busy with a request."""
    deadlines = {"idle": limits.idle_s, "head": limits.head_s, "body": limits.body_s}
    waiting: OrderedDict[Guarded, None] = OrderedDict()  # connections with no request whole, oldest first

    def make_room(connections: set[Any]) -> bool:
        while waiting:
            oldest, _ = waiting.popitem(last=False)
            if not oldest.transport.is_closing():
                log.warning("connections at the limit (%d): the longest waiting for a request was closed",
                            limits.max_connections)
                oldest.close()
                connections.discard(oldest)  # its socket closes at the loop's next turn; its place is free now
                return True
        return False

    class Guarded(H11Protocol):
        _phase: str | None = None
        _timer: asyncio.TimerHandle | None = None
        _turned_away = False

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            if len(self.connections) >= limits.max_connections and not make_room(self.connections):
                log.warning("connections at the limit (%d), each busy with a request: a new one was turned away",
                            limits.max_connections)
                self._turned_away = True
                transport.write(_plain(503, "the server has as many connections as it takes: try again shortly"))
                transport.close()
                return
            super().connection_made(transport)
            self._follow()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            self._follow()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._follow()

        def connection_lost(self, exc: Exception | None) -> None:
            self._enter(None)
            if not self._turned_away:
                super().connection_lost(exc)

        def close(self) -> None:
            self._enter(None)
            self.transport.close()

        def _follow(self) -> None:
            """Start the deadline of what the client owes now: a request, the rest of its head, or its body."""
            state = self.conn.their_state
            if self.transport.is_closing():
                phase = None
            elif state is h11.IDLE:  # h11 holds what it has of a head until the head is whole
                phase = "head" if self.conn.trailing_data[0] else "idle"
            else:
                phase = "body" if state is h11.SEND_BODY else None
            if phase != self._phase:
                self._enter(phase)

        def _enter(self, phase: str | None) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            waiting.pop(self, None)
            self._phase = phase
            if phase is not None:
                if phase != "body":
                    waiting[self] = None
                self._timer = self.loop.call_later(deadlines[phase], self._expire, phase)

        def _expire(self, phase: str) -> None:
            """Close a connection past its deadline: silently when it owes no request (as a kept-alive one is
            closed), with a 408 when a request was under way and no answer has begun."""
            self._timer = None
            if self.transport.is_closing():
                return
            if phase != "idle":
                log.warning("a request's %s did not come whole within %g s: its connection was closed", phase,
                            deadlines[phase])
                if phase == "head" or not self.cycle.response_started:  # a body's request may be answered early
                    self.transport.write(_plain(408, f"the request's {phase} did not come in time"))
            self.close()

    return Guarded


def _plain(status: int, text: str) -> bytes:
    """A whole response written straight to a connection that no request owns, closing it."""
    body = text.encode()
    head = [f"HTTP/1.1 {status} {'Request Timeout' if status == 408 else 'Service Unavailable'}",
            "content-type: text/plain; charset=utf-8", f"content-length: {len(body)}", "connection: close",
            *(f"{name.decode()}: {value.decode()}" for name, value in HEADERS)]
    return "\r\n".join(head).encode() + b"\r\n\r\n" + body


class OncePer(logging.Filter):
    """Each kind of message once per ``period`` seconds; the next after a quiet spell says how many were left
    out. A thousand bad clients make one line, not a thousand (nor a thousand tracebacks)."""

    def __init__(self, period: float) -> None:
        super().__init__()
        self.period = period
        self._last: dict[tuple[str, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg).split("\n", 1)[0])  # asyncio's messages go on with a repr
        now = time.monotonic()
        last, left_out = self._last.get(key, (-self.period, 0))
        if now - last < self.period:
            self._last[key] = (last, left_out + 1)
            return False
        self._last[key] = (now, 0)
        if left_out:
            record.msg = f"{record.getMessage()} (and {left_out} more like it in the last {now - last:.0f} s)"
            record.args = ()
        return True
