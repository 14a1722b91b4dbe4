"""Backtest: the same history under baseline and candidate rules, compared alert by alert."""

from stream.control.backtest import backtest
from stream.core.detect import run
from stream.core.records import Alert
from stream.core.rules.load import load_rules
from tests.builders import LOIKAW, displaced, killed

RULES = ("rules:\n  - {id: disp, kind: threshold, title: '{value} fled {place}', field: displaced,"
         " threshold: %d, severity: %s}\n"
         "  - {id: deaths, kind: window_sum, title: '{value} killed', field: killed, threshold: 10}\n")
HISTORY = [displaced("a1", "2024-01-01", 1_500), displaced("a2", "2024-01-05", 30_000, place=LOIKAW),
           killed("a3", "2024-01-05", 12), displaced("a4", "2024-02-10", 4_000)]


def test_lowering_a_threshold_only_adds() -> None:
    result = backtest(load_rules(RULES % (10_000, "high")), load_rules(RULES % (1_000, "high")), HISTORY)
    assert sorted(a["title"] for a in result["added"]) == ["1,500 fled Kawlin", "4,000 fled Kawlin"]
    assert (result["removed"], result["changed"], result["unchanged"]) == ([], [], 2)


def test_raising_it_removes() -> None:
    result = backtest(load_rules(RULES % (10_000, "high")), load_rules(RULES % (50_000, "high")), HISTORY)
    assert [a["title"] for a in result["removed"]] == ["30,000 fled Loikaw"] and result["added"] == []


def test_a_changed_severity_is_a_change_not_a_new_alert() -> None:
    result = backtest(load_rules(RULES % (10_000, "high")), load_rules(RULES % (10_000, "critical")), HISTORY)
    assert result["changed"] == [{"id": result["changed"][0]["id"], "rule": "disp", "title": "30,000 fled Loikaw",
                                  "fields": {"severity": ["high", "critical"]}}]
    assert (result["added"], result["removed"], result["unchanged"]) == ([], [], 1)


def test_a_report_merged_into_an_earlier_alert_is_not_removed() -> None:
    history = [displaced("a1", "2024-01-01", 1_500), displaced("a2", "2024-01-02", 30_000)]
    result = backtest(load_rules(RULES % (10_000, "high")), load_rules(RULES % (1_000, "high")), history)
    [added] = result["added"]
    assert added["title"] == "30,000 fled Kawlin" and added["figures"] == {"displaced": 30_000}  # as it stands
    assert result["removed"] == []
    assert [c["fields"] for c in result["changed"]] == [{"merged_into": [None, added["id"]]}]


def test_the_desk_s_verdicts_are_counted_among_the_alerts_that_differ_and_give_each_rule_s_precision() -> None:
    baseline, candidate = load_rules(RULES % (10_000, "high")), load_rules(RULES % (1_000, "high"))
    ids = {a.title: a.id for a in run(candidate, HISTORY) if isinstance(a, Alert)}
    assert sorted(ids) == ["1,500 fled Kawlin", "12 killed", "30,000 fled Loikaw", "4,000 fled Kawlin"]
    verdicts = {ids["1,500 fled Kawlin"]: "reject", ids["30,000 fled Loikaw"]: "confirm", ids["12 killed"]: "reject"}
    result = backtest(baseline, candidate, HISTORY, verdicts=verdicts)
    assert {a["title"]: a.get("verdict") for a in result["added"]} == {"1,500 fled Kawlin": "reject",
                                                                      "4,000 fled Kawlin": None}
    assert result["judged"] == {"added": {"confirmed": 0, "rejected": 1}, "removed": {"confirmed": 0, "rejected": 0},
                                "changed": {"confirmed": 0, "rejected": 0}}
    assert result["precision"] == {
        "deaths": {"baseline": {"confirmed": 0, "rejected": 1, "judged": 1, "precision": 0.0},
                   "candidate": {"confirmed": 0, "rejected": 1, "judged": 1, "precision": 0.0}},
        "disp": {"baseline": {"confirmed": 1, "rejected": 0, "judged": 1, "precision": 1.0},
                 "candidate": {"confirmed": 1, "rejected": 1, "judged": 2, "precision": 0.5}}}
    # Without verdicts the comparison is as it was.
    assert set(backtest(baseline, candidate, HISTORY)) == {"added", "removed", "changed", "unchanged"}
