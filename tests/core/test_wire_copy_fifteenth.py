"""Wire copy, fifteenth round: sentences written for each rule of news writing it adds."""

from __future__ import annotations

from stream.core.places import Gazetteer
from stream.core.records import Casualties
from tests.builders import events_in, fled_in, places_taken, takings_in, tolls_in


def test_households_told_with_their_people_are_the_people(gazetteer: Gazetteer) -> None:
    # A situation report counts households, then the people in them: the people fled, whatever words come between.
    for text, people in (
            ("Since Monday, about 2,600 households (roughly 15,600 people) have been displaced from villages east of "
             "Sittwe, aid partners said on Friday.", 15_600),
            ("Some 1,850 newly displaced households (around 11,100 people) fled Sittwe on Tuesday after the shelling.",
             11_100),
            ("On Tuesday 2,230 families, or about 11,150 people, fled Sittwe after the clashes, officials said.",
             11_150),
            ("Some 2,520 households (12,600 individuals) fled Sittwe on Tuesday.", 12_600)):
        assert fled_in(text, gazetteer) == [(people, False)], text
    # People first, the households restated in brackets: the people, once.
    assert fled_in("About 14,500 individuals (2,900 households) fled Sittwe on Tuesday.", gazetteer) == [
        (14_500, False)]


def test_raiders_who_storm_villages_take_no_place(gazetteer: Gazetteer) -> None:
    # Gunmen, bandits and assailants storm in to kill and leave: a raid, whatever the sentence tells of the dead.
    for text in ("Residents said the assailants, armed with rifles and knives, stormed the villages of Kani and Mindat "
                 "at night while people slept.",
                 "Gunmen stormed the village of Kani on Monday night, residents said."):
        assert places_taken(text, gazetteer) == [], text
    # Fighters who storm a town and hold it took it.
    assert places_taken("Rebels stormed Kani on Monday and took control of the town, residents said.", gazetteer) == [
        "Kani"]


def test_a_population_that_grew_counts_who_live_there(gazetteer: Gazetteer) -> None:
    # How many now live in a town of refuge is a stock, not a flight of the news.
    text = ("Officials said the population of Sittwe had swelled to more than 300,000 as people from nearby villages "
            "sought refuge there this week.")
    assert fled_in(text, gazetteer) == []
    assert fled_in("More than 30,000 people fled Sittwe on Monday.", gazetteer) == [(30_000, False)]


def test_flight_over_weeks_or_a_whole_war_is_a_sum(gazetteer: Gazetteer) -> None:
    # "In a matter of weeks", "during the incursion", "the conflict has displaced": a period's or a war's sum.
    for text in ("More than 50,000 people were displaced from Sittwe in a matter of weeks, the ombudsman said on "
                 "Friday.",
                 "About 40,000 people were evacuated from Sittwe during the occupation, officials said on Friday.",
                 "The conflict between the two communities has claimed 260 lives and displaced close to 60,000 "
                 "people in Sittwe, officials said on Friday."):
        assert fled_in(text, gazetteer) == [(fled, True) for fled, _ in fled_in(text, gazetteer)] != [], text
    # The lives a conflict claimed are its dead, no one displaced.
    text = ("The conflict has claimed 260 lives and displaced close to 60,000 people in Sittwe, officials said on "
            "Friday.")
    assert [fled for fled, _ in fled_in(text, gazetteer)] == [60_000]
    # A flight of the news stays one.
    assert fled_in("More than 50,000 people fled Sittwe on Monday, the ombudsman said.", gazetteer) == [
        (50_000, False)]


def test_a_toll_raising_an_earlier_one_replaces_it(gazetteer: Gazetteer) -> None:
    # "Raising an earlier toll of nine": the nine is the same dead, counted before.
    for text in ("An air strike on a building in Kani killed at least 15 people on Monday, the ministry said, raising "
                 "an earlier toll of nine.",
                 "An air strike on a building killed at least 15 people on Monday, the ministry said, raising an "
                 "earlier toll of nine."):
        assert tolls_in(text, gazetteer) == [15], text


