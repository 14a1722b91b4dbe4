"""Prometheus metrics: totals the desk counts at each scrape (from the store, or from the topics it follows),
and the time from an article's arrival to its alert, measured in this process."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector

from stream.control.watch import RulesWatcher

Counts = Mapping[tuple[str, ...], int]


class Metrics:
    """One registry per service, so that tests and several services in a process never share counters."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.article_to_alert = Histogram(
            "signalfire_article_to_alert_seconds", "From an article's arrival over HTTP to an alert it raised.",
            buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0), registry=self.registry)

    def render(self, counts: Mapping[str, Counts], rules: RulesWatcher) -> bytes:
        """The exposition text: the totals as of now, then this process's histogram."""
        registry = CollectorRegistry()
        registry.register(_Totals(counts, rules))
        return generate_latest(registry) + generate_latest(self.registry)


# Kinds of reason, first match wins: a label value each, however many inputs and however each one's reason reads
# (its size, column, date, id). A reason none of them names is "other", so the series stay this many.
REASON_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((kind, re.compile(pattern)) for kind, pattern in (
    ("too_large", r"^too large"),
    ("binary", r"^binary content"),
    ("not_utf8", r"^not UTF-8"),
    ("not_json", r"^not valid JSON|^not an article|^a JSON article must be an object"),
    ("no_text", r"^missing 'text'|^'text' "),
    ("bad_date", r"^'(published|received)' "),
    ("lone_surrogate", r"lone surrogate"),
    ("bad_field", r"^'\w+' must be|^'copy_of' "),
    ("duplicate_id", r"^duplicate id|^its id is another article's"),
    ("unknown_schema", r"^unknown schema version"),
    ("extraction_failed", r"^extraction failed"),
    ("bad_link", r"^a link that cannot be fetched"),
))
OTHER = "other"


def reason_kind(reason: str) -> str:
    """The kind of a dead letter's reason: "too_large", "not_json", "bad_date" and so on, or "other"."""
    for kind, pattern in REASON_KINDS:
        if pattern.search(reason):
            return kind
    return OTHER


def by_kind(reasons: Counts) -> Counts:
    """Dead letters by the kind of their reason, not by each reason's particulars (sizes, columns, dates, ids),
    which would make a series per input."""
    kinds: dict[tuple[str, ...], int] = {}
    for (reason,), n in reasons.items():
        key = (reason_kind(reason),)
        kinds[key] = kinds.get(key, 0) + n
    return kinds


HELP = {
    "articles": ("signalfire_articles", "Articles taken in.", []),
    "events": ("signalfire_events", "Events extracted, by type.", ["type"]),
    "alerts": ("signalfire_alerts", "Alerts raised, by rule and tier (sent, or held for review).", ["rule", "tier"]),
    "verdicts": ("signalfire_verdicts", "Alerts held for review that a desk confirmed or rejected.", ["verdict"]),
    "dead_letters": ("signalfire_dead_letters", "Inputs that could not be read, by kind of reason (too_large, "
                     "not_json, bad_date...; other).", ["kind"]),
    "deliveries": ("signalfire_deliveries", "Delivery attempts, by channel and outcome.", ["channel", "outcome"]),
}


class _Totals(Collector):
    def __init__(self, counts: Mapping[str, Counts], rules: RulesWatcher) -> None:
        self.counts, self.rules = counts, rules

    def collect(self) -> Iterator[Metric]:
        for key, (name, text, labels) in HELP.items():
            if key in self.counts:
                yield _family(name, text, labels, self.counts[key])
        yield _family("signalfire_rule_reloads", "Rules files taken into force since start.", [],
                      {(): self.rules.reloads})
        yield _family("signalfire_rule_refusals", "Rules files refused since start (the last good rules stayed).",
                      [], {(): self.rules.refusals})


def _family(name: str, text: str, labels: list[str], values: Counts) -> Metric:
    family = CounterMetricFamily(name, text, labels=labels)
    for label_values, value in values.items():
        family.add_metric(list(label_values), value)
    return family
