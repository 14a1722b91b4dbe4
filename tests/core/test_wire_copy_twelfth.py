"""Wire copy, twelfth round. Sentences written for each rule."""

from __future__ import annotations

import json

from stream.core.articles import article_from_json
from stream.core.places import Gazetteer
from tests.builders import dead_in, fled_in, places_taken, takings_in, tolls_in


def test_a_toll_of_combatants_broken_down_by_side_is_counted_once(gazetteer: Gazetteer) -> None:
    # "Combatants" are of both sides: the soldiers and the rebels counted after them are its parts, not more dead.
    text = ("At least 30 combatants were killed on Saturday in fighting west of Marib, Yemen, where Houthi rebels "
            "are pushing on the city, military sources said. Nineteen government soldiers were killed, an officer "
            "said. Eleven Houthi fighters were also killed, the officer said.")
    assert sorted(tolls_in(text, gazetteer)) == [11, 19]


def test_a_taking_earlier_in_the_war_is_its_history(gazetteer: Gazetteer) -> None:
    # A war's course told looking back, whether the words stand before the verb or after a name set off by commas.
    for text in ("Earlier in the war, the RSF captured Nyala, and on Monday its drones struck El Obeid in Sudan.",
                 "The RSF, which holds much of Darfur in Sudan, captured the state capital, Nyala, earlier in the "
                 "conflict.",
                 "Earlier in the civil war the army took Nyala from the RSF, residents of Sudan's Darfur recall."):
        assert places_taken(text, gazetteer) == [], text
    # A taking of the day is still news.
    text = "The RSF captured Nyala in Sudan's South Darfur on Monday, residents said."
    assert places_taken(text, gazetteer) == ["Nyala"]


def test_a_side_that_lost_up_to_so_many_soldiers_lost_no_place(gazetteer: Gazetteer) -> None:
    # A bound on people lost, quoted or not, then where: the men, not the place.
    for text in ('Ukraine\'s army lost "up to 150 servicemen" and three tanks "in the Kupiansk direction" over '
                 'the past day, Russia\'s defence ministry said on Monday.',
                 "The ministry said Kyiv's forces lost up to 90 soldiers near Kupiansk in Kharkiv region on Monday."):
        assert places_taken(text, gazetteer) == [], text


def test_a_village_placed_in_a_state_of_another_country_lies_there(gazetteer: Gazetteer) -> None:
    # "The villages of A and B in the X district of the Kursk region": the state the sentence names is where
    # they lie, whatever a namesake of the same name elsewhere.
    text = ("Ukrainian units pulled back from two villages, Russia's defence ministry said on Tuesday, after its "
            "troops liberated the villages of Plekhovo and Daryino in the Sudzha district of the Kursk region. "
            "Ukraine's general staff did not comment.")
    taken = {e.place.name: (e.place.admin1, e.place.country) for e in takings_in(text, gazetteer) if e.place}
    assert taken["Plekhovo"] == ("Kursk Oblast", "Russia")
    assert taken["Daryino"] == ("Kursk Oblast", "Russia")


def test_attackers_repelled_and_pushed_out_of_a_camp_took_nothing(gazetteer: Gazetteer) -> None:
    # The defenders' account of an assault beaten back: the camp is still theirs.
    for text in ("The army said it had repelled the assault and pushed RSF fighters out of the camp near El Fasher "
                 "in Sudan by noon on Monday.",
                 "Troops repulsed the attack and drove the militants from Bama in Borno State, Nigeria, on "
                 "Monday, an officer said."):
        assert places_taken(text, gazetteer) == [], text
    # Fighters pushed out of a town with no assault repelled: the town changed hands.
    text = "Sudanese troops pushed RSF fighters out of the town of Bara in North Kordofan on Monday, residents said."
    assert places_taken(text, gazetteer) == ["Bara"]


