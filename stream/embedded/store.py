"""The embedded event store: one SQLite file holding an append-only log and each stage's position."""

from __future__ import annotations

import asyncio
import heapq
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import aiosqlite
from pydantic import ValidationError

from stream.core.codec import EVENT, RECORD
from stream.core.detect.base import field_of
from stream.core.places import place_key
from stream.core.recorded import lean_decoder
from stream.core.records import (
    Alert,
    AlertAction,
    Article,
    Corroboration,
    Record,
    SilenceAdded,
    SilenceExpired,
)
from stream.core.review import VERDICT_PREFIX, verdict_id
from stream.core.rules.schema import Silence
from stream.core.views import AlertQuery
from stream.embedded.integrity import refuse_damaged, refuse_stages_past_the_log
from stream.errors import DamagedRecord, StoreError

Stream = Literal["articles", "deadletters", "events", "alerts", "deliveries", "silences", "actions", "rules"]
SCHEMA_VERSION = "1"
INSERT_CHUNK = 500  # rows a statement inserts (four parameters each, well under SQLite's limit)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS log (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream TEXT NOT NULL,
    id TEXT NOT NULL,
    event_time TEXT,
    body TEXT NOT NULL,
    UNIQUE (stream, id)
);
CREATE INDEX IF NOT EXISTS log_by_stream ON log (stream, position);
-- What the outbox asks of each alert and channel: its deliveries, found without reading them all.
CREATE INDEX IF NOT EXISTS deliveries_by_alert
    ON log (json_extract(body, '$.alert_id'), json_extract(body, '$.channel')) WHERE stream = 'deliveries';
-- What `signalfire alerts` filters on: rule and event date, and each alert's corroborations.
CREATE INDEX IF NOT EXISTS alerts_by_rule ON log (json_extract(body, '$.rule'), position) WHERE stream = 'alerts';
CREATE INDEX IF NOT EXISTS alerts_by_time ON log (event_time, position) WHERE stream = 'alerts';
CREATE INDEX IF NOT EXISTS corroborations_by_alert ON log (json_extract(body, '$.alert_id')) WHERE stream = 'alerts';
-- What a backtest reads: the events of the kinds its rules match, in log order, without reading the others.
CREATE INDEX IF NOT EXISTS events_by_type ON log (json_extract(body, '$.type'), position) WHERE stream = 'events';
-- What an alert's page shows beside it: the desk's actions on it.
CREATE INDEX IF NOT EXISTS actions_by_alert
    ON log (json_extract(body, '$.alert_id'), position) WHERE stream = 'actions';
