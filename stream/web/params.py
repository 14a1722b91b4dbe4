"""What a request gives, read strictly: the query of ``GET /api/alerts`` (each parameter by one rule), a body within
its limit, a JSON body as its model; what is wrong refused with what to fix."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from stream.core.records import Tier
from stream.core.rules.schema import Severity
from stream.core.views import AlertQuery

MAX_TEXT = 200  # a rule id, a place name, an alert id: far longer is no name
DEFAULT_LIMIT, MAX_LIMIT = 200, 5000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: str.isdigit() takes '²' and '１'


class Refused(Exception):
    """A request refused: its HTTP status and what to put right (the app answers it as ``{"error": message}``)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class BadQuery(ValueError):
    """A query parameter that is not what its rule takes; the message names it and says what it takes."""


Parse = Callable[[str, str], Any]


def text(name: str, value: str) -> str:
    if len(value) > MAX_TEXT or _CONTROL.search(value):
        raise BadQuery(f"{name}={_shown(value)}: at most {MAX_TEXT} characters, none of them control characters")
    return value


def day(name: str, value: str) -> date:
    try:
        if _DAY.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise BadQuery(f"{name}={_shown(value)}: write a date as YYYY-MM-DD")


def flag(name: str, value: str) -> bool:
    if value not in ("true", "false"):
        raise BadQuery(f"{name}={_shown(value)}: true or false")
    return value == "true"


def whole(low: int, high: int) -> Parse:
    def parse(name: str, value: str) -> int:
        # ASCII digits, and no more of them than the bound has: int() of 5,000 digits raises, and is slow before.
        if not (value.isascii() and value.isdigit() and len(value) <= len(str(high)) and low <= int(value) <= high):
            raise BadQuery(f"{name}={_shown(value)}: a whole number from {low} to {high}")
        return int(value)

    return parse


def one_of(values: Sequence[str], meaning: str = "") -> Parse:
    def parse(name: str, value: str) -> str:
        if value not in values:
            raise BadQuery(f"{name}={_shown(value)}: {', '.join(values[:-1])} or {values[-1]}{meaning}")
        return value

    return parse


ALERT_PARAMETERS: dict[str, Parse] = {
    "since": day, "until": day, "rule": text, "place": text, "before": text,
    "severity": one_of(get_args(Severity)),
    "tier": one_of(get_args(Tier), " (the alerts held for review)"),
    "silenced": flag, "pending": flag,
    "limit": whole(1, MAX_LIMIT),
}


def alert_query(params: Mapping[str, Sequence[str]]) -> AlertQuery:
    """The alert query of a request's parameters (each name to the values given for it); BadQuery names the first
    parameter that is wrong. Parameters the API does not read are left alone, as a cache-buster would be."""
    given: dict[str, Any] = {}
    for name, parse in ALERT_PARAMETERS.items():
        values = params.get(name, ())
        if len(values) > 1:
            raise BadQuery(f"{name}: given twice; give it once")
        if values:
            given[name] = parse(name, values[0])
    return AlertQuery(**{"limit": DEFAULT_LIMIT} | given)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused past ``limit`` bytes without reading the rest."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise Refused(413, f"the body is over {limit:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, f"the body is over {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


M = TypeVar("M", bound=BaseModel)


def read_model(model: type[M], body: bytes) -> M:
    """The body read as ``model`` (an empty one as ``{}``), or a 422 naming the first field that is wrong."""
    try:
        return model.model_validate_json(body or b"{}")
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise Refused(422, f"{'.'.join(map(str, problem['loc'])) or 'body'}: {problem['msg']}") from None


def _shown(value: str) -> str:
    """A bad value as an error quotes it: whole when short, its start and length when not."""
    return repr(value) if len(value) <= 40 else f"{value[:20]!r}... ({len(value):,} characters)"
