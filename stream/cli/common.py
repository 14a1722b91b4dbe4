"""What the command-line modules share: error exits, loading rules, opening the store, alert views."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from stream.control.rules_file import rules_from
from stream.core.rules.schema import RuleSet
from stream.core.views import alert_views
from stream.errors import DamagedRecord, RulesError, StoreError, unreadable

if TYPE_CHECKING:
    from stream.embedded.store import EventStore

T = TypeVar("T")
err = Console(stderr=True)
DbOption = Annotated[Path, typer.Option("--db", help="The SQLite event store.")]
RulesOption = Annotated[Path, typer.Option(
    "--rules", help="The rules file (without rules/default.yaml in the working folder: the packaged defaults).")]
BrokerOption = Annotated[str | None, typer.Option(
    "--broker", metavar="URL", help="Use the Kafka runtime at kafka://HOST:PORT instead of the embedded store.")]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON on stdout, nothing else.")]
DEFAULT_DB = Path("signalfire.db")
DEFAULT_RULES = Path("rules/default.yaml")
DEFAULT_SEEDS = Path("seeds")


def rules_in_force(path: Path) -> Path:
    """The rules file named, or the packaged defaults where the default one is not in the working folder: a
    desk that installed the package runs anywhere, and one that keeps its own rules names them."""
    from stream.defaults import RULES

    return RULES if path == DEFAULT_RULES and not path.exists() else path


def seeds_in_force() -> Path:
    """The seed articles: ``seeds/`` in the working folder, else those shipped in the package."""
    from stream.defaults import SEEDS

    return DEFAULT_SEEDS if DEFAULT_SEEDS.is_dir() else SEEDS


def run_async(main: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run``, importing asyncio only here: ``signalfire extract`` starts without it."""
    import asyncio

    return asyncio.run(main)


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def read_rules(path: Path, announce: bool = True) -> RuleSet:
    """Load the rules file in force (``rules_in_force``) or exit 1 with every problem as FILE:LINE:COL. Unless
    told not to, says on stderr which file that is: the packaged defaults may stand in for a missing one."""
    found = rules_in_force(path)
    if announce:
        from stream.defaults import RULES

        err.print(f"rules: {found}" + (" (the packaged defaults: 'signalfire init' writes a copy to edit)"
                                       if found == RULES else ""), highlight=False, soft_wrap=True)
    path = found
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise fail(f"{path}: cannot read the rules file ({exc.strerror})") from None
    try:
        return rules_from(text, path, os.environ)
    except RulesError as exc:
        for problem in exc.problems:
            err.print(problem, highlight=False, soft_wrap=True, markup=False)
        raise fail(f"{path}: {len(exc.problems)} problem(s); the rules were not loaded") from None


@asynccontextmanager
async def opened(db: Path, writer: bool = False, writes: bool = False) -> AsyncIterator[EventStore]:
    """The store at ``db``, closed on the way out; a file that is not a store exits with the reason, and so does
    a record the store cannot give back (damaged on disk), never with a traceback.

    A ``writer`` (replay, run) holds the store's writer lock: a second one on the same store is refused,
    so two pipelines never send the same alerts twice. Readers and small appends (silences) need none. Writers,
    and small appends opened with ``writes``, refuse a damaged store before writing to it; readers read on.
    """
    from stream.embedded.writer_lock import WriterLock

    lock = WriterLock(db)
    try:
        from stream.embedded.store import EventStore  # aiosqlite and asyncio: not for ``extract``

        if writer:
            lock.acquire()
        store = await EventStore.open(db, check=writer or writes)
    except StoreError as exc:
        lock.release()
        raise fail(str(exc)) from None
    try:
        yield store
    except (DamagedRecord, sqlite3.DatabaseError) as exc:
        raise fail(unreadable(db, exc)) from None
    finally:
        await store.close()
        lock.release()


def existing_store(db: Path) -> Path:
    if not db.exists():
        raise fail(f"{db}: no event store here; run 'signalfire replay' first")
    return db


async def stored_views(store: EventStore, only: set[str]) -> list[dict[str, Any]]:
    """These alerts as a desk sees them, corroborations folded in, in the order raised."""
    return alert_views(await store.alerts_by_id(sorted(only)))
