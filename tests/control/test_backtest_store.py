"""Backtests over a store: only the rules that differ are compared, and processes reading the log agree with
a fold of the same events in memory."""

import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stream.control.backtest import backtest, backtest_store, plan
from stream.core.compare import compare
from stream.core.detect import Detection, run
from stream.core.records import Alert, EventBase
from stream.core.review import new_verdict
from stream.core.rules.load import load_rules
from stream.core.views import alert_views
from stream.embedded.review import recorded_verdicts
from stream.embedded.store import EventStore, count_events, recorded_events
from tests.builders import LOIKAW, displaced, killed, seized

RULES = """
rules:
  - {id: seized, kind: control_change, title: '{place} seized', match: {type: territory_seized}}
  - {id: fled, kind: threshold, title: '{value} fled {place}', field: displaced, threshold: %d,
     match: {type: displacement}}
  - {id: deaths, kind: window_sum, title: '{value} killed', field: killed, threshold: 10, group_by: [admin1],
     window: 1d, match: {type: casualties}}
  - {id: anything, kind: window_count, title: '{value} reports', group_by: [admin1], window: 7d, threshold: 5}
"""


def history(n: int = 600) -> list:
    rng = random.Random(3)
    events: list[EventBase] = []
    for i in range(n):
        when, kind = f"2024-{1 + i * 12 // n:02d}-{1 + i % 28:02d}", rng.randrange(3)
        placed: dict[str, Any] = {"place": LOIKAW} if rng.random() < 0.5 else {}
        if kind == 0:
            events.append(killed(f"a{i}", when, rng.randint(1, 9), n=i, **placed))
        elif kind == 1:
            events.append(displaced(f"a{i}", when, rng.choice([900, 4_000, 20_000]), n=i, **placed))
        else:
            events.append(seized(f"a{i}", when, side=rng.choice(["military", "resistance"]), n=i))
    return events


async def stored(path: Path, events: list) -> Path:
    store = await EventStore.open(path)
    await store.append(("events", e) for e in events)
    await store.close()
    return path


def test_only_the_rules_that_differ_are_compared_and_each_shared_rule_is_folded_once() -> None:
    pieces = plan(load_rules(RULES % 10_000), load_rules(RULES % 3_000))
    assert [[r.id for r in p.baseline.rules] for p in pieces] == [["fled"], ["seized"], ["deaths"], ["anything"]]
    assert [p.candidate is not None for p in pieces] == [True, False, False, False]
    assert [p.types for p in pieces] == [("displacement",), ("territory_seized",), ("casualties",), None]


def test_the_pieces_give_what_folding_every_rule_under_both_sets_and_comparing_whole_alerts_gives() -> None:
    events = history()
    for lower in (3_000, 30_000):  # a threshold lowered (alerts added) and raised (alerts removed)
        baseline, candidate = load_rules(RULES % 10_000), load_rules(RULES % lower)
        found = backtest(baseline, candidate, events)
        assert found == compare(alert_views(run(baseline, events)), alert_views(run(candidate, events)))
        assert found["added"] or found["removed"]


def test_a_fold_to_ids_raises_the_same_alerts_and_nothing_else() -> None:
    events, rules = history(), load_rules(RULES % 3_000)
    everything = run(rules, events)
    quiet = Detection(rules, made="ids")
    state, alerts = quiet.initial(), []
    for event in events:
        state, raised = quiet.step(state, event)
        alerts.extend(raised)
    assert [a.id for a in alerts] == [o.id for o in everything if isinstance(o, Alert)]
    assert len(alerts) < len(everything)


async def test_processes_reading_the_store_agree_with_one_fold_in_memory(tmp_path: Path) -> None:
    events = history()
    path = await stored(tmp_path / "s.db", events)
    baseline, candidate = load_rules(RULES % 10_000), load_rules(RULES % 3_000)
    in_memory = backtest(baseline, candidate, events)
    assert in_memory["added"] and in_memory["unchanged"] > 10
    for workers in (1, 2):
        assert backtest_store(path, baseline, candidate, workers=workers) == in_memory


