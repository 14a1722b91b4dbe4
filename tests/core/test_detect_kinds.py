"""window_count, spike, flag filters and silences, as pure folds."""

from datetime import date, timedelta

from stream.core.detect import run, silences
from stream.core.records import Alert, Corroboration
from stream.core.rules.load import load_rules
from stream.core.rules.schema import Silence
from tests.builders import LOIKAW, killed, seized


def alerts(outputs: list) -> list[Alert]:
    return [o for o in outputs if isinstance(o, Alert)]


def day(n: int) -> str:
    return (date(2024, 1, 1) + timedelta(days=n)).isoformat()


def test_window_count_counts_distinct_incidents_per_group_and_week() -> None:
    rules = load_rules("rules:\n  - {id: busy, kind: window_count, title: '{value} seizures in {place} week of "
                       "{window_start}', group_by: [place], window: 7d, threshold: 3,"
                       " match: {type: territory_seized}}\n")
    events = [seized("a1", day(0)), seized("a2", day(0), source="other outlet"),  # one incident, two outlets
              seized("a3", day(2)), seized("a4", day(3), place=LOIKAW), seized("a5", day(4))]
    [alert] = alerts(run(rules, events))
    assert alert.title.startswith("3 seizures in Kawlin week of ") and alert.figures == {"events": 3}


SPIKE = ("rules:\n  - {id: surge, kind: spike, title: '{value} killed in {admin1}', field: killed, group_by: [admin1],"
         " window: 1d, baseline_windows: 3, floor: 10%s}\n")


def test_spike_fires_above_every_window_of_the_baseline() -> None:
    rules = load_rules(SPIKE % "")
    quiet = [killed(f"q{i}", day(i), 12, n=i) for i in range(3)]  # 12 a day
    # Day 0 is above its (empty) baseline; days 1 and 2 only equal it; day 3 reaches 13 > 12 on its second report.
    out = run(rules, [*quiet, killed("b1", day(3), 12), killed("b2", day(3), 1, side="civilian")])
    assert [(a.event_date, a.figures) for a in alerts(out)] == [
        (date(2024, 1, 1), {"killed": 12}), (date(2024, 1, 4), {"killed": 13})]


def test_spike_never_below_its_floor() -> None:
    assert alerts(run(load_rules(SPIKE % ""), [killed("a1", day(0), 9)])) == []


def test_spike_with_a_factor_compares_with_the_baseline_mean() -> None:
    rules = load_rules(SPIKE % ", factor: 2")
    events = [killed("a0", day(0), 10), killed("a1", day(1), 10, side="civilian"),
              killed("a2", day(2), 10, side="resistance"), killed("a3", day(3), 19), killed("a4", day(4), 21, n=1)]
    # Baselines (3 windows, mean): day 1 10 >= 2 x 3.3 fires; day 2 10 < 2 x 6.7; day 3 19 < 2 x 10; day 4 21 < 2 x 13.
    assert [a.event_date for a in alerts(run(rules, events))] == [date(2024, 1, 1), date(2024, 1, 2)]
    # Day 5 at 40 >= 2 x 16.7 is a spike.
    later = alerts(run(rules, [*events, killed("a5", day(5), 40, n=2)]))
    assert later[-1].event_date == date(2024, 1, 6) and later[-1].figures == {"killed": 40}


def test_flags_filter_lets_background_in_on_purpose() -> None:
    rules = load_rules("rules:\n  - {id: tolls, kind: threshold, title: '{value}', field: killed, threshold: 100,"
                       " match: {flags: [cumulative]}}\n")
    out = run(rules, [killed("a1", day(0), 500), killed("a2", day(0), 800, cumulative=True, place=LOIKAW)])
    assert [a.figures for a in alerts(out)] == [{"killed": 800}]


def test_silence_marks_matching_alerts_through_its_date() -> None:
    rules = load_rules("rules:\n  - {id: seized, kind: control_change, title: t}\n"
                       "silences:\n  - {rule: seized, match: {admin1: sagaing}, until: 2024-01-03}\n")
    out = run(rules, [seized("a1", day(0)), seized("a2", day(1), place=LOIKAW), seized("a3", day(5), side="military")])
    assert [(a.place.name if a.place else None, a.silenced_by is not None) for a in alerts(out)] == [
        ("Kawlin", True), ("Loikaw", False), ("Kawlin", False)]


def test_silence_from_the_command_line_applies_like_one_from_yaml() -> None:
    rules = load_rules("rules:\n  - {id: seized, kind: control_change, title: t}\n")
    added = Silence(rule="seized", match={"place": "Kawlin"}, until=date(2024, 1, 2))
    [alert] = alerts(run(rules, [seized("a1", day(0))], [added]))
    assert alert.silenced_by == added.id and silences(added, alert)
    assert not any(isinstance(o, Corroboration) for o in run(rules, [seized("a1", day(0))], [added]))


WINDOW_SUM = ("rules:\n  - {id: deaths, kind: window_sum, title: '{value} killed in {admin1}', field: killed,"
              " threshold: 10, group_by: [admin1], window: 1d}\n")


def test_watermarks_are_per_group_so_an_unsorted_feed_loses_nothing() -> None:
    from stream.core.detect import Detection

    detection = Detection(load_rules(WINDOW_SUM))
    state = detection.initial()
    # Loikaw's news is months ahead of Kawlin's; Kawlin's windows stay open.
    state, first = detection.step(state, killed("a1", "2024-06-01", 12, place=LOIKAW))
    state, second = detection.step(state, killed("a2", "2024-01-05", 12))
    assert [a.title for a in alerts(first + second)] == ["12 killed in Kayah", "12 killed in Sagaing"]
    assert detection.by_rule(state)["deaths"].late == 0


def test_an_event_behind_its_own_group_s_closed_window_is_counted_late() -> None:
    from stream.core.detect import Detection

    detection = Detection(load_rules(WINDOW_SUM))
    state = detection.initial()
    state, _ = detection.step(state, killed("a1", "2024-06-01", 3))
    state, out = detection.step(state, killed("a2", "2024-01-05", 12))  # Sagaing's window of January is closed
    assert out == [] and detection.by_rule(state)["deaths"].late == 1


def test_windows_behind_the_horizon_are_forgotten_also_after_a_snapshot_round_trip() -> None:
    from stream.core.detect import Detection
    from stream.core.detect.codec import decode_state, encode_state

    detection = Detection(load_rules(WINDOW_SUM))
    state = detection.initial()
    for day in range(1, 29):  # four weeks of daily windows in Sagaing, one more in Kayah
        state, _ = detection.step(state, killed(f"s{day}", f"2024-01-{day:02d}", 1))
    state, _ = detection.step(state, killed("k1", "2024-01-03", 1, place=LOIKAW))
    state = decode_state(encode_state(state))
    # 90 days after 10 January, Sagaing's windows before then close; Kayah's stays open (its own watermark).
    state, _ = detection.step(state, killed("s99", "2024-04-09", 1))
    starts = sorted(str(key[-1]) for key in detection.by_rule(state)["deaths"].windows if key[0] == "Sagaing")
    assert starts[0] == "2024-01-10" and len(starts) == 20
    assert ("Kayah", date(2024, 1, 3)) in detection.by_rule(state)["deaths"].windows
