"""Wire copy, eighth round: times a story names by a month or a year alone, and the dates it names past events by.
Sentences written for each rule."""

from __future__ import annotations

import json
from datetime import date

from stream.core.articles import article_from_json
from stream.core.extract import extract
from stream.core.places import Gazetteer
from stream.core.records import Casualties, Displacement
from tests.builders import dead_in, default_actors, events_in, fled_in, takings_in, tolls_in

_RECEIVED = date(2026, 12, 2)


def _undated_dead(text: str, gazetteer: Gazetteer) -> list[int | None]:
    return tolls_in(text, gazetteer, published=None, received=_RECEIVED)


def test_last_and_a_month_s_name_is_that_month_before_this_one(gazetteer: Gazetteer) -> None:
    # "Last March" in a November story is eight months back; "last Tuesday" is the news.
    text = ("Gunmen killed four traders on the road out of Kawlin last Tuesday, residents said. "
            "Last March, an ambush on the same road killed 11 soldiers.")
    assert tolls_in(text, gazetteer, published="2026-11-24") == [4]
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


def test_a_day_last_year_and_the_days_its_paragraph_goes_on_to_are_history(gazetteer: Gazetteer) -> None:
    # An undated story: its news is Monday's, its paragraph of last year's campaign is backstory, whatever its days.
    text = ("Resistance fighters took the last army camp in Pinlebu on Tuesday, a spokesman said.\n\n"
            "Their offensive opened on Oct. 4 last year with raids on Kawlin and Pinlebu. By November the fighters "
            "held most of Kawlin. They seized the whole town on Nov. 28.")
    taken = [e.place.name for e in takings_in(text, gazetteer, None, received=_RECEIVED) if e.place]
    assert "Kawlin" not in taken
    # And a list of gains since a start a year back is a recap, not the day's news.
    text = ("Since resuming its offensive on November 13 last year, the Arakan Army has captured the towns of Minbya, "
            "Mrauk-U and Kyauktaw along with dozens of army camps.")
    assert takings_in(text, gazetteer, published="2026-11-24") == []


def test_deaths_since_a_campaign_s_start_weeks_back_are_a_running_total(gazetteer: Gazetteer) -> None:
    text = ("The health ministry said on Sunday that at least 1,180 people had been killed since the army resumed "
            "its strikes on March 18.")
    assert dead_in(text, gazetteer, published="2026-04-13") == []
    # A start of last week's may be the news's own fight.
    text = "Medics said 12 people had been killed since the army resumed its strikes on April 8."
    assert tolls_in(text, gazetteer, published="2026-04-13") == [12]
    # A day's toll stays one.
    text = "Soldiers killed 12 villagers in Kawlin on Sunday, the deadliest day since the offensive began."
    assert tolls_in(text, gazetteer, published="2026-04-13") == [12]


def test_a_count_reported_earlier_the_same_day_gives_way_to_the_toll_it_rose_to(gazetteer: Gazetteer) -> None:
    text = ("The death toll of Tuesday's clashes near Manbij has risen to 31, the monitor said. Earlier today, the "
            "monitor reported that 19 people had been killed in the clashes.")
    assert tolls_in(text, gazetteer, published="2026-04-08") == [31]
    # A count told earlier of another fight stands beside it.
    text = ("The death toll of Tuesday's clashes near Manbij has risen to 31, the monitor said. Earlier today, "
            "police said three people were killed in a blast in Raqqa.")
    assert sorted(e.killed or 0 for e in dead_in(text, gazetteer, published="2026-04-08")) == [3, 31]


def test_deaths_between_the_afternoons_of_two_days_are_summed(gazetteer: Gazetteer) -> None:
    text = ("Between the afternoons of 9 and 12 August, according to the health ministry, 136 people were killed "
            "and 320 were injured in Gaza.")
    assert dead_in(text, gazetteer, published="2026-08-13") == []


def test_the_dead_of_half_a_year_are_a_period_s_total(gazetteer: Gazetteer) -> None:
    text = ("Gunmen killed 14 villagers in Kani township on Monday, residents said. According to a security "
            "consultancy, more than 1,900 people were killed in gang violence in the north in the first half of the "
            "year.")
    assert tolls_in(text, gazetteer, published="2026-09-18") == [14]


def test_a_flight_summed_over_a_week_or_more_of_dates_is_a_report_s_total(gazetteer: Gazetteer) -> None:
    text = "Some 9,400 people were newly displaced in Kani township between 3 and 17 May, the agency's update said."
    assert fled_in(text, gazetteer, published="2026-05-20") == [(9400, True)]
    # Three days of flight are the flight.
    text = "Between 14 and 16 May, clashes in Kani township displaced about 2,100 people, the agency said."
    assert fled_in(text, gazetteer, published="2026-05-20") == [(2100, False)]


