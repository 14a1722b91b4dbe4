"""The outbox: stored alerts delivered to their channels by a worker of their own, apart from the pipeline."""

from __future__ import annotations

import asyncio
import logging
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from stream.core.records import Alert, Corroboration, Delivery
from stream.core.rules.schema import RuleSet
from stream.core.views import grown
from stream.embedded.pipeline import RunReport
from stream.embedded.store import EventStore
from stream.notify import Notifier
from stream.notify.apprise_channel import redacted
from stream.notify.dispatch import CHANNEL_REST, ONE_ATTEMPT, Backoff, Clock, Sleep, deliver, rest, routed, utc_now

log = logging.getLogger("signalfire")
# A growing story is told again at most this often on each channel.
UPDATE_EVERY = timedelta(hours=1)
# A digest names at most this many alerts; more go out as several messages.
DIGEST_MAX = 50
Owed = tuple[Alert, int]  # an alert and the attempts already made to send it on a channel


class Outbox:
    """Sends what the store holds undelivered; safe to stop at any moment and start again.

    Every channel is sent to on its own: a slow or failing one holds up neither extraction nor the other
    channels. A channel that fails rests (30 s, doubling up to 10 min, with jitter) and is sent nothing
    meanwhile, a breaker per channel. Deliveries are records in the log, so what is owed outlives a restart,
    and every message names its alerts' ids, the key a receiver de-duplicates on.
    """

    def __init__(self, store: EventStore, rules: RuleSet, notifier: Notifier, report: RunReport | None = None,
                 backoff: Backoff = ONE_ATTEMPT, clock: Clock = utc_now, sleep: Sleep = asyncio.sleep,
                 jitter: Callable[[], float] = random.random, rests: Backoff = CHANNEL_REST) -> None:
        self.store = store
        self.rules = rules
        self.notifier = notifier
        self.report = report or RunReport()
        self.backoff = backoff
        self.clock = clock
        self.sleep = sleep
        self._jitter = jitter
        self._rests = rests
        self._resting: dict[str, datetime] = {}
        self._failures: dict[str, int] = {}  # failed rounds in a row, for the doubling of the rest
        self._held: dict[str, datetime] = {}  # channels whose digest waits, and until when
        self._waiting_since: dict[str, datetime] = {}  # when a channel's oldest owed alert was first seen
        self._last_sent: dict[str, datetime] = {}
        self._update_due: datetime | None = None  # when a held-back update may go
        # Read incrementally for updates: corroborated alerts as they stand, the last message per alert and
        # channel, and how far each stream has been read.
        self._grown: dict[str, Alert] = {}
        self._told: dict[tuple[str, str], Delivery] = {}
        self._positions = {"alerts": 0, "deliveries": 0}
        # The newest alert and desk action the last look saw: without a new alert, a new verdict (a confirmation
        # makes an alert held for review owed) or something due, the outbox is not read.
        self._looked_at: tuple[int, int] | None = None

    def use_rules(self, rules: RuleSet) -> None:
        self.rules = rules
        self._looked_at = None  # new channels may be owed alerts raised before

    def next_due(self) -> datetime | None:
        """The next time a rest ends, a digest is ready or an update may go: the worker's next look."""
        times = [*self._resting.values(), *self._held.values(), *([self._update_due] if self._update_due else [])]
        return min(times, default=None)

    async def send_due(self, final: bool = False) -> None:
        """One look at the outbox: send every channel what it is owed and may have now.

        ``final`` sends held digests at once: a replay ends, and its alerts should not wait for a next run.
        """
        if not self.rules.channels:
            return
        now = self.clock()
        newest = (await self.store.last_position("alerts"), await self.store.last_position("actions"))
        due = self.next_due()
        if newest == self._looked_at and (due is None or due > now) and not final:
            return  # an idle service reads nothing
        self._looked_at, self._held, self._update_due = newest, {}, None
        self._resting = {name: until for name, until in self._resting.items() if until > now}
        await self._read_new_records()
        owed: dict[str, list[Owed]] = defaultdict(list)
        for alert, channel, attempts in await self.store.undelivered():  # channel: one of the alert's own
            if channel in self.rules.channels and channel not in self._resting:
                # As it stands: a report folded before it first goes out (another sentence of the article that
                # raised it) is in its figures and title, rather than in an update an hour later.
                owed[channel].append((self._grown.get(alert.id, alert), attempts))
        await asyncio.gather(*(self._send(name, items, final) for name, items in owed.items()))
        await self._send_updates()

    async def _send(self, channel: str, owed: list[Owed], final: bool) -> None:
        url = self.rules.channels[channel]
        batches: Sequence[list[Owed]] = [[item] for item in owed]
        if self.rules.digest.enabled:
            now = self.clock()
            ready = self._waiting_since.setdefault(channel, now) + self.rules.digest.wait
            if channel in self._last_sent:
                ready = max(ready, self._last_sent[channel] + self.rules.digest.interval)
            if now < ready and not final:
                self._held[channel] = ready
                return
            batches = [owed[i:i + DIGEST_MAX] for i in range(0, len(owed), DIGEST_MAX)]
        for batch in batches:
            if not await deliver(self.notifier, batch, channel, url, self._record, self.backoff, self.clock,
                                 self.sleep):
                self.report.failed_deliveries += len(batch)
                self._rest(channel, url, batch[0][0])
                return
            self.report.delivered += len(batch)
            self._last_sent[channel] = self.clock()
            self._failures.pop(channel, None)
        self._waiting_since.pop(channel, None)

    def _rest(self, channel: str, url: str, alert: Alert) -> None:
        failures = self._failures.get(channel, 0) + 1
        self._failures[channel] = failures
        wait = rest(failures, self._jitter(), self._rests)
        self._resting[channel] = self.clock() + wait
        log.warning("alert %s not delivered to %s; the channel rests %.0f s, then is tried again (failure %d)",
                    alert.id, redacted(url), wait.total_seconds(), failures)

    async def _send_updates(self) -> None:
        """Figures raised or sources added after an alert went out reach the channels that had it, as an update.

        At most one update an hour for each alert and channel: a story that keeps growing is told in steps.
        """
        await self._read_new_records()
        now = self.clock()
        for alert_id, current in self._grown.items():
            for name, url in routed(current, self.rules.channels):
                last = self._told.get((alert_id, name))
                if last is None or name in self._resting or (last.figures == current.figures
                                                              and last.sources == len(current.sources)):
                    continue  # not sent yet (the outbox will), resting, or nothing new to tell
                if last.at + UPDATE_EVERY > now:
                    self._update_due = min(self._update_due or now + UPDATE_EVERY, last.at + UPDATE_EVERY)
                    continue
                if await deliver(self.notifier, [(current, 0)], name, url, self._record, ONE_ATTEMPT,
                                 self.clock, self.sleep, update=True):
                    self.report.delivered += 1

    async def _read_new_records(self) -> None:
        """Fold the alerts and deliveries logged since the last look: each corroborated alert as it stands
        now (figures raised, sources joined), and the last message each alert and channel received."""
        for position, record in await self.store.scan("alerts", self._positions["alerts"]):
            self._positions["alerts"] = position
            if not isinstance(record, Corroboration):
                continue
            base = self._grown.get(record.alert_id) or await self.store.get("alerts", record.alert_id)
            if not isinstance(base, Alert):
                continue
            self._grown[record.alert_id] = grown(base, record)
        for position, delivery in await self.store.scan("deliveries", self._positions["deliveries"]):
            self._positions["deliveries"] = position
            if delivery.ok:
                self._told[(delivery.alert_id, delivery.channel)] = delivery  # the last one that arrived

    async def _record(self, deliveries: list[Delivery]) -> None:
        await self.store.append([("deliveries", delivery) for delivery in deliveries])

    async def run(self, wake: asyncio.Event, stop: asyncio.Event, poll: float = 1.0) -> None:
        """Deliver until ``stop`` is set: at once when ``wake`` is (new alerts), else when something falls due."""
        while not stop.is_set():
            await self.send_due()
            due = self.next_due()
            timeout = poll if due is None else min(poll, max(0.0, (due - self.clock()).total_seconds()))
            await _first_of(wake, stop, timeout)
            wake.clear()


async def _first_of(a: asyncio.Event, b: asyncio.Event, timeout: float) -> None:
    """Wait until either event is set, or the timeout passes."""
    waits = [asyncio.ensure_future(a.wait()), asyncio.ensure_future(b.wait())]
    try:
        await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiting in waits:
            waiting.cancel()
