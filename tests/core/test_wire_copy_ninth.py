"""Wire copy, ninth round: sites taken by the places they stand at. Sentences written for each rule."""

from __future__ import annotations

from datetime import date

from stream.core.places import Gazetteer
from stream.core.records import TerritorySeized
from tests.builders import dead_in, events_in, fled_in, places_taken, sites_doubted, takings_in, tolls_in


def test_a_site_taken_near_a_village_is_told_as_the_village_s(gazetteer: Gazetteer) -> None:
    # The news names such a post by the village it stands by ("the checkpoint near Nam Hpat Kar"): sent, not held.
    text = "Fighters captured a police checkpoint near Nam Hpat Kar village on Friday, a spokesman said."
    assert sites_doubted(text, gazetteer) == [("Nam Hpat Kar", False)]
    # Outside a place, or overlooking it, the site is named for itself: held for review.
    text = "Fighters captured a police post outside Nam Hpat Kar village on Friday, a spokesman said."
    assert sites_doubted(text, gazetteer) == [("Nam Hpat Kar", True)]


def test_a_site_near_a_village_that_the_story_names_otherwise_waits(gazetteer: Gazetteer) -> None:
    # The story calls the post by a name of its own: the desk would look for that name, not the village's.
    text = ("Fighters captured a police checkpoint near Nam Hpat Kar village on Friday, a spokesman said. "
            "The rebels said the Sut Ngai camp had fallen after a two-day siege.")
    assert sites_doubted(text, gazetteer) == [("Nam Hpat Kar", True)]
    # A force's name before the site is whose it is, not the site's name; the village's own name is the village's.
    for told in ("The Border Guard Police camp had fallen after a two-day siege.",
                 "The Nam Hpat Kar camp had fallen after a two-day siege."):
        text = f"Fighters captured a police checkpoint near Nam Hpat Kar village on Friday, a spokesman said. {told}"
        assert sites_doubted(text, gazetteer) == [("Nam Hpat Kar", False)], told


def test_a_site_by_a_town_stays_the_town_s_whatever_the_story_calls_it(gazetteer: Gazetteer) -> None:
    # A town's outpost is told as the town's even where the story names the hill it stands on.
    text = ("Rebels captured a junta outpost near Kawkareik on Sunday, a spokesman said. "
            "The outpost, on Taung Lay hill, had held about 30 soldiers.")
    assert sites_doubted(text, gazetteer) == [("Kawkareik", False)]


def test_a_height_named_by_its_number_is_the_place_taken(gazetteer: Gazetteer) -> None:
    # Armies name positions by their height on the map: the number is the name, not a figure.
    assert places_taken("The KIA said it had seized Hill 640 near Bhamo on Tuesday.", gazetteer) == ["Hill 640"]
    assert places_taken("Fighters took Point 1212 in Kawlin township on Monday.", gazetteer) == ["Point 1212"]
    text = "Rebels took the base, known as Hill 702, east of Kyaukme on Monday after a three-day battle."
    assert places_taken(text, gazetteer) == ["Hill 702"]


def test_sites_counted_then_named_are_each_taken(gazetteer: Gazetteer) -> None:
    text = ("Resistance fighters captured three junta outposts at Taung Lay hill, Point 512 and the Mawlu checkpoint "
            "in Kawlin Township on Sunday.")
    assert places_taken(text, gazetteer) == ["Taung Lay", "Point 512", "Mawlu"]
    text = "The rebels captured the two hills, known locally as Loi Hsam and Point 730, in Kutkai Township on Monday."
    assert places_taken(text, gazetteer) == ["Loi Hsam", "Point 730"]
    # Villages counted "in" a township are not the township: nothing named was taken.
    assert places_taken("The rebels captured two villages in Kutkai Township on Monday.", gazetteer) == []


