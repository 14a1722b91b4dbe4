"""Wire copy, fourteenth round: sentences written for each rule of news writing it adds."""

from __future__ import annotations

from stream.core.places import Gazetteer
from stream.core.records import Casualties
from tests.builders import events_in, fled_in, places_taken, takings_in, tolls_in


def test_troops_taking_up_positions_in_a_place_deploy_there(gazetteer: Gazetteer) -> None:
    # Positions taken in, around or outside a place are where a force deploys, not a place changing hands.
    for text in ("Residents said soldiers had taken positions in the market of Loikaw on Sunday.",
                 "Troops took up positions around Hpasawng on Monday, residents said.",
                 "The army said it pulled its units back from the front and took positions outside Demoso on Monday.",
                 "Residents said the army kept control of Kani, while rebels took up positions on surrounding hills."):
        assert places_taken(text, gazetteer) == [], text
    # A height a force takes positions on is taken; so are the enemy's positions.
    assert places_taken("Rebels took up positions on Hill 604 overlooking Bhamo on Monday.", gazetteer) == [
        "Hill 604"]
    assert places_taken("Rebels took up positions on the hills of Kani on Monday.", gazetteer) == ["Kani"]
    assert places_taken("Resistance fighters took the army's positions in Hpasawng on Monday.", gazetteer) == [
        "Hpasawng"]


def test_a_town_told_as_the_main_town_of_its_district_is_the_one_place_taken(gazetteer: Gazetteer) -> None:
    # "A, the main town of B district": B is where A lies, not a second place taken.
    assert places_taken("Militants overran Dogo, the main town of Kalat district, on Sunday.", gazetteer) == ["Dogo"]
    # Two towns taken stay two: "A, and later the town of B".
    assert places_taken("Rebels seized Kawlin, and later the town of Pinlebu, on Sunday.", gazetteer) == [
        "Kawlin", "Pinlebu"]


def test_a_name_placed_at_home_once_is_no_namesake_abroad_elsewhere(gazetteer: Gazetteer) -> None:
    # A Bamako story names France only in its background: its Boni, placed in Mali by one sentence, is Mali's in the
    # headline and the sentences that name no country, not a French village of that name.
    text = ("Bamako (AFP) - Jihadists on Sunday claimed to have overrun an army camp in Boni, in central Mali's Mopti "
            "region, while the army said it had beaten back the attack.\n\nIn a statement the group said its fighters "
            "had \"seized\" the Boni camp on Saturday and killed 23 soldiers.\n\nThe army said eight soldiers had been "
            "killed.\n\nThe junta broke with France in 2022 and turned to Russia for support.")
    events = events_in(text, gazetteer, None, title="Mali: jihadists claim capture of army camp in Boni")
    assert events
    assert {(e.place.name, e.place.country) for e in events if e.place} == {("Boni", "Mali")}


def test_a_taking_weighed_as_the_first_time_is_the_news_told_again(gazetteer: Gazetteer) -> None:
    # "The first time they had taken a ...": the news measured against the war, no second taking.
    text = ("Resistance fighters captured Kani on Sunday after a three-day battle. The fighters overran several "
            "smaller posts in the area last year, including a police post in Yinmabin Township in October, but "
            "Sunday's assault was the first time they had taken a battalion-level position in the region, a spokesman "
            "said.")
    assert places_taken(text, gazetteer) == ["Kani"]


def test_the_injured_a_noun_governs_are_not_the_dead_of_a_toll_named_before(gazetteer: Gazetteer) -> None:
    # "A toll from the ministry: ... the martyrdom of four and the injury of 11 others": the 11 are hurt.
    text = ("According to a preliminary toll from the health ministry, the raids on the port of Kani led to the "
            "martyrdom of four dock workers and the injury of 11 others on Sunday, while the raids on the farms caused "
            "damage.")
    assert tolls_in(text, gazetteer) == [4]


