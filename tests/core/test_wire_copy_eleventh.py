"""Wire copy, eleventh round. Sentences written for each rule."""

from __future__ import annotations

from datetime import date

from stream.core.places import Gazetteer
from stream.core.records import Casualties
from tests.builders import dead_in, events_in, fled_in, places_taken, takings_in, tolls_in


def test_a_place_taken_by_an_armed_side_in_the_passive_is_taken(gazetteer: Gazetteer) -> None:
    # "Was taken by" with the place as its subject and an armed side as its agent is a taking.
    for text in ("Bhamo was taken by the KIA on Monday after a siege of several weeks.",
                 "The town of Bhamo has been taken by Kachin fighters, residents said on Tuesday.",
                 "Bhamo town was reportedly taken by the resistance on Monday."):
        assert places_taken(text, gazetteer) == ["Bhamo"], text


def test_people_or_things_taken_by_soldiers_are_no_taking_of_the_place_beside_them(gazetteer: Gazetteer) -> None:
    # People the troops led away, the wounded carried off, a place named only where they stood.
    for text in ("Farmers working outside Bhamo were taken by soldiers to carry supplies, relatives said.",
                 "A man from Bhamo was taken by ambulance to hospital in Myitkyina.",
                 "The decision was taken by the army council in Naypyitaw on Monday."):
        assert places_taken(text, gazetteer) == [], text


def test_a_second_people_joined_to_the_counted_dead_is_counted_with_them(gazetteer: Gazetteer) -> None:
    # "Nine soldiers and police officers were killed": one figure for both, and the verb after both.
    text = "A rebel officer said nine soldiers and police officers were killed in the attack on Monday."
    assert tolls_in(text, gazetteer) == [9]
    text = "Six villagers and militia members were killed when the shell hit the market, residents said."
    assert tolls_in(text, gazetteer) == [6]
    # A second figure is its own count, and words that name no people join no one to the dead.
    text = "Nine soldiers and two civilians were killed in the clash near the bridge on Monday."
    assert sorted(e.killed or 0 for e in dead_in(text, gazetteer)) == [2, 9]
    text = "Three trucks and the commander's car were burned in the ambush on Monday."
    assert dead_in(text, gazetteer) == []


def test_where_troops_withdrew_to_and_the_ends_of_a_road_are_not_where_the_story_goes_on(gazetteer: Gazetteer) -> None:
    # The next sentence's dead are at the place the story is at, not at the town the soldiers fell back towards,
    # nor at the towns a road is named for.
    story = ("Insurgents attacked the army base in Konduga, Borno State, on Thursday night, residents said. "
             "{middle} "
             "A soldier said seven soldiers were killed.")
    for middle in ("The assault forced the troops to withdraw towards Damboa, about 60 kilometres away.",
                   "The base is one of several posts along the Damboa–Maiduguri road.",
                   "The base guards the Maiduguri-Damboa highway."):
        text = story.format(middle=middle)
        assert [e.place.name for e in dead_in(text, gazetteer) if e.place] == ["Konduga"], middle


def test_a_toll_that_rises_within_one_sentence_counts_its_last_figure(gazetteer: Gazetteer) -> None:
    # One toll told as it grew is one toll: its latest figure.
    text = ("The first reports put the death toll at seven, but it climbed to ten by nightfall and then to 13 "
            "on Saturday, a medic in Kani said.")
    assert tolls_in(text, gazetteer) == [13]
    text = "The death toll from the shelling of Kani rose from seven to 13 on Saturday, a medic said."
    assert tolls_in(text, gazetteer) == [13]
    # Two figures of one toll with nothing saying the second replaced the first are two parts of it.
    text = "The army gave a toll of seven soldiers and three police officers after the raid on Kani on Saturday."
    assert sorted(e.killed or 0 for e in dead_in(text, gazetteer)) == [3, 7]
    # And a range is still a range.
    text = "Between seven and 13 villagers were killed in the shelling of Kani on Saturday, a medic said."
    assert [(e.killed, e.qualifier) for e in dead_in(text, gazetteer)] == [(7, "at_least")]


def test_what_a_campaign_has_killed_as_a_voice_tells_it_is_its_record(gazetteer: Gazetteer) -> None:
    # "Strikes that monitors say have killed hundreds" tells the campaign's record, not the day's dead.
    text = ("The army has answered the offensive with shelling that monitors say has killed dozens of villagers "
            "around Kani.")
    assert dead_in(text, gazetteer) == []
    # A single strike that a voice says killed people is the news.
    text = "A shell that residents say killed 12 people hit the market in Kani on Tuesday."
    assert tolls_in(text, gazetteer, published="2026-11-26") == [12]


