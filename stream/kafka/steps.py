"""What the agents do, as plain functions: decode, key, detect with de-duplication, encode."""

from __future__ import annotations

import json
import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from stream.core.articles import article_from_json, dead_letter, extraction_failure
from stream.core.detect import Detection, Output
from stream.core.detect.codec import decode_state, encode_state
from stream.core.extract import extract
from stream.core.extract.actors import Actors
from stream.core.places import Gazetteer
from stream.core.records import Alert, Article, Corroboration, Event, EventBase
from stream.core.reorder import Stamp
from stream.core.rules.schema import RuleSet
from stream.errors import BadArticle, StateError
from stream.notify.dispatch import rest

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
# Message headers of the ordering protocol (the README, "On Kafka"): the publication stamp of an article (ns), a tick
# carrying the time through an articles partition, an event's place in the one order, and a source's mark.
STAMP = "signalfire-stamp"
TICK = "signalfire-tick"
AT = "signalfire-at"
MARK = "signalfire-mark"
# How many event ids each key remembers, to ignore a redelivered event (faust is at-least-once).
SEEN = 50_000


def article_message(article: Article) -> bytes:
    """An article as published on the articles topic."""
    body = json.loads(article.model_dump_json(exclude={"type"}))
    return json.dumps({"schema": SCHEMA_VERSION, **body}, ensure_ascii=False).encode()


def decode_article(raw: bytes) -> Article:
    """An articles-topic message, or BadArticle with the reason (schema versions are checked here).

    A message without the day it was received (replay stamps it) is taken as received today.
    """
    article = article_from_json(raw, date.today())
    schema = json.loads(raw).get("schema", SCHEMA_VERSION)
    if schema != SCHEMA_VERSION:
        raise BadArticle(f"unknown schema version {schema!r}; this worker reads version {SCHEMA_VERSION}")
    return article


def extract_events(article: Article, gazetteer: Gazetteer, actors: Actors) -> list[Event]:
    """The article's events, or BadArticle naming it and why extraction failed: its message becomes a dead
    letter, as a malformed one does, and the agent goes on."""
    try:
        return extract(article, gazetteer, actors)
    except Exception as exc:  # whatever the core raises on one input belongs to that input
        reason = extraction_failure(article, exc)
        # Logged, as the embedded pipeline logs it: a fault of the worker's own (a data file it reads on the first
        # story naming a country, gone or unreadable) fails an article just so, and its alerts would be missing
        # with nothing but a dead letter to say why.
        log.error("%s", reason)
        raise BadArticle(reason) from None


def header(headers: Any, name: str) -> str | None:
    """A header's value as text; faust hands headers over as a mapping or as (name, bytes) pairs."""
    pairs = headers.items() if isinstance(headers, dict) else (headers or ())
    for key, value in pairs:
        if key == name and value is not None:
            return value.decode() if isinstance(value, bytes) else str(value)
    return None


def event_stamp(headers: Any) -> Stamp | None:
    """Where an events-topic message stands in the fold order; None when no extract agent stamped it."""
    at = header(headers, AT)
    if at is None:
        return None
    stamp, partition, offset, index = (int(part) for part in at.split())
    return stamp, partition, offset, index


def mark_late(output: Output) -> Output:
    """An alert or corroboration raised by a late event, marked so (desks and the late count see it)."""
    return output.model_copy(update={"late": True}) if isinstance(output, (Alert, Corroboration)) else output


def dead_letter_message(raw: bytes, reason: str, origin: str) -> bytes:
    """The same DeadLetter record the embedded store keeps, as JSON on the dead-letter topic."""
    return dead_letter(raw, origin, reason).model_dump_json().encode()


def partition_key(event: EventBase, rules: RuleSet) -> str:
    """Everything one detector key needs lands on one partition: the event's admin1 when every rule keys by
    place or within an admin1 (the default rules), its country otherwise."""
    groups = [set(getattr(rule, "group_by", ["place"])) for rule in rules.rules]
    place = event.place
    if place is None:
        return "unplaced"
    if all(group & {"admin1", "place"} for group in groups):
        return f"{place.country}/{place.admin1}" if place.admin1 else f"{place.country}/?"
    return place.country or "unplaced"


@dataclass
class KeyState:
    """The detector state of one partition key, and the events it has already folded."""

    detection: dict[str, Any] | None = None
    seen: deque[str] = field(default_factory=lambda: deque(maxlen=SEEN))
    seen_set: set[str] = field(default_factory=set)


def detect_step(detection: Detection, state: KeyState | None, event: EventBase
                ) -> tuple[KeyState, list[Output] | None]:
    """Fold one event into its key's state; an event seen before yields None (a redelivery)."""
    state = state or KeyState()
    if event.id in state.seen_set:
        return state, None
    state.detection = detection.initial() if state.detection is None else detection.adopt(state.detection)
    state.detection, outputs = detection.step(state.detection, event)
    if len(state.seen) == state.seen.maxlen:
        state.seen_set.discard(state.seen[0])
    state.seen.append(event.id)
    state.seen_set.add(event.id)
    return state, outputs


class StateCache:
    """Live key states beside their stored bytes in the table: decoded only when the table holds bytes this
    worker did not write (after a recovery or a rebalance).

    The bytes are versioned JSON (``stream.core.detect.codec``), never pickle: whoever can write to the
    changelog topic can at worst have a key's state refused, never run code in a worker.
    """

    def __init__(self) -> None:
        self._live: dict[str, tuple[bytes, KeyState]] = {}

    def load(self, key: str, stored: bytes | None) -> KeyState | None:
        if stored is None:
            return None
        live = self._live.get(key)
        if live is not None and live[0] is stored:
            return live[1]
        try:
            body = decode_state(stored)
            state = KeyState(detection=body["detection"], seen=deque(body["seen"], maxlen=SEEN))
            state.seen_set = set(state.seen)
        except (StateError, KeyError, TypeError) as exc:
            # Refused, not obeyed: the key starts afresh (alert ids are deterministic, deliveries de-duplicated).
            log.error("detector state of key %r refused, starting it afresh: %s", key, exc)
            return None
        self._live[key] = (stored, state)
        return state

    def save(self, key: str, state: KeyState) -> bytes:
        stored = encode_state({"detection": state.detection, "seen": list(state.seen)})
        self._live[key] = (stored, state)
        return stored


class PendingDelivery(BaseModel):
    """An alert owed to a channel after a failed attempt: on the retry topic until it is due."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    alert: Alert
    channel: str
    attempts: int = Field(ge=1)
    due: datetime


def retry_later(alert: Alert, channel: str, attempts: int, now: datetime, jitter: float) -> PendingDelivery:
    """The next try of a failed delivery, after the channel's rest (doubling with each failure)."""
    return PendingDelivery(alert=alert, channel=channel, attempts=attempts, due=now + rest(attempts, jitter))


def record_message(record: Any) -> bytes:
    return record.model_dump_json().encode()
