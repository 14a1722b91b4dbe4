"""Frozen records of the log: articles, extracted events, alerts, corroborations, deliveries, dead letters."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from stream.core.text import contains_any

Side = Literal["military", "police", "resistance", "civilian", "mixed", "unknown"]
Qualifier = Literal["exact", "at_least", "approx", "up_to"]
PlacePrecision = Literal["facility", "village", "town", "township", "district", "admin1", "country"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
# Where an alert goes: "sent" to its channels, or held on the desk for "review" (see stream.core.gate).
Tier = Literal["sent", "review"]


# The information separators \x1c-\x1f are whitespace to Unicode, not to ASCII: an article holds them
# as spaces, so every pattern reads them alike in either mode (see stream.core.text.Regex).
_SEPARATOR = re.compile(r"[\x1c-\x1f]")
# Each looked for by a substring search first: twenty-five times cheaper than the pattern's scan of a text.
_SEPARATORS = ("\x1c", "\x1d", "\x1e", "\x1f")


class Record(BaseModel):
    """Base of every record: immutable, and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class CopyOf(Record):
    """The original an article republishes (a wire story carried by another outlet): its id and outlet."""

    article_id: str
    source: str | None = None


class Article(Record):
    """One news article as read from a file, a JSONL line, a topic or a feed."""

    type: Literal["article"] = "article"
    id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: date | None = None
    # The moment it was published, in UTC, where its source gave an hour: a story filed late in the evening in UTC is
    # already the next day where it happened, east of Greenwich.
    published_at: datetime | None = None
    # When the article reached Signalfire: the day its events are dated from when it has no date of its own.
    received: date | None = None
    text: str
    # Set when this article is a near-copy of one taken in before: not an independent source.
    copy_of: CopyOf | None = None

    @field_validator("text", "title")
    @classmethod
    def _separators_as_spaces(cls, value: str | None) -> str | None:
        # One space for one separator: offsets into the text are unchanged.
        return _SEPARATOR.sub(" ", value) if value and contains_any(value, _SEPARATORS) else value


class Evidence(Record):
    """The sentence a fact came from, with its character span in the article text, and the words that led to it."""

    article_id: str
    sentence: str
    # The span of ``sentence`` in the article's text, or in its title where ``in_title``.
    start: int
    end: int
    in_title: bool = False
    # The words the extractor read the fact from ("seven villagers ... were shot dead"), and their
    # span within ``sentence``.
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None


class Place(Record):
    """A gazetteer entry an event was resolved to (or a bare name when nothing matched)."""

    name: str
    admin1: str | None = None
    country: str | None = None
    code: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None


class EventBase(Record):
    """What every extracted fact carries: provenance, place, event time and flags."""

    id: str
    article_id: str
    source: str | None = None
    url: str | None = None
    event_date: date | None = None
    date_precision: DatePrecision = "unknown"
    # What the event date was read against: the article's own date, or (without one) the day it was received.
    date_anchor: Literal["published", "received", "none"] = "published"
    place: Place | None = None
    # A running total ("since the coup", "last month"), never a new incident.
    cumulative: bool = False
    negated: bool = False
    hypothetical: bool = False
    # Told as history: dated well before the article's news ("after it took the town in January").
    historical: bool = False
    # How far the fact can be trusted, in (0, 1], and what lowered it (see stream.core.extract.confidence).
    confidence: float = 1.0
    confidence_reasons: tuple[str, ...] = ()
    evidence: Evidence
    extractor_version: str
    # The original, when the article is a copy of another outlet's story: counted as that outlet.
    copy_of: CopyOf | None = None
    # Why the fact may not be the article's news, each a rule of news writing the precision gate holds an
    # alert on (stream.core.gate): the fact is kept, but an alert that needs it waits for a person.
    doubts: tuple[str, ...] = ()
    # The fields of this kind that hold a figure, which rules sum, count and compare (FIGURES lists all kinds').
    figure_fields: ClassVar[tuple[str, ...]] = ()

    @property
    def is_incident(self) -> bool:
        """True when the fact reports something that newly happened."""
        return not (self.cumulative or self.negated or self.hypothetical or self.historical)


class TerritorySeized(EventBase):
    """A place whose control changed hands; ``side`` is who took it."""

    type: Literal["territory_seized"] = "territory_seized"
    by: str | None = None
    side: Side = "unknown"
    target: str = "place"


class Casualties(EventBase):
    """People killed and/or injured; ``side`` is the victims' side."""

    type: Literal["casualties"] = "casualties"
    figure_fields = ("killed", "injured")
    killed: int | None = None
    injured: int | None = None
    side: Side = "unknown"
    actor: str | None = None
    qualifier: Qualifier = "exact"


class Displacement(EventBase):
    """People who fled or were displaced."""

    type: Literal["displacement"] = "displacement"
    figure_fields = ("displaced",)
    displaced: int
    qualifier: Qualifier = "exact"


class Airstrike(EventBase):
    """One or more air or drone strikes; ``count`` when the article gives one."""

    type: Literal["airstrike"] = "airstrike"
    figure_fields = ("count",)
    count: int | None = None
    side: Side = "military"


