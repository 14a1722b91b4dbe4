"""What ingestion remembers between runs, in the store's SQLite file: each feed's validators and health,
and every item taken in (so nothing is fetched or published twice, and copies are found after a restart)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import aiosqlite
from pydantic import BaseModel, ConfigDict

SCHEMA = """
CREATE TABLE IF NOT EXISTS feed_state (name TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feed_items (
    id TEXT PRIMARY KEY,          -- the article id: one per canonical URL
    feed TEXT NOT NULL,
    url TEXT NOT NULL,
    fingerprint TEXT NOT NULL,    -- the text, whatever its spacing and case
    signature BLOB NOT NULL,      -- its MinHash, to find copies of it
    source TEXT,
    original TEXT,                -- the article it copies, when it is a copy
    original_source TEXT,
    taken_at TEXT NOT NULL
);
"""


class FeedState(BaseModel):
    """One feed's validators (for conditional requests), health and schedule."""

    model_config = ConfigDict(extra="forbid")

    name: str
    etag: str | None = None
    last_modified: str | None = None
    healthy: bool = True
    last_error: str | None = None
    last_error_at: datetime | None = None
    last_ok_at: datetime | None = None
    failures: int = 0  # in a row, for backoff
    errors: int = 0  # ever
    polls: int = 0
    not_modified: int = 0
    items: int = 0  # articles taken in from it
    skipped: int = 0  # item pages that could not be fetched when polled (tried again at the next poll)
    next_poll: float = 0.0  # epoch seconds


class Item(BaseModel):
    """An item taken in."""

    model_config = ConfigDict(extra="forbid")

    id: str
    feed: str
    url: str
    fingerprint: str
    signature: bytes
    source: str | None
    original: str | None
    original_source: str | None
    taken_at: datetime


class IngestState:
    """A connection of its own to the store file: feed state is written as polls end, beside the pipeline."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def feeds(self) -> dict[str, FeedState]:
        cursor = await self._db.execute("SELECT body FROM feed_state")
        return {state.name: state for state in
                (FeedState.model_validate_json(body) for (body,) in await cursor.fetchall())}

    async def save(self, states: list[FeedState]) -> None:
        await self._db.executemany("INSERT INTO feed_state (name, body) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
                                   "SET body = excluded.body", [(s.name, s.model_dump_json()) for s in states])
        await self._db.commit()

    async def known(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            cursor = await self._db.execute(
                f"SELECT id FROM feed_items WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            found.update(row[0] for row in await cursor.fetchall())
        return found

    async def take(self, items: list[Item]) -> None:
        if not items:
            return
        await self._db.executemany(
            "INSERT OR IGNORE INTO feed_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(item.id, item.feed, item.url, item.fingerprint, item.signature, item.source, item.original,
              item.original_source, item.taken_at.isoformat()) for item in items])
        await self._db.commit()

    async def recent(self, limit: int) -> list[Item]:
        """The latest items, oldest first: what the copy index is rebuilt from at a start."""
        cursor = await self._db.execute(
            "SELECT id, feed, url, fingerprint, signature, source, original, original_source, taken_at FROM "
            "(SELECT rowid, * FROM feed_items ORDER BY rowid DESC LIMIT ?) ORDER BY rowid", (limit,))
        names = ("id", "feed", "url", "fingerprint", "signature", "source", "original", "original_source",
                 "taken_at")
        return [Item.model_validate(dict(zip(names, row, strict=True))) for row in await cursor.fetchall()]


@asynccontextmanager
async def ingest_state(path: Path) -> AsyncIterator[IngestState]:
    db = await aiosqlite.connect(path, timeout=30)
    try:
        await db.execute("PRAGMA journal_mode=WAL")
        await db.executescript(SCHEMA)
        await db.commit()
        yield IngestState(db)
    finally:
        await db.close()