def test_a_taking_promised_in_the_future_is_not_done(gazetteer: Gazetteer) -> None:
    # "We will retake X" and "are going to retake X" promise a taking; the one who will stay took the place.
    for text in ("We will retake Bhamo before the monsoon, the commander told reporters on Monday.",
                 "Officers say they are going to retake Bhamo within weeks."):
        assert places_taken(text, gazetteer) == [], text
    text = "Fighters who will stay in the town captured Bhamo on Monday, the group said."
    assert places_taken(text, gazetteer) == ["Bhamo"]


def test_a_fall_that_posts_or_videos_claimed_and_that_is_called_false_did_not_happen(gazetteer: Gazetteer) -> None:
    text = "Videos on social media claiming Falam has fallen are false, a resistance spokesman said on Tuesday."
    assert places_taken(text, gazetteer) == []
    text = "Falam has fallen, a resistance spokesman said on Tuesday."
    assert places_taken(text, gazetteer) == ["Falam"]


def test_a_place_that_had_been_retaken_before_the_news_is_its_history(gazetteer: Gazetteer) -> None:
    # The main clause is dated in the news; the relative clause of the past perfect tells what came before it.
    text = ("Since 3 May, rebels have shelled the ridge and Falam, which had been partly recaptured by the army "
            "in March.")
    assert places_taken(text, gazetteer, published="2026-05-14") == []


def test_the_people_a_town_is_a_refuge_for_are_a_stock(gazetteer: Gazetteer) -> None:
    for text in ("Raids hit villages near Tawila in North Darfur, Sudan, a town that is now a refuge for hundreds of "
                 "thousands of people who fled El Fasher.",
                 "Tawila in North Darfur, Sudan, has become home to more than 200,000 people who fled El Fasher."):
        assert [stock for _, stock in fled_in(text, gazetteer)] == [True], text


def test_a_toll_raised_by_bodies_found_holds_them(gazetteer: Gazetteer) -> None:
    # The bodies found are why the toll rose, so they are in it, whichever word tells the cause.
    for cause in ("saying", "after", "because"):
        text = (f"On Sunday the local committee raised the toll in Kani to 34, {cause} the bodies of seven more men "
                "had been found in the fields.")
        assert tolls_in(text, gazetteer) == [34], cause


def test_posts_counted_then_placed_are_taken_at_the_place_named_after_them(gazetteer: Gazetteer) -> None:
    # "Three outposts in X": posts counted, then the place they stand in or near.
    for text in ("The KIA said it had captured three military outposts in Shwegu township on Tuesday.",
                 "Kachin fighters overran two army camps near the town of Shwegu on Monday.",
                 "The KIA captured three hilltop posts on the eastern edge of Shwegu on Saturday."):
        assert places_taken(text, gazetteer) == ["Shwegu"], text
    # A count alone is people; a state after the posts is no place taken, nor a place in the next clause.
    for text in ("The KIA said it had captured three in Shwegu township on Tuesday.",
                 "The army has lost three bases in Kachin State since it shelled Shwegu on Monday."):
        assert places_taken(text, gazetteer) == [], text


def test_one_position_taken_is_a_taking_but_a_position_held_or_stated_is_not(gazetteer: Gazetteer) -> None:
    text = "The AA said its fighters took the position near the town of Toungup on Sunday."
    assert places_taken(text, gazetteer) == ["Toungup"]
    for text in ("He took the position of deputy commander in Toungup on Sunday.",
                 "The unit withdrew to take up a position for further operations near Toungup on Sunday."):
        assert places_taken(text, gazetteer) == [], text


def test_fighters_dislodged_or_driven_from_a_place_lost_it(gazetteer: Gazetteer) -> None:
    for verb in ("dislodged", "drove", "chased", "flushed"):
        text = f"The army said it {verb} the rebels from Shwegu on Monday after two days of fighting."
        assert places_taken(text, gazetteer) == ["Shwegu"], verb


def test_the_month_the_army_seized_power_dates_no_toll_of_the_news(gazetteer: Gazetteer) -> None:
    # "After the army seized power in February" tells when the groups began: the day's ambush is news.
    text = ("The Kani PDF, one of many militias formed after the army seized power in February, said it ambushed a "
            "convoy near Kani on Monday, killing 15 soldiers.")
    assert tolls_in(text, gazetteer, published="2021-10-27") == [15]
    # "Since" the army seized power is still a period.
    text = "More than 1,100 civilians have been killed in Sagaing since the army seized power in February."
    assert dead_in(text, gazetteer, published="2021-10-27") == []


