"""The one exception hierarchy of Signalfire."""

from __future__ import annotations


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
