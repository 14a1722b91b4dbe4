"""The embedded desk: alert views, deliveries and actions read from the store; articles into the pipeline."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from stream.control.backtest import backtest_store
from stream.control.rules_file import replace_rules
from stream.control.silences import expiry, new_silence
from stream.control.watch import RulesWatcher
from stream.core.ids import content_id
from stream.core.records import AlertAction, Article, DeadLetter, RulesApplied, SilenceAdded, SilenceExpired
from stream.core.review import VERDICTS, verdict_of
from stream.core.rules.schema import RuleSet, Silence
from stream.core.views import AlertQuery, alert_views
from stream.embedded.pipeline import Pipeline
from stream.embedded.review import judge, recorded_verdicts
from stream.embedded.rules_stats import rule_stats
from stream.embedded.store import EventStore
from stream.web.live import BacktestBusy, DeskBase
from stream.web.metrics import Counts, Metrics, by_kind
from stream.web.shown import article_head, sourced


class Desk(DeskBase):
    """Reads go through ``store`` (a connection of their own); articles go into the pipeline, which the
    service loop drains."""

    def __init__(self, store: EventStore, pipeline: Pipeline, rules: RulesWatcher, metrics: Metrics) -> None:
        super().__init__(rules, metrics)
        self.store = store
        self.pipeline = pipeline
        self._backtesting: asyncio.Future[dict[str, Any]] | None = None
        self._applying = asyncio.Lock()
        # Set by the service loop once it has folded what the log held at start: until then the desk is not ready,
        # so a probe sends no one to a service still catching up.
        self.caught_up = asyncio.Event()

    @property
    def store_name(self) -> str:
        return str(self.store.path)

    async def ready(self) -> dict[str, Any] | None:
        try:
            await self.store.count("articles")
        except Exception as exc:  # whatever the store raises, the answer is "not ready", with why
            return {"store": str(exc)}
        if not self.caught_up.is_set():
            return {"service": "folding what the store held at start"}
        return None

    async def counts(self) -> Mapping[str, Counts]:
        store = self.store
        return {
            "articles": {(): await store.count("articles")},
            "events": await store.counts("events", "type"),
            # Corroborations share the alerts stream and have no rule: their row has "None". Alerts recorded
            # before tiers were all sent.
            "alerts": {(rule, "sent" if tier == "None" else tier): n
                       for (rule, tier), n in (await store.counts("alerts", "rule", "tier")).items() if rule != "None"},
            "verdicts": {k: v for k, v in (await store.counts("actions", "action")).items() if k[0] in VERDICTS},
            "dead_letters": by_kind(await store.counts("deadletters", "reason")),
            "deliveries": {(channel, "ok" if ok == "1" else "failed"): n
                           for (channel, ok), n in (await store.counts("deliveries", "channel", "ok")).items()},
        }

    async def post(self, inputs: Sequence[Article | DeadLetter]) -> list[DeadLetter]:
        self.arrived(inputs)
        refused = await self.pipeline.ingest(inputs)
        return [item for item in inputs if isinstance(item, DeadLetter)] + refused

    async def alerts(self, query: AlertQuery) -> list[dict[str, Any]]:
        """Alert views answering ``query``, newest first, each with the desk's actions on it."""
        # The store has already cut at the cursor; the views it gave no longer hold the cursor's alert.
        views = list(reversed(replace(query, before=None).select(alert_views(await self.store.alerts(query)))))
        actions = await self.store.about("actions", [view["id"] for view in views])
        for view in views:
            view["actions"] = []
        by_id = {view["id"]: view for view in views}
        for action in actions:
            by_id[action.alert_id]["actions"].append(action.model_dump(mode="json", exclude={"type"}))
        for view in views:
            view["verdict"] = verdict_of(view["actions"])
        return await self.located(views)

    async def alert(self, alert_id: str) -> dict[str, Any] | None:
        """One alert with its corroborations, the desk's actions and its deliveries per channel."""
        views = alert_views(await self.store.alerts_by_id([alert_id]))
        if len(views) != 1:  # none, or the id of a corroboration
            return None
        [view] = views
        view["actions"] = [a.model_dump(mode="json", exclude={"type"})
                           for a in await self.store.about("actions", [alert_id])]
        view["verdict"] = verdict_of(view["actions"])
        view["deliveries"] = [d.model_dump(mode="json", exclude={"type", "figures", "sources"})
                              for d in await self.store.about("deliveries", [alert_id])]
        # Each source's outlet, title and link from its article: the articles of all of them in one query.
        cited = [ref["article_id"] for ref in (*view["sources"], *view["corroborated"])]
        heads = {a.id: article_head(a.model_dump(mode="json")) for a in await self.store.articles_by_id(cited)}
        [shown] = await self.located([sourced(view, heads)])
        return shown

    async def act(self, alert_id: str, action: str, by: str, note: str | None, assignee: str | None,
                  at: datetime) -> AlertAction | None:
        """Record an action on an alert in the log; None when there is no such alert. A verdict (confirm,
        reject) is refused on an alert not held for review or judged already (VerdictRefused)."""
        if action in VERDICTS:
            return await judge(self.store, alert_id, action, by, note, at)
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

    editable = True

    async def rule_stats(self) -> dict[str, Any] | None:
        return await asyncio.to_thread(rule_stats, self.store.path, date.today())

    async def rules_history(self) -> list[dict[str, Any]]:
        return [r.model_dump(mode="json", exclude={"type"}) for _, r in reversed(await self.store.scan("rules"))]

    async def backtest(self, candidate: RuleSet) -> dict[str, Any]:
        """The candidate against the rules in force on the store's history, in a worker thread (one piece after
        another, on one core: the service goes on beside it), one at a time and at most BACKTEST_S long."""
        if self._backtesting is not None and not self._backtesting.done():
            raise BacktestBusy("a backtest is running already: wait for it to end")
        silences = await self.store.silences()
        self._backtesting = asyncio.ensure_future(asyncio.to_thread(
            _backtest, self.store.path, self.rules.current, candidate, silences))
        try:  # a backtest cut off goes on to its end in its thread, and no other starts before it ends
            return await asyncio.wait_for(asyncio.shield(self._backtesting), BACKTEST_S)
        except TimeoutError:
            raise BacktestBusy(f"the backtest took over {BACKTEST_S:g} s: try a smaller change, or "
                               "signalfire rules backtest --db on the store") from None

    async def apply_rules(self, text: str, candidate: RuleSet, by: str, at: datetime) -> RulesApplied:
        async with self._applying:
            old = self.rules.current.version
            path = self.rules.path
            backup = await asyncio.to_thread(replace_rules, path, text)
            self.rules.apply(text, candidate)
            record = RulesApplied(id=content_id("ra", str(path), old, candidate.version, at.isoformat()),
                                  path=str(path), by=by, at=at, old_version=old, new_version=candidate.version,
                                  backup=str(backup) if backup else None)
            await self.store.append([("rules", record)])
            deadline = time.monotonic() + APPLY_WAIT_S
            while self.rules.applying and time.monotonic() < deadline:  # the service takes them at its next poll
                await asyncio.sleep(0.02)
            return record


BACKTEST_S = 60.0
APPLY_WAIT_S = 5.0
SHOWN = 200  # alerts listed of each kind (added, removed, changed); the counts are of all


def _backtest(path: str, baseline: RuleSet, candidate: RuleSet, silences: list[Silence]) -> dict[str, Any]:
    verdicts = {verdict.alert_id: verdict.action for verdict in recorded_verdicts(path)}
    result = backtest_store(path, baseline, candidate, silences, workers=1, whole=False, verdicts=verdicts)
    result["counts"] = {key: len(result[key]) for key in ("added", "removed", "changed")}
    for key in ("added", "removed", "changed"):
        result[key] = result[key][:SHOWN]
    return result
