"""The rules page's API on a real `signalfire serve`: the rules in force with their counts, a candidate checked
(problems at their lines), refused when broken, and applied: written whole with a numbered backup, taken by the
running service at once and recorded in the log."""

import time
from pathlib import Path

import httpx

from stream.control.rules_file import backups, replace_rules
from tests.conftest import DEFAULT_RULES
from tests.kafka.conftest import eventually
from tests.web.test_serve import AUTH, kawlin, served

# A second seizure rule: the Kawlin article raises an alert of it once it is in force.
NEW_RULE = """  - id: seized-anywhere
    kind: control_change
    severity: medium
    title: "{place} changed hands"
    match:
      type: territory_seized
    channels: []
"""


def rules_copy(folder: Path) -> Path:
    path = folder / "rules.yaml"
    path.write_text(DEFAULT_RULES.read_text())
    return path


def with_new_rule(text: str) -> str:
    return text.replace("silences: []", NEW_RULE + "silences: []", 1)


def broken(text: str) -> tuple[str, int]:
    """The file with the displacement rule's ``threshold`` misspelt, and the line it is on."""
    lines = text.split("\n")
    line = max(i for i, value in enumerate(lines) if value.strip() == "threshold: 10000")
    lines[line] = lines[line].replace("threshold", "treshold")
    return "\n".join(lines), line + 1


def post(base: str, what: str, **body: str) -> httpx.Response:
    return httpx.post(f"{base}/api/rules/{what}", json=body, headers=AUTH, timeout=60)


def test_the_rules_in_force_come_with_their_counts_and_a_broken_candidate_is_checked_and_never_applied(
        tmp_path: Path) -> None:
    rules = rules_copy(tmp_path)
    original = rules.read_text()
    with served(tmp_path / "s.db", "--rules", str(rules)) as base:
        httpx.post(f"{base}/api/articles", json=kawlin(), headers=AUTH)
        eventually(lambda: httpx.get(f"{base}/api/alerts", headers=AUTH).json()["alerts"], "the article's alerts",
                   timeout=20, every=0.1)
        shown = httpx.get(f"{base}/api/rules", headers=AUTH).json()
        assert shown["path"] == str(rules) and shown["text"] == original and shown["editable"] is True
        assert [r["id"] for r in shown["rules"]] == ["place-seized", "deaths-per-region-day", "mass-displacement"]
        stats = shown["stats"]
        assert (stats["as_of"], stats["basis"]) == ("2023-11-07", "newest alert")
        assert stats["by_rule"]["place-seized"]["last_7"] == 1
        assert stats["by_rule"]["place-seized"]["judged"] == 0
        assert httpx.get(f"{base}/api/rules").status_code == 401

        text, line = broken(original)
        checked = post(base, "check", text=text).json()
        assert checked["ok"] is False
        problem = next(p for p in checked["problems"] if "treshold" in p["text"])
        assert all(p["line"] and p["text"].startswith(f"{rules}:{p['line']}:") for p in checked["problems"])
        assert problem["line"] == line and problem["col"] == 5
        assert problem["text"].startswith(f"{rules}:{line}:5: rules[2].treshold: unknown key 'treshold'")
        assert "did you mean 'threshold'" in problem["message"]
        assert post(base, "check", text=original).json() == {"ok": True, "problems": [], "rules": 3,
                                                              "version": shown["version"]}

        refused = post(base, "apply", text=text, by="desk-1")
        assert refused.status_code == 422 and refused.json()["problems"] == checked["problems"]
        assert post(base, "backtest", text=text).status_code == 422
        assert httpx.post(f"{base}/api/rules/apply", json={"text": original, "by": "x"}).status_code == 401
        assert rules.read_text() == original and backups(rules) == []
        assert httpx.get(f"{base}/api/rules/history", headers=AUTH).json() == {"applied": []}


def test_an_applied_candidate_is_written_whole_with_a_numbered_backup_taken_at_once_and_recorded(
        tmp_path: Path) -> None:
    rules = rules_copy(tmp_path)
    original = rules.read_text()
    candidate = with_new_rule(original)
    with served(tmp_path / "s.db", "--rules", str(rules)) as base:
        before = httpx.get(f"{base}/api/rules", headers=AUTH).json()["version"]
        tried = post(base, "backtest", text=candidate).json()
        assert (tried["added"], tried["removed"], tried["changed"]) == ([], [], [])  # no history yet

        assert post(base, "apply", text=candidate).status_code == 422  # who applies it
        applied = post(base, "apply", text=candidate, by="desk-1")
        assert applied.status_code == 201, applied.text
        record = applied.json()
        assert rules.read_text() == candidate
        assert backups(rules) == [tmp_path / "rules.yaml.1"] and (tmp_path / "rules.yaml.1").read_text() == original
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
        assert (record["by"], record["old_version"]) == ("desk-1", before)
        assert record["backup"] == str(tmp_path / "rules.yaml.1")
        after = record["new_version"]
        assert httpx.get(f"{base}/readyz").json()["rules_version"] == after  # taken at once, not after a settle
        assert httpx.get(f"{base}/api/rules", headers=AUTH).json()["text"] == candidate

        httpx.post(f"{base}/api/articles", json=kawlin(), headers=AUTH)
        eventually(lambda: "seized-anywhere" in {a["rule"] for a in httpx.get(
            f"{base}/api/alerts", headers=AUTH).json()["alerts"]}, "the new rule's alert", timeout=20, every=0.1)

        assert post(base, "apply", text=original, by="desk-2").status_code == 201
        assert [p.name for p in backups(rules)] == ["rules.yaml.1", "rules.yaml.2"]
        assert (tmp_path / "rules.yaml.2").read_text() == candidate and rules.read_text() == original
        history = httpx.get(f"{base}/api/rules/history", headers=AUTH).json()["applied"]
        assert [(h["by"], h["old_version"], h["new_version"]) for h in history] == [
            ("desk-2", after, before), ("desk-1", before, after)]
        time.sleep(1)  # a few of the watcher's polls: the file it wrote is not taken again as a change
        assert httpx.get(f"{base}/readyz").json()["rules_version"] == before
    with served(tmp_path / "s.db", "--rules", str(rules)) as base:  # the log keeps the applies across a restart
        assert len(httpx.get(f"{base}/api/rules/history", headers=AUTH).json()["applied"]) == 2


def test_a_rules_file_is_replaced_whole_and_its_backups_numbered_from_the_highest(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    assert replace_rules(path, "one\n") is None and path.read_text() == "one\n"
    (tmp_path / "rules.yaml.7").write_text("older")
    (tmp_path / "rules.yaml.bak").write_text("not numbered")
    assert replace_rules(path, "two\n") == tmp_path / "rules.yaml.8"
    assert (tmp_path / "rules.yaml.8").read_text() == "one\n" and path.read_text() == "two\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "rules.yaml", "rules.yaml.7", "rules.yaml.8", "rules.yaml.bak"]
