"""What the web API reads and writes: alert views with their deliveries and the desk's actions, articles in,
and the live feed of alerts as the pipeline records them."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from stream.core.ids import content_id
from stream.core.records import Alert, AlertAction, Article, DeadLetter, SilenceAdded, SilenceExpired
from stream.core.views import AlertQuery, alert_views
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore
from stream.rules_watch import RulesWatcher
from stream.silences import expiry, new_silence
from stream.web.metrics import Metrics

# Arrival times kept for the latency histogram: enough for any burst an alert can follow closely.
ARRIVALS_KEPT = 100_000
SUBSCRIBER_BACKLOG = 1_000


class Desk:
    """The service as the web sees it. Reads go through ``store`` (a connection of their own); articles
    go into the pipeline, which the service loop drains."""

    def __init__(self, store: EventStore, pipeline: Pipeline, rules: RulesWatcher, metrics: Metrics) -> None:
        self.store = store
        self.pipeline = pipeline
        self.rules = rules
        self.metrics = metrics
        self._arrivals: OrderedDict[str, float] = OrderedDict()
        self._subscribers: set[asyncio.Queue[dict[str, Any] | None]] = set()

    async def post(self, inputs: Sequence[Article | DeadLetter]) -> list[DeadLetter]:
        """Articles (and the dead letters of what could not be one) into the log; the dead letters of all."""
        now = time.monotonic()
        for item in inputs:
            if isinstance(item, Article):
                self._arrivals[item.id] = now
                if len(self._arrivals) > ARRIVALS_KEPT:
                    self._arrivals.popitem(last=False)
        refused = await self.pipeline.ingest(inputs)
        return [item for item in inputs if isinstance(item, DeadLetter)] + refused

    def raised(self, alerts: list[Alert]) -> None:
        """The pipeline recorded these: time them from their first article's arrival and push them live."""
        now = time.monotonic()
        for alert in alerts:
            arrived = [self._arrivals[s.article_id] for s in alert.sources if s.article_id in self._arrivals]
            if arrived:
                self.metrics.article_to_alert.observe(now - min(arrived))
            if alert.silenced_by is None:
                view = alert.model_dump(mode="json", exclude={"type"})
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

    async def alerts(self, query: AlertQuery) -> list[dict[str, Any]]:
        """Alert views answering ``query``, newest first, each with the desk's actions on it."""
        views = list(reversed(query.select(alert_views(await self.store.alerts(query)))))
        actions = await self.store.about("actions", [view["id"] for view in views])
        for view in views:
            view["actions"] = []
        by_id = {view["id"]: view for view in views}
        for action in actions:
            by_id[action.alert_id]["actions"].append(action.model_dump(mode="json", exclude={"type"}))
        return views

    async def alert(self, alert_id: str) -> dict[str, Any] | None:
        """One alert with its corroborations, the desk's actions and its deliveries per channel."""
        views = alert_views(await self.store.alerts_by_id([alert_id]))
        if len(views) != 1:  # none, or the id of a corroboration
            return None
        [view] = views
        view["actions"] = [a.model_dump(mode="json", exclude={"type"})
                           for a in await self.store.about("actions", [alert_id])]
        view["deliveries"] = [d.model_dump(mode="json", exclude={"type", "figures", "sources"})
                              for d in await self.store.about("deliveries", [alert_id])]
        return view

    async def act(self, alert_id: str, action: str, by: str, note: str | None, assignee: str | None,
                  at: datetime) -> AlertAction | None:
        """Record an action on an alert in the log; None when there is no such alert."""
        if not alert_views(await self.store.alerts_by_id([alert_id])):
            return None
        record = AlertAction(id=content_id("ac", alert_id, action, by, at.isoformat()), alert_id=alert_id,
                             action=action, by=by, note=note, assignee=assignee, at=at)  # type: ignore[arg-type]
        await self.store.append([("actions", record)])
        return record

    async def silences(self) -> list[dict[str, Any]]:
        """Silences added at run time, each with when it was expired, if it was."""
        records = [r for _, r in await self.store.scan("silences")]
        expired = {r.silence_id: r.model_dump(mode="json")["expired_at"] for r in records
                   if isinstance(r, SilenceExpired)}
        return [r.model_dump(mode="json", exclude={"type"}) | {"expired_at": expired.get(r.id)}
                for r in records if isinstance(r, SilenceAdded)]

    async def silence(self, rule: str, match: dict[str, str], until: date, reason: str | None,
                      at: datetime) -> SilenceAdded:
        """Record a silence (SilenceRefused when it would match nothing); the service applies it at once."""
        record = new_silence(self.rules.current, rule, match, until, reason, at)
        await self.store.append([("silences", record)])
        return record

    async def expire(self, silence_id: str, at: datetime) -> SilenceExpired:
        record = expiry([r for _, r in await self.store.scan("silences")], silence_id, at)
        await self.store.append([("silences", record)])
        return record
