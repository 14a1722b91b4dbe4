"""Kafka runtime settings, from the environment (the worker command sets them from its options)."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    broker: str
    prefix: str
    app_id: str
    data_dir: Path | None
    session_timeout: float
    partitions: int
    rules: Path
    # How far publishers may lag one another (clocks, send buffers) before an article counts as late.
    grace: float = 2.0
    # The group.instance.id of static membership, unique in the group and the same across a worker's restarts;
    # None for dynamic membership.
    instance_id: str | None = None

    @property
    def tick(self) -> float:
        """Seconds between the ticks that carry the time through every articles partition."""
        return max(0.05, min(1.0, self.grace / 4))

    @property
    def heartbeat(self) -> float:
        """Seconds between heartbeats: four a session, as often as every 3 s (Kafka's default) when sessions are
        long, so that one heartbeat late on a busy machine does not end a short session."""
        return min(3.0, self.session_timeout / 4)

    @property
    def store(self) -> str:
        """faust's table store: RocksDB (through rocksdict) when a data dir is given, memory otherwise."""
        return "rocksdb://" if self.data_dir else "memory://"

    def topic(self, name: str) -> str:
        return f"{self.prefix}{name}"


def from_env(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    data_dir = env.get("SIGNALFIRE_DATA_DIR")
    return Settings(
        broker=env.get("SIGNALFIRE_BROKER", "kafka://localhost:9092"),
        prefix=env.get("SIGNALFIRE_TOPIC_PREFIX", "signalfire-"),
        app_id=env.get("SIGNALFIRE_APP_ID", "signalfire"),
        data_dir=Path(data_dir) if data_dir else None,
        # A production default: long enough for a busy worker; tests on a local broker use 6-10 s.
        session_timeout=float(env.get("SIGNALFIRE_SESSION_TIMEOUT", "30")),
        partitions=int(env.get("SIGNALFIRE_PARTITIONS", "4")),
        rules=Path(env.get("SIGNALFIRE_RULES", "rules/default.yaml")),
        grace=float(env.get("SIGNALFIRE_GRACE", "2")),
        instance_id=instance_id(env.get("SIGNALFIRE_INSTANCE_ID", "")),
    )


def instance_id(value: str) -> str | None:
    """``SIGNALFIRE_INSTANCE_ID`` as a group instance id: ``host`` for this machine's name (a container's keeps
    across its restarts; two workers on one host then need names of their own), empty for none."""
    value = value.strip()
    if value == "host":
        return socket.gethostname()
    return value or None


def bootstrap(broker: str) -> str:
    """``kafka://host:port`` (faust's form) as aiokafka's ``host:port``."""
    return broker.split("://", 1)[-1].rstrip("/")
