"""`signalfire serve` as a desk and an operator use it: a real server process on a free port, spoken to over HTTP."""

import asyncio
import functools
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx
import pytest

from stream.core.articles import article_from_json
from stream.embedded.store import EventStore
from tests.cli_helpers import stored_alerts
from tests.conftest import DEFAULT_RULES, SEEDS
from tests.kafka.conftest import free_port

TOKEN = "desk-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def seed(path: Path) -> dict:
    """A seed file as an API article: its text after the leading " date YYYY-MM-DD" marker, and that date."""
    text = path.read_text()
    marker = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s*", text)
    return {"text": text[marker.end():], "published": marker.group(1)} if marker else {"text": text}


KAWLIN = seed(SEEDS / "004_49c7442abbe22091.txt")["text"]


@contextmanager
def served(db: Path | None, *args: str, token: str | None = TOKEN, env: dict[str, str] | None = None,
           log: Path | None = None, files: int | None = None) -> Iterator[str]:
    """A `signalfire serve` on a free port, ready; ``db`` None for one over Kafka (``--broker`` in ``args``).
    Its log goes to ``log`` when given; ``files`` limits its open files (as ``ulimit -n`` does)."""
    port = free_port()
    env = {k: v for k, v in (env or os.environ).items() if k != "SIGNALFIRE_TOKEN"}
    if token:
        env["SIGNALFIRE_TOKEN"] = token
    store = ["--db", str(db)] if db is not None else []
    limited = None if files is None else functools.partial(resource.setrlimit, resource.RLIMIT_NOFILE, (files, files))
    stderr = log.open("w") if log is not None else subprocess.PIPE
    proc = subprocess.Popen([sys.executable, "-m", "stream.cli", "serve", *store, "--rules", str(DEFAULT_RULES),
                             "--port", str(port), *args], env=env, stderr=stderr, text=True,
                            preexec_fn=limited)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else log.read_text() if log else ""
            assert time.monotonic() < deadline, "the server did not become ready"
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        code = proc.wait(timeout=30)
        if log is not None:
            stderr.close()  # type: ignore[union-attr]
        assert code == 0


def kawlin(published: str = "2023-11-07") -> dict:
    return {"text": KAWLIN, "published": published, "source": "example-wire"}


def test_health_answers_to_anyone_and_every_write_needs_the_token(tmp_path: Path) -> None:
    with served(tmp_path / "s.db") as base:
        assert httpx.get(f"{base}/healthz").json() == {"status": "alive"}
        assert httpx.get(f"{base}/readyz").json()["status"] == "ready"
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            refused = httpx.post(f"{base}/api/articles", json=kawlin(), headers=headers)
            assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
            assert httpx.get(f"{base}/api/alerts", headers=headers).status_code == 401
        assert httpx.get(f"{base}/api/alerts", headers=AUTH).json() == {"alerts": [], "next": None}


def test_the_server_is_ready_only_once_it_has_folded_what_the_store_held_at_start(tmp_path: Path) -> None:
    """Articles stored and never folded (by `ingest`, or a start cut short) are caught up before /readyz says
    ready: a desk sent there by a probe sees their alerts, and nothing the probe lets through races the fold."""
    db = tmp_path / "s.db"
    days = [f"2024-{month:02d}-{day:02d}" for month in range(1, 13) for day in range(1, 29, 3)]
    # A line of its own keeps each copy a story of its own (an article's id is drawn from its text).
    articles = [{"text": f"{seed(path)['text']}\n\nEdition of {day}.", "published": day}
                for day in days for path in sorted(SEEDS.glob("*.txt"))]
    asyncio.run(_appended(db, articles))  # as `ingest --db` appends them
    with served(db) as base:
        ready = httpx.get(f"{base}/readyz").json()
        alerts = httpx.get(f"{base}/api/alerts", params={"limit": "500"}, headers=AUTH).json()["alerts"]
    assert ready["status"] == "ready"
    assert alerts and {alert["id"] for alert in alerts} == {alert["id"] for alert in stored_alerts(db)}


