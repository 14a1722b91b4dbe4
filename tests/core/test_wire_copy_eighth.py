"""Wire copy, eighth round: times a story names by a month or a year alone, and the dates it names past events by.
Sentences written for each rule."""

from __future__ import annotations

import json
from datetime import date

from stream.core.articles import article_from_json
from stream.core.extract import extract
from stream.core.places import Gazetteer
from stream.core.records import Casualties
from tests.builders import dead_in, default_actors

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


def test_a_date_that_names_a_past_event_is_not_an_undated_story_s_day(gazetteer: Gazetteer) -> None:
    text = ("Strikes kill 14 in Khan Younis\n\n"
            "Israeli strikes killed 14 people in Khan Younis on Tuesday, medics said.\n\n"
            "Hamas's October 7, 2023 attack on southern Israel killed about 1,200 people, Israeli officials say.")
    story = article_from_json(json.dumps({"id": "a", "title": "Strikes kill 14 in Khan Younis", "text": text}).encode(),
                              received=_RECEIVED)
    assert story.published is None  # the day it names an attack by tells nothing of the story's own
    dead = [e.killed for e in extract(story, gazetteer, default_actors()) if e.is_incident and not e.negated
            and isinstance(e, Casualties)]
    assert dead == [14]
    # A date the news is told on is still the story's.
    told = text.replace("on Tuesday", "on March 4, 2025")
    story = article_from_json(json.dumps({"id": "b", "text": told}).encode(), received=_RECEIVED)
    assert story.published == date(2025, 3, 4)
