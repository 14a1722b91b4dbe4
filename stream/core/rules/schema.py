"""The rules file's schema: one pydantic model per rule kind, a discriminated union on ``kind``."""

from __future__ import annotations

import difflib
import re
from datetime import date, timedelta
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from stream.core.ids import content_id
from stream.core.records import EVENT_TYPES, FIGURES, Side

EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]  # the kinds records.EVENT_KINDS lists
Severity = Literal["info", "low", "medium", "high", "critical"]
FigureField = Literal[FIGURES]  # type: ignore[valid-type]  # the figures of records.EVENT_KINDS
GroupField = Literal["admin1", "place", "country", "side", "type"]
Flag = Literal["cumulative", "negated", "hypothetical", "historical"]
TEMPLATE_FIELDS = frozenset({
    "rule", "place", "admin1", "country", "side", "by", "value", "field", "window_start", "window_end",
    "event_date", "sources", "type", "severity",
})
SILENCE_FIELDS = frozenset({"place", "admin1", "country", "severity", "key"})
_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNITS = {"s": timedelta(seconds=1), "m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1),
          "w": timedelta(weeks=1)}
# The longest span a rules file may write, a duration or how far a spike's baseline reaches back: no rule needs
# more, and as news is dated from 1900 on, no date less or plus one leaves the calendar ('999999999d' passed
# the check and stopped the run with 'date value out of range').
MAX_SPAN = timedelta(days=3650)
# A template's braces: "{{" and "}}" are literal braces, "{name}" a placeholder, anything else an error.
_BRACES = re.compile(r"(?P<escaped>\{\{|\}\})|\{(?P<name>[a-z_][a-z0-9_]*)\}|[{}]|\{[^{}]*\}")
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([a-z_][a-z0-9_]*)\}")


def parse_duration(text: str) -> timedelta:
    """"30s", "5m", "12h", "1d", "2w" as a timedelta."""
    m = _DURATION.match(text)
    if not m:
        raise ValueError(f"'{text}' is not a duration: write a whole number and s, m, h, d or w, like '1d' or '5m'")
    # Measured before a timedelta is made of it (10**20 weeks overflows one), and its digits before an int is.
    if len(m[1]) > 12 or int(m[1]) * _UNITS[m[2]].total_seconds() > MAX_SPAN.total_seconds():
        raise ValueError(f"'{text}' is longer than ten years: write {MAX_SPAN.days}d or less")
    return int(m[1]) * _UNITS[m[2]]


def _checked_duration(text: str) -> str:
    parse_duration(text)
    return text


def _known_kind(name: object) -> object:
    # Said as a kind the extractor does not report, with the kinds it does: not as a value outside a list.
    if isinstance(name, str) and name not in EVENT_TYPES:
        hint = difflib.get_close_matches(name, EVENT_TYPES, n=1)
        raise ValueError(f"unknown kind of event '{name}'{f'; did you mean {hint[0]!r}?' if hint else ''} "
                         f"(kinds: {', '.join(EVENT_TYPES)})")
    return name


# An event type as a rule's match names it, refused at load when no kind of event has that name.
KnownEventType = Annotated[EventType, BeforeValidator(_known_kind)]


# A duration as the rules file writes it ("3d", "30s"), refused at load when it is not one.
Duration = Annotated[str, AfterValidator(_checked_duration)]


class Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Match(Strict):
    """Which events a rule looks at. Background totals, denials and hypotheticals are left out by default."""

    type: list[KnownEventType] = Field(default_factory=list)
    side: list[Side] = Field(default_factory=list)
    country: list[str] = Field(default_factory=list)
    admin1: list[str] = Field(default_factory=list)
    # Events must carry all of these flags; naming a flag lets background events in.
    flags: list[Flag] = Field(default_factory=list)
    include_background: bool = False
    # Events less trusted than this are left out (see `signalfire extract --explain` for each event's).
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)

    @field_validator("type", "side", "country", "admin1", "flags", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class RuleBase(Strict):
    """Options every rule kind shares."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    enabled: bool = True
    severity: Severity = "medium"
    title: str
    summary: str | None = None
    match: Match = Field(default_factory=Match)
    channels: list[str] = Field(default_factory=list)
    min_sources: int = Field(default=1, ge=1)
    realert: Duration = "3d"
    # Which alerts wait on the desk for a person before they are sent: those the precision gate doubts or
    # that rest on events under ``match.min_confidence`` (auto), every one (always), or none (never: events
    # under min_confidence are then left out, and what the gate doubts is sent).
    review: Literal["auto", "always", "never"] = "auto"

    @field_validator("title", "summary")
    @classmethod
    def _known_placeholders(cls, value: str | None) -> str | None:
        if value is None:
            return value
        # Only {name}: a format spec ("{value:>50000000}"), a conversion or an index ("{admin1[40]}") could
        # write megabytes or raise at the first alert, so none is part of the language.
        for m in _BRACES.finditer(value):
            if m["escaped"]:
                continue
            name = m["name"]
            if name is None:
                raise ValueError(f"'{m.group()[:30]}' is not a placeholder: write {{name}} with one of "
                                 f"{', '.join(sorted(TEMPLATE_FIELDS))}, and {{{{ or }}}} for a brace")
            if name not in TEMPLATE_FIELDS:
                hint = difflib.get_close_matches(name, TEMPLATE_FIELDS, n=1)
                known = f"did you mean {{{hint[0]}}}?" if hint else f"known: {', '.join(sorted(TEMPLATE_FIELDS))}"
                raise ValueError(f"unknown placeholder {{{name}}}; {known}")
        return value

    @property
    def realert_period(self) -> timedelta:
        return parse_duration(self.realert)

    @cached_property
    def version(self) -> str:
        """A hash of the rule's definition: an alert records which version of its rule raised it."""
        return content_id("rv", self.model_dump(mode="json"))


class ControlChange(RuleBase):
    """A place changes hands: its first seizure, then each recapture by another side."""

    kind: Literal["control_change"]


class Threshold(RuleBase):
    """One incident's figure at or above a bound (displacement >= 10,000)."""

    kind: Literal["threshold"]
    field: FigureField
    threshold: int = Field(ge=1)


class Windowed(RuleBase):
    """Options of the rules that aggregate per group over tumbling windows of event time."""

    group_by: list[GroupField] = Field(default_factory=lambda: list[GroupField](["admin1"]))
    window: str = "1d"

    @field_validator("window")
    @classmethod
    def _window(cls, value: str) -> str:
        if parse_duration(value) < timedelta(days=1) or parse_duration(value) % timedelta(days=1):
            raise ValueError("windows are whole days of event time: write '1d' or more")
        return value

    @property
    def window_days(self) -> int:
        return parse_duration(self.window).days


class WindowSum(Windowed):
    """The sum of a figure per group over a window (killed per state/region per day)."""

    kind: Literal["window_sum"]
    field: FigureField
    threshold: int = Field(ge=1)


class WindowCount(Windowed):
    """The number of matching events per group over a window (clashes per township per week)."""

    kind: Literal["window_count"]
    threshold: int = Field(ge=1)


class Spike(Windowed):
    """A window well above the ones before it: "not seen in the last N windows", never below a floor."""

    kind: Literal["spike"]
    field: FigureField | None = None
    baseline_windows: int = Field(default=4, ge=1, le=365, validate_default=True)
    floor: int = Field(ge=1)
    # Without a factor, a spike is a window higher than every one of the baseline (as HDX Signals).
    factor: float | None = Field(default=None, gt=1)

    @field_validator("baseline_windows")
    @classmethod
    def _reach(cls, value: int, info: ValidationInfo) -> int:
        """The baseline and the window, which the detector keeps, reach back no further than MAX_SPAN."""
        window = info.data.get("window")
        if window is None:
            return value  # the window was refused, and says why
        days = parse_duration(window).days
        if days * (value + 1) > MAX_SPAN.days:
            raise ValueError(f"{value} windows of {days} days and the window itself reach back {days * (value + 1):,} "
                             f"days, more than ten years ({MAX_SPAN.days:,}): ask for fewer windows, or shorter ones")
        return value


Rule = Annotated[ControlChange | Threshold | WindowSum | WindowCount | Spike, Field(discriminator="kind")]


class Silence(Strict):
    """Alerts of a rule (and matching fields) are recorded as silenced, not sent, through an event date."""

    rule: str
    match: dict[str, str] = Field(default_factory=dict)
    until: date
    reason: str | None = None

    @field_validator("match")
    @classmethod
    def _fields(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = set(value) - SILENCE_FIELDS
        if unknown:
            raise ValueError(f"cannot match on {', '.join(sorted(unknown))}; "
                             f"use {', '.join(sorted(SILENCE_FIELDS))}")
        return value

    @property
    def id(self) -> str:
        return content_id("si", self.model_dump(mode="json"))


class Digest(Strict):
    """Alerts bound for a channel gathered into one message, as Alertmanager groups its notifications.

    Without either setting every alert goes out on its own, at once.
    """

    # How long the first alert for a quiet channel waits for others to join it.
    group_wait: Duration = "0s"
    # The least time between two messages on a channel: what is raised meanwhile goes out as one digest.
    group_interval: Duration = "0s"

    @property
    def wait(self) -> timedelta:
        return parse_duration(self.group_wait)

    @property
    def interval(self) -> timedelta:
        return parse_duration(self.group_interval)

    @property
    def enabled(self) -> bool:
        return bool(self.wait or self.interval)


class RuleSet(Strict):
    """A whole rules file: named channels and the rules that route to them."""

    channels: dict[str, str] = Field(default_factory=dict)
    digest: Digest = Field(default_factory=Digest)
    rules: list[Rule] = Field(default_factory=list)
    silences: list[Silence] = Field(default_factory=list)

    @property
    def version(self) -> str:
        return content_id("rs", self.model_dump(mode="json"))