def test_a_post_taken_in_a_township_is_the_post_the_story_names(gazetteer: Gazetteer) -> None:
    text = ("Karen fighters overran an army camp in Kawkareik Township on Sunday, the group said.\n\n"
            "The camp at Thaw Le Hta, held by about 40 soldiers, fell to the fighters before noon after a dawn "
            "assault, a spokesman said.")
    assert {e.place.name for e in takings_in(text, gazetteer) if e.place} == {"Thaw Le Hta"}
    # A story that names no post of its own keeps the township.
    text = "Karen fighters overran an army camp in Kawkareik Township on Sunday, the group said."
    assert {e.place.name for e in takings_in(text, gazetteer) if e.place} == {"Kawkareik"}


def test_a_person_of_a_number_is_an_age(gazetteer: Gazetteer) -> None:
    text = "Gunmen killed three farmers in Kani on Monday. A man of about 60 was wounded in the same attack."
    assert tolls_in(text, gazetteer, published="2026-03-04") == [3]
    assert all(e.injured != 60 for e in events_in(text, gazetteer, "2026-03-04") if isinstance(e, Casualties))


def test_the_number_killed_since_a_start_is_a_running_count(gazetteer: Gazetteer) -> None:
    # Read on the day the period began, as an undated story is read by the latest date it writes.
    text = ("With the new deaths, the number of people killed since the militias launched their assault on the dam "
            "on March 3, 2026, rises to 480, the monitor said.")
    assert dead_in(text, gazetteer, published="2026-03-03") == []


def test_took_a_bridge_a_checkpoint_or_positions_is_a_taking(gazetteer: Gazetteer) -> None:
    for site in ("the bridge", "a checkpoint", "army positions"):
        text = f"Rebels took {site} 5 km outside Hsenwi on Monday after a day of fighting."
        assert [e.place.name for e in takings_in(text, gazetteer) if e.place] == ["Hsenwi"], site
    # A stance taken is no ground.
    assert takings_in("The army took a position of neutrality on Monday.", gazetteer) == []


def test_the_deadliest_of_several_incidents_across_a_region_is_one_incident(gazetteer: Gazetteer) -> None:
    text = ("At least seven villagers were killed when a jet bombed a village in Kani Township on Saturday, residents "
            "said, in the deadliest of several attacks reported across the region over the weekend.")
    assert tolls_in(text, gazetteer, published="2026-08-19") == [7]
    # The toll told across the region is still no incident.
    text = "At least 30 civilians were killed across the region over the weekend, a monitor said."
    assert dead_in(text, gazetteer, published="2026-08-19") == []


def test_a_post_taken_by_a_town_is_the_village_the_story_says_it_stands_at(gazetteer: Gazetteer) -> None:
    text = ("Karen fighters seized an army outpost in Kawkareik Township on Sunday, the group said. Fighters attacked "
            "the outpost at Thaw Le village before dawn and held it by noon.")
    assert {e.place.name for e in takings_in(text, gazetteer) if e.place} == {"Thaw Le"}
    text = ("Resistance fighters seized an army camp in Kyaukkyi Township on Tuesday. The camp in the village of "
            "Thaw Le fell after a day of fighting, the group said.")
    assert {e.place.name for e in takings_in(text, gazetteer) if e.place} == {"Thaw Le"}
    # A camp the story does not place keeps the township.
    text = "Resistance fighters seized an army camp in Kyaukkyi Township on Tuesday."
    assert {e.place.name for e in takings_in(text, gazetteer) if e.place} == {"Kyaukkyi"}


def test_people_displaced_internally_or_now_sheltering_are_a_stock(gazetteer: Gazetteer) -> None:
    for stock in ("In Chin State, some 41,000 people are displaced internally, the agency said.",
                  "The mayor of Sidon said about 11,000 displaced people were now sheltering in 30 schools."):
        assert [cumulative for _, cumulative in fled_in(stock, gazetteer, published="2026-11-24")] == [True], stock
    # Those who fled in the news stay a flight.
    text = "Shelling of Kani township on Monday displaced about 11,000 people, the agency said."
    assert fled_in(text, gazetteer, published="2026-11-24") == [(11000, False)]


