"""Wire copy, third round: an hour that dates nothing, a past event recalled beside a comparison, a toll broken
down by who died, and the other shapes news gives its facts. Sentences written for each rule."""

from __future__ import annotations

from datetime import date

import pytest

from stream.core.extract.doubts import TAKEN_BACK
from stream.core.extract.framing import is_background
from stream.core.extract.mentions import find_places
from stream.core.places import Gazetteer
from stream.core.records import Casualties, Displacement, TerritorySeized
from tests.builders import dead_in, events_in, tolls_in


def test_an_hour_alone_keeps_the_day_told_before_it(gazetteer: Gazetteer) -> None:
    # Published Friday June 13; the attack was on Thursday, its hour told in the next paragraph.
    text = ("KANDAHAR - Gunmen attacked a wedding hall in Kandahar on Thursday evening, killing 12 people, "
            "police said.\n\n"
            "The gunmen opened fire at about 8 p.m., a police officer said, and the wounded were taken to the "
            "provincial hospital, where doctors said another 12 guests had died.")
    assert {e.event_date for e in dead_in(text, gazetteer)} == {date(2025, 6, 12)}


def test_a_past_event_told_after_since_and_when_is_history(gazetteer: Gazetteer) -> None:
    text = ("A drone strike killed six people in a market in Kandahar on Thursday, the worst in the province since "
            "March 2024, when a suicide bomber killed 21 people at a bank.")
    assert tolls_in(text, gazetteer) == [6]


def test_a_year_before_a_siege_or_an_ambush_dates_it(gazetteer: Gazetteer) -> None:
    text = ("Gunmen killed six people at a guesthouse in Kandahar on Thursday. A 2019 siege at a hotel in the city "
            "killed 27 people, and a 2021 ambush on the airport road killed 14 soldiers.")
    assert tolls_in(text, gazetteer) == [6]


def test_a_toll_broken_down_by_who_died_is_counted_once(gazetteer: Gazetteer) -> None:
    # The 14 is the eleven and the three; the attackers are told apart, as more dead.
    text = ("Gunmen stormed a guesthouse in Kandahar on Thursday, killing 14 people before police ended the "
            "siege, officials said. A police spokesman said 11 guests and three policemen were killed and 20 "
            "wounded. All five attackers were shot dead.")
    assert sorted(tolls_in(text, gazetteer)) == [3, 5, 11]
    # A pair in one sentence is one account of its own: two dead there are no breakdown of two dead before.
    text = ("Soldiers shot dead two brothers in Kawlin on Thursday. In Wuntho, a villager and a resistance "
            "fighter were shot dead by soldiers the same day.")
    assert sorted(tolls_in(text, gazetteer)) == [1, 1, 2]


def _taken(text: str, gazetteer: Gazetteer, published: str = "2025-06-13") -> list[tuple[str, str | None]]:
    return [(e.place.name, e.place.country) for e in events_in(text, gazetteer, published)
            if isinstance(e, TerritorySeized) and e.place and not e.historical]


def test_a_story_that_names_no_country_is_where_its_dateline_city_lies(gazetteer: Gazetteer) -> None:
    # A local outlet's readers need not be told the country: the dateline's city says it.
    text = "BUNIA - Militiamen killed 14 villagers in an attack on Djugu territory on Thursday, officials said."
    assert [(e.killed, e.place.country if e.place else None) for e in dead_in(text, gazetteer)] == [
        (14, "Democratic Republic of the Congo")]


def test_a_story_that_names_no_country_is_where_its_states_lie(gazetteer: Gazetteer) -> None:
    text = "Bandits killed 16 villagers in Maru, Zamfara State, on Thursday, a local official said."
    assert [(e.killed, e.place.admin1 if e.place else None, e.place.country if e.place else None)
            for e in dead_in(text, gazetteer)] == [(16, "Zamfara State", "Nigeria")]
    # A division two countries have says nothing: Benin and Nigeria both have a Plateau, Myanmar none.
    assert gazetteer.division_country("Plateau") is None
    assert gazetteer.division_country("Plateau State") == "Nigeria"
    # A story at home names its states: nothing abroad is looked for.
    text = "Junta troops killed 11 villagers in Kani Township, Sagaing Region, on Thursday."
    assert [e.place.country for e in dead_in(text, gazetteer) if e.place] == ["Myanmar"]


