"""Wire copy, tenth round. Sentences written for each rule."""

from __future__ import annotations

from stream.core.places import Gazetteer
from tests.builders import fled_in


def test_people_a_fight_has_left_displaced_are_a_stock_whatever_qualifies_the_figure(gazetteer: Gazetteer) -> None:
    # "Has left N displaced" counts who are away now; the qualifier before the figure is part of its span.
    for figure in ("60,000", "more than 60,000", "almost 60,000", "an estimated 60,000"):
        text = f"Weeks of shelling around Hpakant have left {figure} people displaced in Kachin State, aid groups said."
        assert fled_in(text, gazetteer) == [(60000, True)], figure
