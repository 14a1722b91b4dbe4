"""`signalfire alerts` filters: the store's indexed query answers as the plain filter over every alert does."""

from datetime import date
from pathlib import Path

import pytest

from replay.pacing import Pacer
from replay.run import replay
from replay.sources import read_inputs
from stream.core.places import Gazetteer
from stream.core.rules.schema import RuleSet
from stream.core.views import AlertQuery, alert_views
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore
from tests.builders import synthetic_corpus, write_jsonl
from tests.cli_helpers import cli
from tests.conftest import SEEDS

QUERIES = [
    AlertQuery(),
    AlertQuery(rule="place-seized"),
    AlertQuery(place="sagaing"),
    AlertQuery(place="Myanmar", rule="deaths-per-region-day"),
    AlertQuery(since=date(2023, 1, 20), until=date(2023, 2, 10)),
    AlertQuery(limit=3),
    AlertQuery(place="MAGWAY", limit=2),
    AlertQuery(place="Sagaing Region"),
    AlertQuery(place="magwe", limit=2),
    AlertQuery(rule="no-such-rule"),
    AlertQuery(silenced=True),
]


@pytest.fixture
async def store(tmp_path: Path, gazetteer: Gazetteer, default_rules: RuleSet) -> EventStore:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", synthetic_corpus(600, seed=4))
    opened = await EventStore.open(tmp_path / "s.db")
    await replay(read_inputs([SEEDS, corpus]), Pipeline(opened, gazetteer, default_rules), Pacer(None))
    return opened


@pytest.mark.parametrize("query", QUERIES, ids=repr)
async def test_the_indexed_query_finds_what_filtering_every_alert_finds(store: EventStore,
                                                                       query: AlertQuery) -> None:
    everything = alert_views(record for _, record in await store.scan("alerts"))
    expected = query.select(everything)
    assert query.select(alert_views(await store.alerts(query))) == expected
    if query == AlertQuery(place="sagaing"):
        assert expected and all("Sagaing" in (v["place"]["name"], v["place"]["admin1"]) for v in expected)
    if query.limit:
        assert len(expected) == query.limit
    await store.close()


@pytest.mark.parametrize("name", ["Kachin", "kachin state", "Kachin State", "KACHINLAND", "Kachin Region"])
def test_a_region_is_found_by_any_of_its_names(name: str) -> None:
    view = {"rule": "r", "silenced_by": None, "event_date": "2024-01-02",
            "place": {"name": "Hpakant", "admin1": "Kachin", "country": "Myanmar"}}
    assert AlertQuery(place=name).admits(view)
    assert AlertQuery(place="Karen State").admits({**view, "place": {"name": "Hpapun", "admin1": "Kayin"}})
    assert AlertQuery(place="Shan State (North)").admits({**view, "place": {"name": "Lashio", "admin1": "Shan"}})
    assert not AlertQuery(place="Kachin Township").admits(view) and not AlertQuery(place="Chin State").admits(view)


def test_a_place_outside_ascii_is_matched_in_any_case() -> None:
    view = {"rule": "r", "silenced_by": None, "event_date": "2024-01-02",
            "place": {"name": "Đông Hà", "admin1": "Quảng Trị", "country": "Vietnam"}}
    assert AlertQuery(place="đông hà").admits(view) and AlertQuery(place="QUẢNG TRỊ").admits(view)
    assert not AlertQuery(place="Huế").admits(view)
    assert not AlertQuery(since=date(2024, 1, 3)).admits(view)


def test_the_command_filters_and_refuses_a_bad_date(tmp_path: Path) -> None:
    import json
    import subprocess

    db = tmp_path / "s.db"
    subprocess.run(cli("replay", SEEDS, "--db", db), check=True, capture_output=True)
    every = [json.loads(line) for line in subprocess.run(cli("alerts", "--db", db, "--json"), check=True,
                                                          capture_output=True, text=True).stdout.splitlines()]
    seized = subprocess.run(cli("alerts", "--db", db, "--json", "--rule", "place-seized", "--place", "kawlin",
                                "--since", "2023-11-01"), check=True, capture_output=True, text=True)
    kawlin = [v for v in every if v["rule"] == "place-seized" and v["place"]["name"] == "Kawlin"]
    assert kawlin and [json.loads(line) for line in seized.stdout.splitlines()] == kawlin
    region = subprocess.run(cli("alerts", "--db", db, "--json", "--place", "Sagaing Region"), check=True,
                            capture_output=True, text=True)
    in_sagaing = [v for v in every if v["place"]["admin1"] == "Sagaing"]
    assert in_sagaing and [json.loads(line) for line in region.stdout.splitlines()] == in_sagaing
    newest = subprocess.run(cli("alerts", "--db", db, "--json", "--limit", "1"), check=True, capture_output=True,
                            text=True)
    assert [json.loads(line) for line in newest.stdout.splitlines()] == every[-1:]
    bad = subprocess.run(cli("alerts", "--db", db, "--since", "last week"), capture_output=True, text=True)
    assert bad.returncode != 0 and "--since 'last week': write a date as YYYY-MM-DD" in bad.stderr
