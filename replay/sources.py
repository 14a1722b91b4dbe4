"""Reading replay input: ``.txt`` articles, ``.jsonl`` files of articles, and folders of both."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from stream.core.articles import article_from_json, article_from_text, dead_letter
from stream.core.records import Article, DeadLetter
from stream.errors import BadArticle, SignalfireError

TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


class UnreadablePath(SignalfireError):
    """A path given to replay that is neither an article file nor a folder of them."""


@dataclass(frozen=True)
class Item:
    """One input in reading order: an article, or a dead letter for what could not be one."""

    position: int
    record: Article | DeadLetter


def _files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in
                              TEXT_SUFFIXES | JSONL_SUFFIXES)
        elif path.is_file():
            if path.suffix.lower() not in TEXT_SUFFIXES | JSONL_SUFFIXES:
                raise UnreadablePath(f"{path}: not an article file; give .txt, .jsonl or a folder of them")
            yield path
        else:
            raise UnreadablePath(f"{path}: no such file or folder")


def _read(path: Path, received: date | None) -> Iterator[Article | DeadLetter]:
    raw = path.read_bytes()
    if path.suffix.lower() in TEXT_SUFFIXES:
        try:
            yield article_from_text(raw, name=None, received=received)
        except BadArticle as exc:
            yield dead_letter(raw, str(path), str(exc))
        return
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield article_from_json(line, received)
        except BadArticle as exc:
            yield dead_letter(line, f"{path}:{number}", str(exc))


def read_inputs(paths: Iterable[str | Path], received: date | None = None) -> list[Article | DeadLetter]:
    """Everything the paths hold, articles ordered by event time (undated ones last, in reading order).

    ``received`` (today, by default) dates the events of articles that carry no date of their own.
    """
    received = received or date.today()
    items = [item for path in _files(paths) for item in _read(path, received)]
    order = {id(item): i for i, item in enumerate(items)}
    dead = [item for item in items if isinstance(item, DeadLetter)]
    articles = [item for item in items if isinstance(item, Article)]
    articles.sort(key=lambda a: (a.published is None, a.published or date.min, order[id(a)]))
    return [*dead, *articles]