async def _appended(db: Path, articles: list[dict]) -> None:
    store = await EventStore.open(db)
    try:
        await store.append([("articles", article_from_json(json.dumps(item).encode(), date(2025, 1, 1)))
                            for item in articles])
    finally:
        await store.close()


def test_without_a_token_set_writes_are_refused_and_open_reads_need_none(tmp_path: Path) -> None:
    with served(tmp_path / "s.db", "--open-reads", token=None) as base:
        assert httpx.get(f"{base}/api/alerts").status_code == 200
        refused = httpx.post(f"{base}/api/articles", json=kawlin(), headers={"Authorization": "Bearer anything"})
        assert refused.status_code == 401 and "SIGNALFIRE_TOKEN" in refused.json()["error"]


def test_a_posted_article_reaches_the_live_feed_within_two_seconds_and_the_api_shows_its_alert(
        tmp_path: Path) -> None:
    with served(tmp_path / "s.db") as base:
        heard: list[tuple[float, dict]] = []
        listening = threading.Event()

        def listen() -> None:
            with httpx.stream("GET", f"{base}/api/stream", headers=AUTH, timeout=30) as feed:
                for line in feed.iter_lines():
                    listening.set()
                    if line.startswith("data:"):
                        heard.append((time.monotonic(), json.loads(line[5:])))
                        return

        threading.Thread(target=listen, daemon=True).start()
        assert listening.wait(10)
        posted_at = time.monotonic()
        answer = httpx.post(f"{base}/api/articles", json=[kawlin(), {"title": "no text"}], headers=AUTH)
        assert answer.status_code == 202
        [article_id] = answer.json()["articles"]
        [letter] = answer.json()["dead_letters"]
        assert letter["origin"] == "api:1" and "text" in letter["reason"]
        deadline = time.monotonic() + 5
        while not heard and time.monotonic() < deadline:
            time.sleep(0.02)
        [(heard_at, alert)] = heard  # the first alert the article raised
        assert heard_at - posted_at < 2.0
        assert alert["title"] in ("Kawlin (Sagaing) seized by resistance forces", "30,000 people displaced near Kawlin")
        assert alert["sources"][0]["article_id"] == article_id

        listed = httpx.get(f"{base}/api/alerts", params={"place": "sagaing"}, headers=AUTH).json()["alerts"]
        assert alert["title"] in {a["title"] for a in listed} and len(listed) >= 2
        fled = httpx.get(f"{base}/api/alerts", params={"rule": "mass-displacement"}, headers=AUTH).json()["alerts"]
        assert {a["rule"] for a in fled} == {"mass-displacement"}
        assert {"displaced": 30_000} in [a["figures"] for a in fled]
        assert httpx.get(f"{base}/api/alerts", params={"since": "2024-01-01"}, headers=AUTH).json()["alerts"] == []
        assert httpx.get(f"{base}/api/alerts", params={"severity": "low"}, headers=AUTH).json()["alerts"] == []
        assert len(httpx.get(f"{base}/api/alerts", params={"severity": "high"}, headers=AUTH).json()["alerts"]) >= 2
        one = httpx.get(f"{base}/api/alerts/{alert['id']}", headers=AUTH).json()
        assert one["evidence"][0]["trigger"] and one["deliveries"] == [] and one["actions"] == []
        features = httpx.get(f"{base}/api/alerts.geojson", headers=AUTH).json()["features"]
        # Every alert is on the map: the seizure of Kawlin at the town; deaths summed over Sagaing, which has no
        # coordinates of its own, at the centre of Sagaing's places, marked as such.
        every = httpx.get(f"{base}/api/alerts", headers=AUTH).json()["alerts"]
        assert {f["id"] for f in features} == {a["id"] for a in every}
        seizure = next(f for f in features if f["properties"]["rule"] == "place-seized")
        lon, lat = seizure["geometry"]["coordinates"]
        assert 94 < lon < 97 and 22 < lat < 25 and seizure["properties"]["precision"] == "town"
        assert seizure["properties"]["centroid"] is False
        region = next(f for f in features if f["properties"]["rule"] == "deaths-per-region-day")
        lon, lat = region["geometry"]["coordinates"]
        assert 93.5 < lon < 97 and 21.5 < lat < 27 and region["properties"]["precision"] == "admin1"
        assert region["properties"]["centroid"] is True
        assert httpx.get(f"{base}/api/alerts/al-nothing", headers=AUTH).status_code == 404


