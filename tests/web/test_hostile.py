"""Hostile clients against a real `signalfire serve`: slow connections cut off and bounded, with a log that cannot
flood; Host names only DNS rebinding would send refused; the page's policy on every response; malformed queries and
bodies answered with what to fix, never a 500."""

import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web.test_serve import AUTH, served

POLICY = "frame-ancestors 'none'"


def port_of(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def open_slow(port: int) -> socket.socket | None:
    """A connection that starts a request and never ends its headers; None when the server would not take it."""
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=3)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    except OSError:
        return None
    return sock


def cut_off(sock: socket.socket) -> bool:
    """Whether the server has closed the connection (whatever it said before)."""
    sock.setblocking(False)
    try:
        while sock.recv(4096):
            pass
    except BlockingIOError:
        return False
    except OSError:  # reset
        return True
    return True


def test_slow_clients_are_cut_off_their_number_bounded_and_health_still_answers(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    with served(tmp_path / "s.db", log=log, files=128) as base:
        slow = [sock for sock in (open_slow(port_of(base)) for _ in range(200)) if sock is not None]
        for _ in range(3):
            asked = time.monotonic()
            assert httpx.get(f"{base}/healthz", timeout=5).status_code == 200
            assert time.monotonic() - asked < 1.0
        for _ in range(50):  # requests that are not HTTP: each refused, none may cost a line of log
            with socket.create_connection(("127.0.0.1", port_of(base)), timeout=3) as garbage:
                garbage.sendall(b"\x16\x03\x01 not http\r\n\r\n")
        # A header a second keeps each slow request going: the deadline is on the whole head, not between bytes.
        deadline = time.monotonic() + 20
        while (held := [sock for sock in slow if not cut_off(sock)]) and time.monotonic() < deadline:
            for sock in held:
                try:
                    sock.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    pass
            time.sleep(1)
        assert not held, f"{len(held)} of {len(slow)} slow clients still held after 20 s"
        assert httpx.get(f"{base}/healthz", timeout=5).status_code == 200
    for sock in slow:
        sock.close()
    lines = log.read_text().splitlines()
    assert len(lines) <= 12, "\n".join(lines[:40])


HOSTS = [  # (Host, answered): names a page of another site could make a browser send are refused
    ("evil.example", False), ("evil.example:{port}", False), ("127.0.0.1.evil.example", False),
    ("localhost.evil.example", False), ("desk.example.org.evil.example", False), ("", False), ("a b", False),
    ("127.0.0.1:{port}", True), ("localhost:{port}", True), ("LOCALHOST", True), ("[::1]:{port}", True),
    ("192.0.2.7", True),  # an address names no one: a rebinding page is always reached by a name
    ("desk.example.org", True), ("Desk.Example.Org.:{port}", True), ("wall.example.org:8080", True),
    ("a.desk.example.net", True), ("desk.example.net", False),
]


def test_a_host_name_only_dns_rebinding_would_send_is_refused_even_with_open_reads(tmp_path: Path) -> None:
    env = {**os.environ, "SIGNALFIRE_ALLOWED_HOSTS": "wall.example.org, *.desk.example.net"}
    with served(tmp_path / "s.db", "--open-reads", "--allowed-host", "desk.example.org", env=env) as base:
        for host, answered in HOSTS:
            host = host.format(port=port_of(base))
            answer = httpx.get(f"{base}/api/alerts", headers={"Host": host})
            assert answer.status_code == (200 if answered else 421), host
            if not answered:
                assert "--allowed-host" in answer.json()["error"] and "alerts" not in answer.json()
        for path in ("/", "/static/desk.html", "/static/desk.js", "/healthz", "/metrics"):
            assert httpx.get(f"{base}{path}", headers={"Host": "evil.example"}).status_code == 421, path


def test_without_allowed_hosts_only_addresses_and_localhost_are_answered(tmp_path: Path) -> None:
    with served(tmp_path / "s.db", "--open-reads") as base:
        port = port_of(base)
        assert httpx.get(f"{base}/api/alerts", headers={"Host": f"localhost:{port}"}).status_code == 200
        assert httpx.get(f"{base}/api/alerts").status_code == 200
        refused = httpx.get(f"{base}/api/alerts", headers={"Host": f"desk.example.org:{port}"})
        assert refused.status_code == 421
        assert refused.json() == {"error": "Host 'desk.example.org' is not a name of this server: name it with "
                                           "--allowed-host or SIGNALFIRE_ALLOWED_HOSTS"}


def test_every_response_carries_the_page_s_policy_static_files_and_refusals_included(tmp_path: Path) -> None:
    with served(tmp_path / "s.db") as base:
        for path, status, headers in [("/", 200, {}), ("/static/desk.html", 200, {}), ("/static/desk.js", 200, {}),
                                      ("/static/desk.css", 200, {}), ("/static/vendor/leaflet/LICENSE", 200, {}),
                                      ("/healthz", 200, {}), ("/api/alerts", 401, {}), ("/nothing", 404, {}),
                                      ("/static/nothing.js", 404, {}), ("/api/alerts", 421, {"Host": "evil.example"})]:
            answer = httpx.get(f"{base}{path}", headers=headers)
            assert answer.status_code == status, path
            policy = answer.headers.get("content-security-policy", "")
            assert POLICY in policy and "default-src 'self'" in policy and "script-src" not in policy, path
            assert answer.headers.get("x-content-type-options") == "nosniff", path
        page = httpx.get(f"{base}/static/desk.html")
        assert page.headers["content-type"].startswith("text/html")
        assert httpx.get(f"{base}/static/desk.js").headers["content-type"].split(";")[0] in (
            "text/javascript", "application/javascript")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("hostile")
    with served(folder / "s.db", log=folder / "serve.log") as base:
        yield base, folder / "serve.log"


MALFORMED = [  # (method, path, body, status, what the error names)
    ("GET", "/api/alerts?limit=%C2%B2", None, 400, "limit='²'"),
    ("GET", "/api/alerts?limit=" + "9" * 5000, None, 400, "limit="),
    ("GET", "/api/alerts?limit=%EF%BC%91", None, 400, "limit='１'"),
    ("GET", "/api/alerts?limit=1&limit=2", None, 400, "limit: given twice"),
    ("GET", "/api/alerts.geojson?limit=%C2%B2", None, 400, "limit='²'"),
    ("GET", "/api/alerts?since=20240101", None, 400, "since='20240101'"),
    ("GET", "/api/alerts?since=" + "9" * 5000, None, 400, "since="),
    ("GET", "/api/alerts?until=2024-02-30", None, 400, "until='2024-02-30'"),
    ("GET", "/api/alerts?rule=%00", None, 400, "rule="),
    ("GET", "/api/alerts?rule=" + "r" * 5000, None, 400, "rule="),
    ("GET", "/api/alerts?place=a%0Ab", None, 400, "place="),
    ("GET", "/api/alerts?severity=huge", None, 400, "severity='huge'"),
    ("GET", "/api/alerts?tier=x", None, 400, "tier='x'"),
    ("GET", "/api/alerts?pending=yes", None, 400, "pending='yes'"),
    ("GET", "/api/alerts?silenced=maybe", None, 400, "silenced='maybe'"),
    ("GET", "/api/alerts.geojson?silenced=1", None, 400, "silenced='1'"),
    ("GET", "/api/alerts?before=%00", None, 400, "before="),
    ("POST", "/api/articles", b"1" * 5000, 400, "not JSON"),
    ("POST", "/api/articles", b"[" * 100_000, 400, "not JSON"),
    ("POST", "/api/articles", b"\xff\xfe", 400, "not JSON"),
    ("POST", "/api/alerts/al-x/ack", b'{"by": "\\ud800"}', 422, "JSON"),
    ("POST", "/api/alerts/al-x/ack", b"\xff", 422, "JSON"),
    ("POST", "/api/alerts/al-x/ack", b"[]", 422, "object"),
    ("POST", "/api/silences", b'{"rule": "place-seized", "until": "99999-01-01"}', 422, "until"),
    ("POST", "/api/silences", b'{"rule": "place-seized", "until": "2030-01-01", "match": {"\\ud800": "x"}}', 422,
     "JSON"),
]


@pytest.mark.parametrize(("method", "path", "body", "status", "named"), MALFORMED,
                         ids=[f"{m} {p[:48]} {b[:24]!r}" if b else f"{m} {p[:48]}" for m, p, b, _, _ in MALFORMED])
def test_a_malformed_query_or_body_is_answered_with_what_to_fix(server: tuple[str, Path], method: str, path: str,
                                                                 body: bytes | None, status: int, named: str) -> None:
    base, _ = server
    answer = httpx.request(method, f"{base}{path}", content=body, headers=AUTH)
    assert answer.status_code == status, answer.text
    assert named in answer.json()["error"]


@pytest.mark.parametrize(("article", "reason"), [
    (b'{"text": "\\ud800 is no text, though the rest of it is long enough"}',
     "'text' holds a lone surrogate (\\ud800) at character 0: it is not text"),
    (b'[{"text": "A text that is long enough to be an article.", "title": "\\udfff"}]',
     "'title' holds a lone surrogate (\\udfff) at character 0: it is not text"),
    (b'{"text": "A text that is long enough to be an article.", "published": "\\ud800"}',
     "'published' is not an ISO date: '\\ud800'"),
])
def test_an_article_holding_a_lone_surrogate_is_a_dead_letter_saying_so(server: tuple[str, Path], article: bytes,
                                                                        reason: str) -> None:
    """As replay takes a line: a batch's other articles go on, and the dead letter keeps the article as it came."""
    base, _ = server
    answer = httpx.post(f"{base}/api/articles", content=article, headers=AUTH)
    assert answer.status_code == 202, answer.text
    [letter] = answer.json()["dead_letters"]
    assert answer.json()["articles"] == [] and letter["reason"] == reason


def test_no_malformed_request_cost_a_traceback(server: tuple[str, Path]) -> None:
    base, log = server
    for method, path, body, _, _ in MALFORMED:
        httpx.request(method, f"{base}{path}", content=body, headers=AUTH)
    assert "Traceback" not in log.read_text() and "Exception in ASGI" not in log.read_text()
    assert json.loads(httpx.get(f"{base}/healthz").text) == {"status": "alive"}
