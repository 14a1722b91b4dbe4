"""A rule's match filter: each of its fields lets in what it names and keeps out the rest, on models and on lean
recorded events alike."""

import pytest

from stream.core.detect.base import matcher
from stream.core.recorded import decode_lean
from stream.core.rules.schema import Match
from tests.builders import KAWLIN, LOIKAW, displaced, killed, seized

SOLDIERS = killed("a", "2024-02-01", 4, place=KAWLIN, side="military", confidence=0.8)
CIVILIANS_IN_KAYAH = killed("b", "2024-02-01", 3, place=LOIKAW, side="civilian")
UNPLACED = killed("c", "2024-02-01", 3, place=None)
TALLY = killed("d", "2024-02-01", 900, cumulative=True)
DENIED = seized("e", "2024-02-01", negated=True)
FLED = displaced("f", "2024-02-01", 2_000)
EVENTS = [SOLDIERS, CIVILIANS_IN_KAYAH, UNPLACED, TALLY, DENIED, FLED]

CASES = [
    ({}, [SOLDIERS, CIVILIANS_IN_KAYAH, UNPLACED, FLED]),  # background totals and denials stay out
    ({"include_background": True}, EVENTS),
    ({"flags": ["cumulative"]}, [TALLY]),
    ({"flags": ["negated"], "type": "territory_seized"}, [DENIED]),
    ({"type": ["displacement", "territory_seized"]}, [FLED]),
    ({"side": "civilian"}, [CIVILIANS_IN_KAYAH]),
    ({"min_confidence": 0.9}, [CIVILIANS_IN_KAYAH, UNPLACED, FLED]),
    ({"admin1": "Kayah"}, [CIVILIANS_IN_KAYAH]),
    ({"country": ["Myanmar"], "side": ["military", "civilian"]}, [SOLDIERS, CIVILIANS_IN_KAYAH]),
    ({"country": "Thailand"}, []),
]


@pytest.mark.parametrize(("fields", "expected"), CASES, ids=[str(fields) for fields, _ in CASES])
def test_a_filter_lets_in_exactly_the_events_it_names(fields, expected) -> None:
    accepts = matcher(Match.model_validate(fields))
    assert [e.id for e in EVENTS if accepts(e)] == [e.id for e in expected]
    assert [e.id for e in EVENTS if accepts(decode_lean(e.model_dump_json()))] == [e.id for e in expected]
