"""Wire copy, fourth round: the dead of a stretch of days, a side's count of the enemy it killed, a toll told
twice, and the other shapes news gives its facts. Sentences written for each rule."""

from __future__ import annotations

from datetime import date

import pytest

from stream.core.extract import extract
from stream.core.extract.mentions import find_places
from stream.core.places import Gazetteer
from stream.core.records import Casualties, Displacement, TerritorySeized
from stream.reference.actors import default_actors
from tests.builders import article, dead_in, events_in, tolls_in


@pytest.mark.parametrize("text", [
    "The army said 140 insurgents were killed in two weeks of operations around Kani.",
    "Rebels said they had killed 60 soldiers near Kani during two weeks of fighting.",
    "A military bulletin said 13 insurgents were killed near Kani between 2 and 7 June.",
    "It said 41 fighters were killed in 12 clashes around Kani during the period.",
    "State television said more than 60 fighters were killed around Kani from 2 to 5 June.",
    "The army said its forces had repelled attacks around Kani during the week, killing 27 fighters.",
    "Over the past week, troops killed 11 insurgents near Kani, the bulletin said.",
    "Fighting near Kani on Tuesday and Wednesday killed at least 22 fighters from both sides.",
    "Jets bombed villages in Kani township for three consecutive days, killing at least 27 people, officials said.",
    "Three days of airstrikes killed 27 people in Kani township, officials said on Friday.",
    "Monitors said at least 41 civilians were killed around Kani in the week to 12 June.",
])
def test_the_dead_of_a_stretch_of_days_are_no_day_s_toll(gazetteer: Gazetteer, text: str) -> None:
    assert dead_in(text, gazetteer) == []


def test_a_day_s_dead_told_beside_a_stretch_of_days_keep_their_day(gazetteer: Gazetteer) -> None:
    # The days counted are the fighting's, not the toll's; and a toll of one day between two told is that day's.
    text = "After two weeks of fighting, rebels shelled Kani on Wednesday, killing 12 people."
    assert tolls_in(text, gazetteer) == [12]
    text = "After three days of fighting, rebels shelled Kani on Wednesday, killing 12 people."
    assert tolls_in(text, gazetteer) == [12]
    text = "Shelling killed 12 people in Kani on Wednesday, between raids on 2 and 7 June."
    assert tolls_in(text, gazetteer) == [12]
    # A range of a figure is no stretch of days.
    text = "Shelling killed between 12 and 17 people in Kani on Wednesday."
    assert tolls_in(text, gazetteer) == [12]


def test_a_part_told_after_its_figure_is_counted_once(gazetteer: Gazetteer) -> None:
    text = ("Gunmen killed at least 18 people, four of them children, in a raid on a village in Kani township "
            "on Thursday, officials said.")
    assert tolls_in(text, gazetteer) == [18]
    text = "Ten villagers, four of them children, were killed when a jet bombed a village in Kani on Thursday."
    assert tolls_in(text, gazetteer) == [10]
    # What befell the part is its own count.
    text = "Soldiers detained 12 men in Kani township on Thursday, two of them were later killed, residents said."
    assert tolls_in(text, gazetteer) == [2]


def test_who_told_of_bodies_names_no_victims(gazetteer: Gazetteer) -> None:
    # The spokesman's 17 are the 17 of the lede: told by the army, not of it.
    text = ("Rebels killed between 17 and 22 civilians in a raid on a village in Kani township late on Wednesday, "
            "officials said. An army spokesman for the area said 17 bodies had been recovered in the village after "
            "the fighters entered at nightfall.")
    assert [(e.killed, e.side) for e in dead_in(text, gazetteer)] == [(17, "civilian")]


def _taken_doubts(text: str, gazetteer: Gazetteer) -> list[tuple[str, ...]]:
    """The doubts of each taking the story tells; one it tells as not done is denied outright."""
    events = extract(article(text, "2025-06-13"), gazetteer, default_actors())
    return [("denied outright",) if e.negated else e.doubts for e in events if isinstance(e, TerritorySeized)]


