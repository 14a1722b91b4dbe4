"""The one table of the kinds of event extraction reports: each kind's record, finder, builder, figures and label.

A new kind is a record class in stream/core/records.py, a finder module here with its words in
stream/data/lang, and one ``Kind`` in ``KINDS``; nothing else branches on a kind's name. The passes, the
record builder and the explanation read a kind's traits from this table, and a type the table lacks
raises ``UnknownKind``. The records' ``Event`` union stays written out in records.py: pydantic builds
its discriminated union, and mypy its type, from a literal list of classes, and the log's records
(read by the store, the rules schema and Kafka) must not import finders. So that union is the one list
of record classes, and this module refuses at import a table whose records are not that list, in its
order. ``extract`` takes the table as an argument: a test adds a kind to a copy of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from stream.core.extract import airstrikes, casualties, displacement, territory
from stream.core.extract.actors import Actors
from stream.core.extract.context import PRECISION_RANK, SentenceContext
from stream.core.extract.findings import Finding
from stream.core.records import (
    EVENT_KINDS,
    Airstrike,
    Casualties,
    Displacement,
    EventBase,
    TerritorySeized,
)
from stream.core.text import Cues
from stream.errors import SignalfireError

R = TypeVar("R", bound=EventBase)
# Every finding of one sentence; the context gives the sentence, its places and its date.
Finder = Callable[[SentenceContext, Actors], Iterable[Finding]]
# Two findings with one key in an article are one fact told twice; None: told apart by figure, side and site.
RepeatKey = Callable[[SentenceContext, Finding], "tuple[object, ...] | None"]


class UnknownKind(SignalfireError, LookupError):
    """A finding or an event whose type no kind of the table has."""


def type_of(event: EventBase) -> str:
    """The ``type`` a record's class gives it: EventBase leaves the field to each kind, so mypy cannot see it.

    Read as an attribute: pydantic's ``model_fields`` costs as much as a pass over a finding.
    """
    return event.type  # type: ignore[attr-defined, no-any-return]


def default_label(event: EventBase) -> str:
    """'airstrike (military)': the kind's name and the side the event gives."""
    return f"{type_of(event).replace('_', ' ')} ({getattr(event, 'side', None)})"


def _no_key(ctx: SentenceContext, f: Finding) -> tuple[object, ...] | None:
    return None


@dataclass(frozen=True, slots=True)
class Kind(Generic[R]):
    """One kind of event: how it is found, how a finding becomes its record, and what the passes know of it."""

    record: type[R]
    find: Finder
    # The record of a finding, given the fields every record has (id, place, date, flags, evidence, ...).
    build: Callable[[dict[str, Any], Finding], R]
    label: Callable[[R], str] = default_label  # the first line of ``signalfire extract --explain``
    # A happening at a place (a seizure, a strike), one per place in a story and told again by any report
    # of its kind; otherwise a figure, told again by a figure near it, and a running total when background.
    at_place: bool = False
    # The place changes hands: taken back by the other side, it is a second event, not a repeat.
    changes_hands: bool = False
    # People killed or hurt: the side is the victims', read from the story's other victims when unnamed; a
    # large figure in the perfect is a toll, and a total the article breaks down goes for its parts.
    victims: bool = False
    # A strike: "the Kalay air raid" refers to one told elsewhere, and the plural in a generic sentence
    # ("has carried out airstrikes") is a habit, not one incident.
    strike: bool = False
    # People fleeing: they leave homes, so a flight told in a state is placed at no army post the story names.
    flight: bool = False
    # The side is read from the words (the victims', the captor's): not knowing it lowers trust.
    side_told: bool = False
    repeat_key: RepeatKey = _no_key
    # Words one of which every sentence the finder reports holds: a sentence without one is not given to it.
    cues: Cues | None = None

    @property
    def type(self) -> str:
        """The record's ``type``, what findings and events are told apart by."""
        return str(self.record.model_fields["type"].default)

    @property
    def figures(self) -> tuple[str, ...]:
        """The fields of a finding and of the record that hold a figure."""
        return self.record.figure_fields


class Kinds(dict[str, Kind[Any]]):
    """The table: kinds by their type, in the order their finders run on each sentence.

    A dict, so that the passes' many lookups cost what a dict's do; a type it lacks raises UnknownKind.
    """

    def __init__(self, kinds: Iterable[Kind[Any]]) -> None:
        super().__init__((kind.type, kind) for kind in kinds)

    def __missing__(self, type_: str) -> Kind[Any]:
        raise UnknownKind(f"no kind of event is called {type_!r}: add a Kind for it to the table in "
                          f"stream/core/extract/kinds.py (kinds: {', '.join(self)})")

    def adding(self, kind: Kind[Any]) -> Kinds:
        """This table and one more kind, whose finder runs last."""
        return Kinds((*self.values(), kind))


def _seizures_key(ctx: SentenceContext, f: Finding) -> tuple[object, ...] | None:
    return (f.type, f.place and (f.place.code or f.place.name))


def _strikes_key(ctx: SentenceContext, f: Finding) -> tuple[object, ...] | None:
    near = ctx.place_near(f.start)
    place = f.place or near
    # "bombed several areas of the town, including the Yan Aung quarter": the quarter the sentence names is where.
    if f.place and near and PRECISION_RANK[near.precision] < PRECISION_RANK[f.place.precision] \
            and near.precision in ("village", "facility"):
        place = near
    return (f.type, place and place.name)  # one name is one place in a story: Loikaw town or township


def _displacement_key(ctx: SentenceContext, f: Finding) -> tuple[object, ...] | None:
    return (f.type, f.displaced)


def _seizure_label(event: TerritorySeized) -> str:
    return f"territory seized by {event.side}{f' ({event.by})' if event.by else ''}"


def _casualties_label(event: Casualties) -> str:
    parts = [f"{n} {label}" for n, label in ((event.killed, "killed"), (event.injured, "injured")) if n]
    return f"casualties: {', '.join(parts)} ({event.side})"


def _displacement_label(event: Displacement) -> str:
    return f"displacement: {event.displaced} people"


KINDS = Kinds((
    Kind(TerritorySeized, territory.find_seizures,
         lambda base, f: TerritorySeized(**base, side=f.side or "unknown", by=f.by, target=f.target),
         _seizure_label, at_place=True, changes_hands=True, side_told=True, repeat_key=_seizures_key,
         cues=territory.CUES),
    Kind(Casualties, casualties.find_casualties,
         lambda base, f: Casualties(**base, killed=f.killed, injured=f.injured, side=f.side or "unknown",
                                    actor=f.actor, qualifier=f.qualifier),
         _casualties_label, victims=True, side_told=True, cues=casualties.CUES),
    Kind(Displacement, displacement.find_displacement,
         lambda base, f: Displacement(**base, displaced=f.displaced or 0, qualifier=f.qualifier),
         _displacement_label, flight=True, repeat_key=_displacement_key, cues=displacement.CUES),
    Kind(Airstrike, airstrikes.find_strikes,
         lambda base, f: Airstrike(**base, count=f.count, side=f.side or "military"),
         at_place=True, strike=True, repeat_key=_strikes_key, cues=airstrikes.CUES),
))

# The table is the records' union, kind for kind and in order: a kind missing on either side fails here, at import.
if tuple(kind.record for kind in KINDS.values()) != EVENT_KINDS:
    raise UnknownKind(f"the kinds table lists {list(KINDS)}, the Event union in records.py "
                      f"{[kind.model_fields['type'].default for kind in EVENT_KINDS]}: make them the same")
