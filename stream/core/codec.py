"""Records to and from JSON: every kind a log, a topic or a table may carry, told apart by ``type``."""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from stream.core.records import (
    EVENT_KINDS,
    Alert,
    AlertAction,
    Article,
    Corroboration,
    DeadLetter,
    Delivery,
    Event,
    RulesApplied,
    SilenceAdded,
    SilenceExpired,
)

AnyRecord = Annotated[
    Union[(Article, *EVENT_KINDS, Alert, Corroboration, AlertAction, Delivery, DeadLetter, SilenceAdded,  # type: ignore[valid-type]  # noqa: UP007
           SilenceExpired, RulesApplied)],
    Field(discriminator="type")]
RECORD: TypeAdapter[Any] = TypeAdapter(AnyRecord)
EVENT: TypeAdapter[Any] = TypeAdapter(Event)


def decode(body: str | bytes) -> Any:
    """A record from its JSON, as text or as the bytes a topic carries."""
    return RECORD.validate_json(body)
