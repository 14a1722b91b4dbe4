"""Wire copy, tenth round. Sentences written for each rule."""

from __future__ import annotations

from datetime import date

from stream.core.places import Gazetteer
from tests.builders import events_in, fled_in, places_taken, takings_in


def test_people_a_fight_has_left_displaced_are_a_stock_whatever_qualifies_the_figure(gazetteer: Gazetteer) -> None:
    # "Has left N displaced" counts who are away now; the qualifier before the figure is part of its span.
    for figure in ("60,000", "more than 60,000", "almost 60,000", "an estimated 60,000"):
        text = f"Weeks of shelling around Hpakant have left {figure} people displaced in Kachin State, aid groups said."
        assert fled_in(text, gazetteer) == [(60000, True)], figure


def test_a_height_named_by_its_own_name_is_the_place_taken(gazetteer: Gazetteer) -> None:
    # The news names a hilltop post by its height, and the height's whole name is the place: not the township
    # around it, nor a town that shares one of its words.
    text = "Resistance fighters overran an army camp on Mount Victoria in Kanpetlet Township on Friday."
    assert places_taken(text, gazetteer) == ["Mount Victoria"]
    text = "The KIA said it captured a junta outpost on Loi Hsam Peak near Bhamo on Tuesday."
    assert places_taken(text, gazetteer) == ["Loi Hsam Peak"]
    text = "Karen forces seized the army's forward camp on Tha Pyay Kone Hill in Kawkareik Township on Monday."
    assert places_taken(text, gazetteer) == ["Tha Pyay Kone Hill"]
    # A capitalised word opening the clause is not part of the name.
    text = "On Loi Hsam Peak, rebels captured an army camp on Tuesday, the KIA said."
    assert places_taken(text, gazetteer) == ["Loi Hsam Peak"]


def test_two_posts_taken_in_one_story_are_each_told_where_their_taking_is(gazetteer: Gazetteer) -> None:
    # A post first told by the town it overlooks is the one the next sentences name, not a post the story tells of
    # far later: with two posts taken, each taking is placed by the post told around it.
    text = ("Resistance fighters captured an army hilltop position overlooking Falam on Sunday, a spokesman said. "
            "The position, on Zar Lin hill about three miles from the town, had been held by a platoon. "
            "The fighters took the hill after a four-hour assault. "
            "Falam itself remains under army control. "
            "Army artillery in the town fired into nearby villages through the night. "
            "Residents said many families had left for the forest. "
            "In a separate statement, the alliance said its fighters had captured the army camp on Mount Victoria "
            "on Thursday.")
    assert sorted(set(places_taken(text, gazetteer))) == ["Mount Victoria", "Zar Lin"]


def test_a_flight_told_in_a_state_is_placed_at_no_army_post(gazetteer: Gazetteer) -> None:
    # People flee homes: a state's flight is not moved to the hilltop camp the story tells was taken.
    text = ("Resistance fighters overran an army camp on Zar Lin hill in Chin State on Friday, a spokesman said. "
            "Aid groups said on Saturday that more than 12,000 people had fled their villages in Chin State "
            "this week.")
    places = [e.place.name for e in events_in(text, gazetteer, "2026-11-24") if e.type == "displacement" and e.place]
    assert places == ["Chin"]


def test_a_taking_asked_for_in_the_bare_infinitive_is_not_done(gazetteer: Gazetteer) -> None:
    # "Must be retaken", "asked that it be secured", "want it to be retaken": what someone asks for.
    for text in ("Elders demanded that Bhamo be retaken before the rains.",
                 "Bhamo must be retaken, the general told his officers.",
                 "Traders want Bhamo to be retaken before the harvest."):
        assert places_taken(text, gazetteer) == [], text
    assert places_taken("The KIA captured Bhamo on Monday, a spokesman said.", gazetteer) == ["Bhamo"]


def test_a_day_of_may_written_after_its_number_is_a_day(gazetteer: Gazetteer) -> None:
    # "Since 4 May" with the month's capital is a date, so a count running from it is a total; "30 may have died"
    # is a verb.
    text = "Since 4 May, monitors have counted more than 210 civilians killed in Bhamo and the camps around it."
    dead = [e for e in events_in(text, gazetteer, "2025-11-20") if e.type == "casualties"]
    assert [(e.killed, e.cumulative) for e in dead] == [(210, True)]
    text = "Fighters killed 12 soldiers near Bhamo on 4 May, the KIA said."
    assert [e.event_date for e in events_in(text, gazetteer, "2025-05-20")] == [date(2025, 5, 4)]


def test_the_first_phase_of_an_offensive_is_dated_as_the_offensive(gazetteer: Gazetteer) -> None:
    # "The first phase of" is a part of a campaign, not a comparison with the past: the year after it dates it.
    text = ("The alliance took the towns of Mansi and Momauk during the first phase of its offensive late last year, "
            "before talks stalled.")
    assert all(e.historical for e in takings_in(text, gazetteer, "2025-06-10"))


def test_a_figure_another_period_is_compared_with_is_no_incident(gazetteer: Gazetteer) -> None:
    text = ("Monitors logged 20 clashes in Kachin State this week with 45 deaths, compared with 12 clashes and 31 "
            "deaths the week before.")
    dead = [e for e in events_in(text, gazetteer, "2025-06-13") if e.type == "casualties"]
    assert sorted((e.killed, e.cumulative) for e in dead) == [(31, True), (45, False)]


def test_a_flight_larger_than_a_village_stays_in_the_region_it_is_told_in(gazetteer: Gazetteer) -> None:
    # A story at one village does not move a region's hundreds of thousands there: the region's figure is a tally.
    text = ("Soldiers burned houses in Nyaung Pin Thar village in Sagaing Region on Monday, residents said. "
            "A UN agency says over 400,000 people are now uprooted across Sagaing Region.")
    fled = [e for e in events_in(text, gazetteer, "2025-06-13") if e.type == "displacement"]
    assert [(e.place.name if e.place else None, e.cumulative) for e in fled] == [("Sagaing", True)]
