"""Replay input read twice instead of held: event-time order, line numbers and line endings as written."""

import json
from pathlib import Path

from replay.sources import Inputs
from stream.core.records import Article, DeadLetter


def line(text: str, published: str | None, id: str) -> bytes:
    return json.dumps({"id": id, "text": text, "published": published}).encode()


def test_articles_come_back_whole_in_event_time_order_with_dead_letters_first(tmp_path: Path) -> None:
    archive = tmp_path / "mixed.jsonl"
    # "\r\n", a lone "\r" and "\n" all end lines; a blank line still counts in the numbering.
    archive.write_bytes(line("Fighting went on near Hpakant.", "2024-03-05", "late") + b"\r\n"
                        + b"{broken\r" + line("No date stands in this report.", None, "undated") + b"\n\n"
                        + line("Clashes were reported in Loikaw.", "2024-03-01", "early") + b"\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "one.txt").write_text(" date 2024-03-03\nAirstrike on a village in Sagaing.")
    inputs = Inputs([archive, folder])
    items = list(inputs)
    assert len(inputs) == len(items) == 5
    [letter] = [item for item in items if isinstance(item, DeadLetter)]
    assert items[0] is letter and letter.origin == f"{archive}:2" and letter.raw == "{broken"
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.id for a in articles[:2]] == ["early", articles[1].id] and "Airstrike" in articles[1].text
    assert [a.id for a in articles[2:]] == ["late", "undated"]
    assert articles[0].text == "Clashes were reported in Loikaw." and str(articles[0].published) == "2024-03-01"
    # A second pass reads the same articles again, from their files.
    assert list(inputs) == items


def test_what_inputs_hold_between_passes_is_where_articles_lie_not_the_articles(tmp_path: Path) -> None:
    archive = tmp_path / "big.jsonl"
    archive.write_bytes(b"".join(line("A clash was reported. " * 40, f"2024-01-{1 + i % 28:02d}", f"a{i}") + b"\n"
                                 for i in range(300)))
    inputs = Inputs([archive])
    held = [value for value in vars(inputs).values() if isinstance(value, list)]
    assert not any(isinstance(item, Article) for values in held for item in values)
    assert [a.id for a in inputs][:3] == ["a0", "a28", "a56"]


def test_a_line_holding_a_number_of_thousands_of_digits_is_a_dead_letter_and_the_others_are_extracted(
        tmp_path: Path) -> None:
    import sqlite3
    import subprocess

    from tests.cli_helpers import cli
    from tests.conftest import DEFAULT_RULES

    archive = tmp_path / "mixed.jsonl"
    archive.write_bytes(b"\n".join([
        line("Resistance forces captured Kawlin on Monday, residents said.", "2024-03-04", "before"),
        b'{"id": "huge", "n": ' + b"9" * 5_000 + b', "text": "Soldiers shot dead 12 villagers in Kawlin on Tuesday."}',
        line("Junta airstrikes killed 14 civilians in Kawlin, Sagaing Region, on Tuesday.", "2024-03-06", "after"),
    ]) + b"\n")
    db = tmp_path / "s.db"
    done = subprocess.run(cli("replay", archive, "--db", db, "--rules", DEFAULT_RULES, "--json"), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        extracted = {row[0] for row in conn.execute(
            "SELECT json_extract(body, '$.article_id') FROM log WHERE stream = 'events'")}
        letters = conn.execute("SELECT json_extract(body, '$.origin'), json_extract(body, '$.reason') FROM log "
                               "WHERE stream = 'deadletters'").fetchall()
    assert extracted == {"before", "after"}
    assert letters == [(f"{archive}:2", "not an article: it holds a number of more than 4,300 digits")]
    assert [json.loads(alert)["rule"] for alert in done.stdout.splitlines()] == ["place-seized",
                                                                                "deaths-per-region-day"]
