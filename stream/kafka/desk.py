"""The desk over Kafka: alerts, deliveries, the desk's actions and dead letters followed from their topics;
articles and actions published onto topics. There is no store here: run-time silences are refused."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError
from pydantic import ValidationError

from stream.control.watch import RulesWatcher
from stream.core.codec import decode
from stream.core.ids import content_id
from stream.core.records import (
    Alert,
    AlertAction,
    Article,
    Corroboration,
    DeadLetter,
    Delivery,
    SilenceAdded,
    SilenceExpired,
)
from stream.core.review import VERDICTS, VerdictRefused, new_verdict, verdict_of, verdict_problem
from stream.core.views import AlertQuery, AlertViews
from stream.kafka.client import Publisher
from stream.kafka.settings import Settings, bootstrap
from stream.web.live import DeskBase, SilencesElsewhere
from stream.web.metrics import Counts, Metrics, by_kind
from stream.web.shown import sourced

log = logging.getLogger(__name__)
FOLLOWED = ("alerts", "deliveries", "actions", "deadletter")
NO_SILENCES = ("silences cannot be added or expired over Kafka, which has no store to keep them: put them in the "
               "rules file (silences:), which every worker reloads")


class KafkaDesk(DeskBase):
    """Reads come from what ``follow`` has folded of the topics, from their beginning: the desk's actions
    are on a topic of their own, so they outlive a restart of the page's server like everything else."""

    def __init__(self, broker: str, settings: Settings, rules: RulesWatcher, metrics: Metrics) -> None:
        super().__init__(rules, metrics)
        self.broker = broker
        self.topics = {name: settings.topic(name) for name in FOLLOWED}
        self.publisher = Publisher(broker, settings.topic("articles"))
        self.views = AlertViews()
        self.caught_up = False
        self._seen: set[str] = set()  # records folded: a redelivered one is the same record
        self._deliveries: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
        self._actions: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
        self._verdicts: dict[str, dict[str, Any]] = {}  # the first verdict on each alert held for review
        self._totals: dict[str, Counter[tuple[str, ...]]] = {
            name: Counter() for name in ("alerts", "deliveries", "dead_letters", "verdicts")}

    async def follow(self, stop: asyncio.Event) -> None:
        """Fold the followed topics from their beginning, then as they grow, until ``stop``; topics the
        workers have not created yet are picked up when they appear."""
        consumer = AIOKafkaConsumer(*self.topics.values(), bootstrap_servers=bootstrap(self.broker), group_id=None,
                                    auto_offset_reset="earliest", enable_auto_commit=False, metadata_max_age_ms=2000)
        await consumer.start()
        try:
            while not stop.is_set():
                batch = await consumer.getmany(timeout_ms=200)
                for partition, records in batch.items():
                    for record in records:
                        if record.value:
                            self.take(partition.topic, record.value)
                if not batch and not self.caught_up:
                    self.caught_up = await _caught_up(consumer)
        finally:
            await consumer.stop()

    def take(self, topic: str, raw: bytes) -> None:
        """Fold one message of a followed topic; one that is not the record its topic holds is skipped."""
        try:
            record = decode(raw)
        except (ValidationError, ValueError) as exc:
            log.error("a message on %s that is not a Signalfire record was skipped: %s", topic, exc)
            return
        if record.id in self._seen:
            return
        self._seen.add(record.id)
        if isinstance(record, (Alert, Corroboration)):
            self.views.add(record)
            if isinstance(record, Alert):
                self._totals["alerts"][(record.rule, record.tier)] += 1
                self.raised([record])
        elif isinstance(record, Delivery):
            self._deliveries[record.alert_id].append(record.model_dump(mode="json",
                                                                       exclude={"type", "figures", "sources"}))
            self._totals["deliveries"][(record.channel, "ok" if record.ok else "failed")] += 1
        elif isinstance(record, AlertAction):
            shown = record.model_dump(mode="json", exclude={"type"})
            self._actions[record.alert_id].append(shown)
            if record.action in VERDICTS:  # one id an alert: a later verdict was de-duplicated above
                self._verdicts[record.alert_id] = verdict_of([shown])  # type: ignore[assignment]
                self._totals["verdicts"][(record.action,)] += 1
        elif isinstance(record, DeadLetter):
            self._totals["dead_letters"][(record.reason,)] += 1

    async def ready(self) -> dict[str, Any] | None:
        return None if self.caught_up else {"alerts": f"still reading {self.topics['alerts']} from the beginning"}

    async def counts(self) -> Mapping[str, Counts]:
        return {"alerts": dict(self._totals["alerts"]), "deliveries": dict(self._totals["deliveries"]),
                "dead_letters": by_kind(self._totals["dead_letters"]), "verdicts": dict(self._totals["verdicts"])}

    async def post(self, inputs: Sequence[Article | DeadLetter]) -> list[DeadLetter]:
        """Articles onto the articles topic for the workers; what could not be one onto the dead-letter topic,
        as a worker would put it."""
        self.arrived(inputs)
        articles = [item for item in inputs if isinstance(item, Article)]
        letters = [item for item in inputs if isinstance(item, DeadLetter)]
        await self.publisher.send(articles)
        for letter in letters:
            await self.publisher.producer.send_and_wait(self.topics["deadletter"], letter.model_dump_json().encode())
        return letters

    async def alerts(self, query: AlertQuery) -> list[dict[str, Any]]:
        views = self.views.all()
        if query.pending:
            views = [view for view in views if view["id"] not in self._verdicts]
        return await self.located([self._shown(view) for view in reversed(query.select(views))])

    async def alert(self, alert_id: str) -> dict[str, Any] | None:
        view = self.views.views.get(alert_id)
        if view is None:
            return None
        # No store here: each source shows the outlet and link its alert recorded (sourced with no articles).
        shown = sourced({**self._shown(view), "deliveries": list(self._deliveries.get(alert_id, []))}, {})
        return (await self.located([shown]))[0]

    def _shown(self, view: dict[str, Any]) -> dict[str, Any]:
        return {**view, "actions": list(self._actions.get(view["id"], [])), "verdict": self._verdicts.get(view["id"])}

    async def act(self, alert_id: str, action: str, by: str, note: str | None, assignee: str | None,
                  at: datetime) -> AlertAction | None:
        """An action onto the actions topic. A verdict goes there too: each worker relays it onto the alerts
        topic behind its alert, where the notify agent sends a confirmed alert (see stream.kafka.app)."""
        view = self.views.views.get(alert_id)
        if view is None:
            return None
        if action in VERDICTS:
            problem = verdict_problem(view, self._verdicts.get(alert_id))
            if problem is not None:
                raise VerdictRefused(problem)
            record = new_verdict(alert_id, action, by, note, at)
        else:
            record = AlertAction(id=content_id("ac", alert_id, action, by, at.isoformat()), alert_id=alert_id,
                                 action=action, by=by, note=note, assignee=assignee, at=at)  # type: ignore[arg-type]
        raw = record.model_dump_json().encode()
        await self.publisher.producer.send_and_wait(self.topics["actions"], raw, key=alert_id.encode())
        self.take(self.topics["actions"], raw)  # shown at once; the topic's copy is the same record
        return record

    async def silences(self) -> list[dict[str, Any]]:
        return []

    async def silence(self, rule: str, match: dict[str, str], until: date, reason: str | None,
                      at: datetime) -> SilenceAdded:
        raise SilencesElsewhere(NO_SILENCES)

    async def expire(self, silence_id: str, at: datetime) -> SilenceExpired:
        raise SilencesElsewhere(NO_SILENCES)


async def _caught_up(consumer: AIOKafkaConsumer) -> bool:
    try:
        for partition in consumer.assignment():
            highwater = consumer.highwater(partition)
            if highwater is None or await consumer.position(partition) < highwater:
                return False
    except KafkaError:
        return False
    return True
