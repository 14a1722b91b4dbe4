"""Detector state as versioned JSON: a round trip changes nothing, and nothing but state can be read back."""

import json
import os
import pickle
import time
from pathlib import Path

import pytest

from stream.core.detect import Detection
from stream.core.detect.codec import STATE_VERSION, decode_state, encode_state
from stream.core.rules.load import load_rules
from stream.errors import StateError
from tests.builders import LOIKAW, displaced, killed, seized

EVERY_KIND = """
rules:
  - {id: seized, kind: control_change, title: '{place} seized'}
  - {id: fled, kind: threshold, title: '{value} fled', field: displaced, threshold: 10000}
  - {id: deaths, kind: window_sum, title: '{value} killed', field: killed, threshold: 10, group_by: [admin1],
     window: 1d}
  - {id: incidents, kind: window_count, title: '{value} incidents', group_by: [place], window: 7d, threshold: 2}
  - {id: surge, kind: spike, title: '{value} surge', field: killed, group_by: [admin1], window: 7d,
     baseline_windows: 2, floor: 5}
"""


def history() -> list:
    return [
        killed("a1", "2024-01-01", 3), seized("a2", "2024-01-02"), killed("a3", "2024-01-02", 12),
        displaced("a4", "2024-01-03", 20_000), seized("a5", "2024-01-04", side="military"),
        killed("a6", "2024-01-20", 30, place=LOIKAW), displaced("a7", "2024-01-21", 15_000, place=LOIKAW),
        killed("a8", "2024-01-22", 4),
    ]


def test_a_round_trip_between_every_event_changes_no_alert() -> None:
    detection = Detection(load_rules(EVERY_KIND))
    straight, state = [], detection.initial()
    for event in history():
        state, out = detection.step(state, event)
        straight.extend(out)
    trip, state = [], detection.initial()
    for event in history():
        state = decode_state(encode_state(state))
        state, out = detection.step(state, event)
        trip.extend(out)
    assert trip == straight and len(straight) >= 5
    assert decode_state(encode_state(state)) == state


def test_a_pickle_in_the_changelog_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "owned"

    class Exploit:
        def __reduce__(self) -> tuple:
            return (os.system, (f"touch {marker}",))

    with pytest.raises(StateError, match="not JSON"):
        decode_state(pickle.dumps(Exploit()))
    assert not marker.exists()


@pytest.mark.parametrize(("document", "message"), [
    ({"version": STATE_VERSION + 1, "state": None}, "unknown detector state version 2; this worker reads version 1"),
    ({"state": None}, "has no version"),
    ({"version": STATE_VERSION, "state": {"$object": "Popen", "fields": {}}}, "names no known class"),
    ({"version": STATE_VERSION, "state": {"$object": "Raised", "fields": {"alert_id": "x"}}}, "has fields"),
    ({"version": STATE_VERSION, "state": {"$set": [[1, 2]]}}, "cannot be a list"),
    ({"version": STATE_VERSION, "state": {"$event": {"type": "airstrike"}}}, "not an event record"),
    ({"version": STATE_VERSION, "state": {"__class__": "x"}}, "unknown value"),
])
def test_what_is_not_state_is_refused_with_the_reason(document: dict, message: str) -> None:
    with pytest.raises(StateError, match=message):
        decode_state(json.dumps(document).encode())


def test_a_nesting_bomb_is_refused_at_once() -> None:
    bomb = ('{"version": 1, "state": ' + '{"$tuple": [' * 100_000 + ']}' * 100_000 + '}').encode()
    started = time.perf_counter()
    with pytest.raises(StateError, match="nested too deeply"):
        decode_state(bomb)
    assert time.perf_counter() - started < 5