def test_a_broadcaster_s_station_is_no_post_of_a_place(gazetteer: Gazetteer) -> None:
    text = ("Al Shabaab fighters seized the town of Mahas in central Somalia on Thursday, residents said. "
            "Al Shabaab's radio station said the fighters had liberated the town.")
    assert _taken(text, gazetteer) == [("Mahas", "Somalia")]


def test_a_name_in_a_clause_after_but_is_not_what_was_left(gazetteer: Gazetteer) -> None:
    text = ("Government forces took control of the village of Thaala near Sweida on Thursday. The Druze militia "
            "said it had withdrawn from the village to spare lives but vowed to defend Sweida city.")
    assert [name for name, _ in _taken(text, gazetteer)] == ["Thaala"]


def test_a_raid_is_no_taking(gazetteer: Gazetteer) -> None:
    # Raiders who storm a village and kill leave no one holding it; those who take it say so.
    assert _taken("Gunmen stormed Kawlin on Thursday night, killing 12 villagers and burning houses.",
                  gazetteer) == []
    assert _taken("Gunmen stormed Kawlin on Thursday night and took control of the town.", gazetteer) == [
        ("Kawlin", "Myanmar")]


def test_a_crowd_takes_no_place(gazetteer: Gazetteer) -> None:
    assert _taken("Crowds in Kawlin stormed the office of the township administrator on Thursday.", gazetteer) == []


def test_where_residents_left_for_is_not_where_the_story_goes_on(gazetteer: Gazetteer) -> None:
    text = ("Rebels seized the town of Pinlebu on Thursday, residents said. Many residents had left for Wuntho "
            "before the fighters arrived. The rebels said they had liberated the town after a week of fighting.")
    assert [name for name, _ in _taken(text, gazetteer)] == ["Pinlebu"]


def test_a_toll_split_by_place_without_its_verb_counts_each_part(gazetteer: Gazetteer) -> None:
    text = "Artillery fire killed 12 people in Sagaing Region on Thursday: seven in Kani and five in Yinmabin."
    assert sorted((e.killed, e.place.name if e.place else None) for e in dead_in(text, gazetteer)) == [
        (5, "Yinmarbin"), (7, "Kani")]
    text = ("Six people were killed in Kani on Thursday and four in Yinmabin, residents said.")
    assert sorted(tolls_in(text, gazetteer)) == [4, 6]
    # Each part where it names its place, after its figure.
    text = ("At least nine civilians were killed in Sagaing Region on Thursday in two attacks: six in an air strike "
            "on Kani town and three by artillery fire on Yinmabin.")
    assert sorted((e.killed, e.place.name if e.place else None) for e in dead_in(text, gazetteer)) == [
        (3, "Yinmarbin"), (6, "Kani")]


def test_the_day_a_statement_was_made_does_not_date_the_toll_it_confirms(gazetteer: Gazetteer) -> None:
    # Published Friday June 13: the attack on Wednesday, confirmed in a statement on Thursday.
    text = ("Gunmen killed 11 villagers in Kani on Wednesday night, residents said.\n\n"
            "Four farmers were also killed in their fields near Kani hours earlier, a relative said. Police "
            "confirmed in a statement on Thursday that four farmers had been killed.")
    assert sorted((e.killed, e.event_date) for e in dead_in(text, gazetteer)) == [
        (4, date(2025, 6, 11)), (11, date(2025, 6, 11))]


def test_a_taking_the_story_goes_on_to_take_back_is_doubted(gazetteer: Gazetteer) -> None:
    text = ("The army said on Thursday that its troops had recaptured Kawlin. The army later withdrew its claim, "
            "saying fighting was going on.")
    taken = [e for e in events_in(text, gazetteer) if isinstance(e, TerritorySeized)]
    assert [e.place.name for e in taken if e.place] == ["Kawlin"]
    assert any(d.startswith(TAKEN_BACK) for d in taken[0].doubts)
    # The other side's word that it still holds the town is a denial beside the claim: the claim is sent.
    text = ("The army said on Thursday that its troops had recaptured Kawlin. A spokesman for the resistance "
            "said the town was still under their control and dismissed the claim as propaganda.")
    taken = [e for e in events_in(text, gazetteer) if isinstance(e, TerritorySeized)]
    assert [e.place.name for e in taken if e.place] == ["Kawlin"] and not taken[0].doubts