def test_occupied_in_a_list_of_names_says_who_holds_a_place(gazetteer: Gazetteer) -> None:
    # A side's word for its enemy's towns ("occupied Jerusalem") in a list is no taking; after a verb it is one.
    for text in ("Houthi statement: attacks on a tanker and occupied Haifa, and 14 raids on Hodeidah",
                 "The group said it fired missiles at Gaza, occupied Jerusalem and Haifa on Monday."):
        assert places_taken(text, gazetteer) == [], text
    assert places_taken("Rebels stormed and occupied Kani on Monday.", gazetteer) == ["Kani"]
    assert places_taken("The rebels entered the district and occupied the police station in Kani on Monday.",
                        gazetteer) == ["Kani"]


def test_a_report_a_speaker_contradicts_is_denied(gazetteer: Gazetteer) -> None:
    # "Contradicts reports that", "dismissed claims that": the speaker says the report is wrong, as "denied" does.
    for text in ("The army's account contradicts reports that the base in Kani was overrun on Monday.",
                 "The army dismissed claims that the base in Kani was overrun on Monday.",
                 "A spokesman disputed reports that rebels captured Kani on Monday."):
        assert places_taken(text, gazetteer) == [], text


def test_a_post_taken_after_the_town_the_fighters_entered_is_in_that_town(gazetteer: Gazetteer) -> None:
    # "Entered X at dawn, raised their flag over the old police station": the post is X's, not the district's the
    # sentence before named.
    text = ("Al-Shabaab fighters took control of Kalabayr, a farming settlement in the Balcad district, on Monday, "
            "residents said. Residents said the militants entered Kalabayr at about 9 a.m. on Monday, raised their "
            "flag over the old police station and gathered the elders.")
    assert set(places_taken(text, gazetteer)) == {"Kalabayr"}


def test_the_wounded_who_died_are_in_the_number_of_dead_a_speaker_gives(gazetteer: Gazetteer) -> None:
    # "Put the number of dead at 13, saying four of the injured died later": the four are in the 13.
    text = ("A drone strike hit a bus near Kani on Monday, residents said. A nurse put the number of dead at 13, "
            "saying four of the injured died later in hospital.")
    assert tolls_in(text, gazetteer) == [13]


def test_the_dead_of_a_siege_of_months_are_its_sum(gazetteer: Gazetteer) -> None:
    # "During the four-month siege", "over the course of the weeks-long battle": many days' dead, no day's toll.
    for text in ("At least 40 soldiers and more than 15 civilians were killed during the four-month siege of Kani, the "
                 "group said on Monday.",
                 "More than 60 people were killed over the course of the weeks-long battle for Kani, the group said."):
        assert tolls_in(text, gazetteer) == [], text
    assert tolls_in("At least 12 people were killed during the attack on Kani on Monday.", gazetteer) == [12]


def test_villages_taken_in_two_regions_as_well_as_each_other(gazetteer: Gazetteer) -> None:
    # "A in Ukraine's Kharkiv region, as well as B in the Donetsk region": both taken, each in its region, the
    # Kharkiv region named as the news names it (not the Ukrainian adjective the division's table holds).
    text = ("Russia's Defence Ministry said on Tuesday that its troops had taken full control of the village of "
            "Hulianka in Ukraine's Kharkiv region, as well as the village of Novopil in the Donetsk region.")
    taken = takings_in(text, gazetteer)
    assert [(e.place.name, e.place.admin1) for e in taken if e.place] == [
        ("Hulianka", "Kharkiv"), ("Novopil", "Donetsk")]


def test_a_running_count_since_a_campaign_began_leaves_the_days_tolls(gazetteer: Gazetteer) -> None:
    # "The number killed since the escalation began has risen to 431": the day's dead are in it, not earlier counts of
    # it; the day's toll stands.
    text = ("Monitors documented the deaths of 19 fighters in clashes near Kani on Sunday.\n\nWith these losses, the "
            "number of people killed on the Kani front since the escalation began on October 2 has risen to 431.")
    assert tolls_in(text, gazetteer, published="2026-11-23") == [19]