def test_a_death_that_brings_a_campaign_s_toll_to_a_figure_is_no_incident_of_that_size(gazetteer: Gazetteer) -> None:
    text = ("Sergeant Cohen, killed in Rafah on Sunday, brought the toll among soldiers in the ground offensive to "
            "291, the army said.")
    assert dead_in(text, gazetteer, published="2026-11-24") == []
    # A raid's toll brought to a figure is the raid's.
    text = "The death of a wounded farmer brought the toll from Monday's raid on Kani to 12."
    assert tolls_in(text, gazetteer, published="2026-11-24") == [12]


def test_took_control_of_it_took_what_the_sentence_says_was_attacked(gazetteer: Gazetteer) -> None:
    text = ("Fighters attacked the police outpost at Thaw Le village before dawn on Wednesday and took full control of "
            "it by mid-morning, the group said.")
    assert [e.place.name for e in takings_in(text, gazetteer) if e.place] == ["Thaw Le"]
    # Attacked and never taken is no taking.
    assert takings_in("The army attacked Kawlin for weeks but never took it.", gazetteer) == []


def test_a_toll_as_of_a_day_is_that_day_s_count_and_one_as_of_a_month_a_period_s(gazetteer: Gazetteer) -> None:
    # "As of November 21" writes the day the toll was counted, as "as of 21 November" does.
    for day in ("November 21", "21 November"):
        text = f"A rebel spokesman confirmed 48 deaths in the air strike on Kani village as of {day}."
        assert tolls_in(text, gazetteer, published="2026-11-24") == [48], day
    text = "Monitors counted 480 civilians killed in Sagaing as of the end of October."
    assert dead_in(text, gazetteer, published="2026-11-24") == []


def test_a_task_force_s_number_is_no_toll(gazetteer: Gazetteer) -> None:
    text = ("Sgt Somchai, 38, and Pvt Ismail, 24, of Ranger Task Force 4213, were killed when a roadside bomb hit "
            "their patrol in Kani on Tuesday.")
    assert 4213 not in tolls_in(text, gazetteer, published="2026-11-24")
    text = ("Two rangers of Ranger Task Force 4213 were killed when a roadside bomb hit their patrol in Kani on "
            "Tuesday.")
    assert tolls_in(text, gazetteer, published="2026-11-24") == [2]


def test_a_flight_spread_over_a_list_of_places_waits_for_review(gazetteer: Gazetteer) -> None:
    text = ("An estimated 21,000 people have been newly displaced in Kani, Pale, Yinmabin and Salingyi townships, "
            "according to local partners.")
    assert [any(d.startswith("a flight over a list of places") for d in e.doubts)
            for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, Displacement)] == [True]
    # Where the people went says nothing of where they fled from.
    text = "Fighting displaced 12,000 people from Kani on Monday, most of them towards Yinmabin, Pale and Monywa."
    assert [e.doubts for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, Displacement)] == [()]


def test_those_who_live_in_a_town_are_no_flight_from_it(gazetteer: Gazetteer) -> None:
    text = "Aid workers said 30,000 of the town's roughly 90,000 residents had fled Kani since Monday."
    assert 90000 not in [figure for figure, _ in fled_in(text, gazetteer, published="2026-11-24")]


def test_blood_consciousness_and_hope_lost_are_no_place_lost(gazetteer: Gazetteer) -> None:
    text = ("Rescuers in Kani in Sagaing Region said the wounded arrived on Monday. \"Many of them had lost too much "
            "blood,\" said a member of a Kani rescue team.")
    assert takings_in(text, gazetteer) == []


def test_a_taking_earlier_this_year_after_an_apposition_is_history(gazetteer: Gazetteer) -> None:
    text = ("Rebels seized Kawlin, the largest town in the north of the region, earlier this year, and have since "
            "pushed south.")
    assert takings_in(text, gazetteer) == []
    text = "Rebels seized Kawlin, the largest town in the north of the region, on Monday."
    assert [e.place.name for e in takings_in(text, gazetteer) if e.place] == ["Kawlin"]


def test_a_lede_s_part_of_a_country_is_the_town_the_story_names_next(gazetteer: Gazetteer) -> None:
    text = ("Eight killed in militant attack on checkpoint\n\n"
            "PESHAWAR, Pakistan (AFP) - Militants stormed a checkpoint in northwest Pakistan overnight, killing seven "
            "soldiers and a policeman, officials said Wednesday.\n\n"
            "The attack took place in the Lakki Marwat district, a police official said.")
    dead = [e for e in dead_in(text, gazetteer, published="2026-11-25",
                               title="Eight killed in militant attack on checkpoint") if e.killed == 7]
    assert dead and all(e.place is not None and e.place.name == "Lakki Marwat" for e in dead)
