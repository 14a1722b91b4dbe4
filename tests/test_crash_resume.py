"""Killing the process with SIGKILL mid-replay, then replaying again, ends with one clean run's alerts."""

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.builders import synthetic_corpus, write_jsonl
from tests.cli_helpers import cli, stored_alerts
from tests.conftest import DEFAULT_RULES

ARTICLES = 4000


def articles_in(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM log WHERE stream = 'articles'").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet


def kill_when(db: Path, archive: Path, at_least: int) -> int:
    """Start a replay, SIGKILL it once the store holds ``at_least`` articles; returns how many it held."""
    proc = subprocess.Popen(cli("replay", archive, "--db", db, "--rules", DEFAULT_RULES, "--json"),
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