def test_alerts_come_a_page_at_a_time_newest_first_following_the_cursor(tmp_path: Path) -> None:
    with served(tmp_path / "s.db") as base:
        seeds = [seed(path) for path in sorted(SEEDS.glob("*.txt"))]
        assert httpx.post(f"{base}/api/articles", json=seeds, headers=AUTH).status_code == 202
        every = wait_for_alerts(base, 5)
        pages, cursor = [], None
        while True:
            params = {"limit": "2"} | ({"before": cursor} if cursor else {})
            answer = httpx.get(f"{base}/api/alerts", params=params, headers=AUTH).json()
            pages.append([a["id"] for a in answer["alerts"]])
            cursor = answer["next"]
            if cursor is None:
                break
        assert [i for page in pages for i in page] == [a["id"] for a in every]
        assert all(len(page) == 2 for page in pages[:-1]) and len(pages) >= 3
        # A cursor with a filter pages through that filter's alerts only.
        high = httpx.get(f"{base}/api/alerts", params={"severity": "high", "limit": "1"}, headers=AUTH).json()
        rest = httpx.get(f"{base}/api/alerts", params={"severity": "high", "before": high["next"]},
                         headers=AUTH).json()["alerts"]
        assert [a["id"] for a in high["alerts"] + rest] == [a["id"] for a in every if a["severity"] == "high"]


def wait_for_alerts(base: str, at_least: int) -> list[dict]:
    deadline = time.monotonic() + 20
    while True:
        alerts = httpx.get(f"{base}/api/alerts", headers=AUTH).json()["alerts"]
        if len(alerts) >= at_least or time.monotonic() > deadline:
            return alerts
        time.sleep(0.1)


def test_an_alert_lists_its_later_reports_in_the_order_they_came(tmp_path: Path) -> None:
    with served(tmp_path / "s.db") as base:
        later = {"text": KAWLIN + " Residents confirmed the account.", "published": "2023-11-09",
                 "source": "second-outlet"}
        assert httpx.post(f"{base}/api/articles", json=[kawlin(), later], headers=AUTH).status_code == 202
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            alerts = httpx.get(f"{base}/api/alerts", params={"rule": "place-seized"}, headers=AUTH).json()["alerts"]
            if alerts and alerts[0]["corroborated"]:
                break
            time.sleep(0.1)
        [seizure] = alerts
        one = httpx.get(f"{base}/api/alerts/{seizure['id']}", headers=AUTH).json()
        assert one["sources"][0]["source"] == "example-wire"
        assert [(c["source"], c["late"]) for c in one["corroborated"]] == [("second-outlet", False)]
        assert one["corroborated"][0]["event_date"] >= one["event_date"]


def test_an_acknowledgement_is_kept_in_the_log_across_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with served(db) as base:
        httpx.post(f"{base}/api/articles", json=kawlin(), headers=AUTH)
        deadline = time.monotonic() + 10
        while not (alerts := httpx.get(f"{base}/api/alerts", headers=AUTH).json()["alerts"]):
            assert time.monotonic() < deadline
            time.sleep(0.1)
        alert_id = alerts[0]["id"]
        acked = httpx.post(f"{base}/api/alerts/{alert_id}/ack", json={"by": "desk-1", "note": "called the office"},
                           headers=AUTH)
        assert acked.status_code == 201
        assert httpx.post(f"{base}/api/alerts/{alert_id}/assign", json={"by": "desk-1"},
                          headers=AUTH).status_code == 422
        assert httpx.post(f"{base}/api/alerts/al-nothing/ack", json={"by": "desk-1"}, headers=AUTH).status_code == 404
    with served(db) as base:
        [action] = httpx.get(f"{base}/api/alerts/{alert_id}", headers=AUTH).json()["actions"]
        assert (action["action"], action["by"], action["note"]) == ("ack", "desk-1", "called the office")
        assert httpx.get(f"{base}/api/alerts", headers=AUTH).json()["alerts"][0]["actions"] == [action]


