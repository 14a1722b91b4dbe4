"""Alerts held for review on the command line: printed apart, listed by tier, confirmed or rejected, and sent once
confirmed by the next service on the store (a new process), never when rejected."""

import json
import subprocess
from pathlib import Path

from tests.cli_helpers import cli
from tests.conftest import SEEDS, Receiver

RULES = """
channels:
  desk: "{url}"
rules:
  - id: place-seized
    kind: control_change
    severity: high
    title: "{{place}} ({{admin1}}) seized by {{side}} forces"
    match: {{type: territory_seized}}
    review: always
    channels: [desk]
  - id: mass-displacement
    kind: threshold
    severity: high
    title: "{{value}} people displaced near {{place}}"
    match: {{type: displacement}}
    field: displaced
    threshold: 10000
    review: always
    channels: [desk]
  - id: deaths-per-region-day
    kind: window_sum
    title: "{{value}} killed in {{admin1}} on {{window_start}}"
    match: {{type: casualties, min_confidence: 0.45}}
    field: killed
    group_by: [admin1]
    window: 1d
    threshold: 10
    review: never
    channels: [desk]
"""
SEIZED = "Kawlin (Sagaing) seized by resistance forces"


def run(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli(*args), capture_output=True, text=True, input=stdin, timeout=120)


def lines(done: subprocess.CompletedProcess[str]) -> list[dict]:
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_held_alerts_print_apart_list_by_tier_and_go_out_only_once_confirmed(tmp_path: Path,
                                                                            receiver: Receiver) -> None:
    db, rules = tmp_path / "s.db", tmp_path / "rules.yaml"
    rules.write_text(RULES.format(url=receiver.url))
    replayed = run("replay", SEEDS, "--db", db, "--rules", rules, "--json")
    printed = lines(replayed)
    held = {a["title"]: a for a in printed if a["tier"] == "review"}
    assert set(held) == {SEIZED, "30,000 people displaced near Kawlin", "33,000 people displaced near Shan"}
    assert all(a["review"] == ["the rule holds every alert for review"] for a in held.values())
    sent = [a["title"] for a in printed if a["tier"] == "sent"]
    assert sent and all(" killed in " in title for title in sent)
    assert f"alerts {len(printed)} (3 held for review, +" in replayed.stderr
    assert sorted(m["title"] for m in receiver.received) == sorted(sent)  # the held ones went nowhere

    assert {a["title"] for a in lines(run("alerts", "--db", db, "--tier", "review", "--json"))} == set(held)
    assert [a["title"] for a in lines(run("alerts", "--db", db, "--tier", "sent", "--json"))] == sent
    assert run("alerts", "--db", db, "--tier", "maybe").stderr.count("--tier 'maybe': sent or review") == 1
    shown = run("alerts", "--db", db, "--tier", "review").stdout
    assert "held for review" in shown and "the rule holds every alert for review" in shown

    seizure, kawlin, shan = (held[t]["id"] for t in (SEIZED, "30,000 people displaced near Kawlin",
                                                      "33,000 people displaced near Shan"))
    refused = run("review", "confirm", next(a["id"] for a in printed if a["tier"] == "sent"), "--by", "desk-1",
                  "--db", db)
    assert refused.returncode == 1 and "is not held for review" in refused.stderr
    assert run("review", "reject", shan, "--by", "desk-1", "--db", db).returncode == 2  # a reason is required
    confirmed = run("review", "confirm", seizure, "--by", "desk-1", "--note", "two outlets", "--db", db)
    assert confirmed.returncode == 0 and f"alert {seizure} confirmed by desk-1" in confirmed.stdout
    assert run("review", "reject", shan, "--by", "desk-2", "--reason", "a total since October", "--db", db
               ).returncode == 0
    again = run("review", "reject", seizure, "--by", "desk-2", "--reason", "no", "--db", db)
    assert again.returncode == 1 and f"alert {seizure} was already confirmed by desk-1" in again.stderr
    assert [a["id"] for a in lines(run("review", "list", "--db", db, "--json"))] == [kawlin]
    verdicts = {a["id"]: a.get("verdict") for a in lines(run("alerts", "--db", db, "--tier", "review", "--json"))}
    assert verdicts[seizure]["action"] == "confirm" and verdicts[seizure]["note"] == "two outlets"
    assert verdicts[shan]["action"] == "reject" and verdicts[kawlin] is None
    assert len(receiver.received) == len(sent)  # a verdict is recorded; the service on the store sends

    # The next service on the store, a new process, sends the confirmed alert once; one after it, nothing more.
    for _ in range(2):
        assert run("run", "--stdin", "--db", db, "--rules", rules, stdin="").returncode == 0
        assert sorted(m["title"] for m in receiver.received) == sorted([*sent, SEIZED])
