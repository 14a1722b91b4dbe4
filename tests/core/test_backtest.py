"""Backtest: the same history under baseline and candidate rules, compared alert by alert."""

from stream.backtest import backtest
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