def test_an_attacker_s_vague_claim_beside_the_count_is_another_account(gazetteer: Gazetteer) -> None:
    text = ("Militants attacked an army camp in Kani on Thursday, killing nine soldiers, the army said. The "
            "militants claimed they had killed dozens of soldiers.")
    assert tolls_in(text, gazetteer) == [9]


def test_the_rise_of_a_toll_is_part_of_it(gazetteer: Gazetteer) -> None:
    text = ("The death toll from Wednesday's attack on Kani has risen to 22 from 14, officials said on Friday. "
            "Eight more bodies were found in the fields on Thursday, an official said.")
    assert tolls_in(text, gazetteer) == [22]


def test_a_monitor_s_tally_of_months_or_of_a_month_s_first_days_is_background(gazetteer: Gazetteer) -> None:
    text = ("PORT-AU-PRINCE, June 12 - More than 900 people were killed in gang violence in Port-au-Prince between "
            "April and June, a UN report released on Thursday said.")
    assert dead_in(text, gazetteer) == []
    text = ("BANGKOK, June 12 - Air strikes killed at least 180 civilians in Sagaing Region in the first 27 days of "
            "May, a monitor said on Thursday.")
    assert dead_in(text, gazetteer) == []
    # A battle's days are not a monitor's months.
    assert is_background("Between June 2 and 5, 300 people were wounded in the battle for Kani.", date(2025, 6, 13)) \
        is False


def test_the_deadliest_incident_a_story_tells_keeps_its_day(gazetteer: Gazetteer) -> None:
    # Compared with the other incidents the story tells, not with a past it names: the day stands.
    text = ("Air strikes killed dozens of civilians across Sagaing Region last week, a monitor said. The deadliest "
            "was a strike on a market in Kani on June 4, which killed 14 people.")
    assert [(e.killed, e.event_date) for e in dead_in(text, gazetteer) if e.killed == 14] == [(14, date(2025, 6, 4))]
    # Compared with a past it names, the day dates nothing of the fact's.
    text = "It was the deadliest strike on Kani since June 4, 2021, when 14 people were killed."
    assert tolls_in(text, gazetteer) == []


def test_a_name_joined_by_a_small_word_is_one_place(gazetteer: Gazetteer) -> None:
    # "Santander" alone is a town in Cauca; the department is Norte de Santander.
    text = ("CUCUTA, Colombia - Fighting between armed groups killed 12 people in Tibu, in Norte de Santander "
            "department, on Thursday, officials said.")
    assert [(e.killed, e.place.admin1 if e.place else None) for e in dead_in(text, gazetteer)] == [
        (12, "Norte de Santander Department")]
    found = find_places("The governor of Norte de Santander visited the area.", gazetteer,
                        countries=frozenset({"Colombia"}))
    assert [(m.place.name, m.place.precision) for m in found] == [("Norte de Santander", "admin1")]


def test_one_flight_told_twice_is_one_flight_at_the_larger_count(gazetteer: Gazetteer) -> None:
    text = ("More than 20,000 people have left their homes in Kani township since Monday, aid workers said. The UN "
            "said 21,400 people had been displaced over four days, most of them from villages around Yinmabin.")
    flights = [e for e in events_in(text, gazetteer) if isinstance(e, Displacement) and not e.cumulative]
    assert [(e.displaced, e.place.name if e.place else None) for e in flights] == [(21400, "Kani")]
    # Two flights of different sizes are two.
    text = ("More than 20,000 people have left their homes in Kani township since Monday, aid workers said. In "
            "Yinmabin, 12,000 more were displaced by fighting on Wednesday.")
    flights = [e for e in events_in(text, gazetteer) if isinstance(e, Displacement) and not e.cumulative]
    assert sorted(e.displaced for e in flights) == [12000, 20000]


