"""Rules of news writing the precision gate rests on, each with sentences written for it."""

from __future__ import annotations

import pytest

from stream.core.extract import extract
from stream.core.extract.mentions import find_places
from stream.core.places import Gazetteer
from tests.builders import article


def places(gazetteer: Gazetteer, sentence: str, countries: frozenset[str] = frozenset()) -> list[str]:
    return [m.place.name for m in find_places(sentence, gazetteer, (), countries)]


@pytest.mark.parametrize("sentence", [
    "Fighting resumed in May near the Indian border, villagers said.",
    "The column entered the town on 19 May after a night of shelling.",
    "Shops stayed shut on Sunday and again on Monday in the border towns.",
])
def test_a_month_or_weekday_alone_is_never_a_place(gazetteer: Gazetteer, sentence: str) -> None:
    found = places(gazetteer, sentence, frozenset({"India"}))
    assert not {"May", "Sunday", "Monday"} & set(found)


@pytest.mark.parametrize(("sentence", "person"), [
    ("Russian President Vladimir Putin hailed the capture of the town on Sunday.", "Vladimir"),
    ("Prime Minister Sharif said the army had cleared the valley.", "Sharif"),
    ("General Albert toured the front line near the river.", "Albert"),
])
def test_a_name_after_a_title_is_a_person_not_a_place(gazetteer: Gazetteer, sentence: str, person: str) -> None:
    countries = frozenset({"Russia", "Pakistan", "France"})
    assert person not in places(gazetteer, sentence, countries)


def casualty_flags(gazetteer: Gazetteer, text: str, published: str | None = "2024-06-10") -> list[tuple[int, bool]]:
    return [(getattr(e, "killed", None) or getattr(e, "displaced", None), e.cumulative)
            for e in extract(article(text, published), gazetteer)
            if e.type in ("casualties", "displacement")]


@pytest.mark.parametrize(("text", "published"), [
    # A war's years, with its month: a running total.
    ("The war, which has raged since April 2023, has killed 15,000 people, the agency estimates.", "2024-06-10"),
    # Flight in earlier months, summed.
    ("Another 80,000 people who fled fighting in previous months are sheltering in the camps.", "2024-06-10"),
    ("Clashes in the hills have displaced 40,000 people in recent weeks, aid workers said.", "2024-06-10"),
    # A period since a month, in an article without a date of its own.
    ("Clashes have forced 25,000 people from their homes since May, the agency said.", None),
    # ... or months before the article's date.
    ("Clashes have forced 25,000 people from their homes since February, the agency said.", "2024-06-10"),
])
def test_period_totals_are_background(gazetteer: Gazetteer, text: str, published: str | None) -> None:
    found = casualty_flags(gazetteer, text, published)
    assert found and all(cumulative for _, cumulative in found)


def test_a_period_since_a_month_this_month_is_the_current_news(gazetteer: Gazetteer) -> None:
    text = "Clashes have forced 25,000 people from their homes since June, the agency said."
    assert casualty_flags(gazetteer, text, "2024-06-20") == [(25_000, False)]
