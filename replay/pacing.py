"""Replay speed: as fast as possible, or N times real time on the articles' dates."""

from __future__ import annotations

import asyncio
from datetime import date

from stream.notify.dispatch import Sleep

DAY = 86_400.0


class Pacer:
    """Waits between articles so event time passes ``speed`` times faster than real time."""

    def __init__(self, speed: float | None, sleep: Sleep = asyncio.sleep) -> None:
        if speed is not None and speed <= 0:
            raise ValueError("speed must be a positive multiple of real time")
        self.speed = speed
        self.sleep = sleep
        self._last: date | None = None

    def delay(self, when: date | None) -> float:
        """Seconds to wait before an article of date ``when``."""
        if self.speed is None or when is None:
            return 0.0
        last, self._last = self._last, when
        if last is None or when <= last:
            return 0.0
        return (when - last).days * DAY / self.speed

    async def wait(self, when: date | None) -> None:
        seconds = self.delay(when)
        if seconds > 0:
            await self.sleep(seconds)
