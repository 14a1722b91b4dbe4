"""Figures: digits, words, ranges, qualifiers, ACLED's vague quantities, and what is not a head count."""

import pytest

from stream.core.extract import extract
from stream.core.extract.figures import VAGUE, find_figures
from stream.core.places import Gazetteer
from tests.builders import article


@pytest.mark.parametrize(("text", "best", "qualifier", "vague"), [
    ("17 villagers", 17, "exact", False),
    ("more than 1,200 people", 1200, "at_least", False),
    ("Twenty-three fighters", 23, "exact", False),
    ("nearly 4.5 million residents", 4_500_000, "approx", False),
    ("between 12 and 40 soldiers", 12, "at_least", False),
    ("up to 300 families", 300, "up_to", False),
    ("dozens of troops", 12, "approx", True),
    ("tens of thousands of people", 10_000, "approx", True),
    ("hundreds of residents", 100, "approx", True),
    ("thousands of villagers", 1_000, "approx", True),
    ("an estimated 9,000 people", 9000, "approx", False),
])
def test_head_counts(text: str, best: int, qualifier: str, vague: bool) -> None:
    [figure] = find_figures(text)
    assert (figure.best, figure.qualifier, figure.vague) == (best, qualifier, vague)


@pytest.mark.parametrize(("phrase", "best"), sorted(VAGUE.items()))
def test_every_vague_quantity_is_read(phrase: str, best: int) -> None:
    # The quick test for a number before the full pattern once missed "half a million" and "a thousand".
    [figure] = find_figures(f"{phrase.capitalize()} people fled")
    assert (figure.best, figure.vague) == (best, True)


@pytest.mark.parametrize("text", [
    "a 14-year-old boy", "at 9 am", "in 2024", "Light Infantry Battalion 417", "on March 3", "about 5 km away",
    "for 3 days", "Military Region 2", "on 14 February", "a 45-minute gun battle", "within 30 seconds",
])
def test_not_head_counts(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize("text", ["a strike on a tent camp killed six", "six of their loved ones were killed",
                                  "six tenants of the block were killed"])
def test_a_number_word_ends_its_word(text: str) -> None:
    assert [figure.best for figure in find_figures(text)] == [6]


def test_a_figure_after_a_month_is_not_its_day() -> None:
    [figure] = find_figures("since 3 March some 8,000 people")
    assert figure.best == 8000


@pytest.mark.parametrize(("text", "best"), [
    ("killing three junta soldiers", 3), ("20 marines were wounded", 20), ("3 separate attacks", 3),
    ("12 decided to flee", 12),
])
def test_words_starting_like_months_are_not_dates(text: str, best: int) -> None:
    [figure] = find_figures(text)
    assert figure.best == best


@pytest.mark.parametrize("text", [
    # Read with float() once: thousands of digits overflowed it, and the OverflowError poisoned the store.
    "Troops killed " + "9" * 400 + " people",
    "Troops killed " + "9" * 5_000 + " people",
    "between 3 and " + "9" * 400 + " soldiers",
    "9" * 400 + ".5 million people fled",
    # No incident kills or drives out more than ten million people: such a figure is a typo or a forgery.
    "Junta troops killed 18,446,744,073,709,551,616 civilians",
    "Troops killed 10,000,001 people",
    "some 900 million people fled",
])
def test_figures_beyond_any_incident_are_not_head_counts(text: str) -> None:
    assert find_figures(text) == []


def test_ten_million_is_still_a_figure() -> None:
    [figure] = find_figures("10 million people fled")
    assert figure.best == 10_000_000


@pytest.mark.parametrize("text", [
    "On 31 December 9999 junta troops killed villagers",
    "On December 31, 9999 junta troops killed villagers",
    "On 1st March 2150, soldiers killed villagers",
])
def test_the_year_of_a_date_is_not_a_head_count(text: str) -> None:
    assert find_figures(text) == []


def test_a_figure_after_a_whole_date_is_still_read() -> None:
    [figure] = find_figures("On 31 December 2023, 40 villagers were killed")
    assert figure.best == 40


@pytest.mark.parametrize(("text", "found"), [
    ("The plan for 30 new townships is dead in the water, analysts said.", []),
    ("High prices have killed 40 small businesses in Sittwe, traders said.", []),
    # The people of a place or an institution are people.
    ("Gunmen killed 20 village heads in Kani on Monday.", [20]),
])
def test_a_thing_counted_after_one_word_is_no_head_count(gazetteer: Gazetteer, text: str, found: list[int]) -> None:
    assert [e.killed for e in extract(article(text, "2025-06-11"), gazetteer) if e.type == "casualties"] == found
