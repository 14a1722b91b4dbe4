"""What every detector shares: matching events, gating on sources, building alerts and corroborations."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from stream.core.ids import content_id
from stream.core.records import Alert, Corroboration, EventBase, Place, SourceRef
from stream.core.rules.schema import PLACEHOLDER, Match, RuleBase

Output = Alert | Corroboration
S = TypeVar("S")


class Detector(Protocol[S]):
    """A rule as a fold: ``step`` may update ``state`` in place and returns it with what it raised."""

    rule: RuleBase
    # What is made of outputs: records, drafts or ids (see .outputs.Emits).
    made: str

    def initial(self) -> S: ...

    def step(self, state: S, event: EventBase) -> tuple[S, list[Output]]: ...


def field_of(event: EventBase, name: str) -> Any:
    """A field some event kinds lack ("side" of a displacement), without pydantic's slow missing-attribute path
    (3 us a miss). A lean recorded event (``stream.core.recorded``) keeps its fields in slots, not a dict."""
    fields = getattr(event, "__dict__", None)
    return fields.get(name) if fields is not None else getattr(event, name, None)


def matcher(match: Match, confidence: bool = True) -> Callable[[EventBase], bool]:
    """The rule's filter as one test of an event: background and denials only when asked for. What it names is
    read once, into sets, since a backtest asks a million events. Without ``confidence``, events under
    ``min_confidence`` are let in: the precision gate holds what they raise for review."""
    flags, background = tuple(match.flags), match.include_background
    types, sides = frozenset(match.type), frozenset(match.side)
    least = match.min_confidence if confidence else 0.0
    countries, regions = frozenset(match.country), frozenset(match.admin1)

    def accepts(event: EventBase) -> bool:
        if flags:
            if not all(field_of(event, flag) for flag in flags):
                return False
        elif not background and not event.is_incident:
            return False
        if types and field_of(event, "type") not in types:
            return False
        if event.confidence < least:
            return False
        if sides and field_of(event, "side") not in sides:
            return False
        if countries or regions:
            place = event.place
            if place is None or (countries and place.country not in countries):
                return False
            return not regions or place.admin1 in regions
        return True
    return accepts


def figure(event: EventBase, field: str) -> int | None:
    value = field_of(event, field)
    return value if isinstance(value, int) else None


def source_key(event: EventBase) -> str:
    """Independent sources are outlets; without an outlet, each article counts as its own. A copy of
    another outlet's story counts as that outlet, however many outlets carry it."""
    if event.copy_of is not None:
        return event.copy_of.source or event.copy_of.article_id
    return event.source or event.article_id


def source_ref(event: EventBase) -> SourceRef:
    return SourceRef(article_id=event.article_id, source=event.source, url=event.url,
                     copy_of=event.copy_of.article_id if event.copy_of else None)


def gate(pending: dict[Any, list[EventBase]], key: Any, event: EventBase, min_sources: int) -> list[EventBase] | None:
    """Hold reports of a candidate alert until ``min_sources`` independent outlets agree."""
    if min_sources == 1:
        return [event]
    held = pending.setdefault(key, [])
    if all(e.id != event.id for e in held):
        held.append(event)
    if len({source_key(e) for e in held}) >= min_sources:
        return pending.pop(key)
    return None


def render(rule: RuleBase, fields: Mapping[str, Any] | Titled) -> str:
    """The title with each {name} replaced by its field: plain substitution, never str.format."""
    out = []
    for literal, name in _template(rule.title):
        out.append(literal)
        if name is not None:
            out.append(_shown(name, fields.get(name)))
    return "".join(out)


def _shown(name: str, found: Any) -> str:
    return "?" if found is None else f"{found:,}" if name == "value" and isinstance(found, int) else str(found)


def figure_template(rule: RuleBase, fields: Mapping[str, Any] | Titled) -> str | None:
    """The title rendered but for ``{value}``, left as the placeholder of its figure (``{killed} killed in Kachin on
    2024-03-05``), for ``retitle`` to fill from the figures as later reports leave them; None when the title names
    no figure, and never changes."""
    parts = _template(rule.title)
    figure = fields.get("field")
    if not any(name == "value" for _, name in parts) or not isinstance(figure, str) or not PLACEHOLDER.fullmatch(
            "{" + figure + "}"):
        return None
    out = []
    for literal, name in parts:
        out.append(_braced(literal))
        if name == "value":
            out.append("{" + figure + "}")
        elif name is not None:
            out.append(_braced(_shown(name, fields.get(name))))
    return "".join(out)


def retitle(template: str, figures: Mapping[str, int]) -> str:
    """An alert's title from its ``title_template`` and its figures as they stand."""
    # Parsed afresh, not through the cache: each alert has a template of its own, and would push the rules' out.
    return "".join(literal + ("" if name is None else _shown("value", figures.get(name)))
                   for literal, name in _template.__wrapped__(template))


