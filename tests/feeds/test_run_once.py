"""Feeds for a service that runs unattended: `signalfire run --feeds` with stdin at its end keeps polling until
SIGTERM, and `ingest --db X --once` then `run --once --db X` (the cron pair) prints the alerts of what was ingested."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

from tests.cli_helpers import cli, stored_alerts
from tests.feeds.site import Site, wire_and_copy

RULES = ("rules:\n  - {id: seized, kind: control_change, title: '{place} seized', match: {type: territory_seized}}\n")


def test_ingest_once_then_run_once_prints_the_alerts_of_what_was_ingested(site: Site, tmp_path: Path) -> None:
    feeds, db, rules = wire_and_copy(site, tmp_path), tmp_path / "s.db", tmp_path / "rules.yaml"
    rules.write_text(RULES)
    ingested = subprocess.run(cli("ingest", "--feeds", feeds, "--db", db, "--once"), capture_output=True, text=True,
                              timeout=120, stdin=subprocess.DEVNULL)
    assert ingested.returncode == 0, ingested.stderr
    assert "polled 2 feed(s): 2 new article(s)" in ingested.stderr
    once = subprocess.run(cli("run", "--once", "--db", db, "--rules", rules, "--json"), capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert once.returncode == 0, once.stderr
    [alert] = [json.loads(line) for line in once.stdout.splitlines()]
    assert alert["title"] == "Kawlin seized"
    [stored] = stored_alerts(db)  # and the copy a second outlet carried, folded in as a later report
    assert stored["id"] == alert["id"] and [s["source"] for s in stored["sources"]] == ["Wire Agency", "Daily Courier"]
    assert "articles read 0 (0 new)" in once.stderr  # nothing new came in: what the store held was folded
    again = subprocess.run(cli("run", "--once", "--db", db, "--rules", rules, "--json"), capture_output=True,
                           text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert again.returncode == 0 and again.stdout == ""


def test_run_with_feeds_and_stdin_at_its_end_polls_until_sigterm(site: Site, tmp_path: Path) -> None:
    feeds, db, rules = wire_and_copy(site, tmp_path), tmp_path / "s.db", tmp_path / "rules.yaml"
    rules.write_text(RULES)
    out = (tmp_path / "out").open("w+")
    proc = subprocess.Popen(cli("run", "--feeds", feeds, "--db", db, "--rules", rules, "--json", "--interval", "0.2"),
                            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not Path(out.name).read_text().strip():
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""  # stdin's end never stops it
            assert time.monotonic() < deadline, "no alert from the feeds"
            time.sleep(0.2)
        time.sleep(1)
        assert proc.poll() is None
    finally:
        proc.send_signal(signal.SIGTERM)
        _, errors = proc.communicate(timeout=10)
    assert proc.returncode == 0, errors
    assert [json.loads(line)["title"] for line in Path(out.name).read_text().splitlines()] == ["Kawlin seized"]
