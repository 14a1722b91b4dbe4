"""Read models folded from the log: an alert as a desk sees it, with its corroborations merged in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from stream.core.detect.base import retitle
from stream.core.places import place_key
from stream.core.records import Alert, Corroboration, Tier


def grown(alert: Alert, report: Corroboration) -> Alert:
    """The alert as a later report leaves it: figures raised, the report's article among its sources, its title
    told with the figures as they stand. What a message or a live feed tells of an alert that has grown."""
    figures = {**alert.figures, **report.figures}
    known = any(source.article_id == report.source.article_id for source in alert.sources)
    return alert.model_copy(update={
        "figures": figures, "sources": alert.sources if known else (*alert.sources, report.source),
        "title": retitle(alert.title_template, figures) if alert.title_template else alert.title})


def alert_views(records: Iterable[Alert | Corroboration]) -> list[dict[str, Any]]:
    """Each alert as JSON, in the order raised: sources, evidence and figures grow with corroborations."""
    views = AlertViews()
    for record in records:
        views.add(record)
    return views.all()


class AlertViews:
    """Alert views folded one record at a time, for a reader that follows the alerts as they come.

    A view's title is rendered from its figures as they stand (``raised_figures`` keeps those it was raised
    with). Its later reports (``corroborated``) are articles other than those that raised it, each listed once:
    another event of a raising article, or of an article already listed, grows the figures and the evidence but
    is no later report.
    """

    def __init__(self) -> None:
        self.views: dict[str, dict[str, Any]] = {}
        # Per alert: the articles and evidence spans already listed, so a long history folds in linear time.
        self._listed: dict[str, tuple[set[str], set[tuple[str, int, int]]]] = {}
        self._raised_by: dict[str, frozenset[str]] = {}  # the articles that raised each alert
        self._reports: dict[str, dict[str, dict[str, Any]]] = {}  # each alert's later reports, by article
        self._titles: dict[str, str] = {}  # title templates (``Alert.title_template``), where a title names a figure

    def add(self, record: Alert | Corroboration) -> dict[str, Any] | None:
        """Fold one record; the view it made or changed (None for a corroboration of an unknown alert)."""
        if isinstance(record, Alert):
            return self.open(record.model_dump(mode="json", exclude={"type"}))
        if record.alert_id not in self.views:
            return None
        view = self.views[record.alert_id]
        articles, spans = self._listed[record.alert_id]
        article = record.source.article_id
        if article not in self._raised_by[record.alert_id]:
            self._later_report(record, view)
        if article not in articles:
            articles.add(article)
            view["sources"].append(record.source.model_dump(mode="json"))
        span = (record.evidence.article_id, record.evidence.start, record.evidence.end)
        if span not in spans:
            spans.add(span)
            view["evidence"].append(record.evidence.model_dump(mode="json"))
        view["event_ids"].append(record.event_id)
        view["figures"].update(record.figures)
        template = self._titles.get(record.alert_id)
        if template is not None and record.figures:
            view["title"] = retitle(template, view["figures"])
        if record.promotes:  # a report the gate trusts: the alert held for review is sent from here
            view["tier"] = "sent"
        return view

    def _later_report(self, record: Corroboration, view: dict[str, Any]) -> None:
        """Each later report in the order it came: when, who, and the figures it left; one an article."""
        reports = self._reports[record.alert_id]
        known = reports.get(record.source.article_id)
        if known is not None:
            known["figures"].update(record.figures)
            known["late"] = known["late"] or record.late
            return
        reports[record.source.article_id] = report = {
            "event_date": record.event_date.isoformat() if record.event_date else None,
            "article_id": record.source.article_id, "source": record.source.source, "url": record.source.url,
            "figures": dict(record.figures), "late": record.late}
        view["corroborated"].append(report)
        view["corroborations"] += 1

    def open(self, view: dict[str, Any]) -> dict[str, Any]:
        """Fold an alert given as JSON (``Alert.model_dump(mode="json")`` but its type); the view it made."""
        template = view.pop("title_template", None)
        if template is not None:
            self._titles[view["id"]] = template
        view["raised_figures"] = dict(view["figures"])
        view["corroborations"] = 0
        view["corroborated"] = []
        self.views[view["id"]] = view
        raised_by = {s["article_id"] for s in view["sources"]}
        self._raised_by[view["id"]] = frozenset(raised_by)
        self._reports[view["id"]] = {}
        self._listed[view["id"]] = (raised_by, {(e["article_id"], e["start"], e["end"]) for e in view["evidence"]})
        return view

    def all(self) -> list[dict[str, Any]]:
        return list(self.views.values())


@dataclass(frozen=True)
class AlertQuery:
    """Which alerts a desk asks for: by event date, rule, severity and place (a place, state/region or
    country, by any of its names: ``place_key``), silenced or not, sent or held for review (``tier``;
    ``pending``: held and not yet judged), and only the newest ``limit`` of them raised before the alert
    ``before`` (the cursor of the page before: its last alert's id)."""

    since: date | None = None
    until: date | None = None
    rule: str | None = None
    severity: str | None = None
    place: str | None = None
    silenced: bool = False
    tier: Tier | None = None
    pending: bool = False
    limit: int | None = None
    before: str | None = None

    def admits(self, view: Mapping[str, Any]) -> bool:
        """Whether an alert view answers the query (``limit`` aside)."""
        if (view.get("silenced_by") is not None) != self.silenced:
            return False
        if self.rule is not None and view.get("rule") != self.rule:
            return False
        if self.severity is not None and view.get("severity") != self.severity:
            return False
        tier = view.get("tier", "sent")  # alerts recorded before tiers were all sent
        if self.tier is not None and tier != self.tier:
            return False
        if self.pending and (tier != "review" or view.get("verdict")):
            return False
        when = view.get("event_date")
        if (self.since or self.until) and when is None:
            return False
        if self.since and date.fromisoformat(when) < self.since:  # type: ignore[arg-type]
            return False
        if self.until and date.fromisoformat(when) > self.until:  # type: ignore[arg-type]
            return False
        if self.place is not None:
            place = view.get("place") or {}
            wanted = place_key(self.place)
            return any(place_key(str(place[k])) == wanted for k in ("name", "admin1", "country") if place.get(k))
        return True

    def select(self, views: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The views that answer the query, in the order raised: the newest ``limit`` when one is set."""
        if self.before is not None:
            ids = [view["id"] for view in views]
            views = views[:ids.index(self.before)] if self.before in ids else []
        found = [view for view in views if self.admits(view)]
        return found[-self.limit:] if self.limit else found
