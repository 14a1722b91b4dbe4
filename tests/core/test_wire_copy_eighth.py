"""Wire copy, eighth round: times a story names by a month or a year alone, and the dates it names past events by.
Sentences written for each rule."""

from __future__ import annotations

from datetime import date

from stream.core.places import Gazetteer
from tests.builders import dead_in

_RECEIVED = date(2026, 12, 2)


def _undated_dead(text: str, gazetteer: Gazetteer) -> list[int | None]:
    return [e.killed for e in dead_in(text, gazetteer, published=None, received=_RECEIVED)]


def test_last_and_a_month_s_name_is_that_month_before_this_one(gazetteer: Gazetteer) -> None:
    # "Last March" in a November story is eight months back; "last Tuesday" is the news.
    text = ("Gunmen killed four traders on the road out of Kawlin last Tuesday, residents said. "
            "Last March, an ambush on the same road killed 11 soldiers.")
    assert [e.killed for e in dead_in(text, gazetteer, published="2026-11-24")] == [4]
    # The month the story is in, named with "last", is a year back.
    text = "Last November, militiamen killed nine farmers near Kani."
    assert dead_in(text, gazetteer, published="2026-11-24") == []


def test_an_undated_story_s_month_or_year_long_before_its_latest_day_is_history(gazetteer: Gazetteer) -> None:
    # The year the sentence before names carries to one that names only a month: both are history.
    text = ("Gunmen killed six villagers near Kirkuk on November 28, local officials said. The militants were driven "
            "from the province in 2017. Last December, militants killed three soldiers in an attack near Kirkuk.")
    assert _undated_dead(text, gazetteer) == [6]
    text = ("Gunmen killed six villagers near Kirkuk on November 28, local officials said. The militants were driven "
            "from the province in 2017 and in 2018 killed three soldiers in an attack near Kirkuk.")
    assert _undated_dead(text, gazetteer) == [6]


def test_an_undated_story_without_a_day_of_its_own_keeps_its_news(gazetteer: Gazetteer) -> None:
    text = "Gunmen killed six villagers in Kani township on Tuesday, local officials said."
    assert _undated_dead(text, gazetteer) == [6]
