"""Recorded events decoded lean, for folding a large stored history: a fraction of a model's cost."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, Union, get_args

import msgspec

from stream.core.records import EVENT_KINDS, CopyOf, EventBase, Evidence, Place, Record


class LeanEvent(msgspec.Struct, kw_only=True, tag_field="type"):
    """A stored event as detectors read it: the same attributes as its model, decoded by msgspec.

    Decoding an event model costs about 10 us, most of it in the nested place and evidence; a backtest
    decodes a million. Here the place is shared by every event naming it, and the evidence stays raw JSON
    until an alert or a corroboration quotes it.
    """

    def __post_init__(self) -> None:
        # Written for speed, as it runs a million times: a place is looked up by its JSON, and an original is
        # decoded only where there is one.
        raw = bytes(self.place)  # type: ignore[has-type]
        place = _PLACES.get(raw)
        self.place = place if place is not None or raw in _PLACES else _place(raw)
        if self.copy_of != _NULL:  # type: ignore[has-type]
            self.copy_of = CopyOf.model_validate_json(bytes(self.copy_of))  # type: ignore[has-type]
        else:
            self.copy_of = None  # type: ignore[assignment]

    @property
    def evidence(self) -> Evidence:
        """Decoded only for an event quoted by an alert or a corroboration."""
        return Evidence.model_validate_json(bytes(self.evidence_json))  # type: ignore[attr-defined]

    # The model's own test, the very function, read as the model reads it.
    is_incident = property(EventBase.is_incident.fget)  # type: ignore[attr-defined]


# A history names a few thousand places a million times: each is decoded once, and the cache is as large as
# the gazetteer at most.
_PLACES: dict[bytes, Place | None] = {b"null": None}
_NULL = msgspec.Raw(b"null")


def _place(raw: bytes) -> Place:
    place = _PLACES[raw] = Place.model_validate_json(raw)
    return place


# An event's bookkeeping, which no rule, title or alert reads: how precise its date is, why its confidence is what
# it is, which extractor made it. Left undecoded, a fifth of the cost of an event. (What its date was read against,
# ``date_anchor``, is read: a window adds one undated article's reports at a time.)
UNREAD = frozenset({"date_precision", "confidence_reasons", "extractor_version"})


def _lean(kind: type[EventBase]) -> type[LeanEvent]:
    """The lean class of an event kind, made from its model, so the two cannot drift apart: the same fields
    and defaults but ``UNREAD``, nested records (place, copy, evidence) kept as raw JSON for ``__post_init__``
    to read."""
    tag = kind.model_fields["type"].default
    fields: list[tuple[str, Any, Any]] = []
    for name, info in kind.model_fields.items():
        if name == "type":  # the tag: a class attribute, as it is a constant on the model
            continue
        if name in UNREAD:
            continue
        default = msgspec.NODEFAULT if info.is_required() else info.default
        if name == "evidence":
            fields.append(("evidence_json", msgspec.Raw, msgspec.field(name="evidence")))
        elif _nested(info.annotation):
            fields.append((name, msgspec.Raw, _NULL))
        else:
            fields.append((name, info.annotation, default))
    lean = msgspec.defstruct(f"Lean{kind.__name__}", fields, bases=(LeanEvent,), tag=tag, namespace={"type": tag},
                             kw_only=True)
    return lean  # type: ignore[return-value]  # defstruct is typed as making any Struct


def _nested(annotation: Any) -> bool:
    """A record, or a record or None."""
    return any(isinstance(t, type) and issubclass(t, Record) for t in (annotation, *get_args(annotation)))


def _plain(model: type[Record], name: str) -> type[msgspec.Struct]:
    """A msgspec struct with a flat record's fields and defaults."""
    fields = [(field, info.annotation, msgspec.NODEFAULT if info.is_required() else info.default)
              for field, info in model.model_fields.items()]
    return msgspec.defstruct(name, fields, kw_only=True)


_EVIDENCE = msgspec.json.Decoder(_plain(Evidence, "LeanEvidence"))


def evidence_json(event: EventBase) -> dict[str, Any]:
    """An event's evidence as JSON, as its model dumps it (fields a store written before them lacks are filled
    with their defaults), without making the model: a backtest shows the evidence of tens of thousands."""
    raw = getattr(event, "evidence_json", None)
    if raw is None:
        return event.evidence.model_dump(mode="json")
    return msgspec.to_builtins(_EVIDENCE.decode(bytes(raw)))  # type: ignore[no-any-return]


LEAN_KINDS = tuple(_lean(kind) for kind in EVENT_KINDS)
# A stored event's JSON (text or bytes) as its lean kind, told by its "type".
decode_lean = msgspec.json.Decoder(Union[LEAN_KINDS]).decode  # type: ignore[valid-type]  # noqa: UP007
_BY_TYPE = {kind.type: kind for kind in LEAN_KINDS}  # type: ignore[attr-defined]


@cache
def lean_decoder(types: tuple[str, ...] | None = None) -> Callable[[str | bytes], Any]:
    """``decode_lean`` for a history of ``types`` only. For one type it decodes that kind straight: the union
    must find an event's "type", written last, before it can decode the rest (about 1 us of 3 an event). An
    event of another type is refused, as a decoder of the union refuses an unknown one."""
    if types is None or len(types) != 1:
        return decode_lean
    return msgspec.json.Decoder(_BY_TYPE[types[0]]).decode
