"""Alert views tell the truth as later reports change it: the title renders the figures as they stand (the console
says what it was), and an article is never listed as its own later report."""

from __future__ import annotations

from rich.console import Console

from stream.cli.console import alert_panel
from stream.core.detect import run
from stream.core.detect.base import retitle
from stream.core.records import Alert, Corroboration, Place
from stream.core.rules.load import load_rules
from stream.core.views import alert_views
from tests.builders import killed, seized

KACHIN = Place(name="Hpakant", admin1="Kachin", country="Myanmar", precision="town")
RULES = load_rules("""rules:
  - {id: deaths, kind: window_sum, field: killed, threshold: 10, window: 1d, group_by: [admin1],
     title: "{value} killed in {admin1} on {window_start} {{sic}}", review: never}
  - {id: seized, kind: control_change, title: "{place} seized", review: never, match: {type: territory_seized}}
""", "rules.yaml")


def test_a_window_title_says_the_figure_as_it_stands_and_the_raised_one_is_kept() -> None:
    records = run(RULES, [killed("a1", "2024-03-05", 14, KACHIN, source="One"),
                          killed("a2", "2024-03-05", 3, KACHIN, n=1, source="Two")])
    [raised, later] = records
    assert isinstance(raised, Alert) and raised.title == "14 killed in Kachin on 2024-03-05 {sic}"
    assert raised.title_template == "{killed} killed in Kachin on 2024-03-05 {{sic}}"
    assert isinstance(later, Corroboration) and later.figures == {"killed": 17}
    [view] = alert_views(records)
    assert view["title"] == "17 killed in Kachin on 2024-03-05 {sic}"
    assert (view["figures"], view["raised_figures"]) == ({"killed": 17}, {"killed": 14})
    assert "title_template" not in view
    shown = Console(width=200, record=True)
    shown.print(alert_panel(view))
    assert "killed 17 (was 14)" in shown.export_text()


def test_a_title_that_names_no_figure_has_no_template_and_never_changes() -> None:
    [alert, _] = run(RULES, [seized("a1", "2024-03-05"), seized("a2", "2024-03-06", n=1)])
    assert isinstance(alert, Alert) and alert.title == "Kawlin seized" and alert.title_template is None
    assert alert_views(run(RULES, [seized("a1", "2024-03-05"), seized("a2", "2024-03-06", n=1)]))[0]["title"] == \
        "Kawlin seized"


def test_retitle_fills_each_figure_and_keeps_literal_braces() -> None:
    assert retitle("{displaced} displaced near {{Kawlin}}", {"displaced": 30_000}) == "30,000 displaced near {Kawlin}"
    assert retitle("{killed} killed", {}) == "? killed"


def test_the_raising_article_is_never_its_own_later_report_and_a_later_article_is_listed_once() -> None:
    records = run(RULES, [killed("a1", "2024-03-05", 12, KACHIN, source="One"),
                          killed("a1", "2024-03-05", 2, KACHIN, n=1, source="One"),  # the same article, again
                          killed("a2", "2024-03-05", 3, KACHIN, n=2, source="Two"),
                          killed("a2", "2024-03-05", 4, KACHIN, n=3, source="Two")])
    assert [r.type for r in records] == ["alert", "corroboration", "corroboration", "corroboration"]
    [view] = alert_views(records)
    assert [(c["article_id"], c["figures"]) for c in view["corroborated"]] == [("a2", {"killed": 21})]
    assert view["corroborations"] == 1
    assert [s["article_id"] for s in view["sources"]] == ["a1", "a2"]
    assert view["title"].startswith("21 killed in Kachin")