def test_the_dead_counted_at_their_graves_are_killed_and_the_living_buried_in_rubble_are_not(
        gazetteer: Gazetteer) -> None:
    text = "Village elders said 38 people have now been buried in Kani after the raid on Saturday."
    assert tolls_in(text, gazetteer) == [38]
    for text in ("Rescuers said 20 people were buried under the rubble in Kani on Saturday.",
                 "Twelve miners were buried alive when the tunnel in Kani collapsed on Saturday."):
        assert dead_in(text, gazetteer) == [], text
    # "Now" between the victims and their verb, as "have now been killed".
    text = "Officials said 40 people have now been killed in the fighting in Kani since Saturday morning."
    assert [e.killed for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, Casualties)] == [40]


def test_a_month_summed_in_one_sentence_covers_the_figures_after_it_in_its_paragraph(gazetteer: Gazetteer) -> None:
    # A situation report's month: the sentence that opens it and the one after, with no day of its own.
    text = ("Summary: During the month of February, the brigade and allied forces fought army troops 40 times in Kani "
            "Township. At least 30 soldiers were killed and 45 wounded. Army shelling killed 6 civilians in the "
            "township during the same month.")
    assert dead_in(text, gazetteer, published="2025-03-15") == []
    # A sentence with a day of its own passes no period on: its paragraph's next facts are the day's.
    text = ("Two villagers were killed when shells hit Kani on Monday, said the alliance, whose forces have besieged "
            "the town since November. Three other villagers were wounded.")
    assert [e.injured for e in events_in(text, gazetteer, "2025-03-15")
            if isinstance(e, Casualties) and e.injured and not e.cumulative] == [3]


def test_a_toll_of_one_side_is_not_broken_down_into_another_sides_dead(gazetteer: Gazetteer) -> None:
    # "Eight civilians were killed", then the army's "five civilians" and "three attackers neutralised": the eight
    # stand; five and three are another voice's count and the attackers' dead, not its parts.
    text = ("At least eight civilians were killed on Sunday in an attack by militiamen on the village of Lopa, in "
            "Djugu territory, Ituri, local sources said. The army spokesman confirmed the attack but reported five "
            "civilians killed. He said troops had pushed back the militiamen and neutralised three assailants.")
    assert 8 in tolls_in(text, gazetteer, published="2026-12-01")
    # Parts told as the toll's own ("eight of those killed were fighters") break it down whatever their side.
    text = ("Soldiers killed at least 18 civilians in a raid on Kani on Sunday, residents said. Eight of those killed "
            "were resistance fighters. Ten civilians were shot dead, a resident said.")
    assert sorted(e.killed or 0 for e in dead_in(text, gazetteer, published="2026-12-01")) == [8, 10]


def test_a_span_of_years_is_no_figure(gazetteer: Gazetteer) -> None:
    text = "The country's 2013-2018 civil war killed nearly 400,000 people, a study found."
    assert [e.killed for e in events_in(text, gazetteer, "2025-06-10") if isinstance(e, Casualties)] == [400000]
    # A range of figures that could be years is still a range when its ends are far apart.
    text = "Some 2000-2500 people fled Kani on Monday, aid workers said."
    assert [n for n, _ in fled_in(text, gazetteer)] == [2000]


def test_the_dead_a_toll_is_brought_to_are_in_it(gazetteer: Gazetteer) -> None:
    text = ("Eight more bodies were found on Sunday in the forest near Kani, bringing to 35 the number of villagers "
            "killed in the raid on Thursday, residents said.")
    assert tolls_in(text, gazetteer, published="2026-11-24") == [35]
    text = "Three more people died in hospital, raising the death toll from the strike on Kani to 17."
    assert tolls_in(text, gazetteer) == [17]
    # A toll brought to a period's count leaves the day's dead their own.
    text = "Five soldiers were killed near Kani on Monday, bringing to 20 the number killed since the offensive began."
    assert tolls_in(text, gazetteer, published="2026-11-24") == [5]


def test_a_storming_called_a_raid_or_denied_took_nothing(gazetteer: Gazetteer) -> None:
    for text in ("On Tuesday, soldiers stormed Kani in what residents described as a reprisal raid.",
                 "Rebels say they stormed the army's base in Kani; the army denies it."):
        assert places_taken(text, gazetteer) == [], text
    text = "Rebels stormed Kani on Tuesday and took full control of the town, residents said."
    assert places_taken(text, gazetteer) == ["Kani"]


def test_figures_of_a_deadliest_month_of_a_day_since_dawn_or_across_a_part_of_a_country_are_totals(
        gazetteer: Gazetteer) -> None:
    for text in ("October was one of the deadliest months for the army in Sagaing, with 62 soldiers killed in "
                 "attacks.",
                 "Air strikes have killed at least 31 people in Sagaing since dawn on Thursday, the monitors said.",
                 "At least 61 civilians have been killed across northern Sagaing since 27 November, monitors said."):
        assert dead_in(text, gazetteer, published="2026-12-06") == [], text


