"""The Kafka detector table's cache: versioned JSON in, refused bytes out, never unpickled."""

import logging
import os
import pickle
from pathlib import Path

import pytest

from stream.core.detect import Detection
from stream.core.rules.load import load_rules
from stream.kafka.steps import KeyState, StateCache, detect_step
from tests.builders import killed


def test_a_key_state_comes_back_from_its_bytes_as_it_was() -> None:
    detection = Detection(load_rules("rules:\n  - {id: d, kind: window_sum, title: t, field: killed, threshold: 5,"
                                     " group_by: [admin1], window: 1d}\n"))
    state, outputs = detect_step(detection, None, killed("a1", "2024-01-01", 7))
    stored = StateCache().save("k", state)
    assert b"pickle" not in stored and stored.startswith(b'{"version":1')
    back = StateCache().load("k", stored)  # another worker, after a rebalance
    assert back is not None and back.detection == state.detection and list(back.seen) == list(state.seen)
    # A redelivered event is still recognised after the trip.
    assert detect_step(detection, back, killed("a1", "2024-01-01", 7))[1] is None and len(outputs) == 1


def test_a_crafted_changelog_value_is_refused_and_runs_nothing(tmp_path: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    marker = tmp_path / "owned"

    class Exploit:
        def __reduce__(self) -> tuple:
            return (os.system, (f"touch {marker}",))

    with caplog.at_level(logging.ERROR, logger="stream.kafka.steps"):
        assert StateCache().load("Sagaing", pickle.dumps(KeyState()) + pickle.dumps(Exploit())) is None
    assert not marker.exists()
    assert "detector state of key 'Sagaing' refused" in caplog.text
