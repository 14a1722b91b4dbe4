"""Wire copy, nineteenth round: sentences written for each rule of news writing it adds."""

from __future__ import annotations

from datetime import date

from stream.core.dates import latest_full_date, years_gone_by
from stream.core.places import Gazetteer
from stream.core.records import Casualties
from tests.builders import dated_dead, events_in, flights_in, places_taken, tolls_in


def test_the_enemys_dead_in_the_speakers_own_words_are_the_speakers_claim(gazetteer: Gazetteer) -> None:
    # Words a story puts in quotation marks it does not make its own: the ministry's "terrorists" beside the dead
    # the elders counted.
    text = ("Elders in Kani said six soldiers and two civilians were killed when fighters attacked the army camp on "
            "Saturday. The defence ministry said in a statement that \"more than 40 terrorists\" were killed.")
    assert tolls_in(text, gazetteer) == [6, 2]
    for claim in ("The army said troops had repelled the attack and killed 19 \"terrorists\".",
                  "The army said troops had \"neutralised\" dozens of fighters.",
                  "The group said its fighters had killed \"more than 30\" members of the security forces."):
        text = "Six soldiers were killed when fighters attacked the army camp in Kani on Saturday, police said. "
        text += claim
        assert tolls_in(text, gazetteer) == [6], claim
    # A side's own name for its dead, in quotation marks, is its loss told: seven "security personnel".
    text = ("Three fighters died in the raid on the camp in Kani on Saturday, the group said. The army said seven "
            "\"security personnel\" were killed.")
    assert sorted(tolls_in(text, gazetteer)) == [3, 7]
    # Alone, the claim is the story's only toll.
    text = "The army said in a statement that \"more than 40 terrorists\" were killed near Kani on Saturday."
    assert tolls_in(text, gazetteer) == [40]


def test_a_count_the_story_says_it_could_not_verify_is_a_claim(gazetteer: Gazetteer) -> None:
    text = ("Nine soldiers were killed when fighters attacked positions near Kani on Saturday, military sources said. "
            "A commander said dozens of the attackers had been killed, a claim that could not be verified.")
    assert tolls_in(text, gazetteer) == [9]
    text = ("Four soldiers were killed in an ambush near Kani on Thursday, a military source said. The rebels said "
            "they had killed 15 soldiers, a figure dismissed by the source as invented.")
    assert tolls_in(text, gazetteer) == [4]


def test_when_or_how_a_side_spoke_may_stand_between_its_verb_and_its_claim(gazetteer: Gazetteer) -> None:
    for claim in ("The army said last week that it had neutralised 30 fighters.",
                  "The group claimed in a video posted online that it had killed 15 soldiers.",
                  "The army said in a statement on Monday night that its troops had killed 200 fighters.",
                  "The rebels said in a statement that their fighters destroyed eight trucks and killed 23 soldiers."):
        text = "Five soldiers and three fighters were killed in fighting in Kani on Saturday, residents said. " + claim
        assert sorted(tolls_in(text, gazetteer)) == [3, 5], claim


def test_one_sides_word_of_the_others_dead_is_a_claim(gazetteer: Gazetteer) -> None:
    text = ("The army and the rebels gave different accounts of an ambush on a convoy near Kani on Sunday, with the "
            "rebels saying more than 20 soldiers were killed. The army said seven soldiers died.")
    assert tolls_in(text, gazetteer) == [7]
    # A side's word of its own dead is its loss, told.
    text = "The army said seven soldiers were killed in an ambush near Kani on Sunday."
    assert tolls_in(text, gazetteer) == [7]


def test_another_voices_figure_for_a_toll_is_another_account_of_it(gazetteer: Gazetteer) -> None:
    text = ("Gunmen killed 14 villagers in an attack on Kani on Saturday, the village head said. An army spokesman "
            "for the Kani operations confirmed the attack but gave a lower figure of 11 dead.")
    assert tolls_in(text, gazetteer) == [14]


