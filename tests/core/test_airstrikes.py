"""Air and drone strikes: the words that say one happened, and where each fell."""

import pytest

from stream.core.extract import extract
from stream.core.extract.airstrikes import find_airstrikes
from stream.core.places import Gazetteer
from tests.builders import article


@pytest.mark.parametrize("text", [
    "The regime kept up air and mortar strikes on the town through the weekend.",
    "Troops bombed the hills from land and air to stop the advance.",
    "Gunners fired on the ferry from helicopters on Thursday.",
    "Two schools lay in ruins, shelled on Monday by army jets, teachers said.",
    "Air support drove back the column on the bridge, the governor said.",
])
def test_strikes_from_the_air_in_the_words_the_news_uses(text: str) -> None:
    assert len(find_airstrikes(text)) == 1


def test_strikes_on_several_named_towns_are_one_strike_each(gazetteer: Gazetteer) -> None:
    text = "The regime launched air strikes on Kalay, Tamu and Mawlaik townships on Friday."
    strikes = [e for e in extract(article(text), gazetteer) if e.type == "airstrike"]
    assert [e.place.name for e in strikes if e.place] == ["Kale", "Tamu", "Mawlaik"]


def test_a_strike_falls_on_the_place_after_it_not_on_a_person_named_before(gazetteer: Gazetteer) -> None:
    text = ("Farmers Saw Eh Doh and Naw Htoo Paw were hurt on Monday when army helicopters dropped three shells "
            "on Thit Chaung Gyi Village in Kawlin township.")
    [strike] = [e for e in extract(article(text), gazetteer) if e.type == "airstrike"]
    assert strike.place is not None and strike.place.name == "Thit Chaung Gyi"


def test_one_strike_told_in_the_perfect_is_an_incident(gazetteer: Gazetteer) -> None:
    text = "An army airstrike on a clinic near Kawlin has killed nine patients, medics said on Monday."
    [strike] = [e for e in extract(article(text), gazetteer) if e.type == "airstrike"]
    assert not strike.cumulative
    habit = "The junta has carried out airstrikes in many parts of Sagaing Region."
    assert all(e.cumulative for e in extract(article(habit), gazetteer) if e.type == "airstrike")


def test_strikes_that_hit_several_named_towns_are_one_strike_each(gazetteer: Gazetteer) -> None:
    text = "Two separate airstrikes hit Kawlin and Tamu on Friday, residents said."
    strikes = [e for e in extract(article(text), gazetteer) if e.type == "airstrike"]
    assert [(e.place.name, e.count) for e in strikes if e.place] == [("Kawlin", 1), ("Tamu", 1)]


def test_strikes_on_two_quarters_of_one_town_are_two_strikes(gazetteer: Gazetteer) -> None:
    text = ("Jets bombed a market in Kawlin on Monday, killing five in Pyin Oo ward, medics said. The air force "
            "bombed several areas in Kawlin overnight, including the Yan Aung neighbourhood, where a woman died.")
    strikes = [e for e in extract(article(text), gazetteer) if e.type == "airstrike"]
    assert [e.place.name for e in strikes if e.place] == ["Pyin Oo", "Yan Aung"]


def test_a_strike_told_with_its_subject_after_the_is_told_not_referred_to(gazetteer: Gazetteer) -> None:
    text = "An airstrike hit Tamu on Monday, residents said. On Tuesday the air force bombed a school in Kawlin."
    strikes = [e for e in extract(article(text), gazetteer) if e.type == "airstrike"]
    assert [e.place.name for e in strikes if e.place] == ["Tamu", "Kawlin"]


def test_another_strike_is_one_more_of_the_air_strikes_told_before(gazetteer: Gazetteer) -> None:
    told = "Jets bombed a school in Kawlin on Monday. A second strike hit a clinic in Tamu an hour later."
    strikes = [e for e in extract(article(told), gazetteer) if e.type == "airstrike"]
    assert [e.place.name for e in strikes if e.place] == ["Kawlin", "Tamu"]
    alone = "Shells hit a school in Kawlin on Monday. A second strike hit a clinic in Tamu an hour later."
    assert [e for e in extract(article(alone), gazetteer) if e.type == "airstrike"] == []


def test_strikes_told_in_the_perfect_on_a_named_town_are_news_counted_ones_a_tally(gazetteer: Gazetteer) -> None:
    ongoing = "Airstrikes have pounded Kawlin since the offensive began, residents say."
    assert [e.cumulative for e in extract(article(ongoing), gazetteer) if e.type == "airstrike"] == [False]
    tally = "The junta has carried out 300 airstrikes on Kawlin since the coup, a monitor says."
    assert all(e.cumulative for e in extract(article(tally), gazetteer) if e.type == "airstrike")


def test_a_strike_never_falls_where_its_fire_came_from(gazetteer: Gazetteer) -> None:
    text = "Rebels took Kawlin last week. On Monday drones launched from Tamu hit the market, residents said."
    strikes = [e for e in extract(article(text), gazetteer) if e.type == "airstrike"]
    assert [e.place.name for e in strikes if e.place] == ["Kawlin"]


@pytest.mark.parametrize(("text", "places"), [
    ("Jets bombed the Hpa Lu Gyi displacement camp outside Kawlin on Monday, medics said. Some survivors walked "
     "to Tamu. Relatives there said junta jets had struck the camp again after dark.", ["Hpa Lu Gyi"]),
    ("Rebels took Kawlin on Sunday. Kawlin had been held by the army for years. Retreating troops fled towards "
     "Tamu. Jets later bombed the area, residents said.", ["Kawlin"]),
])
def test_a_strike_on_the_camp_or_the_area_is_on_the_one_the_story_told_of(gazetteer: Gazetteer, text: str,
                                                                          places: list[str]) -> None:
    strikes = [e for e in extract(article(text), gazetteer) if e.type == "airstrike"]
    assert [e.place.name for e in strikes if e.place] == places
