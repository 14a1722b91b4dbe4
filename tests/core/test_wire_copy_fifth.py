"""Wire copy, fifth round: dates told between commas, attacks said to have failed, and the other shapes news gives
its facts. Sentences written for each rule."""

from __future__ import annotations

from stream.core.places import Gazetteer
from stream.core.records import TerritorySeized
from tests.builders import events_in


def _takings(text: str, gazetteer: Gazetteer, published: str = "2026-11-24") -> list[TerritorySeized]:
    return [e for e in events_in(text, gazetteer, published) if isinstance(e, TerritorySeized)]


def test_a_taking_dated_between_commas_after_a_superlative_is_history(gazetteer: Gazetteer) -> None:
    # "the largest town ... and have since used it": the comparison ends at "since", but the date between commas
    # is the taking's own.
    text = ("Rebels seized Kawlin, the largest town on the railway between Sagaing and Myitkyina, in March 2025, "
            "and have since used it as a base for raids.")
    assert [e.historical for e in _takings(text, gazetteer)] in ([], [True])
    # A superlative compared with the past keeps the sentence's own day.
    text = "Resistance fighters seized Kawlin on Monday, the biggest town they have taken since the coup."
    assert [(e.place.name, e.historical) for e in _takings(text, gazetteer) if e.place] == [("Kawlin", False)]


def test_a_taking_claimed_and_then_said_to_have_failed_waits_for_review(gazetteer: Gazetteer) -> None:
    for denial in ("Township officials and residents said the attack had been beaten back.",
                   "The army said its troops had repulsed the assault before dawn.",
                   "The claim was rejected by the township's administrator."):
        text = ('A radio station linked to the resistance claimed on Monday night that its fighters had "captured '
                f'Kawlin and driven out the troops". {denial}')
        [taken] = _takings(text, gazetteer)
        assert taken.doubts, denial
    # An attack elsewhere beaten back denies nothing.
    text = ("Resistance fighters captured Kawlin on Monday, residents said. The army said it had repelled an attack "
            "on Pinlebu.")
    [taken] = _takings(text, gazetteer)
    assert not taken.doubts
