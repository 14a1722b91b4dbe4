"""Wire copy, sixteenth round: sentences written for each rule of news writing it adds."""

from __future__ import annotations

from stream.core.extract.figures import find_figures
from stream.core.places import Gazetteer
from tests.builders import dead_in, fled_in, places_taken, sites_doubted, takings_in, tolls_in


def test_what_was_lost_stands_before_the_verb(gazetteer: Gazetteer) -> None:
    # "After the camp was lost, ...": the camp was told before; the villages of the next clause were bombed, not taken.
    for text in ("After the camp was lost, army helicopters fired rockets at Kani and Mindat on Friday.",
                 "Once the hill had been abandoned, jets bombed the villages of Kani and Mindat, residents said."):
        assert places_taken(text, gazetteer) == [], text
    # An army that lost a town still lost it.
    assert places_taken("The army lost Kani to the rebels on Friday, residents said.", gazetteer) == ["Kani"]


def test_several_heights_overlooking_a_village_are_the_heights(gazetteer: Gazetteer) -> None:
    # Hills, hilltops and ridges overlooking a village are taken for themselves, as one hill is: held for review.
    for text in ("Fighters captured two hills overlooking Nam Hpat Kar village on Friday.",
                 "Fighters captured a hill overlooking Nam Hpat Kar village on Friday.",
                 "Rebels said they had seized three hilltops outside Nam Hpat Kar village on Friday."):
        assert sites_doubted(text, gazetteer) == [("Nam Hpat Kar", True)], text
    # Posts near a village are the village's, however many.
    assert sites_doubted("Fighters captured two police checkpoints near Nam Hpat Kar village on Friday.",
                          gazetteer) == [("Nam Hpat Kar", False)]


def test_where_a_force_came_from_is_no_place_taken(gazetteer: Gazetteer) -> None:
    # Reinforcements, vehicles and units sent from a town: the town is where they set out, not what was retaken.
    for text in ("Troops came back on Monday with reinforcements from Kani and retook the position, sources said.",
                 "Police, backed by an armoured car sent from Kani, regained control of the town centre on Friday."):
        assert places_taken(text, gazetteer) == [], text
    # The place the position stands at is still the position's.
    assert places_taken("Troops retook the army position near Kani on Monday, sources said.", gazetteer) == ["Kani"]


def test_a_state_told_again_and_again_gives_the_story_its_country(gazetteer: Gazetteer) -> None:
    # A local outlet names its state, never its country; a country named in passing is not where the dead lie.
    text = ("Violence in Sinaloa: nine killed in Navolato and Eldorado\n\n"
            "Nine people were killed in Sinaloa on Thursday, the state prosecutor said. In Navolato, gunmen killed "
            "four men at a workshop on Thursday night. In Eldorado, five bodies were found in a car on Thursday. "
            "A suspect was later arrested in Costa Rica, officials in Sinaloa said.")
    places = {e.place.country for e in dead_in(text, gazetteer) if e.place}
    assert places == {"Mexico"}


def test_what_the_news_comes_after_is_recalled(gazetteer: Gazetteer) -> None:
    # "The raid comes after ...", a week or more, or with no stretch told: the earlier blow weighs the news.
    text = ("Gunmen killed nine villagers in Kani on Saturday. The raid comes after the fall of Mindat on Friday, "
            "officials said.")
    assert places_taken(text, gazetteer) == []
    assert tolls_in(text, gazetteer) == [9]
    # "Came hours after": a blow of the same days, news beside the other.
    text = ("Gunmen killed nine villagers in Kani on Saturday. The raid came hours after rebels seized Mindat on "
            "Friday, officials said.")
    assert places_taken(text, gazetteer) == ["Mindat"]


def test_a_crisis_told_with_its_start_has_driven_out_a_sum(gazetteer: Gazetteer) -> None:
    # A clause of the war's start may stand between the war and its verb; "forced" and "driven" from homes count too.
    for text in ("The farmers' crisis, which began in 2019 with protests over land, has killed more than 4,000 people "
                 "and forced more than 300,000 from their homes in Sittwe, the UN said.",
                 "The war in Rakhine has driven 200,000 people from their homes in Sittwe, the UN said on Friday."):
        assert fled_in(text, gazetteer) == [(fled, True) for fled, _ in fled_in(text, gazetteer)] != [], text
    # The week's flight stays news.
    assert fled_in("Fighting has forced 20,000 people from their homes in Sittwe this week.", gazetteer) == [
        (20_000, False)]


