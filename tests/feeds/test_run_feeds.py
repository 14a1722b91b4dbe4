"""End to end: feeds -> `signalfire run --feeds` -> an alert delivered to a local webhook; a wire copy carried by a
second outlet is listed on the alert but never makes a two-source rule fire."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.conftest import ROOT
from tests.feeds.site import Site, wire_and_copy


def test_a_feed_story_reaches_the_desk_webhook_and_its_wire_copy_is_not_a_second_source(
        site: Site, receiver: Any, tmp_path: Path) -> None:
    feeds = wire_and_copy(site, tmp_path, courier_interval=10)
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"channels:\n  desk: '{receiver.url}'\nrules:\n"
                     "  - {id: seized, kind: control_change, title: '{place} seized', channels: [desk]}\n"
                     "  - {id: seized-confirmed, kind: control_change, title: '{place} seized (confirmed)',\n"
                     "     min_sources: 2, channels: [desk]}\n")
    db = tmp_path / "s.db"
    run = subprocess.Popen([sys.executable, "-m", "stream.cli", "run", "--feeds", str(feeds), "--db", str(db),
                            "--rules", str(rules), "--no-stdin", "--json", "--interval", "0.2"], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        deadline = time.monotonic() + 60
        while not receiver.received and time.monotonic() < deadline:
            assert run.poll() is None, run.stderr.read() if run.stderr else ""
            time.sleep(0.2)
        assert receiver.received, "no alert reached the webhook"
        time.sleep(2)  # time for a wrong second alert to arrive, were the copy counted
    finally:
        run.send_signal(signal.SIGTERM)
        out, errors = run.communicate(timeout=60)
    assert run.returncode == 0, errors
    assert [m["title"] for m in receiver.received] == ["Kawlin seized"]
    alerts = [json.loads(line) for line in out.splitlines()]
    [alert] = [a for a in alerts if a["rule"] == "seized"]
    assert {a["rule"] for a in alerts} == {"seized"}
    listed = subprocess.run([sys.executable, "-m", "stream.cli", "alerts", "--db", str(db), "--json"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    [view] = [json.loads(line) for line in listed.splitlines()]
    assert view["id"] == alert["id"]
    assert [(s["source"], s["copy_of"] is not None) for s in view["sources"]] == [
        ("Wire Agency", False), ("Daily Courier", True)]