def test_people_displaced_before_who_returned_are_no_flight(gazetteer: Gazetteer) -> None:
    text = "Aid groups estimate that some 20,000 people previously displaced have returned to their homes in Kani."
    assert fled_in(text, gazetteer) == []
    text = "More than 20,000 people have fled Kani since Monday, and few have returned."
    assert [n for n, _ in fled_in(text, gazetteer)] == [20000]


def test_a_fight_named_by_its_month_and_year_is_of_that_time(gazetteer: Gazetteer) -> None:
    text = "The clash took place near the site of the April 2021 ambush near Kani in which 22 soldiers were killed."
    assert dead_in(text, gazetteer, published="2023-06-21") == []


def test_a_taking_that_something_began_after_is_its_history(gazetteer: Gazetteer) -> None:
    # An undated story: the day the clause writes would date the taking as news.
    text = ("Clashes around the bridge began in December, after the rebels seized Kani and Tabayin in the days "
            "following the fall of the capital on December 8.")
    assert takings_in(text, gazetteer, None, received=date(2025, 1, 20)) == []


def test_a_month_told_with_mid_and_a_hyphen_is_a_month(gazetteer: Gazetteer) -> None:
    # "In mid-February" dates the taking to February, long before the story's day.
    text = ("The rebels took control of Kani, the largest town of the district, in mid-February. Fighting near "
            "Tabayin on 3 April killed 12 people.")
    assert takings_in(text, gazetteer, None, received=date(2025, 4, 5)) == []


def test_raiders_who_burned_a_town_before_withdrawing_took_it_from_no_one(gazetteer: Gazetteer) -> None:
    text = ("Gunmen set fire to dozens of homes in Kani and a clinic before withdrawing from parts of the town on "
            "Monday, police said.")
    assert takings_in(text, gazetteer) == []
    text = "The army withdrew from Kani on Monday, residents said."
    assert places_taken(text, gazetteer) == ["Kani"]


def test_displaced_people_named_where_they_shelter_are_a_stock(gazetteer: Gazetteer) -> None:
    text = ("Conditions in Kani have worsened, with tens of thousands of displaced people from rural Sagaing and from "
            "Magway sheltering in schools.")
    assert [stock for _, stock in fled_in(text, gazetteer)] in ([], [True])
    text = "More than 12,000 displaced people from Kani fled to Monywa on Monday."
    assert fled_in(text, gazetteer) == [(12000, False)]


def test_a_group_named_with_a_slash_is_driven_out_of_a_place(gazetteer: Gazetteer) -> None:
    text = "Militia fighters say they drove the AFC/M23 rebels out of Kani after two days of fighting on Monday."
    assert places_taken(text, gazetteer) == ["Kani"]


def test_a_story_that_names_only_its_countrys_states_is_of_that_country(gazetteer: Gazetteer) -> None:
    # Never named, the country is the one whose states the story lists: their towns are looked up there.
    text = ("At least 31 people were killed in Sinaloa, Michoacán and Guerrero over the weekend, officials said. "
            "In Navolato, gunmen opened fire on a family gathering on Sunday night, killing three people.")
    places = {(e.place.name, e.place.country) for e in dead_in(text, gazetteer, published="2025-05-05") if e.place}
    assert ("Navolato", "Mexico") in places


def test_a_taking_earlier_this_season_is_history(gazetteer: Gazetteer) -> None:
    text = "The army claimed to have captured the nearby villages of Kani and Tabayin earlier this autumn."
    assert places_taken(text, gazetteer, published="2024-11-18") == []


def test_a_storming_the_other_side_says_it_repelled_took_nothing(gazetteer: Gazetteer) -> None:
    text = "The rebels claim they stormed the army's positions in Kani; the army says the attack was repelled."
    assert places_taken(text, gazetteer) == []


def test_a_fall_that_tells_a_time_is_no_taking_of_the_news(gazetteer: Gazetteer) -> None:
    # "Before the fall of X", "since the capture of X": a time told by a taking, not its report.
    for text in ("The brigade, whose units held Sagaing Region before the fall of Kani, has not commented.",
                 "Thousands have left Sagaing Region since the capture of Kani by the rebels."):
        assert places_taken(text, gazetteer) == [], text
    text = "The fall of Kani on Sunday shocked the capital, residents of Sagaing Region said."
    assert places_taken(text, gazetteer) == ["Kani"]