def test_a_road_held_is_no_place_taken(gazetteer: Gazetteer) -> None:
    # Fighters who hold a highway for hours block it; the road is not a place that changed hands.
    for road in ("the RCD Highway", "the Mandalay-Lashio Highway"):
        assert places_taken(f"Rebels took control of {road} near Kalewa for five hours on Tuesday.", gazetteer) == []
    assert places_taken("Rebels took control of Kalewa on Tuesday.", gazetteer) == ["Kalewa"]


def test_new_arrivals_and_movements_counted_by_sites_are_flight(gazetteer: Gazetteer) -> None:
    # A camp's "new arrivals" and a site cluster's "population movements" count people who fled.
    for text, people in (
            ("Site managers recorded about 14,000 new arrivals in Sittwe in the 48 hours after the orders were "
             "issued.", 14_000),
            ("Aid partners recorded some 41,000 population movements out of Sittwe within 72 hours on Monday.",
             41_000),
            ("Aid partners recorded about 18,000 movements of people from Sittwe towards Kyauktaw on Monday.",
             18_000)):
        assert [fled for fled, _ in fled_in(text, gazetteer)] == [people], text
    # Troop movements are not people in flight.
    assert fled_in("Residents reported 40 movements of army trucks near Sittwe on Monday.", gazetteer) == []


def test_those_who_surrendered_or_escaped_are_not_the_dead(gazetteer: Gazetteer) -> None:
    # A figure whose own verb is surrender, desertion or escape counts the living.
    for text in ('"We killed eight of them, and five surrendered to us," a rebel commander said on Monday in Mindat.',
                 "Rebels killed eight soldiers in Mindat on Monday, while two soldiers escaped and four others "
                 "defected."):
        assert tolls_in(text, gazetteer) == [8], text
    assert tolls_in("A rebel spokesman said 13 soldiers surrendered in Mindat on Monday and four were killed.",
                    gazetteer) == [4]


def test_one_sides_dead_in_the_perfect_with_no_day_are_its_count_of_the_war(gazetteer: Gazetteer) -> None:
    # "On the X side, N have been killed": a side's running count, not an incident of the news.
    text = "On the Israeli side, 10 soldiers and seven civilians have been killed, according to Israeli authorities."
    assert [e.is_incident for e in events_in(text, gazetteer) if isinstance(e, Casualties)] == [False, False]
    # A side's dead of a named day, and a river's other side, are news.
    assert tolls_in("On the Israeli side, two soldiers were killed in Metula on Monday, the army said.",
                    gazetteer) == [2]
    assert tolls_in("Twelve villagers have been killed in Kani, on the other side of the river, residents said on "
                    "Monday.", gazetteer) == [12]


def test_tens_of_thousands_fled_with_no_day_are_an_estimate_of_the_war(gazetteer: Gazetteer) -> None:
    # A round count of tens of thousands in the perfect, with no day, sums a war's weeks.
    for text in ("Tens of thousands more have fled to Sittwe and into the hills, aid groups say.",
                 "The fighting has displaced tens of thousands of people around Sittwe, aid groups say."):
        assert fled_in(text, gazetteer) == [(10_000, True)], text
    # Given a day, it is the news; a few thousand villagers who have fled are a village's flight.
    assert fled_in("Tens of thousands have fled Sittwe since Monday's assault, aid groups said.", gazetteer) == [
        (10_000, False)]
    assert fled_in("Several thousand villagers around Sittwe have fled their homes.", gazetteer) == [(1_000, False)]


def test_a_force_entering_a_place_its_holders_left_takes_it(gazetteer: Gazetteer) -> None:
    # Entering a town after its holders withdrew is taking it; entering one to search it is not.
    for text in ("Rebels entered Kani on Tuesday afternoon after the withdrawal of government troops, residents said.",
                 "Rebels entered Kani on Tuesday after the army withdrew, residents said."):
        assert places_taken(text, gazetteer) == ["Kani"], text
    assert places_taken("Soldiers entered Kani on Tuesday to search homes, residents said.", gazetteer) == []


def test_flight_since_the_start_of_the_month_is_the_months_news(gazetteer: Gazetteer) -> None:
    # The month's flight, counted from its first day, is news; the war's, counted from its start, is a stock.
    assert fled_in("More than 15,000 people have fled Sittwe since the start of the month, residents said.",
                   gazetteer) == [(15_000, False)]
    assert fled_in("More than 15,000 people have fled Sittwe since the start of the war, residents said.",
                   gazetteer) == [(15_000, True)]
    # The month's dead, summed from its first day, are a tally of many incidents.
    text = "The coalition said it had killed more than 1,000 fighters around Sittwe since the start of the month."
    assert [e.is_incident for e in events_in(text, gazetteer) if isinstance(e, Casualties)] == [False]


