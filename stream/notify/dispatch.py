"""Delivering alerts: every attempt recorded, failures retried with backoff, once per channel."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from stream.core.ids import content_id
from stream.core.records import Alert, Delivery
from stream.errors import DeliveryFailed
from stream.notify import Notifier, compose

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


async def deliver(notifier: Notifier, alerts: Sequence[tuple[Alert, int]], channel: str, url: str,
                  record: Callable[[list[Delivery]], Awaitable[None]], backoff: Backoff = Backoff(),
                  clock: Clock = utc_now, sleep: Sleep = asyncio.sleep, update: bool = False) -> bool:
    """Send (alert, attempts so far) pairs as one message until it arrives or this run's attempts are spent.

    Every attempt is recorded for each alert it carried, before the next. An ``update`` tells one alert's
    later figures and sources; its records are told apart by what it said.
    """
    message = compose([alert for alert, _ in alerts], update)
    for n in range(1, backoff.attempts + 1):
        error: str | None = None
        try:
            await notifier.send(url, message)
        except DeliveryFailed as exc:
            error = str(exc)
        except Exception as exc:  # a channel's own bug must not stop the service: record it, retry
            error = f"{type(exc).__name__}: {exc}"
        await record([_attempt(alert, attempts_so_far + n, channel, error, clock(), update)
                      for alert, attempts_so_far in alerts])
        if error is None:
            return True
        if n < backoff.attempts:
            await sleep(backoff.wait(n))
    return False


# A service makes one attempt at a time: a failing channel rests instead of holding up its other alerts.
ONE_ATTEMPT = Backoff(attempts=1)
# A channel out of attempts rests before it is tried again: 30 s, doubling with each failure, 10 min at most.
CHANNEL_REST = Backoff(first_wait=30.0, max_wait=600.0)


def rest(failures: int, jitter: float, rests: Backoff = CHANNEL_REST) -> timedelta:
    """How long a channel rests after ``failures`` failed rounds in a row; ``jitter`` in [0, 1) spreads it
    over half to one and a half times, so many waiting senders do not return at once."""
    return timedelta(seconds=rests.wait(failures) * (0.5 + jitter))


def _attempt(alert: Alert, attempt: int, channel: str, error: str | None, at: datetime, update: bool) -> Delivery:
    key = ("du", alert.id, channel, alert.figures, len(alert.sources), attempt) if update else (
        "dl", alert.id, channel, attempt)
    return Delivery(id=content_id(*key), alert_id=alert.id, channel=channel, attempt=attempt, ok=error is None,
                    error=error, at=at, update=update, figures=alert.figures, sources=len(alert.sources))


def routed(alert: Alert, channels: Mapping[str, str]) -> list[tuple[str, str]]:
    """(name, url) of the alert's channels that the current rules still define."""
    return [(name, channels[name]) for name in alert.channels if name in channels]