def test_a_toll_told_over_several_attacks_holds_the_parts_told_after_it(gazetteer: Gazetteer) -> None:
    # "Thirteen killed in three villages", then two of the villages' dead: both in the 13, the third's untold.
    text = ("Thirteen civilians were killed in three villages of Kani township on Tuesday when troops shelled the "
            "area, residents said. In Ywathit village, five people were killed when a shell hit their house. In "
            "Budalin village, four people died in the shelling.")
    assert sum(n or 0 for n in tolls_in(text, gazetteer, published="2026-06-18")) == 13
    # A count running "since Sunday" over three attacks, then each day's: the days keep their dead.
    text = ("Resistance fighters in Kani say they have killed 26 soldiers in three attacks since Sunday. On "
            "Tuesday they killed seven at a police post. On Monday they killed 17 at a checkpoint. On Sunday they "
            "killed two at a school.")
    assert 2 in tolls_in(text, gazetteer, published="2026-06-18")


def test_a_reports_parts_of_a_weeks_count_are_the_weeks(gazetteer: Gazetteer) -> None:
    text = ("The defence ministry said resistance forces killed 214 soldiers in 86 clashes across the country "
            "during the past week. In Sagaing's Kani and Budalin townships, resistance forces killed 61 soldiers, "
            "the report said, while 35 were killed in Magway.")
    assert tolls_in(text, gazetteer) == []
    # A day's toll told after it, in its own words, is news.
    text = ("The defence ministry said resistance forces killed 214 soldiers across the country during the past "
            "week. On Tuesday, fighters killed 12 soldiers in an ambush near Kani, residents said.")
    assert tolls_in(text, gazetteer, published="2026-06-18") == [12]


def test_a_count_over_weeks_or_months_of_fighting_is_their_sum(gazetteer: Gazetteer) -> None:
    for text in ("The rebels say they killed about 60 soldiers during a month of clashes around Kani, according to "
                 "a statement issued on Monday.",
                 "Government says 70 fighters killed in week of operations near Kani"):
        assert tolls_in(text, gazetteer) == [], text


def test_a_battles_thousands_of_dead_told_with_no_day_are_its_toll(gazetteer: Gazetteer) -> None:
    text = "More than a thousand people, most of them fighters, were killed in the fighting for Kani."
    assert tolls_in(text, gazetteer) == []
    # Not a day's dead in the fighting.
    text = "Twelve people were killed in the fighting for Kani on Tuesday."
    assert tolls_in(text, gazetteer, published="2026-06-18") == [12]


def test_a_day_whose_anniversary_a_story_marks_lies_years_before_it(gazetteer: Gazetteer) -> None:
    assert years_gone_by("Residents gathered to mark the ninth anniversary of the siege.") == 9
    assert years_gone_by("Nine years after, the city is still rebuilding.") == 9
    assert years_gone_by("the 5th anniversary") == 5
    assert years_gone_by("Two years ago, the city fell.") == 0
    text = ("Residents gathered on Saturday to mark the ninth anniversary of the siege of the city. On May 23, 2017, "
            "fighters attacked the city, sparking a five-month battle.")
    assert latest_full_date(text) is None
    assert latest_full_date("On May 23, 2017, fighters attacked the city.") == date(2017, 5, 23)
    # An undated story: its day is the day it reached us, and the siege's dead are history.
    text = ("Residents gathered on Saturday to mark the ninth anniversary of the siege of Kani. On May 23, 2017, "
            "fighters attacked the town. Dozens of people were killed when they stormed the market in Kani.")
    assert [e.killed for e in events_in(text, gazetteer, None, received=date(2026, 6, 1))
            if isinstance(e, Casualties) and e.killed and e.is_incident] == []


