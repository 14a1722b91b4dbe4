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