def test_a_handful_of_posts_told_with_a_bound_are_taken_where_they_stand(gazetteer: Gazetteer) -> None:
    # "At least five outposts on the outskirts of X": posts counted, then the town they ring.
    text = ("The TNLA has captured at least five army outposts on the outskirts of Kyaukme in northern Shan State, "
            "a spokeswoman said on Monday.")
    assert places_taken(text, gazetteer) == ["Kyaukme"]
    # Posts near several towns named together are each town's.
    text = ("Gunmen overran at least six army checkpoints near the towns of Tafas and Jassim in Syria's Daraa "
            "province on Monday.")
    assert places_taken(text, gazetteer) == ["Tafas", "Jassim"]
    # A tally of dozens is a campaign's course, and posts with no place after them are nowhere.
    for text in ("The rebels say they have captured some 40 outposts in Sagaing since October.",
                 "The rebels captured at least five outposts on Monday, a spokesman said."):
        assert places_taken(text, gazetteer) == [], text


def test_wards_of_a_town_taken_are_fighting_that_took_part_of_it(gazetteer: Gazetteer) -> None:
    # "Several wards of Bhamo": parts of the town, which a desk hears of under the town.
    text = ("KIA fighters have taken control of several wards of Bhamo, including the main police station, "
            "residents said on Monday.")
    assert places_taken(text, gazetteer) == ["Bhamo"]
    # Villages counted in a township are still no place named as taken.
    assert places_taken("Rebels have seized several villages in Bhamo township since January.", gazetteer) == []


def test_a_people_named_before_a_word_of_its_kind_and_its_fighters_is_no_place(gazetteer: Gazetteer) -> None:
    # "Arab tribal fighters": a people, not a town that shares its name in a country the story also names.
    text = ("Kurdish-led forces in eastern Syria said on Monday they had retaken two towns from Arab tribal fighters "
            "after clashes that killed 40 people. The United States called for calm.")
    assert [(e.killed, e.place.country) for e in dead_in(text, gazetteer, published="2026-11-24") if e.place] == [
        (40, "Syria")]


def test_a_site_occupied_after_entering_a_town_is_the_town_s(gazetteer: Gazetteer) -> None:
    # "Entered X, on the coast, and occupied the administrative post": the post of the town just entered, not of
    # a place an earlier sentence named.
    text = ("Insurgents attacked Chai in Cabo Delgado, Mozambique, on Tuesday. On Thursday, about 30 insurgents "
            "entered Mucojo, on the coast, and occupied the administrative post for several hours.")
    assert places_taken(text, gazetteer) == ["Mucojo"]


def test_a_ridge_named_by_its_own_name_is_a_site_not_the_village_told_before(gazetteer: Gazetteer) -> None:
    # "Took position on X ridge": the ridge, not the village the story named a sentence before.
    text = ("Families left the village of Kesta in Duhok province, Iraq, on Monday. A local official said Turkish "
            "soldiers had taken position on Gare ridge above the village.")
    assert "Kesta" not in places_taken(text, gazetteer)


def test_people_beheaded_by_raiders_are_dead(gazetteer: Gazetteer) -> None:
    # "Beheading three fishermen": a killing told by how it was done.
    text = ("Insurgents raided the village of Mucojo in Cabo Delgado, Mozambique, on Monday, beheading three "
            "fishermen and burning homes, residents said.")
    assert tolls_in(text, gazetteer) == [3]


def test_a_flight_since_late_last_month_is_the_news_not_a_stock(gazetteer: Gazetteer) -> None:
    # Three weeks since "late September" is the current fighting's flight; "since early September", six weeks
    # and more, a period's total.
    text = "Fighting in Kani township, Sagaing Region, has displaced some 12,000 people since late September."
    assert fled_in(text, gazetteer, "2024-10-16") == [(12000, False)]
    text = "Fighting in Kani township, Sagaing Region, has displaced some 12,000 people since early September."
    assert fled_in(text, gazetteer, "2024-10-16") == [(12000, True)]


