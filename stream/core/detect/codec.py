"""Detector state as versioned JSON: what a changelog or a snapshot stores is data, never code.

A state is the detectors' plain objects: dicts (with tuple or date keys), lists, tuples, sets, dates,
the dataclasses named in ``_CLASSES`` and the event records they hold. Each is written as JSON with a
small tag where JSON has no type of its own ({"$tuple": [...]}); decoding builds only those types, so
a value written by anyone else can at worst be refused. Pickle, which runs whatever a value names,
is never used.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import MISSING, fields, is_dataclass
from datetime import date
from typing import Any

from pydantic import TypeAdapter, ValidationError

from stream.core.detect.control import ControlState, Holding
from stream.core.detect.threshold import Raised, ThresholdState
from stream.core.detect.window import Window, WindowState
from stream.core.records import Event, EventBase
from stream.errors import StateError

STATE_VERSION = 1
# The only classes a state may name.
_CLASSES: dict[str, type[Any]] = {cls.__name__: cls for cls in (ControlState, Holding, ThresholdState, Raised,
                                                                  WindowState, Window)}
_EVENT: TypeAdapter[Any] = TypeAdapter(Event)


def encode_state(state: Any) -> bytes:
    """The state as versioned JSON bytes."""
    return json.dumps({"version": STATE_VERSION, "state": _encode(state)}, separators=(",", ":"),
                      ensure_ascii=False).encode()


def decode_state(raw: bytes) -> Any:
    """The state ``encode_state`` wrote, or StateError saying why these bytes are not one."""
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise StateError(f"detector state is not JSON ({exc}); it was not written by this version of "
                         "Signalfire") from None
    except RecursionError:
        raise StateError("detector state is nested too deeply to be one") from None
    if not isinstance(document, dict) or "version" not in document or "state" not in document:
        raise StateError("detector state has no version: it was not written by Signalfire")
    if document["version"] != STATE_VERSION:
        raise StateError(f"unknown detector state version {document['version']!r}; this worker reads version "
                         f"{STATE_VERSION}")
    try:
        return _decode(document["state"])
    except RecursionError:
        raise StateError("detector state is nested too deeply to be one") from None


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {"$dict": [[_encode(key), _encode(item)] for key, item in value.items()]}
    if isinstance(value, tuple):
        return {"$tuple": [_encode(item) for item in value]}
    if isinstance(value, (set, frozenset)):
        return {"$set": [_encode(item) for item in value]}
    if isinstance(value, deque):
        return {"$deque": [_encode(item) for item in value], "maxlen": value.maxlen}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, EventBase):
        return {"$event": value.model_dump(mode="json")}
    name = type(value).__name__
    if is_dataclass(value) and _CLASSES.get(name) is type(value):
        return {"$object": name, "fields": {f.name: _encode(getattr(value, f.name)) for f in fields(value)}}
    raise StateError(f"cannot store a {name} in detector state")


def _decode(value: Any) -> Any:
    if not isinstance(value, (dict, list)):
        return value
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if len(value) == 1 or (len(value) == 2 and ("maxlen" in value or "fields" in value)):
        tag = next(iter(value))
        body = value[tag]
        if tag == "$dict" and isinstance(body, list) and all(isinstance(p, list) and len(p) == 2 for p in body):
            return {_hashable(_decode(k)): _decode(v) for k, v in body}
        if tag == "$tuple" and isinstance(body, list):
            return tuple(_decode(item) for item in body)
        if tag == "$set" and isinstance(body, list):
            return {_hashable(_decode(item)) for item in body}
        if tag == "$deque" and isinstance(body, list):
            maxlen = value.get("maxlen")
            if maxlen is not None and not isinstance(maxlen, int):
                raise StateError("a deque's maxlen must be a whole number")
            return deque((_decode(item) for item in body), maxlen=maxlen)
        if tag == "$date" and isinstance(body, str):
            try:
                return date.fromisoformat(body)
            except ValueError:
                raise StateError(f"not a date: {body[:40]!r}") from None
        if tag == "$event":
            try:
                return _EVENT.validate_python(body)
            except ValidationError as exc:
                raise StateError(f"not an event record: {exc.errors()[0]['msg']}") from None
        if tag == "$object":
            return _object(value)
    raise StateError(f"unknown value in detector state: {json.dumps(value)[:80]}")


def _object(value: dict[str, Any]) -> Any:
    cls = _CLASSES.get(value.get("$object"))  # type: ignore[arg-type]
    body = value.get("fields")
    if cls is None or not isinstance(body, dict):
        raise StateError(f"detector state names no known class: {str(value.get('$object'))[:40]!r}")
    names = {f.name for f in fields(cls)}
    # A field added since the state was written takes its default; any other difference is refused.
    defaulted = {f.name for f in fields(cls) if f.default is not MISSING or f.default_factory is not MISSING}
    if not set(body) <= names or names - set(body) - defaulted:
        raise StateError(f"{cls.__name__} in detector state has fields {sorted(body)}, not {sorted(names)}")
    return cls(**{name: _decode(item) for name, item in body.items()})


def _hashable(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        raise StateError(f"a key in detector state cannot be a {type(value).__name__}") from None
    return value