def test_a_count_told_again_in_households_in_brackets_is_the_count(gazetteer: Gazetteer) -> None:
    text = ("Field teams estimate that about 14,000 individuals (2,800 households) were displaced from 11 villages "
            "in Kani township on Thursday.")
    flights = [e for e in events_in(text, gazetteer) if isinstance(e, Displacement)]
    assert [e.displaced for e in flights] == [14000]


def test_a_district_a_country_owns_is_a_place_though_no_gazetteer_knows_it(gazetteer: Gazetteer) -> None:
    text = ("ISLAMABAD, June 12 - Some 40,000 people have left their homes in northwestern Pakistan's Bajaur "
            "district since Sunday ahead of a military operation, officials said.")
    flights = [e for e in events_in(text, gazetteer) if isinstance(e, Displacement)]
    assert [(e.displaced, e.place.name if e.place else None, e.place.country if e.place else None, e.doubts)
            for e in flights] == [(40000, "Bajaur", "Pakistan", ())]


def test_refugees_told_by_where_they_crossed_from_fled(gazetteer: Gazetteer) -> None:
    text = ("JUBA, June 12 - The UN refugee agency said some 16,000 people had crossed from Nasir county into "
            "Ethiopia since Sunday.")
    flights = [e for e in events_in(text, gazetteer) if isinstance(e, Displacement)]
    assert [e.displaced for e in flights] == [16000]


def test_the_words_before_a_taking_are_read_from_a_word_s_start(gazetteer: Gazetteer) -> None:
    # Eighty characters back from the verb cut "JUBA" to "BA", a name of Myanmar's army.
    text = ("JUBA, June 2 (Reuters) - Fighters allied with South Sudan's main opposition party overran an army "
            "garrison in the town of Ulang in Upper Nile state on Wednesday, officials said.")
    taken = [e for e in events_in(text, gazetteer) if isinstance(e, TerritorySeized)]
    assert [(e.place.name if e.place else None, e.side) for e in taken] == [("Ulang", "resistance")]


def test_a_name_with_an_elided_article_is_whole(gazetteer: Gazetteer) -> None:
    text = "PORT-AU-PRINCE, June 12 - Gangs seized the town of Saut-d'Eau in central Haiti on Wednesday, police said."
    assert _taken(text, gazetteer) == [("Saut-d'Eau", "Haiti")]


def test_a_lede_s_unnamed_village_is_the_one_named_after_it(gazetteer: Gazetteer) -> None:
    text = ("BENI, Congo (AP) - Rebels killed at least 14 people in a raid on a village in eastern Congo, "
            "local officials said on Thursday.\n\n"
            "The attackers stormed Byambwe village in Lubero territory of North Kivu province late on Wednesday.")
    assert [(e.killed, e.place.admin1 if e.place else None) for e in dead_in(text, gazetteer)] == [
        (14, "Nord Kivu")]
    # A lede about a country as a whole keeps the country.
    text = ("BENI, Congo (AP) - Fighting killed at least 40 people across eastern Congo this week, officials said. "
            "In Lubero, rebels burned houses.")
    assert [e.place.precision for e in events_in(text, gazetteer) if isinstance(e, Casualties) and e.place] == [
        "country"]


def test_an_overnight_attack_told_on_a_day_was_the_night_before(gazetteer: Gazetteer) -> None:
    # Published Friday June 13.
    text = "Rebels killed 14 people in an overnight attack on Kani, officials said on Thursday."
    assert [(e.killed, e.event_date) for e in dead_in(text, gazetteer)] == [(14, date(2025, 6, 11))]


@pytest.mark.parametrize(("text", "taken"), [
    ("Junta troops abandoned their base in Pinlebu on Wednesday and the KIA moved in.", [("Pinlebu", "unknown")]),
    ("Rebels hoisted their flag over the police station in Kani on Wednesday.", [("Kani", "resistance")]),
    ("The KIA said its fighters had entered and secured Bhamo on Wednesday.", [("Bhamo", "resistance")]),
    ("Kawlin fell to resistance fighters on Wednesday.", [("Kawlin", "resistance")]),
    # Lives and homes are not posts; a loan secured is no place.
    ("Villagers abandoned their homes in Kani on Wednesday.", []),
    ("The government secured a loan from China on Wednesday.", []),
])
def test_more_ways_news_tells_a_taking(gazetteer: Gazetteer, text: str, taken: list[tuple[str, str]]) -> None:
    found = [e for e in events_in(text, gazetteer, "2025-06-12") if isinstance(e, TerritorySeized) and not e.historical]
    assert [(e.place.name if e.place else None, e.side) for e in found] == taken


