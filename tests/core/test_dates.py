"""Event dates from the article date and the words of a sentence, with their precision."""

from datetime import date

import pytest

from stream.core.dates import event_date

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
])
def test_relative_expressions(sentence: str, expected: date, precision: str) -> None:
    assert event_date(sentence, PUBLISHED) == (expected, precision)