def test_a_taking_reported_as_fabricated_or_as_a_step_towards_another_is_not_one(gazetteer: Gazetteer) -> None:
    text = ("Officials said some outlets had spread fabricated news that the camps near Kawlin had fallen to the "
            "rebels.")
    assert places_taken(text, gazetteer) == []
    text = ("The rebels said they had taken control of Pinlebu on Sunday, in what they called a decisive step towards "
            "liberating Kawlin.")
    assert "Kawlin" not in places_taken(text, gazetteer)


def test_lines_pulled_back_and_attackers_driven_off_give_up_or_take_no_place(gazetteer: Gazetteer) -> None:
    text = ("The brigade said it had withdrawn from positions near the village of Sontsivka in the Donetsk region "
            "after weeks of fighting.")
    assert places_taken(text, gazetteer) == []
    assert places_taken("Ukrainian troops withdrew from Sontsivka in the Donetsk region on Monday.", gazetteer) == [
        "Sontsivka"]
    text = ("Rebels attacked two army camps near Kawlin on Friday, the army said. Troops launched counter-attacks on "
            "Sunday and drove the attackers out of the area.")
    assert places_taken(text, gazetteer) == []
    # Storming a camp and "neutralising" those in it is a raid, as killing them is.
    text = "Troops stormed a rebel camp near Kawlin at dawn on Sunday, neutralising six fighters, the army said."
    assert places_taken(text, gazetteer) == []


def test_a_prison_taken_is_the_town_s_prison(gazetteer: Gazetteer) -> None:
    text = ("Gangs attacked Kawlin on Monday, residents said. The gunmen seized the local prison on Monday evening "
            "and freed its inmates, a police officer said.")
    [taken] = takings_in(text, gazetteer)
    assert taken.place is not None and taken.place.name == "Kawlin" and taken.target == "prison"


def test_people_living_somewhere_and_a_period_s_flight_are_no_flight_of_the_news(gazetteer: Gazetteer) -> None:
    text = ("Aid workers estimate that more than 200,000 people live in and around Kawlin, most of them displaced "
            "from villages nearby.")
    assert fled_in(text, gazetteer) == []
    text = ("About 3,000 people fled Kawlin on Sunday. Local groups estimate that more than 250,000 people "
            "have been displaced across the township during the same period.")
    assert fled_in(text, gazetteer) == [(3000, False), (250000, True)]


def test_months_of_strikes_are_a_sum_not_an_incident(gazetteer: Gazetteer) -> None:
    text = "The army answered with months of airstrikes on Kawlin, killing dozens of civilians, local groups said."
    assert dead_in(text, gazetteer, published="2026-11-24") == []


def test_an_earlier_documented_count_of_the_same_clashes_gives_way(gazetteer: Gazetteer) -> None:
    text = ("The monitor said 17 fighters were killed in clashes near Kawlin on Tuesday. The monitor had earlier "
            "documented the death of nine fighters in the same clashes.")
    assert tolls_in(text, gazetteer, published="2026-11-24") == [17]


def test_the_attack_that_began_a_war_is_history(gazetteer: Gazetteer) -> None:
    text = ("Air strikes killed 14 people in Kawlin on Tuesday, medics said. The October 7 attack, which triggered "
            "the war, killed 1,198 people, according to an official tally.")
    assert tolls_in(text, gazetteer, published=None, received=date(2026, 12, 2)) == [14]


def test_every_clause_of_a_report_called_false_is_denied(gazetteer: Gazetteer) -> None:
    text = ("Officials said some outlets had fabricated news that civilians were killed and that the camps near "
            "Kawlin had fallen to the rebels.")
    assert places_taken(text, gazetteer) == []
    assert dead_in(text, gazetteer, published="2026-11-24") == []


def test_the_number_killed_in_a_fight_since_a_day_is_a_running_count(gazetteer: Gazetteer) -> None:
    text = "The number of fatalities in the fighting around Kawlin since November 8 has risen to 512, the monitor said."
    assert dead_in(text, gazetteer, published=None, received=date(2026, 12, 2)) == []
    # A toll and a flight told with "since" in one sentence, without "the number of ... in", stay the news.
    text = ("A growing number of residents have been killed and about 14,000 have been displaced from the township "
            "since Sunday.")
    assert fled_in(text, gazetteer) == [(14000, False)]