def test_people_on_the_move_fled(gazetteer: Gazetteer) -> None:
    text = "Some 15,000 people are on the move after fighting near Mindat on Wednesday, aid groups said."
    assert [e.displaced for e in events_in(text, gazetteer) if isinstance(e, Displacement)] == [15000]


def test_where_soldiers_withdrew_towards_is_not_the_town_they_left(gazetteer: Gazetteer) -> None:
    text = ("Rebels seized the town of Pinlebu on Monday, residents said. \"The soldiers left in trucks "
            "towards Wuntho on Sunday evening,\" one said. Another said the rebels had hoisted their flag over the "
            "town hall.")
    assert [name for name, _ in _taken(text, gazetteer)] == ["Pinlebu"]


def test_the_taker_of_a_chain_of_takings_is_the_subject_of_its_first(gazetteer: Gazetteer) -> None:
    text = ("Resistance fighters entered Kani at around 6 pm, took over the police station and secured the whole "
            "town, a PDF officer said on Wednesday.")
    assert {e.side for e in events_in(text, gazetteer, "2025-06-12") if isinstance(e, TerritorySeized)} == {
        "resistance"}


def test_the_township_a_battalion_comes_from_is_not_the_one_it_took(gazetteer: Gazetteer) -> None:
    text = ("Resistance forces said they had seized Kani on Wednesday. Battalions from Yinmabin and Pale townships "
            "captured the township administration office at about 4 pm on Wednesday.")
    assert [name for name, _ in _taken(text, gazetteer)] == ["Kani"]


def test_troops_withdrawn_from_their_positions_retell_the_taking(gazetteer: Gazetteer) -> None:
    text = ("Houthi forces have seized Jabal al-Balaq al-Sharqi, a ridge overlooking Marib in Yemen, after days of "
            "fighting. Government sources said troops had withdrawn from their positions on the ridge on Wednesday.")
    assert [name for name, _ in _taken(text, gazetteer)] == ["Jabal al-Balaq al-Sharqi"]


def test_two_voices_counting_one_toll_are_one_toll(gazetteer: Gazetteer) -> None:
    # In one sentence, and in the next with only the state in the speaker's title.
    text = ("JOS - Gunmen killed between eight and 12 people in Bokkos in Plateau State on Thursday, residents said, "
            "while police confirmed seven deaths.")
    assert tolls_in(text, gazetteer) == [8]
    text = ("JOS - Gunmen killed nine people in Bokkos in Plateau State on Thursday, residents said. The Plateau "
            "State police spokesman said seven bodies had been recovered.")
    assert tolls_in(text, gazetteer) == [9]


def test_a_feast_of_a_year_gone_by_dates_its_dead(gazetteer: Gazetteer) -> None:
    text = ("JOS - Gunmen killed nine people in Bokkos in Plateau State on Thursday. Bokkos was the scene of attacks "
            "on Christmas Eve 2023 in which nearly 200 people were killed.")
    assert tolls_in(text, gazetteer) == [9]


def test_a_battle_s_dead_summed_over_days_are_no_day_s_toll(gazetteer: Gazetteer) -> None:
    text = ("Resistance forces seized Kani on Wednesday after six days of fighting. They said more than 20 soldiers "
            "were killed over the six days.")
    assert dead_in(text, gazetteer) == []
    # A flight over days is the flight the news tells.
    text = "About 15,000 people fled Kani over the past three days, aid groups said on Wednesday."
    assert [e.displaced for e in events_in(text, gazetteer) if isinstance(e, Displacement)] == [15000]


def test_who_told_a_toll_names_no_victims_in_its_list(gazetteer: Gazetteer) -> None:
    text = ("A jet strike on a hamlet in Kani township on Wednesday killed 14 people, including five "
            "schoolchildren, according to locals and the township's resistance administration.")
    assert [(e.killed, e.side) for e in dead_in(text, gazetteer)] == [(14, "civilian")]


