"""Bad input goes to the dead-letter stream with its reason, whole, and replay carries on."""

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from replay.pacing import Pacer
from replay.run import replay
from replay.sources import Inputs, read_inputs
from stream.core.articles import MAX_ARTICLE_BYTES
from stream.core.places import Gazetteer
from stream.core.records import Alert
from stream.core.rules.schema import RuleSet
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore
from tests.conftest import SEEDS

GOOD = b'{"id": "ok1", "published": "2024-03-08", "text": "Resistance forces captured Kawlin on Monday."}'


async def test_bad_articles_become_dead_letters_and_good_ones_go_on(tmp_path: Path, gazetteer: Gazetteer,
                                                                    default_rules: RuleSet) -> None:
    archive = tmp_path / "mixed.jsonl"
    archive.write_bytes(b"\n".join([
        b"{not json", b'{"title": "no text here"}', GOOD,
        b'{"text": "' + b"x" * (MAX_ARTICLE_BYTES + 1) + b'"}',
    ]) + b"\n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    store = await EventStore.open(tmp_path / "s.db")
    raised: list[Alert] = []
    pipeline = Pipeline(store, gazetteer, default_rules, on_alert=raised.append)
    report = await replay(Inputs([archive, binary]), pipeline, Pacer(None))
    letters = {d.origin: d for _, d in await store.read("deadletters")}
    await store.close()
    assert {origin: d.reason for origin, d in letters.items()} == {
        f"{archive}:1": "not valid JSON: Expecting property name enclosed in double quotes at column 2",
        f"{archive}:2": "missing 'text': every article needs its text",
        f"{archive}:4": "too large: 1,000,013 bytes (the limit is 1,000,000)",
        str(binary): "binary content: NUL bytes are not text",
    }
    assert letters[f"{archive}:1"].raw == "{not json"
    assert base64.b64decode(letters[str(binary)].raw) == binary.read_bytes()
    assert (report.articles, report.dead_letters) == (1, 4)
    assert [a.title for a in raised] == ["Kawlin (Sagaing) seized by resistance forces"]


TEXT = "Soldiers shot dead 12 villagers in Kawlin township on Tuesday, residents said."


async def test_inputs_that_once_crashed_a_run_are_dead_letters_with_their_reason(
        tmp_path: Path, gazetteer: Gazetteer, default_rules: RuleSet) -> None:
    import json
    from datetime import date

    crashes = {
        "deep": ("[" * 100_000 + "]" * 100_000, "not an article: JSON nested too deeply"),
        "surrogate text": (json.dumps({"text": TEXT + " \ud800"}), "'text' holds a lone surrogate (\\ud800)"),
        "surrogate id": (json.dumps({"id": "a\udc80", "text": TEXT}), "'id' holds a lone surrogate (\\udc80)"),
        "year 9999": (json.dumps({"text": TEXT, "published": "9999-12-31"}),
                      "'published' 9999-12-31 lies after the day the article was received (2024-03-10)"),
        "year 1": (json.dumps({"text": TEXT, "published": "0001-01-01"}), "'published' 0001-01-01 lies before 1900"),
        "marker 2999": ("date 2999-01-01 " + TEXT, None),
    }
    archive = tmp_path / "crashes.jsonl"
    archive.write_text("\n".join(line if not line.startswith("date") else json.dumps({"text": line})
                                 for line, _ in crashes.values()) + "\n" + GOOD.decode() + "\n")
    odd_name = tmp_path / "odd-\udcff.txt"
    odd_name.write_bytes(b"\x00binary")
    store = await EventStore.open(tmp_path / "s.db")
    report = await replay(read_inputs([archive, odd_name], received=date(2024, 3, 10)),
                          Pipeline(store, gazetteer, default_rules), Pacer(None))
    letters = [d for _, d in await store.read("deadletters")]
    await store.close()
    reasons = sorted(d.reason for d in letters)
    for _, reason in crashes.values():
        if reason:
            assert any(r.startswith(reason) for r in reasons), reason
    assert any("'published' 2999-01-01 lies after the day" in r for r in reasons)
    assert any(d.origin.endswith("odd-\\udcff.txt") for d in letters)
    assert (report.articles, report.dead_letters) == (1, 7)


async def test_an_id_reused_for_another_text_is_a_dead_letter_and_a_repeat_is_not(
        tmp_path: Path, gazetteer: Gazetteer, default_rules: RuleSet) -> None:
    import json

    first = json.dumps({"id": "same", "published": "2024-03-08", "text": TEXT})
    other = json.dumps({"id": "same", "published": "2024-03-08", "text": "Rebels seized Kawlin on Monday, it said."})
    archive = tmp_path / "dupes.jsonl"
    archive.write_text("\n".join([first, first, other]) + "\n")
    store = await EventStore.open(tmp_path / "s.db")
    report = await replay(read_inputs([archive]), Pipeline(store, gazetteer, default_rules), Pacer(None))
    [letter] = [d for _, d in await store.read("deadletters")]
    assert letter.reason == ("duplicate id 'same': the store holds another article under it; give this one its "
                             "own id")
    assert json.loads(letter.raw)["text"].startswith("Rebels seized Kawlin")
    again = await replay(read_inputs([archive]), Pipeline(store, gazetteer, default_rules), Pacer(None))
    assert [d for _, d in await store.read("deadletters")] == [letter]  # the same dead letter, once
    await store.close()
    assert (report.articles, report.dead_letters) == (2, 1) and again.dead_letters == 1


def _archive(tmp_path: Path, name: str, texts: dict[str, str]) -> Path:
    import json

    path = tmp_path / name
    path.write_text("".join(json.dumps({"id": i, "published": "2024-03-08", "text": t}) + "\n"
                            for i, t in texts.items()))
    return path


async def test_a_figure_of_hundreds_of_digits_leaves_the_store_usable(tmp_path: Path, gazetteer: Gazetteer,
                                                                       default_rules: RuleSet) -> None:
    # It once raised OverflowError once its article was committed: every later replay of the store failed too.
    huge = _archive(tmp_path, "huge.jsonl", {"huge": f"Troops killed {'9' * 400} people in Kawlin on Monday."})
    store = await EventStore.open(tmp_path / "s.db")
    first = await replay(read_inputs([huge]), Pipeline(store, gazetteer, default_rules), Pacer(None))
    raised: list[Alert] = []
    later = await replay(Inputs([SEEDS]), Pipeline(store, gazetteer, default_rules, on_alert=raised.append),
                         Pacer(None))
    await store.close()
    assert (first.articles, first.alerts, first.dead_letters) == (1, 0, 0)
    assert later.new_articles == 5 and "Kawlin (Sagaing) seized by resistance forces" in [a.title for a in raised]


async def test_an_article_extraction_fails_on_is_a_dead_letter_and_the_fold_goes_on(
        tmp_path: Path, gazetteer: Gazetteer, default_rules: RuleSet, monkeypatch: pytest.MonkeyPatch) -> None:
    # No input known since the figures were bounded makes extraction fail: one is made to, to show that
    # whatever fails on one article is kept as its dead letter instead of stopping every later run.
    from stream.embedded import pipeline as pipeline_module

    real = pipeline_module.extract

    def failing(article: Any, *args: Any) -> Any:
        if article.id == "boom":
            raise OverflowError("cannot convert float infinity to integer")
        return real(article, *args)

    monkeypatch.setattr(pipeline_module, "extract", failing)
    archive = _archive(tmp_path, "three.jsonl", {
        "before": "Resistance forces captured Kawlin on Monday, residents said.",
        "boom": "Soldiers shot dead 12 villagers in Kawlin township on Tuesday.",
        "after": "Junta airstrikes killed 14 civilians in Kawlin, Sagaing Region, on Wednesday."})
    store = await EventStore.open(tmp_path / "s.db")
    try:
        report = await replay(read_inputs([archive]), Pipeline(store, gazetteer, default_rules), Pacer(None))
        again = await replay(read_inputs([archive]), Pipeline(store, gazetteer, default_rules), Pacer(None))
        [letter] = [d for _, d in await store.read("deadletters")]
        extracted = {e.article_id for _, e in await store.read("events")}
    finally:
        await store.close()
    assert letter.origin == "extract:boom"
    assert letter.reason == ("extraction failed on article 'boom': OverflowError: cannot convert float infinity "
                             "to integer")
    assert json.loads(letter.raw)["id"] == "boom"
    assert extracted == {"before", "after"}
    assert (report.articles, report.dead_letters) == (3, 1) and again.dead_letters == 0


def test_run_on_stdin_keeps_a_number_of_thousands_of_digits_as_a_dead_letter_and_ends_with_its_input(
        tmp_path: Path) -> None:
    # The reader thread died on it: the run never learnt its input had ended, and never exited.
    import subprocess

    from tests.cli_helpers import cli
    from tests.conftest import DEFAULT_RULES

    feed = b"\n".join([
        b'{"id": "huge", "n": ' + b"9" * 5_000 + b', "text": "Soldiers shot dead 12 villagers in Kawlin on Tuesday."}',
        GOOD,
    ]) + b"\n"
    done = subprocess.run(cli("run", "--db", tmp_path / "live.db", "--rules", DEFAULT_RULES, "--stdin", "--json",
                              "--interval", "0.05"), input=feed, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    assert b"articles read 1 (1 new)" in done.stderr and b"dead letters 1," in done.stderr
    assert [json.loads(alert)["rule"] for alert in done.stdout.splitlines()] == ["place-seized"]
