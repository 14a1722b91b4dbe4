"""Rules of news writing for stories from conflicts the extractor was not built on, each with sentences written
for it (invented places, people and figures)."""

from __future__ import annotations

import pytest

from stream.core.extract import extract
from stream.core.extract.airstrikes import find_airstrikes
from stream.core.extract.figures import find_figures
from stream.core.places import Gazetteer
from tests.builders import article


@pytest.mark.parametrize("sentence", [
    "Air raid sirens sounded across the hill district before dawn on Tuesday.",
    "Sirens wailed and an air-raid warning sent shoppers into the metro.",
    "The besieged garrison called for air support on Monday night.",
    "The patrol called in air support as it came under fire, the army said.",
    "Families are sheltering in caves considered safe from the army's airstrikes.",
    "Hundreds left the valley for fear of air strikes, a teacher said.",
    "Residents say the army routinely launches airstrikes on hill villages.",
    "Police said the blast appeared to have been a drone strike rather than a mine.",
    "It may have been an aerial attack, the official said, though no plane was heard.",
    "Farmers fear further air strikes on the valley now that the rebels hold it.",
    "Anti-aircraft guns fired at the planes over the ridge on Monday.",
    "The army said its aircraft did not target homes near the ridge.",
])
def test_a_strike_warned_of_called_for_feared_or_habitual_is_not_told(sentence: str) -> None:
    assert find_airstrikes(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Air support drove back the column on the bridge, the governor said.",
    "A fighter jet repeatedly strafed the village of Lwe Kone on Tuesday.",
    "Families ran in fear as jets bombed the ferry landing on Monday.",
])
def test_a_strike_told_still_stands(sentence: str) -> None:
    assert len(find_airstrikes(sentence)) == 1


@pytest.mark.parametrize("sentence", [
    "Warplanes continue to bombard rebel positions around the airport.",
    "Jets pound market town as rebels dig in",
    "Medics said the air force struck a clinic in Lwe Kone overnight.",
    "The air force has been sending fighter jets to bomb farms near the river.",
    "Gunships reportedly went on strafing the ferry landing at dusk.",
    "Two army drones struck a fuel truck on the highway, the governor said.",
    "An army drone targeted a pickup truck outside the market on Monday.",
    "Warplanes carried out a wave of raids on the hills at dawn.",
    "The Israeli military said it struck a weapons depot overnight.",
    "Jets killed 20 gunmen in an air interdiction near the forest, the air force said.",
    "A grenade dropped from a drone killed two soldiers in a trench on Monday.",
])
def test_aircraft_or_the_air_force_striking_in_any_tense_is_a_strike(sentence: str) -> None:
    assert len(find_airstrikes(sentence)) == 1


@pytest.mark.parametrize("sentence", [
    "The air force base was attacked by rebels on Sunday.",
    "Two helicopters dropped fresh troops at the hilltop camp.",
    "A plane dropped food and medicine to the stranded villagers.",
    "The planes hit by rebel fire returned to base on Monday.",
    "Medicine dropped from a helicopter reached the cut-off valley.",
])
def test_an_air_force_attacked_or_aircraft_dropping_troops_or_aid_strike_nothing(sentence: str) -> None:
    assert find_airstrikes(sentence) == []


@pytest.mark.parametrize("text", [
    "Some 6,000 villagers were sheltering in a monastery outside Lwe Kone on Tuesday, its abbot said.",
    "Shelling on Tuesday hit two camps near the town that house some 20,000 displaced people.",
    "The monastery now hosts about 3,500 IDPs, monks said on Tuesday.",
])
def test_how_many_a_camp_holds_is_no_flight(gazetteer: Gazetteer, text: str) -> None:
    assert [e for e in extract(article(text), gazetteer) if e.type == "displacement"] == []


def test_people_who_fled_to_a_camp_still_fled(gazetteer: Gazetteer) -> None:
    text = "Some 4,000 villagers fled to the Lwe Kone camp on Tuesday after the shelling."
    assert [e.displaced for e in extract(article(text), gazetteer) if e.type == "displacement"] == [4000]


@pytest.mark.parametrize(("text", "tolls"), [
    ("Two women and five men were killed when shells hit Lwe Kone village on Monday.", [(7, "civilian")]),
    ("A farmer and his three sons were killed in Lwe Kone village on Monday, relatives said.", [(4, "civilian")]),
    ("A villager and a resistance fighter were shot dead in Lwe Kone village on Monday.",
     [(1, "civilian"), (1, "resistance")]),
    ("Three of them were killed and two of them were wounded in Lwe Kone village, medics said.",
     [(3, None), (2, None)]),
])
def test_victims_of_one_side_listed_for_one_verb_are_one_toll(
        gazetteer: Gazetteer, text: str, tolls: list[tuple[int, str | None]]) -> None:
    events = [e for e in extract(article(text), gazetteer) if e.type == "casualties"]
    found = [(e.killed or e.injured, e.side) for e in events]
    assert [n for n, _ in found] == [n for n, _ in tolls]
    assert all(side is None or side == got for (_, got), (_, side) in zip(found, tolls, strict=True))


