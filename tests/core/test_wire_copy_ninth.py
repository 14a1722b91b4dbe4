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
