"""Delivering alerts: every attempt recorded, failures retried with backoff, once per channel."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from stream.core.ids import content_id
from stream.core.records import Alert, Delivery
from stream.errors import DeliveryFailed
from stream.notify import Notifier

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Backoff:
    """Attempts per run, and the first wait between them (doubling each time)."""

    attempts: int = 4
    first_wait: float = 0.5
    max_wait: float = 30.0

    def wait(self, attempt: int) -> float:
        return float(min(self.max_wait, self.first_wait * 2 ** (attempt - 1)))


async def deliver(notifier: Notifier, alert: Alert, channel: str, url: str, attempts_so_far: int,
                  record: Callable[[Delivery], Awaitable[None]], backoff: Backoff = Backoff(),
                  clock: Clock = utc_now, sleep: Sleep = asyncio.sleep, update: bool = False) -> bool:
    """Try until delivered or out of attempts for this run; each attempt is recorded before the next.

    An ``update`` carries an alert's later figures and sources; its records are told apart by what it said.
    """
    for n in range(1, backoff.attempts + 1):
        attempt = attempts_so_far + n
        error: str | None = None
        try:
            await notifier.send(url, alert)
        except DeliveryFailed as exc:
            error = str(exc)
        except Exception as exc:  # a channel's own bug must not stop the pipeline: record it, retry
            error = f"{type(exc).__name__}: {exc}"
        key = ("du", alert.id, channel, alert.figures, len(alert.sources), attempt) if update else (
            "dl", alert.id, channel, attempt)
        await record(Delivery(id=content_id(*key), alert_id=alert.id, channel=channel, attempt=attempt,
                              ok=error is None, error=error, at=clock(), update=update, figures=alert.figures,
                              sources=len(alert.sources)))
        if error is None:
            return True
        if n < backoff.attempts:
            await sleep(backoff.wait(n))
    return False


def routed(alert: Alert, channels: Mapping[str, str]) -> list[tuple[str, str]]:
    """(name, url) of the alert's channels that the current rules still define."""
    return [(name, channels[name]) for name in alert.channels if name in channels]