# The one list of event kinds: the rule schema's event types and figures, the store's records and extraction's
# table of kinds (stream.core.extract.kinds, which refuses at import a table that is not this list) read it.
# A new kind is a class here, added to this union, and a finder with its entry in that table.
Event = Annotated[
    TerritorySeized | Casualties | Displacement | Airstrike, Field(discriminator="type")
]
EVENT_KINDS: tuple[type[EventBase], ...] = get_args(get_args(Event)[0])
EVENT_TYPES: tuple[str, ...] = tuple(kind.model_fields["type"].default for kind in EVENT_KINDS)
FIGURES: tuple[str, ...] = tuple(dict.fromkeys(name for kind in EVENT_KINDS for name in kind.figure_fields))


class SourceRef(Record):
    """Which article (and outlet) backs an alert."""

    article_id: str
    source: str | None = None
    url: str | None = None
    # The article this one copies: the outlet carried the story, but it is not an independent source.
    copy_of: str | None = None


class Alert(Record):
    """Raised by a rule; its id is a hash of the rule and the key, so replays never duplicate it."""

    type: Literal["alert"] = "alert"
    id: str
    rule: str
    rule_version: str
    severity: str
    title: str
    key: str
    place: Place | None = None
    event_date: date | None = None
    figures: dict[str, int] = Field(default_factory=dict)
    sources: tuple[SourceRef, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    event_ids: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    # Set when a silence covered the alert: recorded, listed with --silenced, never sent.
    silenced_by: str | None = None
    # Raised by an event that reached detection after its time was released (Kafka runtime, beyond grace).
    late: bool = False
    # "review": the precision gate doubted it (the reasons are in ``review``): stored and shown on the desk,
    # never sent until a person confirms it.
    tier: Tier = "sent"
    review: tuple[str, ...] = ()
    # The title with its figure left as a placeholder ("{killed} killed in Kachin on 2024-03-05"): views and updates
    # render it from the figures as later reports leave them, so that a title never says 14 where the alert says 17.
    # None where the title names no figure (and in stores written before).
    title_template: str | None = None


class Corroboration(Record):
    """A later report of an alerted incident: adds a source and may raise the figures."""

    type: Literal["corroboration"] = "corroboration"
    id: str
    alert_id: str
    event_id: str
    source: SourceRef
    evidence: Evidence
    figures: dict[str, int] = Field(default_factory=dict)
    late: bool = False
    # The day of the corroborating event (None in stores written before corroborations carried it).
    event_date: date | None = None
    # Set when the alert was held for review and the reports the precision gate trusts, this one among them,
    # would now raise it alone: from here it is sent, as if raised so.
    promotes: bool = False


class SilenceAdded(Record):
    """A silence an operator added from the command line, kept in the log like everything else."""

    type: Literal["silence"] = "silence"
    id: str
    rule: str
    match: dict[str, str] = Field(default_factory=dict)
    until: date
    reason: str | None = None
    added_at: datetime


class SilenceExpired(Record):
    """An operator ended a silence before its date: alerts from then on are sent again."""

    type: Literal["silence_expired"] = "silence_expired"
    id: str
    silence_id: str
    expired_at: datetime


class AlertAction(Record):
    """A desk's action on an alert: acknowledged, assigned or dismissed, by whom, when and why; or, for an alert
    held for review, confirmed (then sent, once) or rejected (never sent)."""

    type: Literal["alert_action"] = "alert_action"
    id: str
    alert_id: str
    action: Literal["ack", "assign", "dismiss", "confirm", "reject"]
    by: str = Field(min_length=1, max_length=200)
    assignee: str | None = Field(default=None, max_length=200)
    note: str | None = Field(default=None, max_length=5000)
    at: datetime


class RulesApplied(Record):
    """A rules file applied from the desk's rules page: by whom, when, and the versions it replaced and put in force."""

    type: Literal["rules_applied"] = "rules_applied"
    id: str
    path: str
    by: str = Field(min_length=1, max_length=200)
    at: datetime
    old_version: str
    new_version: str
    backup: str | None = None  # the previous file, kept as a numbered copy beside it


class Delivery(Record):
    """One attempt to send an alert to one channel."""

    type: Literal["delivery"] = "delivery"
    id: str
    alert_id: str
    channel: str
    attempt: int
    ok: bool
    error: str | None = None
    at: datetime
    # What the message said, so a later report that changes it goes out as an update of the same alert.
    update: bool = False
    figures: dict[str, int] = Field(default_factory=dict)
    sources: int = 0


class DeadLetter(Record):
    """An input that could not be used, kept whole with the reason."""

    type: Literal["dead_letter"] = "dead_letter"
    id: str
    reason: str
    origin: str
    raw: str
    raw_encoding: Literal["utf-8", "base64"] = "utf-8"
    # The door it failed, the one a retry reads it through again: a JSON line, or a text file. None: kept before
    # doors were recorded (stream.cli.ops tells them by their origin).
    door: Literal["json", "text"] | None = None
