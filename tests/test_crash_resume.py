"""Killing the process with SIGKILL mid-replay, then replaying again, ends with one clean run's alerts."""

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.builders import synthetic_corpus, write_jsonl
from tests.cli_helpers import cli, stored_alerts
from tests.conftest import DEFAULT_RULES, Receiver

ARTICLES = 4000


def articles_in(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM log WHERE stream = 'articles'").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet


def kill_when(db: Path, archive: Path, at_least: int, rules: Path = DEFAULT_RULES) -> int:
    """Start a replay, SIGKILL it once the store holds ``at_least`` articles; returns how many it held."""
    proc = subprocess.Popen(cli("replay", archive, "--db", db, "--rules", rules, "--json"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while articles_in(db) < at_least and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the replay finished before it could be killed: the test proves nothing"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return articles_in(db)


def test_sigkill_mid_replay_then_resume_gives_the_alerts_of_a_clean_run(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "archive.jsonl", synthetic_corpus(ARTICLES))
    clean = tmp_path / "clean.db"
    subprocess.run(cli("replay", archive, "--db", clean, "--rules", DEFAULT_RULES, "--json"),
                   check=True, capture_output=True)
    expected = stored_alerts(clean)
    assert len(expected) > 100

    crashed = tmp_path / "crashed.db"
    first = kill_when(crashed, archive, ARTICLES // 4)
    second = kill_when(crashed, archive, (ARTICLES * 2) // 3)
    assert 0 < first < second < ARTICLES
    subprocess.run(cli("replay", archive, "--db", crashed, "--rules", DEFAULT_RULES, "--json"),
                   check=True, capture_output=True)
    assert stored_alerts(crashed) == expected


def test_twenty_sigkills_with_a_live_webhook_leave_no_alert_undelivered(tmp_path: Path, receiver: Receiver) -> None:
    import re

    archive = write_jsonl(tmp_path / "archive.jsonl", synthetic_corpus(ARTICLES))
    rules = tmp_path / "rules.yaml"
    rules.write_text(DEFAULT_RULES.read_text().replace("channels: {}", f"channels:\n  desk: '{receiver.url}'")
                     .replace("    channels: []", "    channels: [desk]"))
    db = tmp_path / "killed.db"
    held = 0
    for kill in range(1, 21):
        held = kill_when(db, archive, max(held + 1, ARTICLES * kill // 22), rules)
    subprocess.run(cli("replay", archive, "--db", db, "--rules", rules, "--json"), check=True, capture_output=True)
    stored = {a["id"] for a in stored_alerts(db) if a.get("silenced_by") is None}
    assert len(stored) > 100
    sent = [re.search(r"alert (al-[0-9a-f]+)", m["message"]).group(1) for m in receiver.received]  # type: ignore[union-attr]
    assert set(sent) == stored  # every alert reached the desk
    # A repeat can only be a kill between the webhook's answer and its record: one alert, the same id.
    repeats = {alert for alert in sent if sent.count(alert) > 1}
    assert len(repeats) <= 20 and all(sent.count(alert) <= 2 for alert in repeats)