def test_places_listed_after_a_plural_noun_and_of_are_each_taken(gazetteer: Gazetteer) -> None:
    # News abroad names what was taken as "the localities of", "the settlements of", "the areas of".
    text = "The M23 said on Friday that it had taken control of the localities of Kashuga, Mpati and Kivuye."
    assert places_taken(text, gazetteer) == ["Kashuga", "Mpati", "Kivuye"]
    text = ("Units of the North group liberated the settlements of Cherkasskaya Konopelka and Pogrebki in the Kursk "
            "region, the Russian ministry said on Monday.")
    assert places_taken(text, gazetteer) == ["Cherkasskaya Konopelka", "Pogrebki"]
    text = "The RSF said on Saturday it had taken control of the areas of Um Sumeima and Kazgil in North Kordofan."
    assert places_taken(text, gazetteer) == ["Um Sumeima", "Kazgil"]


def test_a_verb_of_taking_in_quotes_is_still_the_taking(gazetteer: Gazetteer) -> None:
    # A side's own word, quoted by the reporter: 'had "liberated" X', '"taken full control" of X'.
    text = 'The rebels said on Thursday they had "taken full control" of Kalehe in South Kivu, Congo.'
    assert places_taken(text, gazetteer) == ["Kalehe"]
    text = "The rebels said on Thursday they had “captured” Kalehe in South Kivu, Congo."
    assert places_taken(text, gazetteer) == ["Kalehe"]


def test_the_village_taken_after_and_is_the_one_the_clause_before_named(gazetteer: Gazetteer) -> None:
    text = ("Fighting went on around Pangane in Cabo Delgado, Mozambique, on Friday. Islamic State claimed on Saturday "
            "that its fighters had killed five Christians in Mucojo and took control of the village.")
    assert places_taken(text, gazetteer) == ["Mucojo"]
    # Where the speakers are is not where the taking was.
    text = ("Fighting went on around Kawlin on Friday. Sources in Nat Hmaw said fighters stormed the post at dawn "
            "before the post was overrun.")
    assert "Nat Hmaw" not in places_taken(text, gazetteer)


def test_a_taking_a_sentence_opens_by_contradicting_is_denied(gazetteer: Gazetteer) -> None:
    text = ('Contrary to claims circulating on social media that militants had "taken over" Kawlin, a senior official '
            'said the town had "at no point" been out of army control.')
    assert places_taken(text, gazetteer) == []


def test_a_campaign_s_count_is_a_running_sum(gazetteer: Gazetteer) -> None:
    text = ("Their deaths bring to 14 the number of soldiers killed in the ground operation against the militia, which "
            "began on October 1.")
    assert dead_in(text, gazetteer, published="2026-11-24") == []


def test_people_who_are_displaced_or_still_live_in_camps_are_a_stock(gazetteer: Gazetteer) -> None:
    text = "More than 500,000 people are displaced in Rakhine and southern Chin State, according to UN figures."
    assert fled_in(text, gazetteer) == [(500000, True)]
    text = ("More than 220 people have been killed and around 60,000 displaced near Kawlin, with many still living in "
            "relief camps.")
    assert fled_in(text, gazetteer) == [(60000, True)]
    # A flight of the news stays one.
    assert fled_in("About 12,000 people were displaced from Kawlin on Sunday.", gazetteer) == [(12000, False)]


def test_towns_taken_having_been_taken_before_the_day_written_are_history(gazetteer: Gazetteer) -> None:
    # The day the sentence writes is its main clause's; "having taken" is told as before it.
    text = ("The KIA launched its offensive on Bhamo on December 10, having taken Mansi and Momauk townships earlier "
            "in the year, and its fighters have since pushed into the town's outer wards.")
    taken = [e for e in events_in(text, gazetteer, None, received=date(2026, 12, 20)) if isinstance(e, TerritorySeized)]
    assert taken and all(e.historical or any("history" in d for d in e.doubts) for e in taken)


