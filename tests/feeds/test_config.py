"""feeds.yaml: the shipped example loads, and every mistake is named with file, line and column."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stream.errors import RulesError
from stream.feeds.config import load_feeds
from tests.conftest import ROOT

EXAMPLE = ROOT / "feeds.example.yaml"


def test_the_shipped_example_loads_with_its_comments_and_defaults() -> None:
    loaded = load_feeds(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    names = [feed.name for feed in loaded.feeds]
    assert len(names) == len(set(names)) >= 5
    assert all(str(feed.url).startswith("https://") for feed in loaded.feeds)
    assert {feed.full_text for feed in loaded.feeds} == {"auto", True}


def problems(text: str) -> list[str]:
    with pytest.raises(RulesError) as caught:
        load_feeds(text, "f.yaml")
    return caught.value.problems


def test_a_missing_url_a_misspelt_key_and_a_short_interval_are_all_reported_at_once() -> None:
    found = problems("feeds:\n"
                     "  - name: a\n"
                     "    outlett: A\n"
                     "    interval: 1\n")
    assert "f.yaml:2:5: feeds[0].url: missing required key 'url'" in found
    assert "f.yaml:3:5: feeds[0].outlett: unknown key 'outlett'; did you mean 'outlet'?" in found
    assert any(line.startswith("f.yaml:4:5: feeds[0].interval: ") and "10, got 1" in line for line in found)


def test_two_feeds_may_not_share_a_name_because_the_name_keys_the_feed_s_state() -> None:
    found = problems("feeds:\n"
                     "  - {name: a, url: 'https://a.example/rss'}\n"
                     "  - {name: a, url: 'https://b.example/rss'}\n")
    assert len(found) == 1 and found[0].startswith("f.yaml:3:6: feeds[1].name: 'a' names an earlier feed")


def test_a_file_without_feeds_says_what_it_must_hold() -> None:
    assert problems("user_agent: me\n") == [
        "f.yaml:1:1: (top): the file must hold 'feeds:', a list of feeds with name and url"]


def test_ingest_refuses_a_bad_feeds_file_and_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "feeds.yaml"
    bad.write_text("feeds:\n  - name: a\n    url: not a url\n")
    done = subprocess.run([sys.executable, "-m", "stream.cli", "ingest", "--feeds", str(bad), "--once",
                           "--db", str(tmp_path / "s.db")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert f"{bad}:3:5: feeds[0].url: " in done.stderr
    assert f"{bad}: 1 problem(s); the feeds were not loaded" in done.stderr
