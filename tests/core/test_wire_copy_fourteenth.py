"""Wire copy, fourteenth round: sentences written for each rule of news writing it adds."""

from __future__ import annotations

from stream.core.places import Gazetteer
from tests.builders import places_taken


def test_troops_taking_up_positions_in_a_place_deploy_there(gazetteer: Gazetteer) -> None:
    # Positions taken in, around or outside a place are where a force deploys, not a place changing hands.
    for text in ("Residents said soldiers had taken positions in the market of Loikaw on Sunday.",
                 "Troops took up positions around Hpasawng on Monday, residents said.",
                 "The army said it pulled its units back from the front and took positions outside Demoso on Monday."):
        assert places_taken(text, gazetteer) == [], text
    # A height a force takes positions on is taken; so are the enemy's positions.
    assert places_taken("Rebels took up positions on Hill 604 overlooking Bhamo on Monday.", gazetteer) == [
        "Hill 604"]
    assert places_taken("Resistance fighters took the army's positions in Hpasawng on Monday.", gazetteer) == [
        "Hpasawng"]


def test_a_town_told_as_the_main_town_of_its_district_is_the_one_place_taken(gazetteer: Gazetteer) -> None:
    # "A, the main town of B district": B is where A lies, not a second place taken.
    assert places_taken("Militants overran Dogo, the main town of Kalat district, on Sunday.", gazetteer) == ["Dogo"]
    # Two towns taken stay two: "A, and later the town of B".
    assert places_taken("Rebels seized Kawlin, and later the town of Pinlebu, on Sunday.", gazetteer) == [
        "Kawlin", "Pinlebu"]