-- What `signalfire review list` asks for: the alerts held for review, without reading the others.
CREATE INDEX IF NOT EXISTS alerts_by_tier ON log (json_extract(body, '$.tier'), position) WHERE stream = 'alerts';
CREATE TABLE IF NOT EXISTS tracking (stage TEXT PRIMARY KEY, position INTEGER NOT NULL);
-- A stage's state as of a log position, folded under one version of the rules: a start folds only the tail.
CREATE TABLE IF NOT EXISTS snapshots (
    stage TEXT PRIMARY KEY, rules TEXT NOT NULL, position INTEGER NOT NULL, state BLOB NOT NULL, extra TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


# Article text is the bulk of a store and nothing queries inside it: article bodies are kept compressed
# (zlib, as BLOBs), every other stream as JSON text that SQLite's json_extract and indexes read.
COMPRESSED: frozenset[str] = frozenset({"articles"})


def encode(stream: str, record: Record) -> str | bytes:
    body = record.model_dump_json()
    return zlib.compress(body.encode(), 6) if stream in COMPRESSED else body


def _from_row(body: str | bytes) -> Any:
    """A record from a stored body: JSON text, or an article's compressed JSON (a BLOB). An article a store
    kept as text before compression reads as text. A body damaged on disk is a StoreError that says so."""
    try:
        return RECORD.validate_json(zlib.decompress(body) if isinstance(body, bytes) else body)
    except zlib.error as exc:
        raise DamagedRecord(f"a record of the store cannot be read (its compressed body: {exc})") from None
    except ValidationError as exc:
        raise DamagedRecord(f"a record of the store cannot be read ({exc.errors()[0]['msg']})") from None


def _place_key(name: str | None) -> str | None:
    return None if name is None else place_key(name)


def recorded_events(path: str | Path, types: Sequence[str] | None = None,
                    floors: Mapping[str, int] | None = None, lean: bool = False) -> Iterator[Any]:
    """The events of a store in log order, decoded one at a time as they are read, of ``types`` only when
    given, and with ``floors`` only those holding at least one of the figures at or above its floor: what a
    backtest folds, ``lean`` (``stream.core.recorded``) where it asks. A plain read connection, apart from the
    service's, in any process."""
    db = sqlite3.connect(str(path))
    # Bodies as bytes, which both decoders read: no text object is made of each (0.3 s a million events). Pages
    # mapped, not copied through SQLite's cache: a tenth less to read a large log once.
    db.text_factory = bytes
    db.execute(f"PRAGMA mmap_size = {_MAPPED}")
    try:
        bodies: Iterable[bytes]
        if types is None or len(types) == 1:
            which, args = ("stream = 'events'", ()) if types is None else (_OF_TYPE, tuple(types))
            bodies = (body for (body,) in db.execute(f"SELECT body FROM log WHERE {which} ORDER BY position", args))
        else:  # one index search a type (an IN list makes SQLite scan every event), merged back into log order
            searches = [db.execute(f"SELECT position, body FROM log WHERE {_OF_TYPE} ORDER BY position", (kind,))
                        for kind in types]
            bodies = (body for _, body in heapq.merge(*searches))
        decode = lean_decoder(tuple(types) if types is not None else None) if lean else EVENT.validate_json
        # Figures are compared once decoded: SQLite's json_extract of a figure costs more than a lean decoding.
        above = _above(floors)
        for body in bodies:
            event = decode(body)
            if above is None or above(event):
                yield event
    finally:
        db.close()


def count_events(path: str | Path, types: Sequence[str]) -> int:
    """How many events of ``types`` a store holds, from the index alone."""
    with closing(sqlite3.connect(str(path))) as db:
        return sum(db.execute(f"SELECT COUNT(*) FROM log WHERE {_OF_TYPE}", (kind,)).fetchone()[0] for kind in types)


def _above(floors: Mapping[str, int] | None) -> Callable[[Any], bool] | None:
    """Whether an event holds one of the figures at or above its floor."""
    if not floors:
        return None
    if len(floors) == 1:  # the usual case, a threshold rule changed, made one test
        [(name, floor)] = floors.items()
        return lambda event: (field_of(event, name) or 0) >= floor
    return lambda event: any((field_of(event, name) or 0) >= floor for name, floor in floors.items())


# The most of a store a reading process maps: a million events take about 900 MB.
_MAPPED = 4 << 30

# Written as the events_by_type index is, so that SQLite searches it.
_OF_TYPE = "stream = 'events' AND json_extract(body, '$.type') = ?"

# An alert (the row ``{a}``) still held for review: the precision gate held it, and no later report it trusts has
# sent it since (a corroboration that ``promotes`` it). Alerts recorded before tiers were all sent. (``+`` drops
# the id column's affinity, which would keep SQLite from searching the expression index with it.)
_HELD = ("(json_extract({a}.body, '$.tier') IS 'review' AND NOT EXISTS (SELECT 1 FROM log p INDEXED BY "
         "corroborations_by_alert WHERE p.stream = 'alerts' AND json_extract(p.body, '$.alert_id') = +{a}.id "
         "AND json_extract(p.body, '$.promotes') = 1))")
# An alert owed to its channels: confirmed by the desk, or never rejected and not held. Its verdict is found by id.
_SENDABLE = (f"(CASE (SELECT json_extract(v.body, '$.action') FROM log v WHERE v.stream = 'actions' "
             f"AND v.id = '{VERDICT_PREFIX}' || {{a}}.id) WHEN 'confirm' THEN 1 WHEN 'reject' THEN 0 "
             f"ELSE NOT {_HELD} END)")


def _event_time(record: Record) -> str | None:
    when = getattr(record, "event_date", None) or getattr(record, "published", None)
    return when.isoformat() if when else None


@dataclass(frozen=True)
class Snapshot:
    """A stage's state (versioned JSON bytes) as of a log position, under a version of the rules."""

    rules: str
    position: int
    state: bytes
    extra: str = "{}"


class EventStore:
    """Appends records idempotently (by stream and id) and tracks what each stage has consumed."""

    def __init__(self, db: aiosqlite.Connection, path: str) -> None:
        self._db = db
        self.path = path
        # One connection serves every task of a process (the pipeline and the outbox's channels): their
        # transactions take turns instead of nesting.
        self._writing = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path, check: bool = False) -> EventStore:
        """The store at ``path``, made when there is none. With ``check``, for what writes to it: a damaged store
        (SQLite's quick_check fails, a stage stands past the end of the log) is refused, StoreError saying what
        to do, before anything is written to it."""
        existed = Path(path).exists()
        db = await aiosqlite.connect(str(path), isolation_level=None)
        try:
            if check and existed:
                await refuse_damaged(db, path)
            await db.create_function("place_key", 1, _place_key, deterministic=True)
            # WAL keeps every committed transaction through a killed process.
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA synchronous=NORMAL")
            await db.executescript(_SCHEMA)
            row = await (await db.execute("SELECT value FROM meta WHERE key='schema'")).fetchone()
            if row is None:
                await db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            elif row[0] != SCHEMA_VERSION:
                raise StoreError(f"{path}: store schema {row[0]}, this Signalfire reads {SCHEMA_VERSION}")
            if check:
                await refuse_stages_past_the_log(db, path)
        except aiosqlite.DatabaseError as exc:
            await db.close()
            raise StoreError(f"{path}: not a Signalfire store ({exc})") from None
        except StoreError:
            await db.close()
            raise
        return cls(db, str(path))

    async def close(self) -> None:
        await self._db.close()

    async def append(self, records: Iterable[tuple[Stream, Record]]) -> list[tuple[Stream, Record]]:
        """Append in one transaction; returns the records that were new (the rest were already there)."""
        async with self._writing, _transaction(self._db):
            return await self._insert(records)

    async def commit(self, stage: str, position: int, outputs: Iterable[tuple[Stream, Record]]
                     ) -> list[tuple[Stream, Record]]:
        """A stage's outputs and the log position it consumed, in one transaction."""
        async with self._writing, _transaction(self._db):
            new = await self._insert(outputs)
            await self._db.execute(
                "INSERT INTO tracking VALUES (?, ?) ON CONFLICT (stage) DO UPDATE SET position = excluded.position",
                (stage, position))
            return new

    async def _insert(self, records: Iterable[tuple[Stream, Record]]) -> list[tuple[Stream, Record]]:
        # Many rows to a statement: each statement is a round trip to the connection's thread. RETURNING
        # names the rows inserted, so the ones the log already held (or the batch held twice) are told apart.
        unique: dict[tuple[str, str], tuple[Stream, Record]] = {}
        for stream, record in records:
            unique.setdefault((stream, record.id), (stream, record))  # type: ignore[attr-defined]
        rows = list(unique.values())
        inserted: set[tuple[str, str]] = set()
        for i in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[i:i + INSERT_CHUNK]
            values = [(stream, record.id, _event_time(record), encode(stream, record))  # type: ignore[attr-defined]
                      for stream, record in chunk]
            cursor = await self._db.execute(
                "INSERT OR IGNORE INTO log (stream, id, event_time, body) VALUES "
                + ",".join(["(?, ?, ?, ?)"] * len(chunk)) + " RETURNING stream, id",
                [value for row in values for value in row])
            inserted.update((stream, record_id) for stream, record_id in await cursor.fetchall())
        return [row for key, row in unique.items() if key in inserted]

    async def save_snapshot(self, stage: str, snapshot: Snapshot) -> None:
        """Keep ``snapshot`` as the stage's latest, in place of the one before."""
        async with self._writing, _transaction(self._db):
            await self._db.execute("INSERT OR REPLACE INTO snapshots VALUES (?, ?, ?, ?, ?)",
                                   (stage, snapshot.rules, snapshot.position, snapshot.state, snapshot.extra))

    async def snapshot(self, stage: str) -> Snapshot | None:
        """The stage's latest snapshot, or None."""
        cursor = await self._db.execute("SELECT rules, position, state, extra FROM snapshots WHERE stage = ?",
                                        (stage,))
        row = await cursor.fetchone()
        return Snapshot(rules=row[0], position=int(row[1]), state=bytes(row[2]), extra=row[3]) if row else None

    async def position(self, stage: str) -> int:
        row = await (await self._db.execute("SELECT position FROM tracking WHERE stage = ?", (stage,))).fetchone()
        return int(row[0]) if row else 0

    async def get(self, stream: Stream, record_id: str) -> Any | None:
        """One record by id, or None."""
        cursor = await self._db.execute("SELECT body FROM log WHERE stream = ? AND id = ?", (stream, record_id))
        row = await cursor.fetchone()
        return _from_row(row[0]) if row else None

    async def read(self, stream: Stream, after: int = 0, upto: int | None = None,
                   limit: int = 1000) -> list[tuple[int, Any]]:
        """Records of a stream past ``after`` (and up to ``upto``), oldest first."""
        cursor = await self._db.execute(
            "SELECT position, body FROM log WHERE stream = ? AND position > ? AND position <= ?"
            " ORDER BY position LIMIT ?", (stream, after, upto if upto is not None else 2**62, limit))
        return [(position, _from_row(body)) for position, body in await cursor.fetchall()]

    async def scan(self, stream: Stream, after: int = 0, upto: int | None = None,
                   batch: int = 2000) -> list[tuple[int, Any]]:
        """A whole stream range, read in batches."""
        out: list[tuple[int, Any]] = []
        while True:
            rows = await self.read(stream, after, upto, batch)
            out.extend(rows)
            if len(rows) < batch:
                return out
            after = rows[-1][0]

    async def silences(self, expired_too: bool = False) -> list[Silence]:
        """Silences added at run time (the command line, the API) and not expired; the rules file's own come with
        the rules."""
        records = [record for _, record in await self.scan("silences")]
        expired = {record.silence_id for record in records if isinstance(record, SilenceExpired)}
        return [Silence(rule=s.rule, match=s.match, until=s.until, reason=s.reason) for s in records
                if isinstance(s, SilenceAdded) and (expired_too or s.id not in expired)]

    async def count(self, stream: Stream) -> int:
        row = await (await self._db.execute("SELECT COUNT(*) FROM log WHERE stream = ?", (stream,))).fetchone()
        return int(row[0]) if row else 0

    async def last_position(self, stream: Stream) -> int:
        """The log position of the stream's newest record (0 when empty): an index lookup."""
        cursor = await self._db.execute("SELECT MAX(position) FROM log WHERE stream = ?", (stream,))
        row = await cursor.fetchone()
        return int(row[0] or 0) if row else 0

    async def undelivered(self) -> list[tuple[Alert, str, int]]:
        """(alert, channel, attempts so far) for every channel an alert has not yet reached."""
        cursor = await self._db.execute(
            f"""
            SELECT a.body, c.value,
                   (SELECT COUNT(*) FROM log d INDEXED BY deliveries_by_alert WHERE d.stream = 'deliveries'
                      AND json_extract(d.body, '$.alert_id') = a.id
                      AND json_extract(d.body, '$.channel') = c.value)
            FROM log a, json_each(a.body, '$.channels') c
            WHERE a.stream = 'alerts' AND json_extract(a.body, '$.type') = 'alert'
              AND json_extract(a.body, '$.silenced_by') IS NULL AND {_SENDABLE.format(a="a")}
              AND NOT EXISTS (SELECT 1 FROM log d INDEXED BY deliveries_by_alert WHERE d.stream = 'deliveries'
                      AND json_extract(d.body, '$.alert_id') = a.id
                      AND json_extract(d.body, '$.channel') = c.value
                      AND json_extract(d.body, '$.ok') = 1)
            ORDER BY a.position
            """)
        return [(_from_row(body), channel, attempts) for body, channel, attempts in await cursor.fetchall()]

    async def alerts(self, query: AlertQuery) -> list[Alert | Corroboration]:
        """The alerts a query asks for and their corroborations, in the order raised, found through indexes; a
        place by ``place_key``, which the connection knows as an SQL function."""
        where = ["stream = 'alerts'", "json_extract(body, '$.type') = 'alert'",
                 f"json_extract(body, '$.silenced_by') IS {'NOT ' if query.silenced else ''}NULL"]
        args: list[Any] = []
        if query.rule is not None:
            where.append("json_extract(body, '$.rule') = ?")
            args.append(query.rule)
        if query.severity is not None:
            where.append("json_extract(body, '$.severity') = ?")
            args.append(query.severity)
        if query.tier == "sent":
            where.append(f"NOT {_HELD.format(a='log')}")
        elif query.tier == "review" or query.pending:
            where.append(_HELD.format(a="log"))
        if query.pending:  # held, and no verdict yet
            where.append(f"NOT EXISTS (SELECT 1 FROM log v WHERE v.stream = 'actions' AND v.id = '{VERDICT_PREFIX}' "
                         "|| log.id)")
        if query.since is not None:
            where.append("event_time >= ?")
            args.append(query.since.isoformat())
        if query.until is not None:
            where.append("event_time <= ?")
            args.append(query.until.isoformat())
        if query.before is not None:
            where.append("position < (SELECT position FROM log WHERE stream = 'alerts' AND id = ?)")
            args.append(query.before)
        if query.place is not None:  # by any of its names: the query's own test, as an SQL function
            where.append("? IN (place_key(json_extract(body, '$.place.name')), place_key(json_extract(body, "
                         "'$.place.admin1')), place_key(json_extract(body, '$.place.country')))")
            args.append(place_key(query.place))
        limit = f" LIMIT {int(query.limit)}" if query.limit else ""
        cursor = await self._db.execute(
            f"SELECT position, body FROM log WHERE {' AND '.join(where)} ORDER BY position DESC{limit}", args)
        found = [(position, _from_row(body)) for position, body in await cursor.fetchall()]
        return await self._with_corroborations(found)

    async def alerts_by_id(self, ids: Sequence[str]) -> list[Alert | Corroboration]:
        """These alerts and their corroborations, in the order raised, without reading the others."""
        rows = await self._rows_in("SELECT position, body FROM log WHERE stream = 'alerts' AND id IN ({})", ids)
        return await self._with_corroborations([(position, _from_row(body)) for position, body in rows])

    async def articles_by_id(self, ids: Sequence[str]) -> list[Article]:
        """These articles (those the store holds), in one query per 500 ids: what an alert's sources show."""
        rows = await self._rows_in("SELECT body FROM log WHERE stream = 'articles' AND id IN ({})",
                                   list(dict.fromkeys(ids)))
        return [_from_row(body) for (body,) in rows]

    async def _with_corroborations(self, found: list[tuple[int, Any]]) -> list[Alert | Corroboration]:
        rows = await self._rows_in("SELECT position, body FROM log WHERE stream = 'alerts' AND "
                                   "json_extract(body, '$.alert_id') IN ({})", [alert.id for _, alert in found])
        found.extend((position, _from_row(body)) for position, body in rows)
        return [record for _, record in sorted(found, key=lambda row: row[0])]

    async def about(self, stream: Literal["deliveries", "actions"], alert_ids: Sequence[str]) -> list[Any]:
        """The deliveries of these alerts, or the desk's actions on them, oldest first, through an index."""
        rows = await self._rows_in(f"SELECT position, body FROM log WHERE stream = '{stream}' AND "
                                   "json_extract(body, '$.alert_id') IN ({})", alert_ids)
        return [_from_row(body) for _, body in sorted(rows)]

    async def verdict(self, alert_id: str) -> AlertAction | None:
        """The desk's verdict on an alert held for review (confirmed or rejected), or None: found by its id."""
        found = await self.get("actions", verdict_id(alert_id))
        return found if isinstance(found, AlertAction) else None

    async def counts(self, stream: Stream, *fields: str) -> dict[tuple[str, ...], int]:
        """How many records of ``stream`` hold each combination of values of ``fields`` (JSON keys of their
        bodies, named by the caller, never by input)."""
        columns = ", ".join(f"json_extract(body, '$.{field}')" for field in fields)
        groups = ", ".join(str(n) for n in range(1, len(fields) + 1))
        cursor = await self._db.execute(f"SELECT {columns}, COUNT(*) FROM log WHERE stream = ? GROUP BY {groups}",
                                        (stream,))
        return {tuple(str(value) for value in row[:-1]): int(row[-1]) for row in await cursor.fetchall()}

    async def ids(self, stream: Stream, wanted: Sequence[str]) -> set[str]:
        """Which of ``wanted`` are already in ``stream``."""
        rows = await self._rows_in("SELECT id FROM log WHERE stream = ? AND id IN ({})", wanted, stream)
        return {row[0] for row in rows}

    async def _rows_in(self, sql: str, values: Sequence[str], *before: object) -> list[Any]:
        """The rows of ``sql`` whose ``IN ({})`` takes ``values``, asked 500 at a time (SQLite bounds the
        parameters of a statement); ``before`` are the parameters that come ahead of them."""
        rows: list[Any] = []
        for i in range(0, len(values), 500):
            chunk = list(values[i:i + 500])
            cursor = await self._db.execute(sql.format(",".join("?" * len(chunk))), (*before, *chunk))
            rows.extend(await cursor.fetchall())
        return rows


class _transaction:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def __aenter__(self) -> None:
        await self._db.execute("BEGIN IMMEDIATE")

    async def __aexit__(self, kind: object, exc: object, tb: object) -> None:
        await self._db.execute("COMMIT" if kind is None else "ROLLBACK")