def _braced(text: str) -> str:
    """Text kept literal in a template: its braces doubled."""
    return text.replace("{", "{{").replace("}", "}}")


@lru_cache(maxsize=256)
def _template(title: str) -> tuple[tuple[str, str | None], ...]:
    """A title cut once into (literal text, placeholder name or None) parts: a backtest renders it for
    hundreds of thousands of alerts."""
    parts, literal, at = [], [], 0
    for m in PLACEHOLDER.finditer(title):
        literal.append(title[at:m.start()])
        at = m.end()
        if m.group(1) is None:
            literal.append(m.group()[0])  # "{{" and "}}" are one brace
        else:
            parts.append(("".join(literal), m.group(1)))
            literal = []
    literal.append(title[at:])
    parts.append(("".join(literal), None))
    return tuple(parts)


def alert_fields(rule: RuleBase, key: str, events: Sequence[EventBase], figures: dict[str, int],
                 fields: Mapping[str, Any], when: date | None = None, place: Place | None = None) -> dict[str, Any]:
    """An alert's fields but its sources and evidence. Its id depends only on the rule and the key, so every
    replay raises the same one."""
    first = events[0]
    place = place if place is not None else first.place
    when = when or first.event_date
    titled = Titled(rule, events, place, when, fields)
    return {"id": alert_id(rule, key), "rule": rule.id, "rule_version": rule.version,
            "severity": rule.severity, "title": render(rule, titled), "key": key,
            "place": place, "event_date": when, "figures": figures, "event_ids": tuple(e.id for e in events),
            "channels": tuple(rule.channels), "silenced_by": None, "tier": "sent", "review": (),
            "title_template": figure_template(rule, titled)}


class Titled:
    """What an alert's title may name (``TEMPLATE_FIELDS``), each worked out only when its title names it: a
    backtest titles a hundred thousand alerts, and most titles name two or three."""

    __slots__ = ("events", "fields", "place", "rule", "when")

    def __init__(self, rule: RuleBase, events: Sequence[EventBase], place: Place | None, when: date | None,
                 fields: Mapping[str, Any]) -> None:
        self.rule, self.events, self.place, self.when, self.fields = rule, events, place, when, fields

    def get(self, name: str) -> Any:
        """The detector's own ``fields`` first (value, field, window, group), then the alert's."""
        found = self.fields.get(name)
        return found if found is not None or name in self.fields else _TITLED[name](self)


_TITLED: dict[str, Callable[[Titled], Any]] = {
    "rule": lambda t: t.rule.id,
    "severity": lambda t: t.rule.severity,
    "type": lambda t: field_of(t.events[0], "type"),
    "place": lambda t: t.place.name if t.place else None,
    # A town abroad known only to its country ("Nasir (South Sudan) seized"), as windows count it.
    "admin1": lambda t: (t.place.admin1 or t.place.country) if t.place else None,
    "country": lambda t: t.place.country if t.place else None,
    "side": lambda t: field_of(t.events[0], "side"),
    "by": lambda t: field_of(t.events[0], "by"),
    "event_date": lambda t: t.when,
    "sources": lambda t: len({source_key(e) for e in t.events}),
    "value": lambda t: None,
    "field": lambda t: None,
    "window_start": lambda t: None,
    "window_end": lambda t: None,
}


def alert_id(rule: RuleBase, key: str) -> str:
    return content_id("al", rule.id, key)


def quote(fields: Mapping[str, Any], events: Sequence[EventBase]) -> Alert:
    """The alert whole: ``alert_fields`` with the sources and evidence of its reports."""
    # Validated, not model_construct'ed: for these small records with parts already built pydantic's
    # validator is 1.4 to 1.7 times faster than model_construct, which fills fields in Python.
    return Alert(**fields, sources=sources_of(events), evidence=tuple(e.evidence for e in events))


def sources_of(events: Sequence[EventBase]) -> tuple[SourceRef, ...]:
    """The articles behind an alert's reports, each once, in the order they came."""
    sources: dict[str, SourceRef] = {}
    for e in events:
        if e.article_id not in sources:
            sources[e.article_id] = source_ref(e)
    return tuple(sources.values())


def corroborate(alert_id: str, event: EventBase, figures: dict[str, int] | None = None,
                promotes: bool = False) -> Corroboration:
    return Corroboration(
        id=content_id("co", alert_id, event.id), alert_id=alert_id, event_id=event.id, source=source_ref(event),
        evidence=event.evidence, figures=figures or {}, event_date=event.event_date, promotes=promotes)


def place_key(place: Place | None) -> str | None:
    if place is None:
        return None
    return place.code or f"{place.country or '?'}:{place.admin1 or '?'}:{place.name.lower()}"