@pytest.mark.parametrize("text", [
    # The denial's object is the claim of the taking.
    "Rebels on Friday rejected a claim by the army that it had recaptured Kawlin on Thursday, calling it propaganda.",
    # The claim taken back by its maker.
    "The army said on Thursday that its troops had regained full control of Kawlin. It later withdrew the claim.",
])
def test_a_taking_the_story_denies_before_or_after_is_doubted(gazetteer: Gazetteer, text: str) -> None:
    doubts = _taken_doubts(text, gazetteer)
    assert doubts and all(any("den" in d or "disputed" in d or "takes back" in d for d in found) for found in doubts)


@pytest.mark.parametrize("text", [
    # The denial comes first, the claim after it.
    "The army on Sunday dismissed as false an insurgent claim to have seized one of its posts. The insurgents said "
    "in a statement on Friday that their fighters had taken control of the army post at Kawlin.",
    # The claim called a fabrication.
    "The insurgents said on Friday that their fighters had taken control of Kawlin. The army called the claim "
    "\"pure fabrication\".",
])
def test_a_claimed_taking_the_other_side_calls_false_is_sent(gazetteer: Gazetteer, text: str) -> None:
    # A claimed capture is news of a taking; the other side's denial is told beside it, not held over it.
    assert _taken_doubts(text, gazetteer) == [()]


def test_a_taking_beside_a_denial_of_something_else_far_before_stands(gazetteer: Gazetteer) -> None:
    text = ("The army denied reports that it had shelled a school. Troops patrolled the highway on Monday. "
            "Officials met elders in the market. Rebels seized Kawlin on Thursday, residents said.")
    assert _taken_doubts(text, gazetteer) == [()]


def test_a_name_an_age_describes_after_it_is_a_person(gazetteer: Gazetteer) -> None:
    text = "On Tuesday, soldiers seized U Min Bya, the 60-year-old administrator of a village tract near Kani."
    assert [e for e in events_in(text, gazetteer) if isinstance(e, TerritorySeized)] == []
    # A town of an age is a town.
    text = "Rebels seized Kawlin, a 40-year-old garrison town, on Tuesday."
    taken = [e.place.name for e in events_in(text, gazetteer) if isinstance(e, TerritorySeized) and e.place]
    assert taken == ["Kawlin"]


def test_a_taking_of_early_in_a_past_year_is_history(gazetteer: Gazetteer) -> None:
    text = ("Gunmen killed six people in Kani on Wednesday. The violence is separate from the conflict with the "
            "rebels, who seized the towns of Kawlin and Wuntho in early 2024.")
    taken = [e for e in events_in(text, gazetteer) if isinstance(e, TerritorySeized)]
    assert len(taken) == 2 and all(e.historical for e in taken)


def test_a_storming_told_as_the_time_of_killing_is_a_raid(gazetteer: Gazetteer) -> None:
    text = ("Fourteen people, including five attackers, were killed when militants stormed a police station in Kani "
            "late on Wednesday, police said.")
    assert [e for e in events_in(text, gazetteer) if isinstance(e, TerritorySeized)] == []
    assert tolls_in(text, gazetteer) == [14]


def test_a_country_s_own_name_is_the_country_not_its_namesake_state(gazetteer: Gazetteer) -> None:
    text = ("CULIACAN, Mexico - Nine gunmen and two soldiers were killed in a gunbattle near Navolato in Mexico's "
            "northwestern Sinaloa state on Sunday.")
    placed = {(e.place.name, e.place.admin1) for e in dead_in(text, gazetteer) if e.place}
    assert placed == {("Navolato", "Sinaloa")}
    text = "Gunmen killed 11 people in Ecatepec in Mexico State on Sunday, officials in Mexico said."
    assert {e.place.admin1 for e in dead_in(text, gazetteer) if e.place} == {"México"}


def test_the_dead_of_a_crime_a_court_tries_are_history(gazetteer: Gazetteer) -> None:
    text = ("Gunmen killed six people in Kani on Wednesday. On Friday a court in Mandalay opened the trial of 17 men "
            "over the March 2024 attack on a mosque in Kawlin, which killed 44 worshippers during prayers.")
    assert tolls_in(text, gazetteer) == [6]