def test_a_liveblog_s_toll_as_it_rose_is_one_toll_on_the_blog_s_day(gazetteer: Gazetteer) -> None:
    # Published the morning after the blog's Saturday.
    text = ("Saturday 7 June. All times are Kyiv time.\n\n"
            "08:40 - A guided bomb has hit a residential block in Zaporizhzhia, Ukraine. Five people are confirmed "
            "dead so far.\n\n"
            "10:15 - The Zaporizhzhia toll has risen to nine.\n\n"
            "18:40 - Zaporizhzhia update: the death toll has risen to 13, regional officials say.")
    found = [e for e in events_in(text, gazetteer, "2025-06-08") if isinstance(e, Casualties) and e.killed
             and not e.cumulative]
    assert [(e.killed, e.event_date) for e in found] == [(13, date(2025, 6, 7))]


def test_a_country_across_the_border_is_not_where_the_dead_fell(gazetteer: Gazetteer) -> None:
    text = ("NIAMEY - Eleven Nigerien soldiers were killed when jihadists attacked an army post near the border with "
            "Mali on Thursday, the army said. The post lies in the Tillaberi region.")
    assert [(e.killed, e.place.country if e.place else None) for e in dead_in(text, gazetteer)] == [(11, "Niger")]



@pytest.mark.parametrize(("text", "killed"), [
    ("Bandits massacred 17 villagers in a raid on a hamlet in Zamfara State on Friday, residents said.", [17]),
    ("Gunmen murdered 11 farmers in Kani on Friday, relatives said.", [11]),
    # Remains found long after the killing are no day's dead.
    ("Crews recovered 37 bodies on Friday from under the rubble of buildings destroyed earlier in the war in Kani.",
     []),
    ("Villagers found the remains of 12 people in a mass grave near Kani on Friday.", []),
])
def test_words_for_killing_and_for_old_remains(gazetteer: Gazetteer, text: str, killed: list[int]) -> None:
    assert tolls_in(text, gazetteer) == killed


def test_the_gaza_strip_is_a_division_and_a_hospital_s_bodies_a_share_of_its_toll(gazetteer: Gazetteer) -> None:
    text = ("GAZA CITY - Israeli strikes killed at least 24 Palestinians across the Gaza Strip on Thursday, the "
            "health ministry said. Nasser Hospital in Khan Younis said it had received 11 bodies.")
    assert [(e.killed, e.place.admin1 if e.place else None) for e in dead_in(text, gazetteer)] == [
        (24, "Gaza Strip")]


def test_a_town_two_states_share_is_the_one_in_the_state_named(gazetteer: Gazetteer) -> None:
    found = find_places("Shells landed on the market in Minhla town, Magway Region, on Friday.", gazetteer)
    assert [(m.place.name, m.place.admin1) for m in found] == [("Minhla", "Magway"), ("Magway", "Magway")]


def test_a_headline_s_vague_flight_gives_way_to_the_body_s_count(gazetteer: Gazetteer) -> None:
    text = "At least 25,000 people have fled Kani since Monday, aid workers said."
    flights = [e for e in events_in(text, gazetteer, title="Rebels take Kani; tens of thousands flee toward Mawlaik")
               if isinstance(e, Displacement)]
    assert [e.displaced for e in flights] == [25000]


def test_a_side_s_vague_count_of_the_enemy_it_killed_is_counted_as_the_convention_counts_it(
        gazetteer: Gazetteer) -> None:
    # "Dozens of the enemy were killed", says the side that fought them: counted low, as "dozens" is (12), and sent;
    # read against every labelled set, holding such counts back lost thirty true alerts for one false one.
    text = ("The army said it had retaken Kani on Thursday. \"Dozens of the enemy were killed and the rest fled,\" "
            "the ministry said.")
    assert [(e.killed, e.doubts) for e in dead_in(text, gazetteer)] == [(12, ())]
    # A count of soldiers a report gives is no boast.
    text = "At least a dozen soldiers were killed in an ambush near Kani on Thursday, residents said."
    assert [e.doubts for e in dead_in(text, gazetteer)] == [()]


