"""Turning raw input (a text file, a JSON line) into an Article, or a BadArticle with the reason."""

from __future__ import annotations

import base64
import json
import re
import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from pydantic import ValidationError

from stream.core.dates import latest_full_date, marker_date
from stream.core.ids import content_id
from stream.core.records import Article, CopyOf, DeadLetter
from stream.core.text import contains_any
from stream.errors import BadArticle

MAX_ARTICLE_BYTES = 1_000_000
# News is dated from this year on; a date before it is a typo or a forgery, and would overflow date sums.
FIRST_YEAR = 1900
# A lone surrogate (from a JSON escape such as "\ud800") is no character: it cannot be stored or printed.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
MIN_TEXT_CHARS = 20
# Control characters but tab, newline, vertical tab, form feed and return: many mean a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# The same characters, each looked for by a substring search: a text holding none (nearly every one) is
# passed in a twentieth of the pattern's scan, and only one holding some is counted by the pattern.
_CONTROLS = tuple(chr(c) for c in (*range(0x00, 0x09), *range(0x0e, 0x20)))


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_ARTICLE_BYTES:
        raise BadArticle(f"too large: {len(raw):,} bytes (the limit is {MAX_ARTICLE_BYTES:,})")
    if b"\x00" in raw:
        raise BadArticle("binary content: NUL bytes are not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadArticle(f"not UTF-8 text: invalid byte at offset {exc.start}") from None
    controls = len(_CONTROL.findall(text, 0, 4096)) if contains_any(text, _CONTROLS) else 0
    if controls > 8:
        raise BadArticle(f"binary content: {controls} control characters in the first 4 KiB")
    return text


def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise BadArticle(f"'text' must be a string, not {type(text).__name__}")
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise BadArticle(f"'text' is empty or shorter than {MIN_TEXT_CHARS} characters")
    return text


def _published(value: Any, text: str) -> date | None:
    if isinstance(value, str) and value.strip():
        moment = _iso_moment(value)
        if moment is not None:
            return moment.date()
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise BadArticle(f"'published' is not an ISO date: {value[:40]!r}") from None
    if value not in (None, ""):
        raise BadArticle(f"'published' must be an ISO date string, not {type(value).__name__}")
    return marker_date(text) or latest_full_date(text)


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, (str, int)):
        raise BadArticle(f"'{key}' must be a string, not {type(value).__name__}")
    return str(value)


def _received(value: Any, default: date | None) -> date | None:
    """The day the line says it was received, checked like a publication date; else ``default``."""
    if value in (None, ""):
        return default
    try:
        found = date.fromisoformat(str(value)[:10])
    except ValueError:
        raise BadArticle(f"'received' is not an ISO date: {str(value)[:40]!r}") from None
    if found.year < FIRST_YEAR or (default is not None and found > default + timedelta(days=1)):
        raise BadArticle(f"'received' {found} is not a day this article can have reached us"
                         + (f" (today is {default})" if default else ""))
    return found


def _copy_of(value: Any) -> CopyOf | None:
    """``copy_of``: the original a republished story copies, as ``{"article_id": ..., "source": ...}``."""
    if value is None:
        return None
    try:
        return CopyOf.model_validate(value)
    except ValidationError:
        raise BadArticle("'copy_of' must be an object with the original's 'article_id' and 'source'") from None


