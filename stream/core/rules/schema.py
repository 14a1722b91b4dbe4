"""The rules file's schema: one pydantic model per rule kind, a discriminated union on ``kind``."""

from __future__ import annotations

import re
import string
from datetime import timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from stream.core.ids import content_id
from stream.core.records import Side

EventType = Literal["territory_seized", "casualties", "displacement", "airstrike", "clash"]
Severity = Literal["info", "low", "medium", "high", "critical"]
FigureField = Literal["killed", "injured", "displaced", "count"]
GroupField = Literal["admin1", "place", "country", "side", "type"]
TEMPLATE_FIELDS = frozenset({
    "rule", "place", "admin1", "country", "side", "by", "value", "field", "window_start", "window_end",
    "event_date", "sources", "type", "severity",
})
_DURATION = re.compile(r"^\s*(\d+)\s*([dwh])\s*$")


def parse_duration(text: str) -> timedelta:
    """"1d", "7d", "2w", "12h" as a timedelta of event time."""
    m = _DURATION.match(text)
    if not m:
        raise ValueError(f"'{text}' is not a duration: write a whole number and d, w or h, like '1d' or '2w'")
    n, unit = int(m[1]), m[2]
    return timedelta(hours=n) if unit == "h" else timedelta(days=n * (7 if unit == "w" else 1))


class Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Match(Strict):
    """Which events a rule looks at. Background totals, denials and hypotheticals are left out by default."""

    type: list[EventType] = Field(default_factory=list)
    side: list[Side] = Field(default_factory=list)
    country: list[str] = Field(default_factory=list)
    admin1: list[str] = Field(default_factory=list)
    include_background: bool = False

    @field_validator("type", "side", "country", "admin1", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class RuleBase(Strict):
    """Options every rule kind shares."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    enabled: bool = True
    severity: Severity = "medium"
    title: str
    match: Match = Field(default_factory=Match)
    channels: list[str] = Field(default_factory=list)
    min_sources: int = Field(default=1, ge=1)
    realert: str = "3d"

    @field_validator("title")
    @classmethod
    def _known_placeholders(cls, value: str) -> str:
        for _, name, _, _ in string.Formatter().parse(value):
            if name is not None and name.split(".")[0].split("[")[0] not in TEMPLATE_FIELDS:
                known = ", ".join(sorted(TEMPLATE_FIELDS))
                raise ValueError(f"unknown placeholder {{{name}}} in the title; known: {known}")
        return value

    @field_validator("realert")
    @classmethod
    def _duration(cls, value: str) -> str:
        parse_duration(value)
        return value

    @property
    def realert_period(self) -> timedelta:
        return parse_duration(self.realert)

    @property
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


class WindowSum(RuleBase):
    """The sum of a figure per group over a tumbling window of event time."""

    kind: Literal["window_sum"]
    field: FigureField
    threshold: int = Field(ge=1)
    group_by: list[GroupField] = Field(default_factory=lambda: list[GroupField](["admin1"]))
    window: str = "1d"

    @field_validator("window")
    @classmethod
    def _window(cls, value: str) -> str:
        if parse_duration(value) < timedelta(days=1):
            raise ValueError("windows are whole days of event time: write '1d' or more")
        return value


Rule = Annotated[ControlChange | Threshold | WindowSum, Field(discriminator="kind")]


class RuleSet(Strict):
    """A whole rules file: named channels and the rules that route to them."""

    channels: dict[str, str] = Field(default_factory=dict)
    rules: list[Rule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> RuleSet:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"two rules share the id '{rule.id}': ids must be unique")
            seen.add(rule.id)
        return self

    @property
    def version(self) -> str:
        return content_id("rs", self.model_dump(mode="json"))
