"""What every desk behind the web API shares: the live feed of alerts, their timing, and the operations it
answers (readiness, metrics), whichever runtime holds the alerts."""

from __future__ import annotations

import asyncio
import threading
import time
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from stream.control.silences import SilenceRefused
from stream.control.watch import RulesWatcher
from stream.core.records import (
    Alert,
    AlertAction,
    Article,
    DeadLetter,
    RulesApplied,
    SilenceAdded,
    SilenceExpired,
)
from stream.core.rules.schema import RuleSet
from stream.core.views import AlertQuery
from stream.errors import SignalfireError
from stream.web.metrics import Counts, Metrics
from stream.web.shown import areas, located


class SilencesElsewhere(SilenceRefused):
    """This desk cannot keep run-time silences: they belong somewhere else, which the message names."""


class RulesReadOnly(SignalfireError):
    """This desk shows the rules but cannot back-test or apply them: the message says where that is done."""


class BacktestBusy(SignalfireError):
    """A backtest cannot run now: one is running, or this one ran too long."""


RULES_READ_ONLY = ("the rules are edited on the embedded service (signalfire serve --db): over Kafka each worker "
                   "reloads its own rules file")


# Arrival times kept for the latency histogram: enough for any burst an alert can follow closely.
ARRIVALS_KEPT = 100_000
SUBSCRIBER_BACKLOG = 1_000


class DeskBase(ABC):
    """The service as the web sees it. Subclasses hold the alerts; this keeps the readers of the live feed
    and times each alert from the arrival of its first article over HTTP."""

    def __init__(self, rules: RulesWatcher, metrics: Metrics) -> None:
        self.rules = rules
        self.metrics = metrics
        self._arrivals: OrderedDict[str, float] = OrderedDict()
        self._subscribers: set[asyncio.Queue[dict[str, Any] | None]] = set()
        # The points of areas (states, regions, countries) for the map: read (or built, the first time on a
        # machine) beside the service's start, so that no request waits for them on the event loop.
        threading.Thread(target=areas, name="areas", daemon=True).start()

    @property
    def store_name(self) -> str:
        """What a message about a store this desk cannot read names it by."""
        return "the store"

    async def located(self, views: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``views`` with the point of each alert placed at an area (``shown.located``)."""
        table = await asyncio.to_thread(areas)
        return [located(view, table) for view in views]

    def arrived(self, inputs: Iterable[Article | DeadLetter]) -> None:
        now = time.monotonic()
        for item in inputs:
            if isinstance(item, Article):
                self._arrivals[item.id] = now
                if len(self._arrivals) > ARRIVALS_KEPT:
                    self._arrivals.popitem(last=False)

    def raised(self, alerts: Iterable[Alert]) -> None:
        """Alerts just recorded: time them from their first article's arrival and push them live."""
        now = time.monotonic()
        for alert in alerts:
            arrived = [self._arrivals[s.article_id] for s in alert.sources if s.article_id in self._arrivals]
            if arrived:
                self.metrics.article_to_alert.observe(now - min(arrived))
            if alert.silenced_by is None:
                view = located(alert.model_dump(mode="json", exclude={"type"}), areas())
                for queue in list(self._subscribers):
                    if queue.qsize() < SUBSCRIBER_BACKLOG:  # a stalled reader loses alerts, never the service
                        queue.put_nowait(view)

    def subscribe(self) -> asyncio.Queue[dict[str, Any] | None]:
        """A queue of alert views as they are raised; None in it means the service is stopping."""
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self._subscribers.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[dict[str, Any] | None]) -> None:
        self._subscribers.discard(queue)

    def close(self) -> None:
        """End every live feed, so that a stopping server is not held open by its readers."""
        for queue in self._subscribers:
            queue.put_nowait(None)

    async def render_metrics(self) -> bytes:
        return self.metrics.render(await self.counts(), self.rules)

    editable = False  # whether this desk back-tests and applies rules files (the embedded store's does)

    async def rule_stats(self) -> dict[str, Any] | None:
        """Each rule's recent alerts and verdicts (``stream.embedded.rules_stats``), or None where not kept."""
        return None

    async def rules_history(self) -> list[dict[str, Any]]:
        """The rules files applied from the desk, newest first."""
        return []

    async def backtest(self, candidate: RuleSet) -> dict[str, Any]:
        """The candidate against the rules in force on the history held (``stream.control.backtest``)."""
        raise RulesReadOnly(RULES_READ_ONLY)

    async def apply_rules(self, text: str, candidate: RuleSet, by: str, at: datetime) -> RulesApplied:
        """Write the candidate as the rules file in force, hand it to the service and record it."""
        raise RulesReadOnly(RULES_READ_ONLY)

    @abstractmethod
    async def ready(self) -> dict[str, Any] | None:
        """What makes the service ready, or None when it is (the rules are loaded before it starts)."""

    @abstractmethod
    async def counts(self) -> Mapping[str, Counts]:
        """Totals for /metrics, by the names of ``stream.web.metrics.HELP``; a name left out is not known here."""

    @abstractmethod
    async def post(self, inputs: Sequence[Article | DeadLetter]) -> list[DeadLetter]:
        """Articles (and the dead letters of what could not be one) in; the dead letters of all."""

    @abstractmethod
    async def alerts(self, query: AlertQuery) -> list[dict[str, Any]]:
        """Alert views answering ``query``, newest first, each with the desk's actions on it."""

    @abstractmethod
    async def alert(self, alert_id: str) -> dict[str, Any] | None:
        """One alert with its corroborations, the desk's actions and its deliveries per channel."""

    @abstractmethod
    async def act(self, alert_id: str, action: str, by: str, note: str | None, assignee: str | None,
                  at: datetime) -> AlertAction | None:
        """Record an action on an alert; None when there is no such alert. A verdict (confirm, reject) on an alert
        not held for review, or judged already, raises VerdictRefused: the first verdict stands."""

    @abstractmethod
    async def silences(self) -> list[dict[str, Any]]:
        """Silences added at run time, each with when it was expired, if it was."""

    @abstractmethod
    async def silence(self, rule: str, match: dict[str, str], until: date, reason: str | None,
                      at: datetime) -> SilenceAdded:
        """Record a silence (SilenceRefused when it would match nothing or cannot be kept here)."""

    @abstractmethod
    async def expire(self, silence_id: str, at: datetime) -> SilenceExpired:
        """End a silence before its date (SilenceRefused when there is no such silence running)."""
