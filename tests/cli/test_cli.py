"""The command line as a user runs it: replay, alerts, extract, rules check."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import DEFAULT_RULES, ROOT, SEEDS


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stream.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd)


def test_replay_json_prints_only_alert_objects_and_a_summary_on_stderr(tmp_path: Path) -> None:
    done = run("replay", SEEDS, "--db", tmp_path / "s.db", "--rules", DEFAULT_RULES, "--json")
    assert done.returncode == 0, done.stderr
    alerts = [json.loads(line) for line in done.stdout.splitlines()]
    assert {"id", "rule", "title", "place", "figures", "sources", "evidence"} <= set(alerts[0])
    assert any(a["title"] == "Kawlin (Sagaing) seized by resistance forces" for a in alerts)
    rules_line, summary = done.stderr.strip().splitlines()
    assert rules_line == f"rules: {DEFAULT_RULES}"  # which rules file is in force, before anything else
    assert summary.startswith("articles read 5 (5 new), events ")
    listed = run("alerts", "--db", tmp_path / "s.db", "--json")
    assert [json.loads(line) for line in listed.stdout.splitlines()] == alerts


def test_replay_defaults_to_seeds_and_rules_in_the_working_directory(tmp_path: Path) -> None:
    done = run("replay", "--db", tmp_path / "s.db")
    assert done.returncode == 0, done.stderr
    assert "Kawlin (Sagaing) seized by resistance forces" in done.stdout
    assert "30,000 people displaced near Kawlin" in done.stdout


def test_extract_reads_jsonl_and_prints_one_line_per_article(tmp_path: Path) -> None:
    archive = tmp_path / "a.jsonl"
    archive.write_text(json.dumps({"id": "t1", "published": "2024-03-08",
                                   "text": "Eleven soldiers were killed near Tamu on Tuesday."}) + "\n")
    done = run("extract", archive)
    [row] = [json.loads(line) for line in done.stdout.splitlines()]
    assert row["id"] == "t1"
    assert [(e["type"], e["killed"], e["side"]) for e in row["events"]] == [("casualties", 11, "military")]


def test_undated_articles_are_dated_from_the_day_given_as_received(tmp_path: Path) -> None:
    # An archive gathered without dates, replayed as of the day it was gathered: "on Tuesday" is the Tuesday
    # before that day, whatever day the replay runs.
    archive = tmp_path / "undated.jsonl"
    archive.write_text(json.dumps({"id": "u1", "text": "Forty villagers were killed near Tamu on Tuesday."}) + "\n")
    [row] = [json.loads(line) for line in run("extract", archive, "--received", "2024-03-08").stdout.splitlines()]
    assert [(e["event_date"], e["date_anchor"]) for e in row["events"]] == [("2024-03-05", "received")]
    done = run("replay", archive, "--db", tmp_path / "u.db", "--json", "--received", "2024-03-08")
    assert [json.loads(line)["event_date"] for line in done.stdout.splitlines()] == ["2024-03-05"]
    refused = run("replay", archive, "--db", tmp_path / "v.db", "--received", "8 March")
    assert refused.returncode == 1 and "--received '8 March': write a date as YYYY-MM-DD" in refused.stderr


def test_extract_takes_an_operator_actor_file(tmp_path: Path) -> None:
    archive = tmp_path / "a.jsonl"
    archive.write_text(json.dumps({"id": "t1", "published": "2024-03-08",
                                   "text": "The ZRA seized Tonzang on Monday."}) + "\n")
    desk = tmp_path / "desk.yaml"
    desk.write_text("actors:\n  - {name: Zomi Revolutionary Army, side: resistance, aliases: [ZRA]}\n")
    [row] = [json.loads(line) for line in run("extract", archive, "--actors", desk).stdout.splitlines()]
    assert [(e["side"], e["by"]) for e in row["events"]] == [("resistance", "Zomi Revolutionary Army")]
    desk.write_text("actors:\n  - {name: Zomi Revolutionary Army, side: rebels}\n")
    refused = run("extract", archive, "--actors", desk)
    assert refused.returncode == 1
    assert f"{desk}:2:5: actors[0].side: 'rebels' is not a side" in refused.stderr


def test_extract_explain_shows_the_words_behind_each_event(tmp_path: Path) -> None:
    archive = tmp_path / "a.jsonl"
    archive.write_text(json.dumps({"id": "t1", "published": "2024-03-08", "source": "Desk Wire",
                                   "text": "Soldiers have killed 900 civilians since the coup. "
                                           "Eleven soldiers were killed near Tamu on Tuesday."}) + "\n")
    shown = run("extract", "--explain", archive).stdout
    assert "casualties: 11 killed (military)" in shown
    assert "words:   [[Eleven soldiers were killed]] near Tamu on Tuesday." in shown
    assert "place:   Tamu (town, Sagaing, Myanmar) named in the sentence" in shown
    assert "date:    2024-03-05 (precision day)" in shown
    assert "flags:   cumulative ('since the coup')" in shown


def test_extract_incidents_merges_outlets(tmp_path: Path) -> None:
    archive = tmp_path / "a.jsonl"
    stories = [("a1", "Outlet One", "Troops killed 12 villagers in Kawlin on Tuesday."),
               ("a2", "Outlet Two", "At least 15 villagers were killed in Kawlin on Tuesday.")]
    archive.write_text("".join(json.dumps({"id": i, "source": s, "published": "2024-03-06", "text": t}) + "\n"
                               for i, s, t in stories))
    [incident] = [json.loads(line) for line in run("extract", "--incidents", archive).stdout.splitlines()]
    assert incident["outlets"] == 2 and incident["figures"]["killed"] == {"low": 12, "best": 12, "high": 15}


def test_rules_check_accepts_the_shipped_file() -> None:
    done = run("rules", "check", DEFAULT_RULES)
    assert done.returncode == 0
    assert done.stdout.startswith(f"{DEFAULT_RULES}: ok, 3 rules (3 enabled), 0 channels, 0 silences, version rs-")


def test_a_bad_rules_file_is_refused_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: a\n    kind: threshold\n    title: t\n    field: killd\n    threshold: 5\n")
    for args in (("rules", "check", bad), ("replay", SEEDS, "--db", tmp_path / "s.db", "--rules", bad)):
        done = run(*args)
        assert done.returncode == 1
        assert (f"{bad}:5:5: rules[0].field: 'killd' is not allowed; expected 'killed', 'injured', "
                f"'displaced' or 'count'") in done.stderr
        assert f"{bad}: 1 problem(s); the rules were not loaded" in done.stderr
    assert not (tmp_path / "s.db").exists()


def test_alerts_without_a_store_says_what_to_do(tmp_path: Path) -> None:
    done = run("alerts", "--db", tmp_path / "none.db")
    assert done.returncode == 1
    assert "none.db: no event store here; run 'signalfire replay' first" in done.stderr