def test_a_first_count_gives_way_to_the_toll(gazetteer: Gazetteer) -> None:
    # "Initially, on Sunday, sources spoke of seven dead": the toll before it rose, not more dead of another day.
    lead = "Twelve rebels were killed in a clash with troops near Kani, police said on Monday."
    for told in ("Initially, on Sunday, local sources spoke of seven dead.",
                 "Initially, police had said on Sunday that seven rebels were killed.",
                 "At first, on Sunday, the army put the dead at seven rebels killed."):
        assert tolls_in(f"{lead} {told}", gazetteer) == [12], told
    # Another incident's count stays.
    assert tolls_in(f"{lead} Separately, police said that seven villagers were killed in Kani on Monday.",
                    gazetteer) == [12, 7]


def test_a_share_of_a_running_toll_is_one_too(gazetteer: Gazetteer) -> None:
    # "Of them, 120 were killed in two townships", after a count since January: part of that count, not a day's dead.
    text = ("Twelve rebels were killed in a clash near Kani on Sunday, police said. With this, 140 rebels have been "
            "killed in clashes in the Kani area since January, police said. Of them, 120 were killed in Kani and "
            "Mindat townships.")
    assert tolls_in(text, gazetteer) == [12]


def test_troops_pushed_out_of_positions_lost_lines_not_a_place(gazetteer: Gazetteer) -> None:
    # Positions on a town's edge, lost or given up: lines moved, the town still held.
    for text in ("Rebels pushed junta troops out of positions on the northern edge of Kani on Friday, an aide said.",
                 "Rebels drove the soldiers from their positions near Kani on Friday."):
        assert places_taken(text, gazetteer) == [], text
    assert places_taken("Rebels pushed junta troops out of Kani on Friday, a spokesman said.", gazetteer) == ["Kani"]


def test_an_agency_dateline_with_the_country_in_brackets_is_where_it_was_filed(gazetteer: Gazetteer) -> None:
    # "City (Country) (AFP) -": the city the story was filed from, not where its dead or its taking are.
    text = ("Sittwe (Myanmar) (AFP) - At least 40 people were killed when rebels attacked a village in Sagaing "
            "Region at the weekend, a rights group said on Wednesday. The army said it had repelled the attack, "
            "while the rebels claimed to have seized the village.")
    assert places_taken(text, gazetteer) == []
    assert [e.place.name for e in dead_in(text, gazetteer) if e.place] == ["Sagaing"]


def test_a_base_the_story_places_at_a_measured_distance_is_its_own(gazetteer: Gazetteer) -> None:
    # "A base near the town of X", then "the base in Y, about 20 km from X": the story names the site by Y.
    text = ("Fighters overran an army base near the town of Kani on Monday, sources said. "
            "They attacked the base in Nankhan, about 20 kilometres from Kani, late on Monday.")
    assert sites_doubted(text, gazetteer) == [("Kani", True)]
    assert sites_doubted("Fighters overran an army base near the town of Kani on Monday, sources said.",
                          gazetteer) == [("Kani", False)]


def test_a_list_runs_on_past_a_region_told_with_its_side_or_as_the_neighbour(gazetteer: Gazetteer) -> None:
    # "A in eastern Ukraine's X region, as well as the village of B in the neighbouring Y region": both taken, each in
    # the region the sentence gives it.
    text = ("Russia's defence ministry said on Wednesday its forces had captured the village of Toretsk in eastern "
            "Ukraine's Donetsk region, as well as the village of Kurakhove.")
    assert places_taken(text, gazetteer) == ["Toretsk", "Kurakhove"]
    text = ("Ukraine's army said on Wednesday that Russian forces had captured the village of Zelenyi Hai in the "
            "Zaporizhzhia region, as well as the village of Novomykolaivka in the neighbouring Dnipropetrovsk region.")
    assert [(e.place.name, e.place.admin1) for e in takings_in(text, gazetteer) if e.place] == [
        ("Zelenyi Hai", "Zaporizhzhia"), ("Novomykolaivka", "Dnipropetrovsk")]


def test_a_height_s_number_on_the_map_is_no_count() -> None:
    # "Hill 512", "Point 1173": the height's name, never how many were killed there.
    assert [f.best for f in find_figures("Rebels said they took Hill 512 and Point 1173 on Monday, killing 12 "
                                         "soldiers.")] == [12]
    # The height after its count, as well.
    assert [f.best for f in find_figures("Twelve soldiers were killed on Hill 512 on Monday.")] == [12]


def test_a_country_in_a_movement_s_name_is_no_place(gazetteer: Gazetteer) -> None:
    # "Tehreek-i-Taliban Pakistan": the head of the hyphened word names a movement; the country ends its name.
    text = ("Gunmen attacked a police post in Bannu on Monday night, police said. A spokesman for the "
            "Tehreek-i-Taliban Pakistan said seven policemen had been killed.")
    assert {e.place.name for e in dead_in(text, gazetteer) if e.place} == {"Bannu"}
    # The Taliban who take a town still take it.
    assert places_taken("Taliban fighters took control of Kunduz on Monday, officials in Afghanistan said.",
                        gazetteer) == ["Kunduz"]
