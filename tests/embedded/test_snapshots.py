"""Detector snapshots: a start folds only the log's tail, and a snapshot it cannot trust is never used."""

import logging
from pathlib import Path

import pytest

from replay.pacing import Pacer
from replay.run import replay
from replay.sources import read_inputs
from stream.core.places import Gazetteer
from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet
from stream.embedded.pipeline import DETECT, Pipeline
from stream.embedded.store import EventStore, Snapshot
from tests.builders import synthetic_corpus, write_jsonl


def halves(tmp_path: Path) -> tuple[list, list]:
    items = read_inputs([write_jsonl(tmp_path / "corpus.jsonl", synthetic_corpus(400, seed=11))])
    return items[:250], items[250:]


async def replay_into(store: EventStore, items: list, gazetteer: Gazetteer, rules: RuleSet) -> None:
    await replay(items, Pipeline(store, gazetteer, rules), Pacer(None))


async def one_run(db: Path, items: list, gazetteer: Gazetteer, rules: RuleSet) -> list[str]:
    """The alert records of ``items`` replayed in one run into a fresh store."""
    store = await EventStore.open(db)
    await replay_into(store, items, gazetteer, rules)
    records = await alert_records(store)
    await store.close()
    return records


async def alert_records(store: EventStore) -> list[str]:
    return [record.model_dump_json() for _, record in await store.read("alerts", limit=100_000)]


async def folded_from(store: EventStore) -> list[int]:
    """Where each fold of the events stream began, recorded by wrapping the store's reads."""
    starts: list[int] = []
    original = store.read

    async def read(stream, after=0, upto=None, limit=1000):  # type: ignore[no-untyped-def]
        if stream == "events" and upto is not None:
            starts.append(after)
        return await original(stream, after, upto, limit)

    store.read = read  # type: ignore[method-assign]
    return starts


async def test_a_start_folds_only_the_tail_after_the_snapshot_and_raises_what_one_run_raises(
        tmp_path: Path, gazetteer: Gazetteer, default_rules: RuleSet) -> None:
    first, second = halves(tmp_path)
    whole = await one_run(tmp_path / "whole.db", first + second, gazetteer, default_rules)
    split = await EventStore.open(tmp_path / "split.db")
    await replay_into(split, first, gazetteer, default_rules)
    snapshot = await split.snapshot(DETECT)
    assert snapshot is not None and snapshot.position == await split.position(DETECT)
    starts = await folded_from(split)
    await replay_into(split, second, gazetteer, default_rules)
    assert starts == [snapshot.position]  # the first half was not folded again
    assert await alert_records(split) == whole
    await split.close()


async def test_a_snapshot_of_an_unknown_version_is_refused_and_the_log_folded_instead(
        tmp_path: Path, gazetteer: Gazetteer, default_rules: RuleSet, caplog: pytest.LogCaptureFixture) -> None:
    first, second = halves(tmp_path)
    whole = await one_run(tmp_path / "whole.db", first + second, gazetteer, default_rules)
    store = await EventStore.open(tmp_path / "s.db")
    await replay_into(store, first, gazetteer, default_rules)
    kept = await store.snapshot(DETECT)
    assert kept is not None
    forged = kept.state.replace(b'"version":1', b'"version":99', 1)
    await store.save_snapshot(DETECT, Snapshot(rules=kept.rules, position=kept.position, state=forged))
    starts = await folded_from(store)
    with caplog.at_level(logging.WARNING, logger="signalfire"):
        await replay_into(store, second, gazetteer, default_rules)
    assert "unknown detector state version 99" in caplog.text
    assert starts == [0]
    assert await alert_records(store) == whole
    await store.close()


async def test_other_rules_never_start_from_the_snapshot(tmp_path: Path, gazetteer: Gazetteer,
                                                        default_rules: RuleSet) -> None:
    first, second = halves(tmp_path)
    store = await EventStore.open(tmp_path / "s.db")
    await replay_into(store, first, gazetteer, default_rules)
    stricter = load_rules((Path("rules/default.yaml").read_text()).replace("min_confidence: 0.7",
                                                                            "min_confidence: 0.8"))
    starts = await folded_from(store)
    await replay_into(store, second, gazetteer, stricter)
    assert starts == [0]
    snapshot = await store.snapshot(DETECT)
    assert snapshot is not None and snapshot.rules != "" and snapshot.position == await store.position(DETECT)
    await store.close()