def test_the_displaced_aid_reached_are_not_a_flight(gazetteer: Gazetteer) -> None:
    # Those aid reached, served or assisted are counted by the help, not by their flight.
    for text in ("Partners have provided emergency assistance to some 14,600 newly displaced people in Sittwe; "
                 "shelter remains the biggest gap.",
                 "Aid agencies reached about 12,000 displaced people in Sittwe with food last week."):
        assert fled_in(text, gazetteer) == [], text
    assert fled_in("About 12,000 people fled Sittwe last week, aid agencies said.", gazetteer) == [(12_000, False)]


def test_the_area_of_a_name_is_the_place_taken(gazetteer: Gazetteer) -> None:
    # "The area of X", like "the town of X", names X, whatever town the sentence places it by.
    text = "Paramilitary fighters seized the area of Al-Dibeibat in South Kordofan state on Monday, a spokesman said."
    assert places_taken(text, gazetteer) == ["Al-Dibeibat"]


def test_people_of_a_region_who_are_displaced_are_a_stock(gazetteer: Gazetteer) -> None:
    # "N people in the region are displaced": how many are away from home now, where they are told first.
    text = ("Aid workers estimate that about 120,000 people in the Yaw region are displaced at any one time, many "
            "sheltering in Tilin.")
    assert fled_in(text, gazetteer) == [(120_000, True)]


def test_places_taken_during_the_past_weeks_are_the_campaigns_course(gazetteer: Gazetteer) -> None:
    # "Were liberated during the past weeks": the campaign told as a sum of weeks, not the day's news. What is
    # still read is doubted, so a desk confirms it before it is sent.
    text = ("The spokesman said the operation continued a campaign in which the towns of Kani and Yinmabin were "
            "liberated during the past weeks.")
    assert all(any("during the past weeks" in doubt for doubt in e.doubts) for e in takings_in(text, gazetteer))
    taken = takings_in("The spokesman said the town of Yinmabin was liberated on Monday.", gazetteer)
    assert [(e.place.name if e.place else None, e.doubts) for e in taken] == [("Yinmabin", ())]


def test_a_report_dismissed_however_long_its_words_is_denied(gazetteer: Gazetteer) -> None:
    # "Dismissed reports circulating on social media that ...": the report, however it is described, is denied.
    text = "The army spokesman dismissed reports circulating on social media that the base in Kani was overrun."
    assert places_taken(text, gazetteer) == []
    # A report dismissed in a clause of its own leaves the taking told after it.
    text = "The spokesman dismissed reports of heavy losses, but said rebels had overrun Kani on Monday."
    assert places_taken(text, gazetteer) == ["Kani"]


def test_gains_told_over_the_previous_months_are_the_campaigns_course(gazetteer: Gazetteer) -> None:
    # "Had spent the previous nine months ... seizing A and B": a campaign's months, doubted and held for a desk.
    text = ("The rebels had spent the previous nine months rolling up army posts across Kachin State, seizing the "
            "border towns of Lweje and Pangwa.")
    assert all(any("previous nine months" in doubt for doubt in e.doubts) for e in takings_in(text, gazetteer))
    assert takings_in(text, gazetteer)


def test_a_post_in_a_state_the_news_spells_its_own_way_is_in_the_state(gazetteer: Gazetteer) -> None:
    # "A base in Karen state" stands in Kayin State: no post named "Karen", nor a town, was taken by name.
    for state in ("Karen", "Karenni"):
        text = f"Rebels captured a hilltop base in {state} state on Monday, a spokesman said."
        assert places_taken(text, gazetteer) == [], text
    # A settlement whose name opens on a country's is still the settlement.
    text = ("Russia's Defense Ministry said on Monday that its forces had taken control of the village of Mali "
            "Shcherbaky in Ukraine's Zaporizhzhia region.")
    assert places_taken(text, gazetteer) == ["Mali Shcherbaky"]