def test_a_district_taken_by_its_name_is_the_district(gazetteer: Gazetteer) -> None:
    # "Seized control of X district": the district, not a post the story names in it later.
    text = ("ADEN, Yemen - Houthi fighters said on Tuesday they had seized control of Wadi Abeeda district south of "
            "the city of Marib.\n\nA Houthi spokesman said the fighters had taken all of Wadi Abeeda district and had "
            "also captured a military camp near Al Raheb.")
    assert places_taken(text, gazetteer)[0] == "Wadi Abeeda"


def test_an_armed_group_cleared_from_a_place_has_lost_it(gazetteer: Gazetteer) -> None:
    # "Cleared the militants from X", as "drove the militants from X": the clearer holds X. Debris cleared is no taking.
    assert places_taken("Troops cleared the militants from Kani on Monday.", gazetteer) == ["Kani"]
    assert places_taken("Workers cleared debris from Kani on Monday.", gazetteer) == []


def test_troops_re_entering_a_town_they_lost_retake_it(gazetteer: Gazetteer) -> None:
    # "Re-entered X", months after losing it: a recapture. People re-entering their homes take nothing.
    assert places_taken("Army troops re-entered Kani town on Wednesday, five months after rebels captured it.",
                        gazetteer) == ["Kani"]
    assert places_taken("Displaced residents re-entered Kani town on Wednesday to check on their homes.",
                        gazetteer) == []


def test_the_items_of_a_statements_list_of_positions_taken_are_each_taken(gazetteer: Gazetteer) -> None:
    # "Captured the following positions:", then an item a line: each item's place, on the item's own day.
    text = ("Statement No. 12/2026\n\n1.\n\nThe resistance forces have captured the following positions:\n\n"
            "(a) the police station in Kani, on 3 March;\n\n(b) the hill position known as Point 1182 near Yinmabin, "
            "on 5 March;\n\n(c) the camp guarding Monywa airport, on 6 March.\n\n2.\n\nFighting continues.")
    taken = takings_in(text, gazetteer, published="2026-03-10")
    assert [(e.place.name, e.event_date.isoformat()) for e in taken if e.place and e.event_date] == [
        ("Kani", "2026-03-03"), ("Point 1182", "2026-03-05"), ("Monywa airport", "2026-03-06")]
    # A list of places shelled is no list of places taken.
    text = ("The army shelled the following villages:\n\n(a) Kani, on 3 March;\n\n(b) Yinmabin, on 5 March.")
    assert places_taken(text, gazetteer, published="2026-03-10") == []
    # A sentence opening on a bracket is no item: "(Agency) Rebels seized ...".
    assert places_taken("(Wire Service) Rebels seized control of Kani on Monday.", gazetteer) == ["Kani"]


def test_a_voices_earlier_report_recalled_is_history(gazetteer: Gazetteer) -> None:
    # "Has previously reported that ...", "said at the time that ...": a report of before, recalled, whatever day it
    # names. A place "previously held by" one side and taken on a day of this week is news.
    for text in ("Monitors have previously reported that the rebels took control of Kani on December 9.",
                 "The UN said at the time that the rebels had taken Kani within weeks."):
        assert places_taken(text, gazetteer, published="2026-12-20") == [], text
    assert places_taken("Kani, previously held by the army, was seized by rebels on Friday.", gazetteer,
                        published="2026-12-20") == ["Kani"]


def test_a_season_a_taking_is_told_in_dates_it_as_past(gazetteer: Gazetteer) -> None:
    # "Which seized the villages in the spring, have since been trying ...": a season, told looking back.
    text = ("Russian forces, which seized the border villages of Novenke, Basivka and Zhuravka in the spring, have "
            "since been trying to push toward Sumy.")
    assert places_taken(text, gazetteer) == []


def test_a_share_of_residents_fled_and_a_first_months_flight_are_stocks(gazetteer: Gazetteer) -> None:
    # "Of the town's 50,000 residents, 30,000 have fled"; "52,000 fled in the first month": no flight of the news.
    for text in ("Of Kani's roughly 50,000 residents, an estimated 30,000 have fled, according to relief groups.",
                 "More than 52,000 people fled in the first month toward Monywa, where schools became shelters."):
        assert fled_in(text, gazetteer) == [(30000 if "30,000" in text else 52000, True)], text
    assert fled_in("Fighting in Kani on Sunday forced 30,000 people to flee, relief groups said.", gazetteer) == [
        (30000, False)]


