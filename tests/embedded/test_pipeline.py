"""The seeds end to end through the embedded pipeline, on a real SQLite file."""

from pathlib import Path

from replay.pacing import Pacer
from replay.run import replay
from replay.sources import read_inputs
from stream.core.places import Gazetteer
from stream.core.rules.schema import RuleSet
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore
from tests.conftest import SEEDS


async def replay_seeds(db: Path, gazetteer: Gazetteer, rules: RuleSet) -> Pipeline:
    store = await EventStore.open(db)
    pipeline = Pipeline(store, gazetteer, rules)
    await replay(read_inputs([SEEDS]), pipeline, Pacer(None))
    await store.close()
    return pipeline


async def test_seeds_raise_kawlin_seizure_and_displacement(tmp_path: Path, gazetteer: Gazetteer,
                                                           default_rules: RuleSet) -> None:
    report = (await replay_seeds(tmp_path / "s.db", gazetteer, default_rules)).report
    titles = [a.title for a in report.alerts]
    assert "Kawlin (Sagaing) seized by resistance forces" in titles
    assert "30,000 people displaced near Kawlin" in titles
    assert (report.articles, report.new_articles, report.dead_letters) == (5, 5, 0)


async def test_no_alert_rests_on_a_background_total(tmp_path: Path, gazetteer: Gazetteer,
                                                    default_rules: RuleSet) -> None:
    report = (await replay_seeds(tmp_path / "s.db", gazetteer, default_rules)).report
    for alert in report.alerts:
        assert not {873, 870, 800, 427} & set(alert.figures.values()), alert.title
        for number in ("873", "870", "800 people", "427"):
            assert all(number not in e.sentence for e in alert.evidence), alert.title


async def test_replaying_again_raises_nothing_new(tmp_path: Path, gazetteer: Gazetteer,
                                                  default_rules: RuleSet) -> None:
    first = (await replay_seeds(tmp_path / "s.db", gazetteer, default_rules)).report
    second = (await replay_seeds(tmp_path / "s.db", gazetteer, default_rules)).report
    assert len(first.alerts) >= 3
    assert (second.new_articles, second.events, second.alerts, second.corroborations) == (0, 0, [], 0)


async def test_pacing_sleeps_by_event_time(tmp_path: Path, gazetteer: Gazetteer, default_rules: RuleSet) -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    store = await EventStore.open(tmp_path / "s.db")
    await replay(read_inputs([SEEDS]), Pipeline(store, gazetteer, default_rules), Pacer(86_400.0, sleep))
    await store.close()
    # One second per day between the seeds' dates: 2021-05-24, 2021-06-22 (x2), 2023-07-26, 2023-11-07.
    assert slept == [29.0, 764.0, 104.0]


async def test_new_rules_raise_a_past_incident_late_on_its_next_report(tmp_path: Path, gazetteer: Gazetteer) -> None:
    from stream.core.rules.load import load_rules
    from tests.builders import article

    rules = "rules:\n  - {id: d, kind: threshold, title: '{value} fled {place}', field: displaced, threshold: %d}\n"
    store = await EventStore.open(tmp_path / "s.db")
    pipeline = Pipeline(store, gazetteer, load_rules(rules % 10_000))
    await pipeline.ingest([article("About 5,000 people fled Demoso Township on Monday.", "2024-03-12")])
    await pipeline.drain()
    assert pipeline.report.alerts == []
    pipeline.use_rules(load_rules(rules % 1_000))
    await pipeline.drain()
    assert pipeline.report.alerts == []  # no retroactive flood when the rules change
    await pipeline.ingest([article("Officials said 5,000 people fled Demoso Township on Monday.", "2024-03-12")])
    await pipeline.drain()
    assert [a.title for a in pipeline.report.alerts] == ["5,000 fled Demoso"]
    assert pipeline.report.corroborations == 1
    await store.close()