def test_metrics_count_what_the_store_holds_after_the_seeds_are_posted(tmp_path: Path) -> None:
    seeds = [seed(path) for path in sorted(SEEDS.glob("*.txt"))]
    with served(tmp_path / "s.db") as base:
        answer = httpx.post(f"{base}/api/articles", json=[*seeds, {"text": "short"}, "not an article"], headers=AUTH)
        assert len(answer.json()["articles"]) == 5
        deadline = time.monotonic() + 20
        while "signalfire_alerts_total{" not in (text := httpx.get(f"{base}/metrics", headers=AUTH).text):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        time.sleep(1)  # every seed extracted and folded
        text = httpx.get(f"{base}/metrics", headers=AUTH).text
        alerts = httpx.get(f"{base}/api/alerts", headers=AUTH).json()["alerts"]
    values = {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
              if line and not line.startswith("#")}
    assert values["signalfire_articles_total"] == 5
    by_rule = {(a["rule"], a["tier"]): sum(1 for b in alerts if (b["rule"], b["tier"]) == (a["rule"], a["tier"]))
               for a in alerts}
    assert {k: v for k, v in values.items() if k.startswith("signalfire_alerts_total{")} == {
        f'signalfire_alerts_total{{rule="{rule}",tier="{tier}"}}': n for (rule, tier), n in by_rule.items()}
    assert values['signalfire_events_total{type="territory_seized"}'] >= 1
    assert values['signalfire_dead_letters_total{kind="no_text"}'] == 1  # by kind of reason, not its particulars
    assert sum(v for k, v in values.items() if k.startswith("signalfire_dead_letters_total")) == 2
    assert values["signalfire_article_to_alert_seconds_count"] == len(alerts)
    assert values["signalfire_rule_refusals_total"] == 0


def test_a_body_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with served(tmp_path / "s.db") as base:
        answer = httpx.post(f"{base}/api/articles", content=b"[" + b" " * (9 * 1024 * 1024) + b"]",
                            headers={**AUTH, "Content-Type": "application/json"})
        assert answer.status_code == 413
        assert httpx.post(f"{base}/api/articles", content=b"{nope", headers=AUTH).status_code == 400


@pytest.mark.parametrize("limit", ["0", "x", "99999"])
def test_a_bad_query_is_answered_with_what_to_fix(tmp_path: Path, limit: str) -> None:
    with served(tmp_path / "s.db") as base:
        answer = httpx.get(f"{base}/api/alerts", params={"limit": limit}, headers=AUTH)
        assert answer.status_code == 400 and "limit" in answer.json()["error"]


def test_a_server_with_a_reader_on_its_live_feed_stops_at_once_when_told(tmp_path: Path) -> None:
    ended = threading.Event()
    with served(tmp_path / "s.db") as base:
        opened = threading.Event()

        def listen() -> None:
            with httpx.stream("GET", f"{base}/api/stream", headers=AUTH, timeout=60) as feed:
                for _ in feed.iter_lines():
                    opened.set()
            ended.set()  # the server closed the feed

        threading.Thread(target=listen, daemon=True).start()
        assert opened.wait(10)
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 5 and ended.wait(1)