def article_from_json(raw: bytes, received: date | None = None) -> Article:
    """One JSONL line: ``{id?, url?, source?, title?, published?, received?, text}``; other fields are ignored.

    ``received`` is the day the article reached us, kept where the line does not carry one already.
    """
    text = _decode(raw)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadArticle(f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise BadArticle("not an article: JSON nested too deeply") from None
    except ValueError:  # the only other: an integer longer than Python converts (sys.get_int_max_str_digits)
        raise BadArticle(f"not an article: it holds a number of more than {sys.get_int_max_str_digits():,} "
                         "digits") from None
    if not isinstance(obj, dict):
        raise BadArticle(f"a JSON article must be an object, not {type(obj).__name__}")
    if "text" not in obj:
        raise BadArticle("missing 'text': every article needs its text")
    body = _check_text(obj["text"])
    url = _optional_str(obj, "url")
    fields = {"id": _optional_str(obj, "id"), "url": url, "source": _optional_str(obj, "source"),
              "title": _optional_str(obj, "title"), "text": body}
    # A lone surrogate can only come from a JSON escape, \ud800 to \udfff (UTF-8 decoding refuses one): a line
    # without "\ud" or "\uD" holds none, and its fields are not scanned for one.
    if "\\ud" in text or "\\uD" in text:
        for name, value in fields.items():
            _no_surrogates(name, value)
    arrived = _received(obj.get("received"), received)
    return Article(
        id=fields["id"] or content_id("art", url, body),
        url=url,
        source=fields["source"],
        title=fields["title"],
        published=_dated(_published(obj.get("published"), body), arrived),
        published_at=_published_at(obj.get("published")),
        received=arrived,
        text=body,
        copy_of=_copy_of(obj.get("copy_of")),
    )


def _published_at(value: Any) -> datetime | None:
    """The moment of a "published" that gives an hour and its offset ("2026-11-25T23:30:00Z"), in UTC; else None: an
    hour without an offset says nothing of where it was read."""
    moment = _iso_moment(value) if isinstance(value, str) and "T" in value else None
    return moment.astimezone(UTC) if moment is not None and moment.tzinfo is not None else None


def _iso_moment(value: str) -> datetime | None:
    """An ISO date or moment as written ("2026-11-25", "2026-11-25T23:30:00Z"), or None where it is neither."""
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _no_surrogates(name: str, value: str | None) -> None:
    found = _SURROGATE.search(value) if value else None
    if found:
        raise BadArticle(f"'{name}' holds a lone surrogate (\\u{ord(found.group()):04x}) at character "
                         f"{found.start()}: it is not text")


def _dated(published: date | None, received: date | None) -> date | None:
    """A publication date news can have: from 1900 on, and no later than the day after it was received."""
    if published is None:
        return None
    if published.year < FIRST_YEAR:
        raise BadArticle(f"'published' {published} lies before {FIRST_YEAR}: not a date news is dated")
    if received is not None and published > received + timedelta(days=1):
        raise BadArticle(f"'published' {published} lies after the day the article was received ({received}); "
                         "a date in the future would move every window")
    return published


def article_from_text(raw: bytes, name: str | None = None, received: date | None = None) -> Article:
    """A plain-text article like the seeds: an optional leading `` date YYYY-MM-DD`` marker, then text."""
    body = _check_text(_decode(raw))
    _no_surrogates("text", body)
    first_line = body.strip().splitlines()[0].strip()
    title = first_line if len(first_line) <= 160 and not marker_date(body) else None
    return Article(
        id=content_id("art", body),
        source=name,
        title=title,
        published=_dated(_published(None, body), received),
        received=received,
        text=body,
    )


def extraction_failure(article: Article, error: Exception) -> str:
    """Why an article has no events: extraction failed on it. Its dead letter says so, and the fold goes on."""
    return f"extraction failed on article {article.id!r}: {type(error).__name__}: {str(error)[:300]}"


def dead_letter(raw: bytes, origin: str, reason: str, door: Literal["json", "text"] = "json") -> DeadLetter:
    """The input kept whole with the reason and the door it failed (``article_from_json``, or
    ``article_from_text`` for a text file), the same record in every runtime; undecodable bytes as base64."""
    # A file name that is not valid Unicode ("\udcff" from the file system) is kept with that byte escaped.
    origin = origin.encode("utf-8", "backslashreplace").decode("utf-8")
    try:
        text, encoding = raw.decode("utf-8"), "utf-8"
        if "\x00" in text:
            raise UnicodeDecodeError("utf-8", raw, 0, 1, "NUL")
    except UnicodeDecodeError:
        text, encoding = base64.b64encode(raw).decode("ascii"), "base64"
    return DeadLetter(id=content_id("dlq", origin, raw.hex()[:256], len(raw)), reason=reason, origin=origin,
                      raw=text, raw_encoding=encoding, door=door)  # type: ignore[arg-type]