def test_a_share_of_a_town_s_residents_who_fled_is_counted(gazetteer: Gazetteer) -> None:
    # "N of the town's M residents have fled": N fled; M is how many lived there.
    text = "About 15,000 of Kyaukme's estimated 40,000 residents have fled since the fighting began on Sunday."
    assert fled_in(text, gazetteer) == [(15000, False)]
    # A share of its residents before the war is those gone since the war began.
    text = "At least 50,000 of Bhamo's roughly 90,000 pre-war residents have fled, aid workers estimate."
    assert [n for n, stock in fled_in(text, gazetteer) if not stock] == []


def test_where_most_of_those_who_fled_went_does_not_place_the_story(gazetteer: Gazetteer) -> None:
    # ", mostly to Monywa": the refuge, not where the next sentence's shelling fell.
    text = ("Fighting broke out in Sagaing Region on Tuesday. Residents have fled since Tuesday, mostly to Monywa. "
            "Five civilians were killed by shelling, a local official said.")
    assert [e.place.name for e in dead_in(text, gazetteer, published="2026-11-24") if e.place] == ["Sagaing"]


def test_counts_written_in_brackets_are_counts(gazetteer: Gazetteer) -> None:
    # Armed groups' statements write their figures in brackets: "(12) soldiers", "(4) civilians were killed".
    text = ("Statement of the Information Department, 3 March 2026. During the battles near Sittwe in Rakhine State, "
            "the bodies of (12) military council soldiers were found on 2 March 2026. (4) civilians of the village "
            "were killed and (6) were injured by shelling.")
    assert sorted(tolls_in(text, gazetteer, published="2026-03-03")) == [4, 12]
    # A unit's number in brackets stays its name: "Light Infantry Battalion (543) Headquarters" counts no one.
    text = ("The resistance captured the Light Infantry Battalion (543) Headquarters near Sittwe in Rakhine State on "
            "Monday, a statement said.")
    assert tolls_in(text, gazetteer, published="2026-03-03") == []


def test_bodies_brought_to_a_hospital_after_a_toll_are_part_of_it(gazetteer: Gazetteer) -> None:
    # "11 bodies had been brought to the hospital" after "killed at least 17": some of the 17, told from the ward.
    text = ("A drone strike on a market in Dembecha, Amhara region, Ethiopia, on Saturday killed at least 17 "
            "civilians, a health official said on Sunday. He said 11 bodies had been brought to the hospital, while "
            "residents buried others.")
    assert tolls_in(text, gazetteer, published="2024-11-18") == [17]


def test_a_figure_whose_people_flee_is_no_toll(gazetteer: Gazetteer) -> None:
    # "Kill 12, hundreds of families flee": the second figure has a verb of its own, and it is flight.
    text = "Clan clashes near Galkayo in Somalia's Mudug region kill 12, hundreds of families flee"
    assert tolls_in(text, gazetteer) == [12]
    # "Seven displaced people were killed": there the word describes the dead.
    text = "Seven displaced people were killed when troops shelled a camp in Demoso Township, Kayah State, on Monday."
    assert tolls_in(text, gazetteer) == [7]


def test_a_count_since_fighting_resumed_with_no_day_is_a_stock(gazetteer: Gazetteer) -> None:
    # "Since fighting resumed", its start undated: a running total, as "since the fighting began" was.
    text = ("Aid agencies say 8,000 people have been displaced in Kyauktaw township, Rakhine State, since fighting "
            "resumed.")
    assert fled_in(text, gazetteer) == [(8000, True)]
    # A start the sentence dates, however far past the verb, is the news's flight.
    text = ("More than 12,000 residents of Thayetchaung Township in Tanintharyi Region have fled their homes since "
            "fighting broke out between junta troops and resistance forces on Sunday.")
    assert fled_in(text, gazetteer) == [(12000, False)]


