"""The server's limits, on short deadlines under uvicorn in this process: a head or body that stops coming is cut off
with a 408 however slowly it drips, an idle connection is closed, and past the connection limit the connection
waiting longest gives way (or, when every one is busy, the newcomer gets a 503). Then the pieces on their own: the
Host names answered, the log that says a thing once, the limits fitted to the open-file limit."""

import logging
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from stream.web.app import build_app
from stream.web.policy import HostNames
from stream.web.server import Limits, OncePer, web_server
from tests.kafka.conftest import free_port
from tests.web.test_serve import AUTH, TOKEN

SHORT = Limits(max_connections=3, head_s=0.5, body_s=1.0, idle_s=1)


class Kept(logging.Handler):
    """The records a logger gives, kept."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def running(limits: Limits) -> Iterator[tuple[int, list[logging.LogRecord]]]:
    """The app under uvicorn as `serve` runs it, in a thread; the records uvicorn logs as errors. Only routes that
    call no desk are asked here (health, and bodies that never end)."""
    app = build_app(desk=None, token=TOKEN)  # type: ignore[arg-type]
    port = free_port()
    server = web_server(app, "127.0.0.1", port, limits)
    handler = Kept()
    logging.getLogger("uvicorn.error").addHandler(handler)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
            time.sleep(0.02)
        yield port, handler.records
    finally:
        server.should_exit = True
        thread.join(10)
        logging.getLogger("uvicorn.error").removeHandler(handler)


def connect(port: int, start: bytes = b"") -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(start)
    return sock


def answer_of(sock: socket.socket, drip: bytes = b"", within: float = 5.0) -> tuple[bytes, float]:
    """What the server says before it closes the connection, and how long that took, dripping ``drip`` every
    0.1 s meanwhile."""
    started = time.monotonic()
    sock.settimeout(0.1)
    said = b""
    while time.monotonic() - started < within:
        try:
            got = sock.recv(4096)
        except TimeoutError:
            if drip:
                try:
                    sock.sendall(drip)
                except OSError:
                    pass
            continue
        except ConnectionResetError:
            break
        if not got:
            break
        said += got
    else:
        raise AssertionError(f"still open after {within} s")
    return said, time.monotonic() - started


def test_a_head_that_drips_is_cut_off_at_its_deadline_with_a_408() -> None:
    with running(SHORT) as (port, records):
        sock = connect(port, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        said, took = answer_of(sock, drip=b"X")
        assert said.startswith(b"HTTP/1.1 408 ") and took < 1.5
        assert b"frame-ancestors 'none'" in said and b"x-content-type-options: nosniff" in said
        silent, took = answer_of(connect(port))  # a connection that never says anything is closed as idle
        assert silent == b"" and 0.9 < took < 1.5
    assert not [r for r in records if r.levelno >= logging.ERROR]


def test_a_body_that_drips_is_cut_off_at_its_deadline_and_the_app_logs_nothing() -> None:
    with running(SHORT) as (port, records):
        head = (f"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {AUTH['Authorization']}\r\n"
                "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"text\": ").encode()
        said, took = answer_of(connect(port, head), drip=b" ")
        assert said.startswith(b"HTTP/1.1 408 ") and took < 2.0
        time.sleep(0.2)  # the app's read ends as the connection goes
    assert not [r for r in records if r.levelno >= logging.ERROR], [r.getMessage() for r in records]


def test_an_idle_kept_alive_connection_is_closed_without_a_word() -> None:
    with running(SHORT) as (port, _):
        sock = connect(port, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        said, took = answer_of(sock)
        assert said.startswith(b"HTTP/1.1 200 ") and said.endswith(b'{"status":"alive"}') and took < 2.0
        # A request answered before its body was read (401), its body sent after: then idle, not a slow head.
        sock = connect(port, b"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n")
        time.sleep(0.2)
        sock.sendall(b"[]")
        said, took = answer_of(sock)
        assert said.startswith(b"HTTP/1.1 401 ") and b"408" not in said and took < 1.5


def test_past_the_connection_limit_the_longest_waiting_gives_way_and_a_busy_server_says_503() -> None:
    with running(SHORT) as (port, _):
        waiting = [connect(port) for _ in range(3)]
        time.sleep(0.1)
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
        said, took = answer_of(waiting[0], within=0.5)
        assert said == b"" and took < 0.5  # closed to make room, without a word
        for sock in waiting:
            sock.close()
        time.sleep(0.1)
        head = (f"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {AUTH['Authorization']}\r\n"
                "Content-Length: 100\r\n\r\n[").encode()
        busy = [connect(port, head) for _ in range(3)]  # each in the middle of its body
        time.sleep(0.1)
        turned_away, _ = answer_of(connect(port, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), within=0.5)
        assert turned_away.startswith(b"HTTP/1.1 503 ") and b"frame-ancestors 'none'" in turned_away
        for sock in busy:
            sock.close()


@pytest.mark.parametrize(("host", "answered"), [
    (None, True), ("127.0.0.1", True), ("[::1]:8080", True), ("10.1.2.3:80", True), ("localhost", True),
    ("desk.localhost", True), ("desk.example.org", True), ("DESK.example.org.", True), ("x.wall.example.org", True),
    ("wall.example.org", False), ("example.org", False), ("", False), ("::1", False), ("desk.example.org:x", False),
    ("*.wall.example.org", False), ("desk.example.org evil", False), ("ÿþ", False),
])
def test_the_host_names_answered(host: str | None, answered: bool) -> None:
    names = HostNames.of("desk.example.org", ["*.wall.example.org"])
    assert names.allows(host) is answered


def test_an_allowed_host_that_is_no_name_is_refused_at_start() -> None:
    assert HostNames.of("0.0.0.0", [], "a.example.org, b.example.org").names == {"a.example.org", "b.example.org"}
    with pytest.raises(ValueError, match="'http://desk.example.org' is not a host name"):
        HostNames.of("127.0.0.1", ["http://desk.example.org"])


def test_the_log_says_a_thing_once_a_period_then_how_many_it_left_out() -> None:
    logger = logging.getLogger("tests.web.once")
    handler = Kept()
    logger.addHandler(handler)
    logger.addFilter(OncePer(0.3))
    try:
        for _ in range(1000):
            logger.warning("a client was cut off after %d s", 10)
        logger.warning("something else")
        time.sleep(0.35)
        logger.warning("a client was cut off after %d s", 10)
    finally:
        logger.removeHandler(handler)
    assert [record.getMessage() for record in handler.records] == [
        "a client was cut off after 10 s", "something else",
        "a client was cut off after 10 s (and 999 more like it in the last 0 s)"]


def test_limits_fit_the_open_file_limit_and_raise_it_when_they_may() -> None:
    script = ("import resource, sys; from stream.web.server import Limits; soft, hard = map(int, sys.argv[1:]); "
              "resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard)); fitted = Limits().fitted(); "
              "print(fitted.max_connections, fitted.backlog, resource.getrlimit(resource.RLIMIT_NOFILE)[0])")

    def fitted(soft: int, hard: int) -> list[int]:
        return [int(n) for n in subprocess.run([sys.executable, "-c", script, str(soft), str(hard)], check=True,
                                               capture_output=True, text=True).stdout.split()]

    assert fitted(256, 256) == [96, 24, 256]  # 256 files: 64 kept, 4 bursts of 24 accepts, 96 connections
    assert fitted(256, 4096) == [1000, 128, 1576]  # the soft limit raised to what 1000 connections need
