"""The embedded runtime: articles -> events -> alerts -> deliveries, each stage resuming from the log."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from stream.actors import default_actors
from stream.core.detect import Detection
from stream.core.extract import extract
from stream.core.extract.actors import Actors
from stream.core.ids import content_id
from stream.core.places import Gazetteer
from stream.core.records import (
    Alert,
    Article,
    Corroboration,
    DeadLetter,
    Delivery,
    Record,
    SilenceAdded,
    SilenceExpired,
)
from stream.core.rules.schema import RuleSet, Silence
from stream.embedded.store import EventStore, Stream
from stream.gcpause import no_gc
from stream.notify import Notifier
from stream.notify.apprise_channel import redacted
from stream.notify.dispatch import Backoff, Clock, Sleep, deliver, routed, utc_now

# A channel out of attempts rests before it is tried again: 30 s, doubling with each failure, 10 min at most.
CHANNEL_REST = Backoff(first_wait=30.0, max_wait=600.0)
# A growing story is told again at most this often on each channel.
UPDATE_EVERY = timedelta(hours=1)
log = logging.getLogger("signalfire")
EXTRACT, DETECT = "extract", "detect"
DEFAULT_BACKOFF = Backoff()


@dataclass
class RunReport:
    """What one run did, for the summary line and for callers that print alerts."""

    articles: int = 0
    new_articles: int = 0
    events: int = 0
    alerts: list[Alert] = field(default_factory=list)
    corroborations: int = 0
    dead_letters: int = 0
    delivered: int = 0
    failed_deliveries: int = 0

    def summary(self) -> str:
        return (f"articles read {self.articles} ({self.new_articles} new), events {self.events}, "
                f"alerts {len(self.alerts)} (+{self.corroborations} corroborations), "
                f"dead letters {self.dead_letters}, deliveries {self.delivered} ok / {self.failed_deliveries} failed")


async def stored_silences(store: EventStore, expired_too: bool = False) -> list[Silence]:
    """Silences added from the command line and not expired; the rules file's own come with the rules."""
    records = [record for _, record in await store.scan("silences")]
    expired = {record.silence_id for record in records if isinstance(record, SilenceExpired)}
    return [Silence(rule=s.rule, match=s.match, until=s.until, reason=s.reason) for s in records
            if isinstance(s, SilenceAdded) and (expired_too or s.id not in expired)]


