"""Hostile clients against a real `signalfire serve`: malformed queries and bodies answered with what to fix,
never a 500."""

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web.test_serve import AUTH, served


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
