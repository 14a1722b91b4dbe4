"""Operators' commands as they run them: rules backtest and silences."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.builders import synthetic_corpus, write_jsonl
from tests.conftest import DEFAULT_RULES, SEEDS


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}  # a wide terminal, so table cells are not wrapped
    return subprocess.run([sys.executable, "-m", "stream.cli", *map(str, args)], capture_output=True, text=True,
                          env=env)


def candidate(tmp_path: Path, threshold: str) -> Path:
    path = tmp_path / "candidate.yaml"
    path.write_text(DEFAULT_RULES.read_text().replace("threshold: 10000", f"threshold: {threshold}"))
    assert path.read_text() != DEFAULT_RULES.read_text()
    return path


def test_backtest_of_a_lower_displacement_threshold_adds_and_removes_nothing(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", synthetic_corpus(300))
    done = run("rules", "backtest", candidate(tmp_path, "1000"), SEEDS, archive, "--baseline", DEFAULT_RULES, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["removed"] == []
    # Only the displacement rule moves: an alert may now be raised by an earlier, smaller report of the same
    # place (its title or figures change) or absorb a report it used to be raised by (merged_into).
    assert {c["rule"] for c in result["changed"]} <= {"mass-displacement"}
    assert result["added"] and {a["rule"] for a in result["added"]} == {"mass-displacement"}
    # Each was raised by a figure the baseline ignored (its figures, and its title, may have grown since).
    raised_at = [a["raised_figures"]["displaced"] for a in result["added"]]
    assert all(1_000 <= n < 10_000 for n in raised_at)
    assert result["unchanged"] > 50


def test_backtest_reuses_the_events_of_a_store_and_prints_a_table(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert run("replay", SEEDS, "--db", db, "--rules", DEFAULT_RULES).returncode == 0
    done = run("rules", "backtest", candidate(tmp_path, "40000"), "--db", db, "--baseline", DEFAULT_RULES)
    assert done.returncode == 0, done.stderr
    assert "30,000 people displaced near Kawlin" in done.stdout
    assert "added 0, removed 2, changed 0, unchanged 4" in done.stdout


def test_backtest_lists_the_first_alerts_of_each_kind_and_counts_the_rest(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", synthetic_corpus(300))
    whole = json.loads(run("rules", "backtest", candidate(tmp_path, "1000"), archive, "--json").stdout)
    assert len(whole["added"]) > 2
    done = run("rules", "backtest", candidate(tmp_path, "1000"), archive, "--show", "2")
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("│ +")]
    assert [row.split("│")[3].strip() for row in rows] == [a["title"] for a in whole["added"][:2]]
    assert f"not listed: {len(whole['added']) - 2:,} added" in done.stdout
    assert f"added {len(whole['added'])}, removed 0" in done.stdout


def test_backtest_needs_a_history(tmp_path: Path) -> None:
    done = run("rules", "backtest", DEFAULT_RULES)
    assert done.returncode == 1
    assert "give either article PATHs or --db STORE as the history to back-test on" in done.stderr


def test_silenced_alerts_are_recorded_and_listed_apart(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    added = run("silence", "add", "place-seized", "--match", "admin1=Sagaing", "--until", "2023-12-31",
                "--reason", "known offensive", "--db", db, "--rules", DEFAULT_RULES)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("silence si-") and "through 2023-12-31" in added.stdout
    replayed = run("replay", SEEDS, "--db", db, "--rules", DEFAULT_RULES, "--json")
    assert "Kawlin (Sagaing) seized" not in replayed.stdout
    silenced = [json.loads(x) for x in run("alerts", "--db", db, "--json", "--silenced").stdout.splitlines()]
    assert [a["title"] for a in silenced] == ["Kawlin (Sagaing) seized by resistance forces"]
    # The alert names the silence that applied, with its reason; the id is the one 'silence add' printed.
    silence_id = added.stdout.split()[1].rstrip(":")
    assert silenced[0]["silence"] == {"id": silence_id, "rule": "place-seized", "match": {"admin1": "Sagaing"},
                                      "until": "2023-12-31", "reason": "known offensive"}
    listed = run("alerts", "--db", db, "--json").stdout.splitlines()
    assert all(json.loads(a)["silenced_by"] is None for a in listed)


def test_an_expired_silence_lets_the_alerts_through_again(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    added = run("silence", "add", "place-seized", "--match", "admin1=Sagaing", "--until", "2023-12-31",
                "--db", db, "--rules", DEFAULT_RULES)
    silence_id = added.stdout.split()[1].rstrip(":")
    expired = run("silence", "expire", silence_id, "--db", db)
    assert expired.returncode == 0 and f"silence {silence_id} expired" in expired.stdout
    again = run("silence", "expire", silence_id, "--db", db)
    assert again.returncode == 1 and "has already expired" in again.stderr
    unknown = run("silence", "expire", silence_id[:-1] + "x", "--db", db)
    assert unknown.returncode == 1 and f"did you mean {silence_id}?" in unknown.stderr
    assert "expired" in run("silence", "list", "--db", db).stdout
    [listed] = [json.loads(line) for line in run("silence", "list", "--db", db, "--json").stdout.splitlines()]
    assert (listed["id"], listed["rule"], listed["match"], listed["until"]) == (
        silence_id, "place-seized", {"admin1": "Sagaing"}, "2023-12-31")
    assert listed["added_at"] <= listed["expired_at"]
    replayed = run("replay", SEEDS, "--db", db, "--rules", DEFAULT_RULES, "--json")
    assert "Kawlin (Sagaing) seized" in replayed.stdout


def test_silence_add_checks_its_rule_and_fields(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    wrong_rule = run("silence", "add", "place-seize", "--until", "2024-01-01", "--db", db, "--rules", DEFAULT_RULES)
    assert wrong_rule.returncode == 1 and "has no rule 'place-seize'; did you mean 'place-seized'?" in wrong_rule.stderr
    wrong_field = run("silence", "add", "place-seized", "--match", "admn1=Chin", "--until", "2024-01-01", "--db", db,
                      "--rules", DEFAULT_RULES)
    assert wrong_field.returncode == 1 and "--match cannot use 'admn1'; did you mean 'admin1'?" in wrong_field.stderr
    wrong_value = run("silence", "add", "place-seized", "--match", "admin1=Sagain", "--until", "2024-01-01",
                      "--db", db, "--rules", DEFAULT_RULES)
    assert wrong_value.returncode == 1
    assert "--match admin1=Sagain: no admin1 of that name is known; did you mean 'Sagaing'?" in wrong_value.stderr
    abroad = run("silence", "add", "place-seized", "--match", "admin1=North Kivu", "--until", "2024-01-01",
                 "--db", db, "--rules", DEFAULT_RULES)
    assert abroad.returncode == 0, abroad.stderr


def test_rules_check_refuses_a_channel_url_apprise_cannot_use(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text("channels:\n  desk: 'nosuchscheme://somewhere/x'\n  hook: 'json://localhost:9/alerts'\n"
                     "rules: []\n")
    result = run("rules", "check", rules)
    assert result.returncode == 1
    assert f"{rules}:2:3: channels.desk: apprise cannot use the URL nosuchscheme://" in result.stderr
    assert "channels.hook" not in result.stderr


def test_dead_letters_are_listed_shown_and_retried(tmp_path: Path) -> None:
    db, archive = tmp_path / "s.db", tmp_path / "in.jsonl"
    good = json.dumps({"id": "later-good", "published": "2024-03-08",
                       "text": "Resistance forces captured Kawlin on Monday after heavy fighting."})
    archive.write_text("{not json\n" + good.replace('"text"', '"txet"') + "\n")
    assert run("replay", archive, "--db", db, "--rules", DEFAULT_RULES).returncode == 0
    listed = [json.loads(line) for line in run("deadletters", "list", "--db", db, "--json").stdout.splitlines()]
    assert [letter["reason"] for letter in listed] == [
        "not valid JSON: Expecting property name enclosed in double quotes at column 2",
        "missing 'text': every article needs its text"]
    shown = run("deadletters", "show", listed[0]["id"][:12], "--db", db)
    assert shown.returncode == 0 and "{not json" in shown.stdout and f"{archive}:1" in shown.stdout
    retried = run("deadletters", "retry", "--db", db)
    assert retried.returncode == 0 and "0 of 2 dead letter(s) read as articles" in retried.stdout
    assert retried.stdout.count("still refused") == 2
    # A letter an older version refused, whose input reads as an article now.
    import asyncio

    from stream.core.records import DeadLetter
    from stream.embedded.store import EventStore

    async def refused_by_an_older_version() -> None:
        store = await EventStore.open(db)
        await store.append([("deadletters", DeadLetter(id="dlq-old", reason="an old refusal", origin="old:1",
                                                       raw=good))])
        await store.close()

    asyncio.run(refused_by_an_older_version())
    retried = run("deadletters", "retry", "dlq-old", "--db", db)
    assert "1 of 1 dead letter(s) read as articles, 1 new in the log" in retried.stdout
    replayed = run("replay", archive, "--db", db, "--rules", DEFAULT_RULES, "--json")
    assert replayed.returncode == 0 and "Kawlin (Sagaing) seized" in replayed.stdout
    missing = run("deadletters", "show", "dlq-nosuch", "--db", db)
    assert missing.returncode == 1 and "no dead letter dlq-nosuch" in missing.stderr


def test_stats_say_what_the_store_holds_and_the_late_events(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert run("replay", SEEDS, "--db", db, "--rules", DEFAULT_RULES).returncode == 0
    found = json.loads(run("stats", "--db", db, "--rules", DEFAULT_RULES, "--json").stdout)
    assert found["articles"] == 5 and found["events"] > 0 and found["alerts"] == 6 and found["deadletters"] == 0
    assert found["late"] == {"deaths-per-region-day": 0}


def test_a_retried_dead_letter_goes_through_the_door_it_first_failed(tmp_path: Path) -> None:
    # 'deadletters retry' read by its first byte: 57 JSON lines of '[[[...]]]' joined the log as text articles.
    db, archive, folder = tmp_path / "s.db", tmp_path / "in.jsonl", tmp_path / "texts"
    archive.write_text('[["Soldiers shot dead 12 villagers in Kawlin township on Tuesday."]]\n' * 3
                       + '[[["Rebels seized Kawlin on Monday, residents of the town said."]]]\n')
    folder.mkdir()
    (folder / "brace.txt").write_text("{x}")  # a text file: too short, whatever its first byte
    assert run("replay", archive, folder, "--db", db, "--rules", DEFAULT_RULES).returncode == 0
    retried = run("deadletters", "retry", "--db", db)
    assert retried.returncode == 0, retried.stderr
    assert "0 of 5 dead letter(s) read as articles, 0 new in the log" in retried.stdout
    assert retried.stdout.count("still refused: a JSON article must be an object, not list") == 4
    assert retried.stdout.count("still refused: 'text' is empty or shorter than 20 characters") == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM log WHERE stream = 'articles'").fetchone() == (0,)
        doors = sorted(row[0] for row in conn.execute(
            "SELECT json_extract(body, '$.door') FROM log WHERE stream = 'deadletters'"))
    assert doors == ["json"] * 4 + ["text"]