def test_people_already_displaced_or_living_somewhere_and_a_span_of_months_are_stocks(gazetteer: Gazetteer) -> None:
    text = "These new arrivals add to an estimated 560,000 people already internally displaced near Kadugli."
    assert fled_in(text, gazetteer) == [(560000, True)]
    text = ("Banditry has displaced hundreds of thousands of people around Gusau in Zamfara State, many of whom live "
            "in informal settlements.")
    assert fled_in(text, gazetteer) == [(100000, True)]
    text = "At least 60 people were killed in Bokkos between December 2024 and February 2025, a rights group said."
    assert dead_in(text, gazetteer, published="2025-03-01") == []


def test_bodies_found_after_a_larger_toll_are_some_of_its_dead(gazetteer: Gazetteer) -> None:
    text = '"More than 20 enemy soldiers died near Kawlin on Sunday, and we found 12 bodies on the hill," he said.'
    assert tolls_in(text, gazetteer, published="2026-11-24") == [20]
    # Bodies found with no toll before them are the toll.
    text = "Villagers found 12 bodies near Kawlin on Sunday after the troops left, a rescue worker said."
    assert tolls_in(text, gazetteer, published="2026-11-24") == [12]


def test_a_force_s_site_at_a_place_is_that_place_s(gazetteer: Gazetteer) -> None:
    # Whose site first, then where it stands: the place after "at" was taken.
    text = "Jihadists overran the Chad army garrison at Bol on Sunday, officials said."
    assert places_taken(text, gazetteer) == ["Bol"]
    text = ("The RSF took control of the SAF garrison at Al Kuweik, east of Kadugli in South Kordofan, Sudan, on "
            "Sunday, residents said.")
    assert places_taken(text, gazetteer) == ["Al Kuweik"]
    # A site's own name, then the area it lies in: the site.
    assert places_taken("Rebels said on Sunday they had overrun the Nam Kyein base in Kutkai Township.", gazetteer) == [
        "Nam Kyein"]


def test_all_who_left_after_an_incursion_began_are_a_stock(gazetteer: Gazetteer) -> None:
    text = ("More than 30,000 residents were evacuated from Sudzha and nearby villages in the Kursk region after the "
            "incursion began, officials said.")
    assert fled_in(text, gazetteer) == [(30000, True)]


def test_buildings_taken_over_are_no_place(gazetteer: Gazetteer) -> None:
    text = ("Dozens of families left their homes in Kawlin on Sunday, some of them after troops took over buildings to "
            "use as positions.")
    assert places_taken(text, gazetteer) == []


def test_a_site_taken_is_the_name_it_is_known_by(gazetteer: Gazetteer) -> None:
    text = ("Government forces later recaptured a hilltop position known as Tabat al-Mashjah near Taiz in Yemen on "
            "Sunday.")
    assert places_taken(text, gazetteer) == ["Tabat al-Mashjah"]
    text = "The KIA said it captured the position, referred to on military maps as Point 1173, near Bhamo on Monday."
    assert places_taken(text, gazetteer) == ["Point 1173"]
    text = ("The factions took control of a hill overlooking the western approach of the dam, known locally as "
            "“Tal Sheikh Hasan”, in Aleppo, Syria, on Wednesday.")
    assert places_taken(text, gazetteer) == ["Tal Sheikh Hasan"]


