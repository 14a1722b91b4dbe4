"""The Kafka runtime's settings read from the environment: static membership and heartbeats."""

from __future__ import annotations

import socket

import pytest

from stream.kafka.settings import from_env


@pytest.mark.parametrize(("value", "instance"), [
    (None, None),  # off unless set: the tests' broker does not honour static membership
    ("", None),
    ("  ", None),
    ("worker-1", "worker-1"),
    (" worker-1 ", "worker-1"),
    ("host", socket.gethostname()),
])
def test_the_group_instance_id_is_read_from_signalfire_instance_id(value: str | None, instance: str | None) -> None:
    env = {} if value is None else {"SIGNALFIRE_INSTANCE_ID": value}
    assert from_env(env).instance_id == instance


@pytest.mark.parametrize(("session", "heartbeat"), [("2", 0.5), ("6", 1.5), ("12", 3.0), ("30", 3.0)])
def test_heartbeats_come_four_a_session_and_at_least_every_3_s(session: str, heartbeat: float) -> None:
    assert from_env({"SIGNALFIRE_SESSION_TIMEOUT": session}).heartbeat == heartbeat