def test_a_death_that_raised_a_campaign_s_toll_raised_a_running_count(gazetteer: Gazetteer) -> None:
    # "Raised the toll of soldiers killed in the ground offensive to 318": the offensive's count, not the day's.
    text = ("The army said a soldier was killed in Rafah on Saturday. His death raised the toll of soldiers killed in "
            "the ground offensive and in operations along the Gaza border to 318.")
    assert 318 not in tolls_in(text, gazetteer)


def test_a_taking_in_the_first_days_of_an_invasion_is_history(gazetteer: Gazetteer) -> None:
    # Told so, the taking is doubted as a course the story recounts, and held back from the desk's channels.
    text = "Russian forces occupied Kherson in the first days of the full-scale invasion, officials in Ukraine recall."
    assert [e.place.name for e in takings_in(text, gazetteer) if e.place and not e.doubts] == []


def test_a_force_s_thana_is_no_place(gazetteer: Gazetteer) -> None:
    # "The Levies thana": whose police station, not a town named Levies.
    text = ("Fighters took control of the Levies thana in Besima, Washuk district, Balochistan, Pakistan, on Monday "
            "and set it on fire.")
    assert "Levies" not in places_taken(text, gazetteer)


def test_the_items_of_a_list_under_a_heading_of_a_period_are_the_period_s(gazetteer: Gazetteer) -> None:
    # A situation report's "Key figures (since 1 January)": each item under it is the period's count, whatever
    # places it names. An item that tells its own day is news.
    text = ("Situation report, North Kivu, DR Congo\n\n"
            "KEY FIGURES (since 1 January 2025)\n"
            "- At least 400 civilians killed in attacks in Beni and Lubero territories\n"
            "- About 900,000 people displaced in North Kivu\n\n"
            "HIGHLIGHTS\n\n"
            "On 1 July, armed men attacked the village of Bandulu in Lubero territory, killing 11 civilians.")
    assert tolls_in(text, gazetteer, published="2025-07-04") == [11]


def test_the_whole_of_which_some_were_dead_is_no_toll(gazetteer: Gazetteer) -> None:
    # "Released 33 hostages, eight of whom were dead": the 33 were handed over, not killed.
    text = ("During the truce, which began on January 19, the group released 33 hostages, eight of whom were dead, in "
            "exchange for nearly 2,000 prisoners.")
    assert 33 not in tolls_in(text, gazetteer, published="2025-04-22")
    # "Twelve people, three of whom were children, were killed": the whole is the dead.
    text = "Twelve people, three of whom were children, were killed in the strike on Kani, Sagaing Region, on Monday."
    assert tolls_in(text, gazetteer) == [12]


def test_another_so_many_killed_told_with_no_day_is_more_of_a_running_count(gazetteer: Gazetteer) -> None:
    # After a war's count so far, "another 40 fighters and dozens of civilians have been killed" adds to it.
    text = ("So far the fighting on the border has killed 11 civilians on the Israeli side. In Lebanon, another 40 "
            "fighters, a soldier and dozens of civilians have been killed.")
    assert tolls_in(text, gazetteer, published="2024-05-22") == []
    # Told with its day, it is the day's.
    text = "Another 14 soldiers have been killed in clashes near Kani in Sagaing Region on Monday, residents said."
    assert tolls_in(text, gazetteer) == [14]


def test_the_dead_since_a_day_of_this_week_are_the_news(gazetteer: Gazetteer) -> None:
    # "Have killed at least 31 people since Tuesday": the days of the news, summed as a desk hears them (a few days'
    # attacks at one place), not a running count of a war.
    text = ("Clashes around Kani in Sagaing Region have killed at least 31 people since Tuesday, a monitor said on "
            "Friday.")
    assert tolls_in(text, gazetteer) == [31]
    # A stretch the sentence names by its days is still a stretch.
    text = "Fighting near Kani on Tuesday and Wednesday killed at least 22 fighters from both sides."
    assert tolls_in(text, gazetteer) == []