async def test_the_desk_s_verdicts_read_once_give_processes_and_a_fold_in_memory_the_same_judged_counts(
        tmp_path: Path) -> None:
    events = history()
    baseline, candidate = load_rules(RULES % 10_000), load_rules(RULES % 3_000)
    raised = {o.id: o.rule for rules in (baseline, candidate) for o in run(rules, events) if isinstance(o, Alert)}
    # Every other alert either file raises judged, a third of them rejected, recorded as the desk records them.
    verdicts = {alert_id: "reject" if i % 3 == 0 else "confirm" for i, alert_id in enumerate(raised) if i % 2 == 0}
    path = await stored(tmp_path / "s.db", events)
    store = await EventStore.open(path)
    at = datetime(2024, 6, 1, tzinfo=UTC)
    await store.append([("actions", new_verdict(alert_id, action, "ana", "no" if action == "reject" else None, at))
                        for alert_id, action in verdicts.items()])
    await store.close()
    assert {v.alert_id: v.action for v in recorded_verdicts(path)} == verdicts
    in_memory = backtest(baseline, candidate, events, verdicts=verdicts)
    assert sum(in_memory["judged"]["added"].values()) > 0
    # The shared rules' precision is the same under both files, counted by hand over what either raises.
    for rule in ("seized", "deaths", "anything"):
        judged = [verdicts[i] for i, r in raised.items() if r == rule and i in verdicts]
        expected = {"confirmed": judged.count("confirm"), "rejected": judged.count("reject"), "judged": len(judged),
                    "precision": round(judged.count("confirm") / len(judged), 4)}
        assert in_memory["precision"][rule] == {"baseline": expected, "candidate": expected}
    for workers in (1, 2):
        assert backtest_store(path, baseline, candidate, workers=workers, verdicts=verdicts) == in_memory


async def test_brief_alerts_are_the_whole_alerts_cut_to_what_a_table_reads(tmp_path: Path) -> None:
    events = history()
    path = await stored(tmp_path / "s.db", events)
    for lower in (3_000, 30_000):  # alerts added, then removed
        baseline, candidate = load_rules(RULES % 10_000), load_rules(RULES % lower)
        whole = backtest_store(path, baseline, candidate)
        brief = backtest_store(path, baseline, candidate, whole=False)
        assert brief["changed"] == whole["changed"] and brief["unchanged"] == whole["unchanged"]
        for kind in ("added", "removed"):
            assert [{k: view[k] for k in BRIEF} for view in brief[kind]] == [
                {k: view[k] for k in BRIEF} for view in whole[kind]]
            assert all(set(view) == set(BRIEF) for view in brief[kind])
        assert brief["added"] or brief["removed"]


BRIEF = ("id", "rule", "title", "severity", "place", "event_date", "figures", "channels", "silenced_by", "tier",
         "event_ids")


async def test_events_of_some_types_come_back_in_log_order_and_are_counted_from_the_index(tmp_path: Path) -> None:
    events = history(200)
    path = await stored(tmp_path / "s.db", events)
    wanted = ("casualties", "displacement")
    assert [e.id for e in recorded_events(path, wanted)] == [e.id for e in events if e.type in wanted]
    assert [e.id for e in recorded_events(path)] == [e.id for e in events]
    assert count_events(path, wanted) == sum(1 for e in events if e.type in wanted)
    floors = {"displaced": 4_000, "killed": 8}
    assert [e.id for e in recorded_events(path, wanted, floors)] == [
        e.id for e in events if e.type in wanted and any((getattr(e, k, 0) or 0) >= v for k, v in floors.items())]


def test_a_piece_of_thresholds_reads_only_events_at_or_above_the_lowest_of_them() -> None:
    pieces = plan(load_rules(RULES % 10_000), load_rules(RULES % 3_000))
    assert [p.floors for p in pieces] == [{"displaced": 3_000}, None, None, None]