def test_people_forced_to_flee_are_not_dead(gazetteer: Gazetteer) -> None:
    # "Forces 1,800 villagers to flee, one killed": the figure's own verb is flight.
    text = "Shelling hit a village near Kani on Monday, residents said."
    events = events_in(text, gazetteer, title="Fighting near Kani forces 1,800 villagers to flee, one killed")
    assert [e.killed for e in events if isinstance(e, Casualties) and e.killed] == [1]


def test_a_dateline_whose_country_holds_of_is_no_place(gazetteer: Gazetteer) -> None:
    # "GOMA, Democratic Republic of Congo (Reuters) -": where the story was filed, not the hills taken.
    text = ("GOMA, Democratic Republic of Congo (Reuters) - Rwanda-backed rebels took control of a string of hilltops "
            "overlooking a village in North Kivu's Masisi territory on Wednesday after two days of fighting, residents "
            "said.")
    assert "Goma" not in places_taken(text, gazetteer)


def test_a_toll_up_from_an_earlier_count_replaces_it(gazetteer: Gazetteer) -> None:
    # "Now says 11 were killed, up from the eight it reported earlier": the eight told below is that toll before.
    text = ("UPDATE: The local defence force now says 11 soldiers were killed in Tuesday's mine attack on the "
            "Kani-Yinmabin road, up from the eight it reported earlier.\n\nResidents said the convoy returned to Kani "
            "in the afternoon.\n\nThe group says it detonated three mines against a convoy of six trucks on the "
            "Kani-Yinmabin road near Ywa Thit village early Tuesday, killing eight soldiers.")
    assert tolls_in(text, gazetteer, published="2026-11-26") == [11]


def test_a_place_advanced_in_after_a_taking_is_not_taken(gazetteer: Gazetteer) -> None:
    # "Had taken most of A and had also advanced in B district": B is where they advanced, in a clause of its own.
    text = ("The rebels' television said fighters had taken control of \"most of\" al-Sawma'a and had also advanced in "
            "neighbouring Jabal Murad district on Monday.")
    assert "Jabal Murad" not in places_taken(text, gazetteer)


def test_a_headline_in_the_present_occupies(gazetteer: Gazetteer) -> None:
    # Headlines tell a taking in the present: "Insurgents occupy X again".
    text = "Residents in Mozambique's Cabo Delgado said fighters were seen in the town on Tuesday."
    taken = takings_in(text, gazetteer, title="Insurgents occupy Mucojo again, thousands flee")
    assert [e.place.name for e in taken if e.place] == ["Mucojo"]
    # In the body, or with "still", the present tells a hold, not a taking.
    text = "Residents said the bandits still occupy the upper part of Mucojo and return at night."
    assert places_taken(text, gazetteer) == []


def test_villages_named_as_examples_of_those_liberated_are_taken(gazetteer: Gazetteer) -> None:
    # 'Had "liberated" ten villages in the Korenevo district, including X': X is taken, known to no gazetteer or not;
    # the side's own verb in quotes.
    text = ("The Russian Defence Ministry said on Thursday its forces had \"liberated\" ten villages in the Korenevo "
            "district, including Lyubimovka.")
    assert places_taken(text, gazetteer) == ["Lyubimovka"]


def test_a_town_its_defenders_secured_against_an_attack_was_held(gazetteer: Gazetteer) -> None:
    # "Repelled the attackers, and Kani was fully secured": the defenders held it. Troops who "secured" it are takers.
    text = ("The army said its units had repelled the fighters who attacked Kani on Sunday, and that Kani and its "
            "surroundings were fully secured.")
    assert places_taken(text, gazetteer) == []
    assert places_taken("Resistance forces entered and secured Kani on Sunday.", gazetteer) == ["Kani"]
