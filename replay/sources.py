"""Reading replay input: ``.txt`` articles, ``.jsonl`` files of articles, and folders of both."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from stream.core.articles import article_from_json, article_from_text, dead_letter
from stream.core.records import Article, DeadLetter
from stream.errors import BadArticle, SignalfireError

TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


class UnreadablePath(SignalfireError):
    """A path given to replay that is neither an article file nor a folder of them."""


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


class Inputs:
    """Replay input, dead letters first, then articles in event-time order (undated ones last, in reading
    order), without holding the articles.

    A first pass reads every article once for its date and keeps only where it lies (file, byte offset,
    length); iterating reads each again from its file, one at a time, in event-time order. An archive of
    any size is replayed in the memory of its index: about 100 bytes an article.
    """

    def __init__(self, paths: Iterable[str | Path], received: date | None = None) -> None:
        # ``received`` (today, by default) dates the events of articles that carry no date of their own.
        self.received = received or date.today()
        self.files = list(_files(paths))
        self.dead: list[DeadLetter] = []
        keys: list[tuple[bool, date, int, int, int, int]] = []
        for number, path in enumerate(self.files):
            for offset, length, item in _read(path, self.received):
                if isinstance(item, DeadLetter):
                    self.dead.append(item)
                else:
                    keys.append((item.published is None, item.published or date.min, len(keys), number, offset,
                                 length))
        keys.sort()
        self._spans = [(number, offset, length) for *_, number, offset, length in keys]

    def __len__(self) -> int:
        return len(self.dead) + len(self._spans)

    def __iter__(self) -> Iterator[Article | DeadLetter]:
        yield from self.dead
        # A file stays open while its articles follow one another (a single archive: all of them), not opened again
        # for each: an open costs as much as reading the line.
        open_number, file = -1, None
        try:
            for number, offset, length in self._spans:
                path = self.files[number]
                if length < 0:
                    yield article_from_text(path.read_bytes(), name=None, received=self.received)
                    continue
                if file is None or number != open_number:
                    if file is not None:
                        file.close()
                    open_number, file = number, path.open("rb")
                file.seek(offset)
                yield article_from_json(file.read(length), self.received)
        finally:
            if file is not None:
                file.close()


def _read(path: Path, received: date | None) -> Iterator[tuple[int, int, Article | DeadLetter]]:
    """(offset, length, article or dead letter) for each input of a file; length -1 is the whole file."""
    if path.suffix.lower() in TEXT_SUFFIXES:
        raw = path.read_bytes()
        try:
            yield 0, -1, article_from_text(raw, name=None, received=received)
        except BadArticle as exc:
            yield 0, -1, dead_letter(raw, str(path), str(exc), door="text")
        return
    number, offset = 0, 0
    with path.open("rb") as file:
        for chunk in file:  # split at "\n", then as bytes.splitlines splits ("\r" too), line numbers alike
            at = offset
            for line in chunk.splitlines(keepends=True):
                number += 1
                body = line.rstrip(b"\r\n")
                if body.strip():
                    try:
                        yield at, len(body), article_from_json(body, received)
                    except BadArticle as exc:
                        yield at, len(body), dead_letter(body, f"{path}:{number}", str(exc))
                at += len(line)
            offset += len(chunk)


def read_file(path: str | Path, received: date | None = None) -> list[Article | DeadLetter]:
    """One article file's articles and dead letters, in reading order; ``received`` dates the articles without a
    date of their own (None: they stay undated)."""
    if Path(path).is_dir():
        raise UnreadablePath(f"{path}: a folder; give a .txt or .jsonl file")
    [found] = _files([path])  # UnreadablePath when there is none, or it is no article file
    return [item for _, _, item in _read(found, received)]


def read_inputs(paths: Iterable[str | Path], received: date | None = None) -> list[Article | DeadLetter]:
    """Everything the paths hold, as a list: dead letters, then articles in event-time order."""
    return list(Inputs(paths, received))