@pytest.mark.parametrize(("sentence", "counts"), [
    ("Two children, aged seven and nine, died in the blast.", [2]),
    ("Pupils aged 8, 10 and 12 were among the hurt.", []),
    ("Between January 12 and 19, 1,240 people were wounded in the city.", [1240]),
    ("From 3 to 9 May, 40 people died in the camps.", [40]),
    ("Between 12 and 40 soldiers died in the ambush.", [12]),
])
def test_a_list_of_ages_and_a_span_of_days_are_no_head_counts(sentence: str, counts: list[int]) -> None:
    assert [f.best for f in find_figures(sentence)] == counts


@pytest.mark.parametrize(("text", "killed"), [
    ("The guerrillas claimed to have killed and wounded scores of troops near Lwe Kone on Monday.", []),
    ("Scores were either killed or injured in the clashes around Lwe Kone on Monday.", []),
    ("Eleven soldiers were killed and 30 wounded near Lwe Kone on Monday.", [11]),
    ("Shelling on Monday killed four villagers in Lwe Kone, and the dead and injured were carried to a clinic.", [4]),
])
def test_one_figure_for_the_dead_and_wounded_together_is_no_death_toll(
        gazetteer: Gazetteer, text: str, killed: list[int]) -> None:
    assert [e.killed for e in extract(article(text), gazetteer) if e.type == "casualties" and e.killed] == killed


@pytest.mark.parametrize(("sentence", "strikes"), [
    ("A Turkish strike on a farmhouse near the border killed two shepherds on Sunday.", 1),
    ("Coalition strikes hit a fuel depot outside the port overnight.", 1),
    ("An overnight Israeli strike flattened a three-storey house, medics said.", 1),
    ("US-British strikes hit radar sites along the coast overnight.", 1),
    ("The Israeli army said it had carried out strikes on rocket launchers near the border.", 1),
    ("Glide bombs hit a school on the edge of the city on Monday.", 1),
    ("Dock workers went on strike at the port on Monday.", 0),
    ("A missile strike hit the depot before dawn.", 0),
])
def test_a_strike_by_a_force_that_strikes_from_the_air_is_an_airstrike(sentence: str, strikes: int) -> None:
    assert len(find_airstrikes(sentence)) == strikes


def test_a_countrys_strikes_in_the_lede_are_the_ones_the_body_places(gazetteer: Gazetteer) -> None:
    text = ("Israeli strikes on hill villages near the border killed eight people in Lebanon on Tuesday. "
            "An Israeli strike hit the hamlet of Ain Qadra and killed three of them, medics said.")
    strikes = [e for e in extract(article(text), gazetteer) if e.type == "airstrike" and not e.cumulative]
    assert [e.place.name for e in strikes if e.place] == ["Ain Qadra"]


def test_a_strike_placed_only_at_the_country_that_spoke_gives_way_to_one_placed_closer(gazetteer: Gazetteer) -> None:
    text = ("Turkey said its jets had struck militant positions overnight. "
            "Warplanes also bombed a bakery in the town of Derbasiya Kebir on Saturday, residents said.")
    strikes = [e for e in extract(article(text), gazetteer) if e.type == "airstrike" and not e.cumulative]
    assert [e.place.name for e in strikes if e.place] == ["Derbasiya Kebir"]


def test_a_strike_the_lede_places_in_a_region_fell_at_the_town_the_story_is_about(gazetteer: Gazetteer) -> None:
    text = ("Residents said an Ethiopian army drone hit a bus station in the Tigray region on Monday, killing 14. "
            "The bus station stands in a small town called Adi Welwalo, where traders gather.")
    strikes = [e for e in extract(article(text), gazetteer) if e.type == "airstrike"]
    assert [(e.place.name, e.place.admin1) for e in strikes if e.place] == [("Adi Welwalo", "Tigray")]


def test_a_strike_in_the_city_centre_fell_on_the_town_not_on_a_camp_outside_it(gazetteer: Gazetteer) -> None:
    text = ("Shelling hit the Hpa Lu displacement camp outside Kawlin on Monday. "
            "Residents said jets struck two markets in the town centre the same night.")
    strikes = [e for e in extract(article(text), gazetteer) if e.type == "airstrike"]
    assert [e.place.name for e in strikes if e.place] == ["Kawlin"]


def test_the_country_that_struck_is_not_where_the_strike_fell(gazetteer: Gazetteer) -> None:
    strikes = [e for e in extract(article("Israel struck rocket launchers in Lebanon overnight."), gazetteer)
               if e.type == "airstrike"]
    assert [e.place.name for e in strikes if e.place] == ["Lebanon"]


def test_people_from_a_few_nearby_villages_who_fled_are_counted(gazetteer: Gazetteer) -> None:
    text = "Around 600 villagers from four nearby villages fled their homes near Lwe Kone on Monday."
    assert [e.displaced for e in extract(article(text), gazetteer) if e.type == "displacement"] == [600]
