"""The seeds end to end through the embedded pipeline, on a real SQLite file."""

from pathlib import Path

from replay.pacing import Pacer
from replay.run import replay
from replay.sources import Inputs, read_inputs
from stream.core.places import Gazetteer
from stream.core.records import Alert
from stream.core.rules.schema import RuleSet
from stream.embedded.pipeline import Pipeline, RunReport
from stream.embedded.store import EventStore
from tests.conftest import SEEDS


async def replay_seeds(db: Path, gazetteer: Gazetteer, rules: RuleSet) -> tuple[RunReport, list[Alert]]:
    """The run's report and the alerts it raised, as the pipeline told them."""
    store = await EventStore.open(db)
    raised: list[Alert] = []
    pipeline = Pipeline(store, gazetteer, rules, on_alert=raised.append)
    await replay(Inputs([SEEDS]), pipeline, Pacer(None))
    await store.close()
    return pipeline.report, raised


async def test_seeds_raise_kawlin_seizure_and_displacement(tmp_path: Path, gazetteer: Gazetteer,
                                                           default_rules: RuleSet) -> None:
    report, raised = await replay_seeds(tmp_path / "s.db", gazetteer, default_rules)
    titles = [a.title for a in raised]
    assert report.alerts == len(raised)
    assert "Kawlin (Sagaing) seized by resistance forces" in titles
    assert "30,000 people displaced near Kawlin" in titles
    assert (report.articles, report.new_articles, report.dead_letters) == (5, 5, 0)


async def test_no_alert_rests_on_a_background_total(tmp_path: Path, gazetteer: Gazetteer,
                                                    default_rules: RuleSet) -> None:
    _, raised = await replay_seeds(tmp_path / "s.db", gazetteer, default_rules)
    for alert in raised:
        assert not {873, 870, 800, 427} & set(alert.figures.values()), alert.title
        for number in ("873", "870", "800 people", "427"):
            assert all(number not in e.sentence for e in alert.evidence), alert.title


async def test_replaying_again_raises_nothing_new(tmp_path: Path, gazetteer: Gazetteer,
                                                  default_rules: RuleSet) -> None:
    first, _ = await replay_seeds(tmp_path / "s.db", gazetteer, default_rules)
    second, raised = await replay_seeds(tmp_path / "s.db", gazetteer, default_rules)
    assert first.alerts >= 3
    assert (second.new_articles, second.events, second.alerts, second.corroborations, raised) == (0, 0, 0, 0, [])


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
    raised: list[Alert] = []
    pipeline = Pipeline(store, gazetteer, load_rules(rules % 10_000), on_alert=raised.append)
    await pipeline.ingest([article("About 5,000 people fled Demoso Township on Monday.", "2024-03-12")])
    await pipeline.drain()
    assert raised == []
    pipeline.use_rules(load_rules(rules % 1_000))
    await pipeline.drain()
    assert raised == []  # no retroactive flood when the rules change
    await pipeline.ingest([article("Officials said 5,000 people fled Demoso Township on Monday.", "2024-03-12")])
    await pipeline.drain()
    assert [a.title for a in raised] == ["5,000 fled Demoso"]
    assert pipeline.report.corroborations == 1
    await store.close()