def test_where_troops_withdrew_to_is_not_where_the_story_is(gazetteer: Gazetteer) -> None:
    # "The camp" the rebels took is the one overrun at Kawlin, not the town the troops fell back on.
    text = ("Rebels overran an army camp at Kawlin on Thursday, the army said.\n\n"
            "A military statement said troops \"carried out a tactical withdrawal\" toward Wuntho after hours of "
            "fighting.\n\n"
            "The rebels said through their media arm that their fighters had taken the camp.")
    taken = {e.place.name for e in events_in(text, gazetteer) if isinstance(e, TerritorySeized) and e.place}
    assert taken == {"Kawlin"}


def test_a_name_with_accents_is_read_whole(gazetteer: Gazetteer) -> None:
    sentence = "On Thursday a unit stationed near Téra, in the Tillabéri region, was attacked by armed men."
    assert {m.place.name for m in find_places(sentence, gazetteer, countries=frozenset({"Niger"}))} == {
        "Tera", "Tillabéri"}
    sentence = "Gunmen killed 12 people in Pétion-Ville and Léogâne on Monday."
    assert [sentence[m.start:m.end] for m in find_places(sentence, gazetteer, countries=frozenset({"Haiti"}))] == [
        "Pétion-Ville", "Léogâne"]


def test_a_dateline_city_with_accents_is_where_the_story_was_filed(gazetteer: Gazetteer) -> None:
    text = ("BOGOTÁ — Fighting has driven more than 12,000 villagers from rural Tibú, in the Catatumbo region "
            "of Norte de Santander, since fighting broke out on Saturday, officials said on Monday.")
    assert [e.place.name for e in events_in(text, gazetteer) if e.place] == ["Tibu"]


def test_a_city_of_so_many_is_its_people_not_a_flight(gazetteer: Gazetteer) -> None:
    text = ("Kawlin, a city of hundreds of thousands swollen by displaced families from the hills, has faced "
            "repeated drone attacks.")
    assert [e for e in events_in(text, gazetteer) if isinstance(e, Displacement)] == []
    text = "The entire population of 20,000 fled Kawlin on Monday."
    assert [e.displaced for e in events_in(text, gazetteer) if isinstance(e, Displacement)] == [20000]


def test_a_day_of_mourning_declared_dates_nothing(gazetteer: Gazetteer) -> None:
    # Published Friday June 13: the strike was overnight into Friday; Tuesday is the day set for mourning.
    text = ("Authorities declared Tuesday a day of mourning in Kawlin. The death toll from the night strike on the "
            "town now stands at 12, officials said.")
    assert [(e.killed, e.event_date) for e in dead_in(text, gazetteer)] == [(12, date(2025, 6, 13))]


def test_a_liveblog_s_tolls_are_one_toll_at_its_latest(gazetteer: Gazetteer) -> None:
    # Entries run newest first: the 12 is the 3, the 8 and the 11 counted later. The man killed elsewhere is more.
    text = ("Live updates on the strike on Kawlin.\n\n"
            "20:50 - The death toll from the night strike now stands at 12. Separately, a drone killed a "
            "man in Wuntho on Friday afternoon.\n\n"
            "14:35 - Rescuers recovered three more bodies from the rubble in Kawlin. 11 dead.\n\n"
            "09:20 - The toll in Kawlin has risen to eight, rescuers say.\n\n"
            "02:30 - Officials say three people were killed in Kawlin.")
    assert sorted(tolls_in(text, gazetteer)) == [1, 12]


def test_a_village_elsewhere_is_one_place_unnamed(gazetteer: Gazetteer) -> None:
    text = ("Gunmen killed seven people in a raid on a village in Kani township on Tuesday, police said, and six "
            "more people died when another gang raided a village elsewhere in the township hours later.")
    assert sorted(tolls_in(text, gazetteer)) == [6, 7]
    # The dead "elsewhere" with no place are no one incident.
    text = ("Gunmen killed seven people in Kani on Tuesday, police said, and six more were killed elsewhere in the "
            "state.")
    assert tolls_in(text, gazetteer) == [7]