def test_what_a_taking_would_mean_a_cattle_raid_and_a_habit_take_no_place(gazetteer: Gazetteer) -> None:
    text = "Capturing Marib, a gas-producing region, would strengthen the group's hand in any peace talks in Yemen."
    assert places_taken(text, gazetteer) == []
    text = ("Attackers stormed the cattle camp near Marial Lou in Warrap State, South Sudan, at dawn on Sunday and "
            "drove away more than 3,000 heads of cattle.")
    assert places_taken(text, gazetteer) == []
    text = "The AA has seized swathes of territory in Rakhine since it broke a ceasefire with the military a year ago."
    assert places_taken(text, gazetteer) == []
    text = ("The Russian Defence Ministry has repeatedly announced the capture of settlements on the Pokrovsk front "
            "days before they were occupied.")
    assert places_taken(text, gazetteer) == []


def test_villages_measured_from_a_town_are_not_the_town(gazetteer: Gazetteer) -> None:
    text = ("Al-Shabaab fighters attacked Sabiid and Anole in Lower Shabelle, Somalia, on Sunday. The militants seized "
            "the two villages, about 40 kilometres west of Mogadishu, last Monday, officials said.")
    assert "Mogadishu" not in places_taken(text, gazetteer)


def test_a_flight_since_a_start_weeks_back_and_people_counted_as_displaced_are_stocks(gazetteer: Gazetteer) -> None:
    text = ("Since hostilities between the army and the rebels resumed on 13 November, more than 52,000 people have "
            "been newly displaced in Kawlin township.")
    assert fled_in(text, gazetteer, published="2026-12-08") == [(52000, True)]
    # A start days back is the news's own fight.
    text = "More than 15,000 villagers have fled Kawlin since fighting resumed there on Sunday."
    assert fled_in(text, gazetteer, published="2026-12-08") == [(15000, False)]
    text = "As of 31 January, we have counted 141,230 internally displaced persons in Kawlin township."
    assert fled_in(text, gazetteer, published="2026-02-03") == [(141230, True)]
    text = "Kawlin was home to hundreds of thousands of displaced people living in makeshift tents."
    assert fled_in(text, gazetteer) == []


def test_raiders_leaving_and_the_displaced_some_of_whom_shelter_are_no_news_of_a_place(gazetteer: Gazetteer) -> None:
    text = ("Witnesses said the militants withdrew from the base near Kawlin on Tuesday evening after looting weapons "
            "and burning several vehicles.")
    assert places_taken(text, gazetteer) == []
    # A side that withdraws after fighting gives the place up.
    assert places_taken("Troops withdrew from Kawlin on Tuesday after heavy fighting, residents said.", gazetteer) == [
        "Kawlin"]
    text = ("Over 90,000 residents of Kawlin township have been uprooted, with around 1,000 of them staying in "
            "collective shelters in the town.")
    assert fled_in(text, gazetteer) == [(90000, True)]


def test_a_group_s_record_land_summed_and_a_monitor_s_reminder_are_no_news_of_a_taking(gazetteer: Gazetteer) -> None:
    text = "Officials blamed a gang from a coalition that has overrun most of the capital, Port-au-Prince."
    # What the group has done is its record: never sent as the day's taking.
    assert all(e.doubts for e in takings_in(text, gazetteer))
    text = ("The city is almost entirely cut off, after the Arakan Army seized most of the surrounding territory "
            "around Sittwe in a year-long offensive.")
    assert places_taken(text, gazetteer) == []
    text = "Pro-government militias said on Sunday they retook villages in Masisi, North Kivu."
    assert places_taken(text, gazetteer) == []
    text = ("It is worth noting that the factions took control of Manbij city on November 19, after the "
            "withdrawal of the SDF.")
    assert all(e.doubts for e in takings_in(text, gazetteer))


def test_a_checkpoint_stormed_opening_fire_and_people_a_fight_has_left_displaced(gazetteer: Gazetteer) -> None:
    text = ("Fighters stormed the checkpoint on the road near Kawlin at about 6 p.m. on Saturday, opening fire on the "
            "police on duty.")
    assert places_taken(text, gazetteer) == []
    text = "The fighting has left more than 600,000 people displaced inside Sagaing Region, aid groups said."
    assert fled_in(text, gazetteer) == [(600000, True)]