def test_the_deadliest_incident_in_the_month_keeps_its_own_day(gazetteer: Gazetteer) -> None:
    # "In the month", as "of the month": the scope it lies in, not a past it is weighed against.
    text = ("At least 200 civilians were killed across the country during October, the monitors said in their "
            "monthly update. The deadliest incident in the month was a strike on a market in Kani on 14 October, "
            "which killed 11 civilians.")
    assert 11 not in tolls_in(text, gazetteer, published="2026-11-10")  # told 27 days on: history
    assert (11, date(2026, 10, 14)) in dated_dead(text.replace("November", ""), gazetteer, "2026-10-20")


def test_a_place_held_and_left_again_was_not_taken(gazetteer: Gazetteer) -> None:
    for text in ("Resistance fighters entered Kani on Sunday, occupying the police station for several hours before "
                 "withdrawing under air strikes.",
                 "The militants said they had taken control of parts of the base in Kani on Sunday before pulling "
                 "out with captured weapons."):
        assert places_taken(text, gazetteer) == [], text
    # A hold the story does not say was given up stands.
    assert places_taken("Fighters entered Kani on Sunday and occupied the police station for several hours.",
                        gazetteer) == ["Kani"]


def test_positions_taken_up_near_a_place_do_not_take_it(gazetteer: Gazetteer) -> None:
    text = "The fighters entered from the east on Sunday and took up positions near the bus station of Kani."
    assert places_taken(text, gazetteer) == []


def test_a_town_stormed_while_people_were_killed_was_raided(gazetteer: Gazetteer) -> None:
    text = "Three civilians were killed and seven injured on Monday as troops stormed the town of Kani."
    assert places_taken(text, gazetteer) == []


def test_the_violences_dead_and_displaced_told_together_are_its_count(gazetteer: Gazetteer) -> None:
    text = ("About 450 villagers fled to relief camps in Kani on Monday. The violence between the Karen and Bamar "
            "communities has claimed more than 250 lives across the state and left tens of thousands displaced, many "
            "of whom are still living in relief camps.")
    assert flights_in(text, gazetteer, "2026-06-10") == [450]
    # Not an offensive's flight: "the violence has forced 15,000 to flee".
    text = "According to the UN, the violence has forced up to 15,000 people to flee their homes in Kani."
    assert flights_in(text, gazetteer, "2026-06-10") == [15000]


def test_a_battles_hundreds_of_thousands_fled_told_with_its_dead_are_its_count(gazetteer: Gazetteer) -> None:
    text = ("More than a thousand people were killed in the fighting for Kani, and hundreds of thousands of "
            "residents were forced to flee to neighbouring towns.")
    assert flights_in(text, gazetteer, "2026-06-10") == []
    # A day's flight in the fighting is news.
    text = "About 12,000 residents fled the fighting in Kani on Tuesday."
    assert flights_in(text, gazetteer, "2026-06-10") == [12000]
    # So is one told of the day's fighting, with no dead summed beside it.
    text = "Junta troops retook Kani on Tuesday. More than 15,000 people fled the town during the fighting."
    assert flights_in(text, gazetteer, "2026-06-10") == [15000]


def test_arrivals_counted_since_a_month_are_a_tally(gazetteer: Gazetteer) -> None:
    text = "The refugee agency said last week that about 15,000 people had arrived in Tamu since late January."
    assert flights_in(text, gazetteer, "2026-02-16") == []
    # Arrivals since a day are the news's.
    text = "The refugee agency said about 15,000 people had arrived in Tamu since Monday."
    assert flights_in(text, gazetteer, "2026-02-16") == [15000]


def test_a_states_paramilitary_rangers_are_its_forces(gazetteer: Gazetteer) -> None:
    text = "Two paramilitary rangers were killed when a bomb exploded near Kani on Tuesday."
    assert [e.side for e in events_in(text, gazetteer, "2026-06-10") if isinstance(e, Casualties)] == ["military"]
    # "Paramilitary" alone still names a group against the state.
    text = "Paramilitary fighters killed 12 villagers in Kani on Tuesday."
    assert [e.side for e in events_in(text, gazetteer, "2026-06-10") if isinstance(e, Casualties)] == ["civilian"]


