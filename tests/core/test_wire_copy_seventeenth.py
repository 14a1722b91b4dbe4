"""Wire copy, seventeenth round: sentences written for each rule of news writing it adds."""

from __future__ import annotations

from stream.core.places import Gazetteer
from tests.builders import dead_in, places_taken


def test_where_help_was_sent_from_places_no_fact(gazetteer: Gazetteer) -> None:
    # "Aid workers sent from X were killed ... outside Y": X is where they set out, for the dead as for a taking.
    text = "Twelve aid workers sent from Monywa were killed on Monday when their truck hit a landmine outside Budalin."
    assert [e.place.name for e in dead_in(text, gazetteer) if e.place] == ["Budalin"]
    text = "Police, backed by an armoured car sent from the town of Kani, retook the centre on Friday."
    assert places_taken(text, gazetteer) == []
    # Named with no setting out, the town is where they died.
    text = "Twelve aid workers were killed on Monday when their truck hit a landmine outside Monywa."
    assert [e.place.name for e in dead_in(text, gazetteer) if e.place] == ["Monywa"]