class Pipeline:
    """Runs the pure core over the store; safe to kill at any moment and start again."""

    def __init__(self, store: EventStore, gazetteer: Gazetteer, rules: RuleSet, notifier: Notifier | None = None,
                 backoff: Backoff = DEFAULT_BACKOFF, clock: Clock = utc_now, sleep: Sleep = asyncio.sleep,
                 batch: int = 100, actors: Actors | None = None, jitter: Callable[[], float] = random.random) -> None:
        self.store = store
        self.gazetteer = gazetteer
        self.actors = actors or default_actors()
        self.rules = rules
        self.notifier = notifier
        self.backoff = backoff
        self.clock = clock
        self.sleep = sleep
        self.batch = batch
        self.report = RunReport()
        self._detection: Detection | None = None
        # A channel that used up its attempts rests until a time that doubles with each failure (30 s up to
        # 10 min, with jitter): a down webhook is neither hammered nor given up on while the service runs.
        self._resting: dict[str, tuple[datetime, int]] = {}
        self._jitter = jitter
        # The newest alert the last look at the outbox saw: without a new alert or a channel due, no look.
        self._looked_at = -1
        self._update_due: datetime | None = None  # when a held-back update may go
        # Alerts new rules would have raised on past events: not raised now, but on their next report.
        self._unraised: dict[str, Alert] = {}
        self._state: dict[str, Any] = {}

    async def ingest(self, inputs: Sequence[Article | DeadLetter]) -> None:
        """Append articles and dead letters; ones already in the log are skipped by id.

        An article whose id the log holds for another text is not dropped: it becomes a dead letter.
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

    async def _clash(self, article: Article) -> DeadLetter | None:
        """A dead letter for an article that reuses a stored article's id with other content."""
        stored = await self.store.get("articles", article.id)
        if stored is None or _content(stored) == _content(article):
            return None  # the same article again: a replay or a redelivery, nothing to keep
        return DeadLetter(id=content_id("dlq", "duplicate", article.id, article.text), origin=f"id:{article.id}",
                          reason=f"duplicate id {article.id!r}: the store holds another article under it; "
                                 "give this one its own id", raw=article.model_dump_json(), raw_encoding="utf-8")

    async def drain(self) -> None:
        """Run every stage until it has consumed everything in the log."""
        await self.extract_pending()
        await self.detect_pending()
        await self.notify_pending()

    async def extract_pending(self) -> None:
        while True:
            after = await self.store.position(EXTRACT)
            rows = await self.store.read("articles", after, limit=self.batch)
            if not rows:
                return
            outputs: list[tuple[Stream, Record]] = []
            for _, article in rows:
                outputs.extend(("events", event) for event in extract(article, self.gazetteer, self.actors))
            new = await self.store.commit(EXTRACT, rows[-1][0], outputs)
            self.report.events += len(new)

    def use_rules(self, rules: RuleSet) -> None:
        """Swap the rules: detector state is folded again under them before the next event."""
        self.rules = rules
        self._detection = None
        self._looked_at = -1  # new channels may be owed alerts raised before

    async def _load_detection(self) -> Detection:
        """Detector state is a fold of the events already consumed; rebuild it once per rules."""
        if self._detection is None:
            self._detection = Detection(self.rules, await stored_silences(self.store))
            self._state = self._detection.initial()
            past: dict[str, Alert] = {}
            with no_gc():
                for _, event in await self.store.scan("events", 0, await self.store.position(DETECT)):
                    self._state, raised = self._detection.step(self._state, event)
                    past.update((a.id, a) for a in raised if isinstance(a, Alert))
            raised_before = await self.store.ids("alerts", list(past))
            self._unraised = {i: a for i, a in past.items() if i not in raised_before}
        return self._detection

    def _late(self, record: Alert | Corroboration) -> list[Alert | Corroboration]:
        """A report of an incident that rules changed since made alert-worthy raises that alert, late, first."""
        if isinstance(record, Corroboration) and record.alert_id in self._unraised:
            return [self._unraised.pop(record.alert_id), record]
        return [record]

    async def detect_pending(self) -> None:
        detection = await self._load_detection()
        while True:
            after = await self.store.position(DETECT)
            rows = await self.store.read("events", after, limit=self.batch * 10)
            if not rows:
                return
            outputs: list[tuple[Stream, Record]] = []
            for _, event in rows:
                self._state, raised = detection.step(self._state, event)
                outputs.extend(("alerts", late) for record in raised for late in self._late(record))
            for _, record in await self.store.commit(DETECT, rows[-1][0], outputs):
                if isinstance(record, Alert):
                    self.report.alerts.append(record)
                elif isinstance(record, Corroboration):
                    self.report.corroborations += 1

    async def notify_pending(self) -> None:
        if self.notifier is None or not self.rules.channels:
            return  # no channel, nothing to deliver: the outbox is not even read
        now = self.clock()
        newest = await self.store.last_position("alerts")
        due = [name for name, (until, _) in self._resting.items() if until <= now]
        updates_due = self._update_due is not None and self._update_due <= now
        if newest == self._looked_at and not due and not updates_due:
            return  # an idle service reads nothing
        self._looked_at, self._update_due = newest, None
        for name in due:
            self._resting.pop(name)
        for alert, channel, attempts in await self.store.undelivered():
            for name, url in routed(alert, self.rules.channels):
                if name != channel or name in self._resting:
                    continue
                ok = await deliver(self.notifier, alert, name, url, attempts, self._record_delivery,
                                   self.backoff, self.clock, self.sleep)
                if ok:
                    self.report.delivered += 1
                else:
                    self.report.failed_deliveries += 1
                    failures = self._resting.get(name, (now, 0))[1] + 1
                    wait = CHANNEL_REST.wait(failures) * (0.5 + self._jitter())
                    self._resting[name] = (self.clock() + timedelta(seconds=wait), failures)
                    log.warning("alert %s not delivered to %s (%s); the channel rests %.0f s, then is tried again",
                                alert.id, name, redacted(url), wait)
        await self.notify_updates()

    async def notify_updates(self) -> None:
        """Figures raised or sources added after an alert went out reach the channels that had it, as an update.

        At most one update an hour for each alert and channel: a story that keeps growing is told in steps.
        """
        raised = [record for _, record in await self.store.scan("alerts")]
        alerts = {r.id: r for r in raised if isinstance(r, Alert)}
        latest: dict[str, Alert] = {}
        for record in raised:
            if isinstance(record, Corroboration) and record.alert_id in alerts:
                base = latest.get(record.alert_id, alerts[record.alert_id])
                sources = [*base.sources, *([] if any(s.article_id == record.source.article_id for s in base.sources)
                                            else [record.source])]
                latest[record.alert_id] = base.model_copy(update={"figures": {**base.figures, **record.figures},
                                                                  "sources": sources})
        if not latest:
            return
        told: dict[tuple[str, str], Delivery] = {}
        for _, delivery in await self.store.scan("deliveries"):
            if delivery.ok and delivery.alert_id in latest:
                told[(delivery.alert_id, delivery.channel)] = delivery  # the last one that arrived
        now = self.clock()
        for alert_id, current in latest.items():
            for name, url in routed(current, self.rules.channels):
                last = told.get((alert_id, name))
                if last is None or name in self._resting or (last.figures == current.figures
                                                              and last.sources == len(current.sources)):
                    continue  # not sent yet (the outbox will), resting, or nothing new to tell
                if last.at + UPDATE_EVERY > now:
                    self._update_due = min(self._update_due or now + UPDATE_EVERY, last.at + UPDATE_EVERY)
                    continue
                update = current.model_copy(update={"title": f"Update: {current.title}"})
                if await deliver(self.notifier, update, name, url, 0, self._record_delivery,  # type: ignore[arg-type]
                                 Backoff(attempts=1), self.clock, self.sleep, update=True):
                    self.report.delivered += 1

    async def _record_delivery(self, delivery: Record) -> None:
        await self.store.append([("deliveries", delivery)])


def _content(article: Article) -> tuple[object, ...]:
    """What makes two articles the same story: not the day either was received."""
    return (article.text, article.title, article.url, article.source, article.published)