def test_a_claim_called_fiction_is_still_a_claimed_taking(gazetteer: Gazetteer) -> None:
    text = ("Russia's defence ministry said its forces had liberated the village of Stepove in the Zaporizhzhia region "
            "of Ukraine on Wednesday. Ukraine's army called the claim \"fiction\", saying the village remains under "
            "Ukrainian control.")
    taken = [e for e in events_in(text, gazetteer, "2025-06-12") if isinstance(e, TerritorySeized)]
    assert taken and not any(e.doubts for e in taken)


def test_a_monthly_briefing_s_deadliest_incident_keeps_its_day_and_its_flight_is_the_month_s(
        gazetteer: Gazetteer) -> None:
    text = ("The monitor recorded 300 civilians killed in Sagaing Region in April, it said on Friday. About 40,000 "
            "people were newly displaced within the region over the month. The single deadliest incident of the "
            "month was an air strike on 4 April on a festival in Kani that killed 21 people.")
    assert [(e.killed, e.event_date) for e in events_in(text, gazetteer) if isinstance(e, Casualties) and e.killed == 21
            ] == [(21, date(2025, 4, 4))]
    assert [e for e in events_in(text, gazetteer) if isinstance(e, Displacement) and not e.cumulative] == []


def test_a_holder_told_in_passing_took_nothing(gazetteer: Gazetteer) -> None:
    text = ("Artillery killed three people in Nikopol in Ukraine's Dnipropetrovsk region on Thursday, across the "
            "river from the Russian-occupied Zaporizhzhia nuclear power plant.")
    assert _taken(text, gazetteer) == []


def test_a_claim_its_target_calls_false_is_still_a_claimed_taking(gazetteer: Gazetteer) -> None:
    text = ("KYIV - Russia's defence ministry said on Wednesday its forces had captured the village of Prymorske in "
            "Ukraine's Zaporizhzhia region, but the Ukrainian military said the claim was false and that its troops "
            "were still holding positions there.")
    taken = [e for e in events_in(text, gazetteer, "2025-06-12") if isinstance(e, TerritorySeized)]
    assert taken and not any(e.doubts for e in taken)


def test_a_taking_its_defenders_say_they_beat_back_is_still_a_claimed_taking(gazetteer: Gazetteer) -> None:
    text = ("A resistance battalion said on Wednesday it had overrun a junta outpost on a hill in Launglon township, "
            "but a pro-military channel said the attack had been beaten back. \"Our forces remain in position,\" it "
            "said.")
    taken = [e for e in events_in(text, gazetteer, "2025-06-12") if isinstance(e, TerritorySeized)]
    assert taken and not any(d.startswith(TAKEN_BACK) for e in taken for d in e.doubts)


def test_battles_compared_with_years_past_keep_a_month_and_year_told_after(gazetteer: Gazetteer) -> None:
    text = ("Cross-border fire killed three civilians in Spin Boldak on Friday. The two countries fought their "
            "heaviest border battles in years in October 2024, which left dozens dead.")
    assert tolls_in(text, gazetteer) == [3]


def test_a_bare_name_with_an_elided_article_is_whole(gazetteer: Gazetteer) -> None:
    text = ("Gangs seized control of Saut-d'Eau, a town in Haiti's Centre department, on Wednesday, residents said.")
    assert [name for name, _ in _taken(text, gazetteer)] == ["Saut-d'Eau"]


def test_prisoners_taken_are_no_place_taken(gazetteer: Gazetteer) -> None:
    text = ("A KNLA officer said about 40 soldiers had retreated by river towards Kawkareik on Wednesday, while 12 "
            "were captured.")
    assert _taken(text, gazetteer) == []


def test_soldiers_martyred_aredead_counted(gazetteer: Gazetteer) -> None:
    text = ("Security forces killed 17 militants in Kani on Wednesday, while four soldiers embraced martyrdom, the "
            "army said.")
    assert sorted(tolls_in(text, gazetteer)) == [4, 17]


def test_a_lake_named_for_a_country_names_no_country(gazetteer: Gazetteer) -> None:
    # Chad named only in its lake: the Maiduguri dateline says where the story is.
    text = ("MAIDUGURI - ISWAP fighters overran the army base in Marte on Wednesday, residents said. The group is "
            "active around Lake Chad.")
    assert _taken(text, gazetteer) == [("Marte", "Nigeria")]