def test_a_dateline_with_the_agency_after_a_comma_is_a_dateline(gazetteer: Gazetteer) -> None:
    # "TUBAS, February 17, 2026, WAFA -": the bureau's city, not where the dead fell.
    text = ("MONYWA, February 17, 2026, MNA – Three villagers were killed on Monday as troops raided the village of "
            "Kani, south of Monywa.")
    assert [e.place.name for e in events_in(text, gazetteer, "2026-02-17")
            if isinstance(e, Casualties) and e.place] == ["Kani"]


def test_the_deadliest_attack_recorded_in_a_month_keeps_its_own_day(gazetteer: Gazetteer) -> None:
    text = ("Air strikes killed 118 civilians in September, a monitor said. The deadliest attack recorded in "
            "September was a strike on a village in Kani township on Sept. 9 that killed 16 people.")
    assert 16 not in tolls_in(text, gazetteer, published="2024-10-03")  # told 24 days on: history


def test_a_claim_the_other_side_dismissed_is_a_claim(gazetteer: Gazetteer) -> None:
    text = ("Four civilians were killed when mortar shells hit homes in Kani on Sunday, officials said. The rebels "
            "claimed that they had killed eight soldiers, a claim the army dismissed as lies.")
    assert tolls_in(text, gazetteer) == [4]


def test_the_enemy_named_in_a_speakers_quote_is_the_speakers_claim(gazetteer: Gazetteer) -> None:
    text = ("Four civilians were killed by stray bullets during the clashes in Kani on Monday, a resident said. A "
            "militia commander claimed that \"more than 30 members of the enemy\" were killed.")
    assert tolls_in(text, gazetteer) == [4]


def test_a_local_outlets_city_before_a_hyphen_is_its_dateline(gazetteer: Gazetteer) -> None:
    text = ("Monywa - Resistance fighters took control of Kani on Monday after junta troops pulled out of the town, "
            "residents said.")
    assert places_taken(text, gazetteer) == ["Kani"]


def test_a_sides_year_before_its_campaign_dates_it(gazetteer: Gazetteer) -> None:
    text = "In its 2019 offensive, the army took control of Kani and Budalin."
    assert places_taken(text, gazetteer) == []


def test_at_the_time_is_the_time_the_sentence_before_wrote(gazetteer: Gazetteer) -> None:
    text = ("Officials accused the rebels of massing fighters near Monywa, where the two sides fought the war's "
            "bloodiest battles in 2021. The rebels seized Kani at the time but failed to take Monywa itself.")
    assert places_taken(text, gazetteer, "2024-07-08") == []



def test_a_claim_told_after_what_else_the_claimants_did_is_a_claim(gazetteer: Gazetteer) -> None:
    text = ("Five soldiers were killed when fighters attacked a base near Kani on Wednesday, officials said. The "
            "group claimed to have overrun the base, killed 30 soldiers and seized weapons.")
    assert tolls_in(text, gazetteer) == [5]
    text = ("Eight soldiers were killed when militants attacked a check post near Kani late on Thursday, the army "
            "said. The group claimed responsibility for the attack in a statement sent to journalists, saying 16 "
            "soldiers had been killed.")
    assert tolls_in(text, gazetteer) == [8]


def test_a_states_word_of_the_enemys_dead_gives_way_to_a_count_it_adopts(gazetteer: Gazetteer) -> None:
    # The state's word of the fighters it killed, beside its own five dead: its claim, whichever side the five were.
    text = ("Five soldiers were killed when troops repelled an attack on a base near Kani on Wednesday, officials "
            "said. The Ministry of Information said in a statement that more than 70 militants had been killed in "
            "the operation.")
    assert tolls_in(text, gazetteer) == [5]
