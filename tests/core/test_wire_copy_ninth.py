"""Wire copy, ninth round: sites taken by the places they stand at. Sentences written for each rule."""

from __future__ import annotations

from stream.core.places import Gazetteer
from tests.builders import takings_in

_SITE = "where the site taken stands"


def _sites_doubted(text: str, gazetteer: Gazetteer) -> list[tuple[str, bool]]:
    return [(e.place.name, any(_SITE in d for d in e.doubts)) for e in takings_in(text, gazetteer) if e.place]


def test_a_site_taken_near_a_village_is_told_as_the_village_s(gazetteer: Gazetteer) -> None:
    # The news names such a post by the village it stands by ("the checkpoint near Nam Hpat Kar"): sent, not held.
    text = "Fighters captured a police checkpoint near Nam Hpat Kar village on Friday, a spokesman said."
    assert _sites_doubted(text, gazetteer) == [("Nam Hpat Kar", False)]
    # Outside a place, or overlooking it, the site is named for itself: held for review.
    text = "Fighters captured a police post outside Nam Hpat Kar village on Friday, a spokesman said."
    assert _sites_doubted(text, gazetteer) == [("Nam Hpat Kar", True)]


def test_a_site_near_a_village_that_the_story_names_otherwise_waits(gazetteer: Gazetteer) -> None:
    # The story calls the post by a name of its own: the desk would look for that name, not the village's.
    text = ("Fighters captured a police checkpoint near Nam Hpat Kar village on Friday, a spokesman said. "
            "The rebels said the Sut Ngai camp had fallen after a two-day siege.")
    assert _sites_doubted(text, gazetteer) == [("Nam Hpat Kar", True)]
    # A force's name before the site is whose it is, not the site's name; the village's own name is the village's.
    for told in ("The Border Guard Police camp had fallen after a two-day siege.",
                 "The Nam Hpat Kar camp had fallen after a two-day siege."):
        text = f"Fighters captured a police checkpoint near Nam Hpat Kar village on Friday, a spokesman said. {told}"
        assert _sites_doubted(text, gazetteer) == [("Nam Hpat Kar", False)], told


def test_a_site_by_a_town_stays_the_town_s_whatever_the_story_calls_it(gazetteer: Gazetteer) -> None:
    # A town's outpost is told as the town's even where the story names the hill it stands on.
    text = ("Rebels captured a junta outpost near Kawkareik on Sunday, a spokesman said. "
            "The outpost, on Taung Lay hill, had held about 30 soldiers.")
    assert _sites_doubted(text, gazetteer) == [("Kawkareik", False)]


def _taken(text: str, gazetteer: Gazetteer) -> list[str]:
    return [e.place.name for e in takings_in(text, gazetteer) if e.place]


def test_a_height_named_by_its_number_is_the_place_taken(gazetteer: Gazetteer) -> None:
    # Armies name positions by their height on the map: the number is the name, not a figure.
    assert _taken("The KIA said it had seized Hill 640 near Bhamo on Tuesday.", gazetteer) == ["Hill 640"]
    assert _taken("Fighters took Point 1212 in Kawlin township on Monday.", gazetteer) == ["Point 1212"]
    text = "Rebels took the base, known as Hill 702, east of Kyaukme on Monday after a three-day battle."
    assert _taken(text, gazetteer) == ["Hill 702"]


def test_sites_counted_then_named_are_each_taken(gazetteer: Gazetteer) -> None:
    text = ("Resistance fighters captured three junta outposts at Taung Lay hill, Point 512 and the Mawlu checkpoint "
            "in Kawlin Township on Sunday.")
    assert _taken(text, gazetteer) == ["Taung Lay", "Point 512", "Mawlu"]
    text = "The rebels captured the two hills, known locally as Loi Hsam and Point 730, in Kutkai Township on Monday."
    assert _taken(text, gazetteer) == ["Loi Hsam", "Point 730"]
    # Villages counted "in" a township are not the township: nothing named was taken.
    assert _taken("The rebels captured two villages in Kutkai Township on Monday.", gazetteer) == []