def test_a_strike_a_monitoring_group_tells_of_is_news(gazetteer: Gazetteer) -> None:
    # A monitor's voice is no sign of a running count: "a local monitoring group said an air strike on Sunday killed".
    text = ("Refugees and a local monitoring group said an air strike on the market in Kani, Sagaing Region, on "
            "Sunday killed at least 12 people.")
    assert tolls_in(text, gazetteer) == [12]


def test_a_day_s_count_at_one_place_is_that_place_s_fighting(gazetteer: Gazetteer) -> None:
    # "Killed 80 fighters over the past 24 hours in Sirwah": a day's fighting at one place.
    text = ("The coalition said on Monday its air strikes had killed 80 Houthi fighters over the past 24 hours in "
            "Sirwah, west of the city of Marib, Yemen.")
    assert tolls_in(text, gazetteer, published="2021-11-08") == [80]
    # A ministry's count across a territory, or one that brings a war's total up, is still a tally.
    text = ("Gaza's health ministry said 38 people were killed across the Strip in the previous 24 hours, and that "
            "strikes hit Khan Younis.")
    assert tolls_in(text, gazetteer, published="2024-05-21") == []


def test_a_taking_told_as_already_done_is_history_whatever_its_day(gazetteer: Gazetteer) -> None:
    # "Had already seized X ... on Oct. 27": before the news, though its day lies within the news's weeks.
    text = ("The alliance had already seized the border town of Chinshwehaw in northern Shan in the first days of the "
            "operation, on Oct. 27.")
    assert places_taken(text, gazetteer, published="2026-11-05") == []


def test_a_place_held_since_a_month_and_one_overrun_many_times_are_history(gazetteer: Gazetteer) -> None:
    for text in ("In the south of the territory in North Kivu, Congo, the rebels have occupied Kanyabayonga since the "
                 "end of June.",
                 "Marte in Borno State, Nigeria, was overrun by insurgents several times during the insurgency, "
                 "residents recall."):
        assert places_taken(text, gazetteer, published="2026-11-05") == [], text


def test_places_named_as_examples_of_a_kind_were_not_taken(gazetteer: Gazetteer) -> None:
    # "The recapture of towns like Lashio": an analyst's examples, no taking told.
    text = "You cannot understand the recapture of towns like Lashio in Shan State without the conscripts, he said."
    assert places_taken(text, gazetteer) == []


def test_a_force_named_in_quotes_is_no_place(gazetteer: Gazetteer) -> None:
    # 'Units of its "Dnepr" group of forces': a force named after a river, quoted or not.
    text = ('The ministry said units of its "Dnepr" group of forces had "liberated" the village, which lies about 8 '
            "km east of the town of Orikhiv in Zaporizhzhia region, Ukraine.")
    assert [e.place.name for e in takings_in(text, gazetteer) if e.place and not e.doubts] == []


def test_the_displaced_as_of_a_day_are_a_stock(gazetteer: Gazetteer) -> None:
    # "780,000 people displaced as of 16 October": how many are away from home on that day.
    text = ("Sagaing Region hosts the largest number of displaced people in Myanmar, with more than 700,000 people "
            "displaced as of 16 October.")
    assert fled_in(text, gazetteer, "2023-10-24") == [(700000, True)]


def test_a_story_with_no_date_is_not_dated_by_the_start_of_a_period_it_counts_from() -> None:
    # An undated story that writes one full date, closing "since violence broke out on May 3, 2023", is of the day
    # it arrived: the date is a period's start, not the story's day.
    row = {"id": "a1", "title": "Two killed in Bishnupur gunfight",
           "text": ("Two village volunteers were killed in a gunfight near Phubala in Manipur's Bishnupur district on "
                    "Sunday, officials said. More than 250 people have been killed in Manipur since ethnic violence "
                    "broke out on May 3, 2023.")}
    assert article_from_json(json.dumps(row).encode()).published is None
    row["text"] += " The curfew was lifted on June 4, 2023."
    assert str(article_from_json(json.dumps(row).encode()).published) == "2023-06-04"
