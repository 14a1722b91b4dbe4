"""feeds.yaml to a list of feeds, or a RulesError whose every line reads ``FILE:LINE:COL: key.path: what to fix``."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError

from stream.core.rules.load import _did_you_mean, _plain, located, parse_yaml, plain_message
from stream.errors import RulesError


class Feed(BaseModel):
    """One feed to follow."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    url: HttpUrl
    # The outlet its articles are credited to (what min_sources counts); the feed's own title by default.
    outlet: str | None = None
    language: str | None = None
    country: str | None = None
    # Seconds between polls of this feed.
    interval: float = Field(default=300.0, ge=10.0, le=86_400.0)
    # Fetch each item's page for its text: always, never, or when the feed holds only a summary (auto).
    full_text: bool | Literal["auto"] = "auto"
    # Let this feed's fetches (its item pages, its redirects) reach loopback and private addresses, as for a
    # feed on the desk's own network; by default only the feed's own host and public addresses are fetched.
    allow_private: bool = False


class FeedsFile(BaseModel):
    """The whole file: the feeds, and how to behave towards the sites they are on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    feeds: list[Feed] = Field(min_length=1)
    user_agent: str = "Signalfire/0.1 (conflict monitoring; +https://github.com/signalfire)"
    # Seconds between two requests to one host, and requests at once to one host.
    per_host_delay: float = Field(default=1.0, ge=0.0, le=60.0)
    per_host_concurrency: int = Field(default=2, ge=1, le=16)
    # Seconds one read, connect or write may wait; and seconds a whole answer (redirects and body) may take.
    timeout: float = Field(default=20.0, gt=0.0, le=300.0)
    deadline: float = Field(default=60.0, gt=0.0, le=3600.0)
    max_bytes: int = Field(default=5_000_000, ge=10_000, le=100_000_000)
    max_redirects: int = Field(default=5, ge=0, le=20)


def load_feeds(text: str, filename: str = "<feeds>") -> FeedsFile:
    """Parse and validate a feeds file, every problem reported at once."""
    data = parse_yaml(text, filename)
    if not isinstance(data, dict) or "feeds" not in data:
        raise RulesError([f"{filename}:1:1: (top): the file must hold 'feeds:', a list of feeds with name and url"])
    try:
        loaded = FeedsFile.model_validate(_plain(data))
    except ValidationError as exc:
        raise RulesError([_describe(error, data, filename) for error in exc.errors()]) from None
    problems, seen = [], set()
    for index, feed in enumerate(loaded.feeds):
        if feed.name in seen:  # the name is the key of the feed's state: two feeds cannot share it
            problems.append(located(filename, data, ("feeds", index, "name"),
                                    f"'{feed.name}' names an earlier feed already; give each feed its own name"))
        seen.add(feed.name)
    if problems:
        raise RulesError(problems)
    return loaded


def _describe(error: Any, data: Any, filename: str) -> str:
    path = tuple(error["loc"])
    if error["type"] == "extra_forbidden":
        fields = Feed.model_fields if len(path) == 3 and path[0] == "feeds" else FeedsFile.model_fields
        message = f"unknown key '{path[-1]}'{_did_you_mean(str(path[-1]), fields)}"
    elif error["type"] == "missing":
        message = f"missing required key '{path[-1]}'"
    else:
        message = plain_message(error)
    return located(filename, data, path, message)
