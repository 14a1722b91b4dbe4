"""Rule tests, the pure part: a tests file read or refused with where and what to fix, events written out placed
through the gazetteer, and a case's outcome as a diff of what it expected against what it raised."""

from typing import Any

import pytest

from stream.core.places import Gazetteer
from stream.core.records import Casualties
from stream.core.rules.cases import check_rules_named, event_of, histories, load_tests
from stream.core.rules.expect import case_diff, raised
from stream.core.rules.load import load_rules
from stream.errors import RulesError

RULES = load_rules("""
rules:
  - {id: seized, kind: control_change, title: '{place} seized', match: {type: territory_seized}}
  - {id: deaths, kind: window_sum, title: '{value} killed', field: killed, threshold: 10, group_by: [admin1],
     window: 1d, match: {type: casualties}}
""")


def problems(text: str) -> list[str]:
    with pytest.raises(RulesError) as caught:
        load_tests(text, "t.yaml")
    return caught.value.problems


@pytest.mark.parametrize(("text", "expected"), [
    ("cases:\n  - name: a\n    events: [{type: casualties, date: 2024-03-04, kiled: 3}]\n    expect: []\n",
     ["t.yaml:3:51: cases[0].events[0].kiled: unknown key 'kiled'; did you mean 'killed'?"]),
    ("cases:\n  - name: a\n    events: [{type: displacement, date: 2024-03-04, killed: 3}]\n    expect: []\n",
     ["t.yaml:3:14: cases[0].events[0]: a displacement event has no killed (its figures: displaced)"]),
    ("cases:\n  - name: a\n    articles: [{text: 'Soldiers were killed'}]\n    expect: []\n",
     ["t.yaml:3:16: cases[0].articles[0]: an article written here needs its date: add date: YYYY-MM-DD"]),
    ("cases:\n  - name: a\n    events: [{type: territory_seized, date: 2024-03-04}]\n",
     ["t.yaml:2:5: cases[0]: say what the case raises: expect (every alert it raises; [] for none) or absent"]),
    ("cases:\n  - name: a\n    events: [{type: territory_seized, date: 2024-03-04}]\n    expect:\n"
     "      - {rule: seized, figures: {kiled: 3}}\n",
     ["t.yaml:5:34: cases[0].expect[0].figures.kiled: 'kiled' is not allowed; expected 'killed', 'injured', "
      "'displaced' or 'count'"]),
    ("cases:\n  - {name: a, events: [{type: territory_seized, date: 2024-03-04}], expect: []}\n"
     "  - {name: a, events: [{type: territory_seized, date: 2024-03-05}], expect: []}\n",
     ["t.yaml:3:6: cases[1].name: 'a' names cases[0] already; give each case its own name"]),
    ("cases:\n  - {name: a, events: [{type: territory_seized, date: 2024-02-30}], expect: []}\n",
     ["t.yaml:2:55: 2024-02-30 is not a date (day is out of range for month); write a real day as YYYY-MM-DD"]),
])
def test_a_bad_tests_file_is_refused_with_file_line_column_and_what_to_fix(text: str, expected: list[str]) -> None:
    assert problems(text) == expected


def test_an_expected_rule_the_rules_file_lacks_is_refused_with_a_did_you_mean() -> None:
    loaded = load_tests("cases:\n  - name: a\n    events: [{type: territory_seized, date: 2024-03-04}]\n"
                        "    absent: [{rule: seize}]\n", "t.yaml")
    assert check_rules_named(loaded, RULES, "mine.yaml") == [
        "t.yaml:4:15: cases[0].absent[0].rule: no enabled rule 'seize' in mine.yaml; did you mean 'seized'?"]


def test_events_are_placed_through_the_gazetteer_and_an_unknown_place_is_refused(gazetteer: Gazetteer) -> None:
    loaded = load_tests("cases:\n  - name: a\n    events:\n"
                        "      - {type: casualties, date: 2024-03-04, place: Kalay, killed: 4, source: A}\n"
                        "      - {type: casualties, date: 2024-03-04, place: Nowhereville, killed: 4}\n"
                        "    expect: []\n", "t.yaml")
    with pytest.raises(RulesError) as caught:
        histories(loaded, gazetteer, lambda name, day: [])
    assert caught.value.problems == [
        "t.yaml:5:46: cases[0].events[1].place: 'Nowhereville' is in none of the gazetteers: check its spelling, "
        "or give its admin1 and country to take it as written"]
    event = event_of(loaded.tests.cases[0].events[0], "a", 0, gazetteer)
    assert isinstance(event, Casualties) and event.place is not None
    # Kalay is written Kale in MIMU
    assert (event.place.name, event.place.admin1, event.source, event.killed) == ("Kale", "Sagaing", "A", 4)


def outcome(text: str, gazetteer: Gazetteer) -> list[str]:
    loaded = load_tests(f"cases:\n  - name: c\n{text}", "t.yaml")
    [history] = histories(loaded, gazetteer, lambda name, day: [])
    views: list[dict[str, Any]] = raised(RULES, history, gazetteer, actors=None)  # type: ignore[arg-type]
    return case_diff(loaded.tests.cases[0], views)


EVENTS = """    events:
      - {type: casualties, date: 2024-04-09, place: Kalay, killed: 8, source: A}
      - {type: casualties, date: 2024-04-09, place: Kawlin, killed: 5, source: B}
      - {type: territory_seized, date: 2024-04-09, place: Tamu, side: resistance}
"""


def test_a_case_passes_when_it_raises_exactly_what_it_expects(gazetteer: Gazetteer) -> None:
    assert outcome(EVENTS + """    expect:
      - {rule: seized, place: tamu}
      - {rule: deaths, place: Sagaing, date: 2024-04-09, figures: {killed: 13}, tier: sent}
""", gazetteer) == []


def test_a_wrong_figure_shows_the_expected_line_against_the_raised_one_in_its_terms(gazetteer: Gazetteer) -> None:
    assert outcome(EVENTS + """    expect:
      - {rule: deaths, place: Sagaing, figures: {killed: 12}}
      - {rule: seized, place: Tamu}
""", gazetteer) == ["--- expected", "+++ raised",
                    "- {rule: deaths, place: Sagaing, figures: {killed: 12}}",
                    "+ {rule: deaths, place: Sagaing, figures: {killed: 13}}",
                    "  {rule: seized, place: Tamu}"]


def test_an_alert_not_expected_fails_the_case_and_one_expected_absent_too(gazetteer: Gazetteer) -> None:
    assert outcome(EVENTS + "    expect:\n      - {rule: seized, place: Tamu}\n", gazetteer) == [
        "--- expected", "+++ raised", "  {rule: seized, place: Tamu}",
        "+ {rule: deaths, place: Sagaing, date: 2024-04-09, figures: {killed: 13}}"]
    # absent alone lets other alerts be
    assert outcome(EVENTS + "    absent:\n      - {rule: deaths, place: Chin}\n", gazetteer) == []
    assert outcome(EVENTS + "    absent:\n      - {rule: seized}\n", gazetteer) == [
        "--- expected", "+++ raised",
        "+ {rule: seized, place: Tamu, date: 2024-04-09}   (expected absent: {rule: seized})"]