def test_a_silence_added_over_http_holds_back_the_alerts_it_matches_until_expired(tmp_path: Path) -> None:
    with served(tmp_path / "s.db") as base:
        wrong = httpx.post(f"{base}/api/silences", json={"rule": "place-seize", "until": "2030-01-01"}, headers=AUTH)
        assert wrong.status_code == 422 and "did you mean 'place-seized'" in wrong.json()["error"]
        wrong = httpx.post(f"{base}/api/silences", headers=AUTH,
                           json={"rule": "place-seized", "until": "2030-01-01", "match": {"admin1": "Sagain"}})
        assert wrong.status_code == 422 and "did you mean 'Sagaing'" in wrong.json()["error"]
        silence = httpx.post(f"{base}/api/silences", headers=AUTH, json={
            "rule": "place-seized", "until": "2030-01-01", "match": {"admin1": "Sagaing"}, "reason": "known"}).json()
        time.sleep(1.5)  # the service applies a new silence at its next poll
        httpx.post(f"{base}/api/articles", json=kawlin(), headers=AUTH)
        deadline = time.monotonic() + 10
        while not (silenced := httpx.get(f"{base}/api/alerts", params={"silenced": "true"}, headers=AUTH).json()
                   ["alerts"]):
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert [a["silenced_by"] for a in silenced] == [silence["id"]]
        assert "place-seized" not in {a["rule"] for a in httpx.get(f"{base}/api/alerts", headers=AUTH).json()["alerts"]}
        [listed] = httpx.get(f"{base}/api/silences", headers=AUTH).json()["silences"]
        assert listed["id"] == silence["id"] and listed["expired_at"] is None
        assert httpx.post(f"{base}/api/silences/{silence['id']}/expire", headers=AUTH).status_code == 200
        assert httpx.post(f"{base}/api/silences/{silence['id']}/expire", headers=AUTH).status_code == 409
        assert httpx.post(f"{base}/api/silences/sl-nothing/expire", headers=AUTH).status_code == 404
        assert httpx.get(f"{base}/api/silences", headers=AUTH).json()["silences"][0]["expired_at"] is not None
        anonymous = httpx.post(f"{base}/api/silences", json={"rule": "place-seized", "until": "2030-01-01"})
        assert anonymous.status_code == 401


def test_the_openapi_document_describes_every_route_the_server_answers(tmp_path: Path) -> None:
    from starlette.routing import Route

    from stream.web.app import build_app

    app = build_app(desk=None, token=None)  # type: ignore[arg-type]  # routes only: nothing is called
    served_routes = {(route.path, method.lower()) for route in app.routes if isinstance(route, Route)
                     for method in route.methods or () if method != "HEAD"}
    with served(tmp_path / "s.db") as base:
        document = httpx.get(f"{base}/openapi.json").json()
    described = {(path, method) for path, item in document["paths"].items() for method in item}
    assert document["openapi"].startswith("3.") and described == served_routes
    post = document["paths"]["/api/articles"]["post"]
    assert post["security"] == [{"bearer": []}] and "text" in post["requestBody"]["content"]["application/json"][
        "schema"]["oneOf"][0]["required"]


def test_metrics_after_a_replay_agree_with_the_store_s_own_counts(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    archive = tmp_path / "mixed.jsonl"
    archive.write_text("".join(json.dumps(seed(p)) + "\n" for p in sorted(SEEDS.glob("*.txt"))) + "{broken\n")
    command = [sys.executable, "-m", "stream.cli"]
    subprocess.run([*command, "replay", str(archive), "--db", str(db), "--json"], check=True, capture_output=True)
    stats = json.loads(subprocess.run([*command, "stats", "--db", str(db), "--json"], check=True,
                                      capture_output=True, text=True).stdout)
    with served(db) as base:
        text = httpx.get(f"{base}/metrics", headers=AUTH).text
    values = {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
              if line and not line.startswith("#")}

    def total(name: str) -> float:
        return sum(v for k, v in values.items() if k == name or k.startswith(name + "{"))

    assert (total("signalfire_articles_total"), total("signalfire_events_total"), total("signalfire_alerts_total"),
            total("signalfire_dead_letters_total")) == (stats["articles"], stats["events"], stats["alerts"],
                                                        stats["deadletters"])
    assert values['signalfire_dead_letters_total{kind="not_json"}'] == 1
