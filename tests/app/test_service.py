"""signalfire run: the same alerts as replay, and rules hot-reloaded from a real file change."""

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from replay.sources import read_inputs
from tests.cli_helpers import cli, stored_alerts
from tests.conftest import DEFAULT_RULES, ROOT, SEEDS


def test_live_run_fed_the_articles_raises_the_replays_alerts(tmp_path: Path) -> None:
    subprocess.run(cli("replay", SEEDS, "--db", tmp_path / "replay.db", "--rules", DEFAULT_RULES), check=True,
                   capture_output=True)
    lines = "".join(item.model_dump_json() + "\n" for item in read_inputs([SEEDS]))
    live = subprocess.run(cli("run", "--db", tmp_path / "live.db", "--rules", DEFAULT_RULES, "--json", "--stdin",
                              "--interval", "0.05"), input=lines, capture_output=True, text=True, timeout=120)
    assert live.returncode == 0, live.stderr
    printed = [json.loads(line)["id"] for line in live.stdout.splitlines()]
    expected = stored_alerts(tmp_path / "replay.db")
    assert stored_alerts(tmp_path / "live.db") == expected
    assert printed == [a["id"] for a in expected]


RULES = """rules:
  - id: displaced
    kind: threshold
    title: "{{value}} displaced near {{place}}"
    field: displaced
    threshold: {threshold}
"""


def article(n: int, count: int, town: str) -> str:
    return json.dumps({"id": f"live-{n}", "published": f"2024-03-{10 + n:02d}",
                       "text": f"About {count:,} people fled their homes in {town} Township on Monday."}) + "\n"


def count(db: Path, stream: str) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM log WHERE stream = ?", (stream,)).fetchone()[0])


def wait_for(predicate, what: str, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_rules_file_changes_are_hot_reloaded_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    rules, inbox, db = tmp_path / "rules.yaml", tmp_path / "inbox", tmp_path / "live.db"
    inbox.mkdir()
    rules.write_text(RULES.format(threshold=10_000))
    stdout, stderr = (tmp_path / "out").open("w+"), (tmp_path / "err").open("w+")
    proc = subprocess.Popen(cli("run", "--watch", inbox, "--db", db, "--rules", rules, "--json", "--no-stdin",
                                "--interval", "0.1"), stdout=stdout, stderr=stderr, cwd=ROOT)
    try:
        def alerts() -> list[dict]:
            return [json.loads(line) for line in Path(stdout.name).read_text().splitlines()]

        def log() -> str:
            return Path(stderr.name).read_text()

        wait_for(lambda: "signalfire running" in log(), "the service to start")
        (inbox / "a.jsonl").write_text(article(1, 5_000, "Demoso"))
        wait_for(lambda: count(db, "events") == 1, "the first article's event")
        assert stored_alerts(db) == []
        rules.write_text(RULES.format(threshold=1_000))
        wait_for(lambda: "rules reloaded" in log(), "the reload")
        with (inbox / "a.jsonl").open("a") as f:
            f.write(article(2, 6_000, "Loikaw"))
        wait_for(lambda: len(alerts()) == 1, "an alert under the new rules")
        first = alerts()[0]
        assert first["title"] == "6,000 displaced near Loikaw"

        rules.write_text(RULES.format(threshold="lots"))
        wait_for(lambda: "refused; keeping the last good rules" in log(), "the refusal")
        assert f"{rules}:6:5: rules[0].threshold: Input should be a valid integer" in log()
        with (inbox / "a.jsonl").open("a") as f:
            f.write(article(12, 7_000, "Hpakant"))
        wait_for(lambda: len(alerts()) == 2, "an alert under the last good rules")
        assert alerts()[1]["title"] == "7,000 displaced near Hpakant"
        assert alerts()[1]["rule_version"] == first["rule_version"]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    assert proc.returncode == 0
    assert os.path.exists(db)


TWO_RULES = RULES.format(threshold=1_000) + """  - id: seized
    kind: control_change
    title: "{place} seized"
    match: {type: territory_seized}
"""


def test_fifty_rewrites_while_articles_flow_never_put_half_a_file_in_force(tmp_path: Path) -> None:
    rules, inbox, db = tmp_path / "rules.yaml", tmp_path / "inbox", tmp_path / "live.db"
    inbox.mkdir()
    full = TWO_RULES
    rules.write_text(full)
    stdout, stderr = (tmp_path / "out").open("w+"), (tmp_path / "err").open("w+")
    proc = subprocess.Popen(cli("run", "--watch", inbox, "--db", db, "--rules", rules, "--json", "--no-stdin",
                                "--interval", "0.05"), stdout=stdout, stderr=stderr, cwd=ROOT)
    try:
        wait_for(lambda: "signalfire running" in Path(stderr.name).read_text(), "the service to start")
        for n in range(50):
            # A slow save: the file empty, then cut after its first rule (valid YAML, one rule), then whole;
            # each stays longer than a poll.
            version = full.replace("1000", str(1_000 + n + 1))
            rules.write_text("")
            time.sleep(0.08)
            rules.write_text(version[: version.index("  - id: seized")])
            time.sleep(0.08)
            rules.write_text(version)
            (inbox / f"a{n}.jsonl").write_text(article(n % 15, 2_000 + n, "Loikaw"))
            time.sleep(0.02)
        wait_for(lambda: "threshold: 1050" in rules.read_text() and "rules reloaded" in Path(stderr.name).read_text(),
                 "a reload")
        time.sleep(1.0)  # the last version settles
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    reloads = [line for line in Path(stderr.name).read_text().splitlines() if "rules reloaded" in line]
    assert reloads and all(line.endswith("2 rules)") for line in reloads), reloads
    assert count(db, "articles") > 0


def test_a_text_file_is_read_once_whole_and_work_in_progress_never(tmp_path: Path) -> None:
    from stream.app.service import FolderWatcher

    watcher = FolderWatcher(tmp_path)
    story = tmp_path / "story.txt"
    story.write_text("Resistance forces seized Kawlin on Monday")
    (tmp_path / ".story.txt").write_text("Resistance forces seized Kawlin on Monday, a draft.")
    (tmp_path / "next.partial").write_text("Resistance forces seized Kawlin on Monday, a copy.")
    assert watcher.poll() == []  # seen once: it may still be being written
    with story.open("a") as f:
        f.write(" after a week of fighting.")
    assert watcher.poll() == []  # it changed: wait again
    [article] = watcher.poll()
    assert article.text.endswith("after a week of fighting.")
    assert watcher.poll() == []


def test_a_second_writer_on_a_store_is_refused_and_readers_are_not(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    stderr = (tmp_path / "err").open("w+")
    proc = subprocess.Popen(cli("run", "--db", db, "--rules", DEFAULT_RULES, "--stdin", "--interval", "0.05"),
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr, cwd=ROOT)
    try:
        wait_for(lambda: "signalfire running" in Path(stderr.name).read_text(), "the service to start")
        second = subprocess.run(cli("replay", SEEDS, "--db", db, "--rules", DEFAULT_RULES), capture_output=True,
                                text=True, timeout=120)
        assert second.returncode == 1
        assert f"{db}: another process (pid {proc.pid}) is writing to this store" in second.stderr
        reader = subprocess.run(cli("alerts", "--db", db, "--json"), capture_output=True, text=True, timeout=60)
        assert reader.returncode == 0, reader.stderr
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)
    # Once the first is gone, the store is free again.
    after = subprocess.run(cli("replay", SEEDS, "--db", db, "--rules", DEFAULT_RULES), capture_output=True,
                           text=True, timeout=120)
    assert after.returncode == 0, after.stderr