def test_the_count_a_side_claims_to_have_killed_is_another_account_or_doubted(gazetteer: Gazetteer) -> None:
    # Beside the officials' count, the attackers' claim is another account of the same toll.
    text = ("Militants overran an army camp at Kani on Tuesday, killing at least 20 soldiers, officials said. The "
            "group claimed to have killed 43 soldiers, a figure that could not be verified.")
    assert tolls_in(text, gazetteer) == [20]
    # So is a side's word of what its fighters did.
    text = ("Militants overran an army base at Kani on Wednesday, officials said. In a statement on Friday, the army "
            "said 13 soldiers were killed in Wednesday's attack. The group said its fighters had killed 34 soldiers.")
    assert tolls_in(text, gazetteer) == [13]
    # Alone, it is the story's one account of the toll, and sent: read against every labelled set, holding such
    # claims back lost twelve true alerts and no false one.
    text = "The rebels claimed they had killed more than 30 soldiers near Kani on Tuesday."
    assert [(e.killed, e.doubts) for e in dead_in(text, gazetteer)] == [(30, ())]


def test_the_town_whose_fall_is_told_is_the_one_told_before(gazetteer: Gazetteer) -> None:
    # Not the capital named further on, which stands for the government.
    text = ("Rebels said on Monday they had taken full control of Wuntho. The fall of the town deals a further blow "
            "to mediation efforts under which Kawlin and the rebels have pledged to respect a ceasefire.")
    taken = {e.place.name for e in events_in(text, gazetteer) if isinstance(e, TerritorySeized) and e.place}
    assert taken == {"Wuntho"}


@pytest.mark.parametrize("text", [
    # The heights are what was taken; the township they overlook is not.
    "Rebel fighters captured the strategic heights of Jabal Hailan, overlooking the Kani township, on Tuesday.",
    # A road named for the places it runs between.
    "Troops have secured the Kawlin-Wuntho axis, allowing a convoy to reach Kawlin on Tuesday.",
])
def test_what_a_site_overlooks_and_a_road_s_ends_are_not_taken(gazetteer: Gazetteer, text: str) -> None:
    doubts = _taken_doubts(text, gazetteer)
    assert doubts and all(found for found in doubts)


def test_a_town_of_two_countries_is_the_one_where_most_of_the_story_is(gazetteer: Gazetteer) -> None:
    # No dateline says where the story was filed: its towns do. Poltavka is a Ukrainian name as well as a Russian one.
    text = ("Live updates on the war in Ukraine.\n\n"
            "07:05 - A Russian missile attack on the city of Zaporizhzhia killed five people, officials said.\n\n"
            "09:40 - Shelling hit Huliaipole and Orikhiv in the morning, the regional governor said.\n\n"
            "12:15 - Russia's defence ministry says its troops have \"liberated\" the village of Poltavka.")
    taken = [e.place for e in events_in(text, gazetteer, published="2025-06-13") if isinstance(e, TerritorySeized)]
    assert [p.country for p in taken if p] == ["Ukraine"]


def test_the_wounded_who_died_are_dead(gazetteer: Gazetteer) -> None:
    text = "Two of the wounded died overnight at a clinic in Kani, a medic said on Friday."
    assert [(e.killed, e.injured) for e in events_in(text, gazetteer) if isinstance(e, Casualties)] == [(2, None)]
    # Why a toll rose is in it.
    text = "The death toll from the strike on Kani has risen to 15, officials said, after two of the wounded died."
    assert tolls_in(text, gazetteer) == [15]


def test_a_story_naming_only_the_neighbour_is_placed_by_its_states(gazetteer: Gazetteer) -> None:
    # Chad is named, Sudan only by its state: the town and its dead are in North Darfur.
    text = ("Fighters said on Monday they had taken full control of Kutum, a market town in North Darfur close to the "
            "border with Chad. A volunteer group said at least 16 civilians were killed in the town on Monday.")
    assert {(e.place.admin1, e.place.country) for e in dead_in(text, gazetteer) if e.place} == {
        ("Northern Darfur", "Sudan")}


def test_a_count_across_so_many_regions_is_no_one_incident(gazetteer: Gazetteer) -> None:
    text = "Drones and shelling killed at least 14 civilians across four Ukrainian regions on Sunday, officials said."
    assert dead_in(text, gazetteer) == []
    # Told beside another clause, the count stands, doubted; and a capital that claims is its government.
    text = ("KYIV - Drones killed at least 14 civilians across four Ukrainian regions on Sunday, officials said, while "
            "Moscow claimed the capture of a village in Donetsk region.")
    [dead] = dead_in(text, gazetteer)
    assert dead.place is not None and dead.place.name != "Moscow"
    assert any(d.startswith("a total across several states or regions") for d in dead.doubts)


