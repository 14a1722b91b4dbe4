"""The embedded runtime: articles -> events -> alerts, each stage resuming from the log (deliveries: outbox)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from stream.core.articles import dead_letter, extraction_failure
from stream.core.detect import Detection
from stream.core.detect.codec import decode_state, encode_state
from stream.core.extract import extract
from stream.core.extract.actors import Actors
from stream.core.ids import content_id
from stream.core.places import Gazetteer
from stream.core.records import (
    Alert,
    Article,
    Corroboration,
    DeadLetter,
    Record,
)
from stream.core.rules.schema import RuleSet
from stream.embedded.store import EventStore, Snapshot, Stream
from stream.errors import StateError
from stream.gcpause import no_gc
from stream.reference.actors import default_actors

log = logging.getLogger("signalfire")
EXTRACT, DETECT = "extract", "detect"
# Detector state is snapshotted once the log has moved this far past the last snapshot (and at the end of a
# run): a start then folds at most this much of the log instead of all of it.
SNAPSHOT_EVERY = 50_000
FOLD_BATCH = 5_000  # events read at a time when folding the log


@dataclass
class RunReport:
    """What one run did, in counts: the summary line. (Alerts go to the pipeline's listener as raised, so a
    long run holds none of them.)"""

    articles: int = 0
    new_articles: int = 0
    events: int = 0
    alerts: int = 0
    held: int = 0  # of the alerts, those held for review: shown on the desk, not sent until confirmed
    corroborations: int = 0
    dead_letters: int = 0
    delivered: int = 0
    failed_deliveries: int = 0

    def summary(self) -> str:
        return (f"articles read {self.articles} ({self.new_articles} new), events {self.events}, "
                f"alerts {self.alerts} ({self.held} held for review, +{self.corroborations} corroborations), "
                f"dead letters {self.dead_letters}, deliveries {self.delivered} ok / {self.failed_deliveries} failed")


class Pipeline:
    """Runs the pure core over the store; safe to kill at any moment and start again."""

    def __init__(self, store: EventStore, gazetteer: Gazetteer, rules: RuleSet, batch: int = 100,
                 actors: Actors | None = None, on_alert: Callable[[Alert], None] | None = None) -> None:
        self.store = store
        self.gazetteer = gazetteer
        self.actors = actors or default_actors()
        self.rules = rules
        self.batch = batch
        self.report = RunReport()
        # Told of each alert as it is recorded: what prints or announces them; and of each later report of one.
        self.on_alert = on_alert
        self.on_report: Callable[[Corroboration], None] | None = None
        self._detection: Detection | None = None
        # Alerts new rules would have raised on past events: not raised now, but on their next report.
        self._unraised: dict[str, Alert] = {}
        self._state: dict[str, Any] = {}
        self._snapshot_at = ("", 0)  # the rules and log position of the latest snapshot

    async def ingest(self, inputs: Sequence[Article | DeadLetter]) -> list[DeadLetter]:
        """Append articles and dead letters; ones already in the log are skipped by id. Returns the dead
        letters of articles refused here: one whose id the log holds for another text is not dropped, it
        becomes a dead letter.
        """
        records: list[tuple[Stream, Record]] = [
            ("articles" if isinstance(item, Article) else "deadletters", item) for item in inputs]
        new = await self.store.append(records)
        added = {id(record) for _, record in new}
        clashes = [await self._clash(item) for item in inputs if isinstance(item, Article) and id(item) not in added]
        letters = [letter for letter in clashes if letter is not None]
        if letters:
            await self.store.append([("deadletters", letter) for letter in letters])
        self.report.articles += sum(1 for item in inputs if isinstance(item, Article)) - len(letters)
        self.report.new_articles += sum(1 for stream, _ in new if stream == "articles")
        self.report.dead_letters += sum(1 for item in inputs if isinstance(item, DeadLetter)) + len(letters)
        return letters

    async def _clash(self, article: Article) -> DeadLetter | None:
        """A dead letter for an article that reuses a stored article's id with other content."""
        stored = await self.store.get("articles", article.id)
        if stored is None or _content(stored) == _content(article):
            return None  # the same article again: a replay or a redelivery, nothing to keep
        return DeadLetter(id=content_id("dlq", "duplicate", article.id, article.text), origin=f"id:{article.id}",
                          reason=f"duplicate id {article.id!r}: the store holds another article under it; "
                                 "give this one its own id", raw=article.model_dump_json(), raw_encoding="utf-8")

    async def drain(self, stopping: Callable[[], bool] = lambda: False) -> None:
        """Run every stage until it has consumed everything in the log, or until ``stopping()`` between batches:
        each batch is committed with its position, so a stop loses nothing and the next start goes on."""
        await self.extract_pending(stopping)
        if not stopping():
            await self.detect_pending(stopping)

    async def extract_pending(self, stopping: Callable[[], bool] = lambda: False) -> None:
        while not stopping():
            after = await self.store.position(EXTRACT)
            rows = await self.store.read("articles", after, limit=self.batch)
            if not rows:
                return
            outputs = [output for _, article in rows for output in self._extracted(article)]
            new = await self.store.commit(EXTRACT, rows[-1][0], outputs)
            self.report.events += sum(1 for stream, _ in new if stream == "events")
            self.report.dead_letters += sum(1 for stream, _ in new if stream == "deadletters")

    def _extracted(self, article: Article) -> list[tuple[Stream, Record]]:
        """The article's events; one extraction fails on is a dead letter naming it and why, committed with the
        position like events, so that no article stops this fold or any later one."""
        try:
            return [("events", event) for event in extract(article, self.gazetteer, self.actors)]
        except Exception as exc:  # whatever the core raises on one input belongs to that input
            reason = extraction_failure(article, exc)
            log.error("%s: %s", self.store.path, reason)
            raw = article.model_dump_json(exclude={"type"}).encode()
            return [("deadletters", dead_letter(raw, f"extract:{article.id}", reason))]

    def use_rules(self, rules: RuleSet) -> None:
        """Swap the rules: detector state is folded again under them before the next event."""
        self.rules = rules
        self._detection = None

    async def _load_detection(self) -> Detection:
        """Detector state is a fold of the events already consumed, rebuilt once per rules: from the latest
        snapshot taken under the same rules when there is one, so a start folds only the log's tail."""
        if self._detection is None:
            detection = self._detection = Detection(self.rules, await self.store.silences())
            upto = await self.store.position(DETECT)
            after, self._state, self._unraised = await self._restore(detection, upto)
            past: dict[str, Alert] = {}
            with no_gc():
                while True:
                    rows = await self.store.read("events", after, upto, limit=FOLD_BATCH)
                    for _, event in rows:
                        self._state, raised = detection.step(self._state, event)
                        past.update((a.id, a) for a in raised if isinstance(a, Alert))
                    if len(rows) < FOLD_BATCH:
                        break
                    after = rows[-1][0]
            past.update(self._unraised)
            raised_before = await self.store.ids("alerts", list(past))
            self._unraised = {i: a for i, a in past.items() if i not in raised_before}
        return self._detection

    async def _restore(self, detection: Detection, upto: int) -> tuple[int, dict[str, Any], dict[str, Alert]]:
        """(position, state, alerts owed late) from the latest snapshot, or from the start of the log."""
        snapshot = await self.store.snapshot(DETECT)
        if snapshot is None or snapshot.rules != detection.version or snapshot.position > upto:
            return 0, detection.initial(), {}
        try:
            state = decode_state(snapshot.state)
            owed = [Alert.model_validate_json(alert) for alert in json.loads(snapshot.extra)["unraised"]]
        except (StateError, ValueError, KeyError, TypeError) as exc:
            log.warning("%s: the detector snapshot was refused (%s); folding the whole log instead", self.store.path,
                        exc)
            return 0, detection.initial(), {}
        self._snapshot_at = (snapshot.rules, snapshot.position)
        return snapshot.position, state, {alert.id: alert for alert in owed}

    async def checkpoint(self) -> None:
        """Snapshot detector state at the detect stage's position, when it has moved since the last one."""
        if self._detection is None:
            return
        position = await self.store.position(DETECT)
        if self._snapshot_at == (self._detection.version, position):
            return
        extra = json.dumps({"unraised": [alert.model_dump_json() for alert in self._unraised.values()]})
        await self.store.save_snapshot(DETECT, Snapshot(rules=self._detection.version, position=position,
                                                        state=encode_state(self._state), extra=extra))
        self._snapshot_at = (self._detection.version, position)

    def _late(self, record: Alert | Corroboration) -> list[Alert | Corroboration]:
        """A report of an incident that rules changed since made alert-worthy raises that alert, late, first."""
        if isinstance(record, Corroboration) and record.alert_id in self._unraised:
            return [self._unraised.pop(record.alert_id), record]
        return [record]

    async def detect_pending(self, stopping: Callable[[], bool] = lambda: False) -> None:
        detection = await self._load_detection()
        while not stopping():
            after = await self.store.position(DETECT)
            rows = await self.store.read("events", after, limit=self.batch * 10)
            if not rows:
                return
            outputs: list[tuple[Stream, Record]] = []
            for _, event in rows:
                self._state, raised = detection.step(self._state, event)
                outputs.extend(("alerts", late) for record in raised for late in self._late(record))
            committed = await self.store.commit(DETECT, rows[-1][0], outputs)
            if rows[-1][0] - self._snapshot_at[1] >= SNAPSHOT_EVERY:
                await self.checkpoint()
            for _, record in committed:
                if isinstance(record, Alert):
                    self.report.alerts += 1
                    self.report.held += record.tier == "review"
                    if self.on_alert is not None:
                        self.on_alert(record)
                elif isinstance(record, Corroboration):
                    self.report.corroborations += 1
                    if self.on_report is not None:
                        self.on_report(record)


def _content(article: Article) -> tuple[object, ...]:
    """What makes two articles the same story: not the day either was received."""
    return (article.text, article.title, article.url, article.source, article.published)
