"""The one exception hierarchy of Signalfire."""

from __future__ import annotations

from os import PathLike


class SignalfireError(Exception):
    """Base of every error Signalfire raises on purpose."""


class BadArticle(SignalfireError):
    """An input that cannot become an article; the message is the dead-letter reason."""


class RulesError(SignalfireError):
    """A rules file that cannot be used; carries every problem found, each with file and line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class DeliveryFailed(SignalfireError):
    """A notification channel refused or could not take an alert."""


class StoreError(SignalfireError):
    """The event store cannot be opened or is not a Signalfire store."""


class DamagedRecord(StoreError):
    """A record the store holds cannot be read back: its bytes were damaged on disk."""


class StateError(SignalfireError):
    """Stored detector state that cannot be read back: not written by Signalfire, or by another version."""


def unreadable(path: str | PathLike[str], error: Exception) -> str:
    """What to tell of a record the store at ``path`` could not give back (a DamagedRecord, or SQLite's error on its
    page or text) and what to do: the same words from a command and from the web API, which imports no runtime."""
    if getattr(error, "sqlite_errorname", "") in {"SQLITE_BUSY", "SQLITE_LOCKED"}:  # held by another, not damaged
        return f"{path}: {error}"
    said = " ".join(str(error).split())[:200]
    if not isinstance(error, DamagedRecord):  # SQLite's own words: on a page, or on text that is not UTF-8
        said = f"a record of the store cannot be read ({said})"
    return (f"{path}: {said}: the store is damaged. Restore it from a backup, or copy out what can still be read: "
            f"sqlite3 {path} .recover | sqlite3 recovered.db")