def test_a_side_s_word_of_its_forces_killing_in_quotes_is_another_account(gazetteer: Gazetteer) -> None:
    text = ("The government command said 16 of its soldiers were killed near Kani on Tuesday. Rebel spokesmen said "
            "their forces had killed \"more than 40 mercenaries\".")
    assert tolls_in(text, gazetteer) == [16]


def test_where_soldiers_fell_back_to_is_not_what_was_taken(gazetteer: Gazetteer) -> None:
    text = ("Insurgents attacked the army base in Kawlin on Monday. After three hours of fighting, soldiers fell back "
            "towards Wuntho and the insurgents took control of the base.")
    taken = {e.place.name for e in events_in(text, gazetteer) if isinstance(e, TerritorySeized) and e.place}
    assert "Wuntho" not in taken


def test_a_claim_withdrawn_by_its_claimant_is_doubted(gazetteer: Gazetteer) -> None:
    text = ("Tribal fighters said on Thursday they had taken control of Kawlin. On Friday the fighters' council "
            "withdrew its claim, saying its men had only entered the outskirts.")
    doubts = _taken_doubts(text, gazetteer)
    assert doubts and all(found for found in doubts)


def test_a_toll_told_as_risen_after_a_long_naming_of_its_strike_replaces_the_first(gazetteer: Gazetteer) -> None:
    text = ("Live updates.\n\n"
            "12:10 - Medics say six people were killed in a strike on tents in Kani.\n\n"
            "17:50 - The death toll from this afternoon's strike in Kani has risen to 11.")
    assert tolls_in(text, gazetteer) == [11]


def test_a_faith_before_village_is_who_lives_there_not_its_name(gazetteer: Gazetteer) -> None:
    text = "Insurgents said they had taken control of a Christian village near Kawlin on Thursday."
    taken = [e.place.name for e in events_in(text, gazetteer) if isinstance(e, TerritorySeized) and e.place]
    assert "Christian" not in taken


def test_a_past_crisis_of_a_month_and_year_when_is_history(gazetteer: Gazetteer) -> None:
    text = ("The violence recalls the crisis of January 2024, when fighting between the two groups displaced 50,000 "
            "people from Kawlin.")
    assert all(e.historical for e in events_in(text, gazetteer) if isinstance(e, Displacement))


def test_what_an_earlier_version_of_the_story_said_is_doubted(gazetteer: Gazetteer) -> None:
    text = "Correction: An earlier version of this story said rebels had taken control of Kawlin on Tuesday."
    doubts = _taken_doubts(text, gazetteer)
    assert doubts and all(found for found in doubts)


def test_the_displaced_who_live_somewhere_are_a_stock(gazetteer: Gazetteer) -> None:
    text = "Tens of thousands of villagers displaced from the hills live in and around Kawlin."
    assert [e for e in events_in(text, gazetteer) if isinstance(e, Displacement)] == []
    # Dated, it is the flight.
    text = "About 12,000 people displaced from Kawlin on Monday are sheltering in a monastery."
    assert [e.displaced for e in events_in(text, gazetteer) if isinstance(e, Displacement)] == [12000]


def test_a_capture_a_relative_clause_dismisses_is_still_claimed(gazetteer: Gazetteer) -> None:
    text = "The army claimed the capture of Kawlin on Monday, a claim that the rebels dismissed as invented."
    assert _taken_doubts(text, gazetteer) == [()]


def test_the_day_a_toll_was_reported_is_not_the_day_of_the_dead(gazetteer: Gazetteer) -> None:
    # The report's day comes first, the killing's after it; and why the toll rose is in it.
    text = ("A doctors' network reported on 12 June that the number of civilians killed in Kawlin on 8 June had risen "
            "to 31, after the bodies of eight people killed during the fighting were found in homes.")
    assert [(e.killed, e.event_date) for e in dead_in(text, gazetteer)] == [(31, date(2025, 6, 8))]
