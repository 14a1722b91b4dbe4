"""Event dates from the article date and the words of a sentence, with their precision."""

from datetime import date

import pytest

from stream.core.dates import MONTH_STEMS, MONTHS, event_date
from stream.core.extract.framing import has_anchor

PUBLISHED = date(2024, 3, 8)  # a Friday


@pytest.mark.parametrize(("sentence", "expected", "precision"), [
    ("Troops shelled the town on Tuesday.", date(2024, 3, 5), "day"),
    ("Troops shelled the town last Friday.", date(2024, 3, 1), "day"),
    ("Troops shelled the town on Nov 6.", date(2023, 11, 6), "day"),
    ("Troops shelled the town on 2 March.", date(2024, 3, 2), "day"),
    ("Troops shelled the town yesterday.", date(2024, 3, 7), "day"),
    ("Troops shelled the town last week.", date(2024, 2, 26), "week"),
    ("Troops shelled the town earlier this month.", date(2024, 3, 1), "month"),
    ("Troops shelled the town last month.", date(2024, 2, 1), "month"),
    ("Troops shelled the town in October.", date(2023, 10, 1), "month"),
    ("Troops shelled the town in May.", date(2023, 5, 1), "month"),  # a capital: the month, not the verb
    # A year after the month is that month's year, not the one that puts the month last before the article.
    ("Troops shelled the town in February 2022.", date(2022, 2, 1), "month"),
    ("Troops shelled the town in late May, 2021.", date(2021, 5, 1), "month"),
])
def test_relative_expressions(sentence: str, expected: date, precision: str) -> None:
    assert event_date(sentence, PUBLISHED) == (expected, precision)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The town fell on 2023-11-06, residents said.", date(2023, 11, 6)),
    ("The town fell on 6 November 2023.", date(2023, 11, 6)),
    ("The town fell on Nov. 6, 2023.", date(2023, 11, 6)),
    ("The town fell on Sept 6.", date(2023, 9, 6)),
    ("The town fell this morning.", date(2024, 3, 8)),
])
def test_written_dates(sentence: str, expected: date) -> None:
    assert event_date(sentence, PUBLISHED) == (expected, "day")


@pytest.mark.parametrize("sentence", [
    "Troops shelled the town, 20 people fled.", "The mayor may return.", "The 2021 coup set off the war.",
    "Those trapped in may yet be freed, troops shelled the town.",
])
def test_no_date_said_is_the_article_date(sentence: str) -> None:
    assert event_date(sentence, PUBLISHED) == (PUBLISHED, "day")


@pytest.mark.parametrize(("sentence", "year"), [
    ("In 2021 the army seized power.", 2021),
    ("The valley was held by the rebels during the 2012 fighting.", 2012),
    ("The rebels held the hill last year.", 2023),
    # Told as past when the news broke: the year's start, so a town taken "earlier this year" is no news of today.
    ("The rebels took the hill earlier this year.", 2024),
    ("The rebels took the hill earlier in the year.", 2024),
])
def test_a_year_alone_dates_to_the_year(sentence: str, year: int) -> None:
    assert event_date(sentence, PUBLISHED) == (date(year, 1, 1), "year")


def test_every_month_holds_a_stem_of_the_quick_test() -> None:
    # Sentences without a month stem skip the month patterns.
    assert all(any(name.startswith(stem) for stem in MONTH_STEMS) for name in MONTHS)


@pytest.mark.parametrize(("sentence", "anchored"), [
    ("Troops attacked on Tuesday.", True), ("Troops attacked today.", True), ("Troops attacked yesterday.", True),
    ("Troops attacked this morning.", True), ("Troops attacked last night.", True),
    ("Troops attacked last week.", True), ("Troops attacked tonight.", True), ("Early on, troops attacked.", True),
    ("Troops attacked on Nov 6.", True), ("Troops attacked on 6 November.", True),
    ("Troops attacked at around 3 am.", True), ("Troops attacked at 9 p.m.", True),
    ("Troops attacked at 21:40.", True), ("Troops attacked at 0300 GMT.", True),
    # A figure after "at" is no hour: "put the toll at 27" is an account of a toll, not a time.
    ("Officials put the toll at 27.", False), ("Troops attacked at 9.", False),
    ("Troops have attacked 20 villages.", False), ("Troops attack every week.", False),
    ("Troops attacked in 2023.", False), ("Days of fighting followed.", False),
])
def test_anchor_words_tie_a_sentence_to_a_day(sentence: str, anchored: bool) -> None:
    assert has_anchor(sentence) is anchored
