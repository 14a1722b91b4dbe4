"""Whether a store may be written to: SQLite's quick_check passes and each stage stands within the log."""

from __future__ import annotations

from pathlib import Path

import aiosqlite

from stream.errors import StoreError

# What each stage does to what the log holds past its position.
_DOES = {"extract": "extracted", "detect": "folded into alerts"}


def _recover(path: str | Path) -> str:
    return (f"Restore it from a backup, or copy out what can still be read: sqlite3 {path} .recover | sqlite3 "
            "recovered.db")


async def refuse_damaged(db: aiosqlite.Connection, path: str | Path) -> None:
    """StoreError unless SQLite's quick_check finds the file whole: pages, cells and records as SQLite wrote
    them (about a second a gigabyte, and no reading of what the records say)."""
    found = await (await db.execute("PRAGMA quick_check(1)")).fetchone()
    said = str(found[0]) if found else "no answer"
    if said != "ok":
        detail = " ".join(said.replace("*** in database main ***", "").split())
        raise StoreError(f"{path}: the store is damaged (SQLite's quick_check: {detail[:200]}); nothing was written "
                         f"to it. {_recover(path)}. Commands that only read (alerts, stats, deadletters list) may "
                         "still read it")


async def refuse_stages_past_the_log(db: aiosqlite.Connection, path: str | Path) -> None:
    """StoreError when a stage is recorded past the log's last position: what is stored after would lie behind
    it and never be read by it, without a word."""
    row = await (await db.execute("SELECT MAX(position) FROM log")).fetchone()
    end = int(row[0] or 0) if row else 0
    for stage, position in await (await db.execute("SELECT stage, position FROM tracking ORDER BY stage")).fetchall():
        if position > end:
            raise StoreError(f"{path}: the {stage} stage is recorded at log position {position:,}, past the end of "
                             f"the log ({end:,}): what is stored from now on would never be "
                             f"{_DOES.get(stage, 'read by it')}. The store was edited or damaged: restore it from a "
                             "backup")
