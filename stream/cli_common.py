"""What the command-line modules share: error exits, loading rules, opening the store, alert views."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet
from stream.core.views import alert_views
from stream.errors import RulesError, StoreError

if TYPE_CHECKING:
    from stream.embedded.store import EventStore

T = TypeVar("T")
err = Console(stderr=True)
DbOption = Annotated[Path, typer.Option("--db", help="The SQLite event store.")]
RulesOption = Annotated[Path, typer.Option("--rules", help="The rules file.")]
BrokerOption = Annotated[str | None, typer.Option(
    "--broker", help="Use the Kafka runtime at kafka://HOST:PORT instead of the embedded store.")]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON on stdout, nothing else.")]
DEFAULT_DB = Path("signalfire.db")
DEFAULT_RULES = Path("rules/default.yaml")


def run_async(main: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run``, importing asyncio only here: ``signalfire extract`` starts without it."""
    import asyncio

    return asyncio.run(main)


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def read_rules(path: Path) -> RuleSet:
    """Load a rules file or exit 1 with every problem as FILE:LINE:COL."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise fail(f"{path}: cannot read the rules file ({exc.strerror})") from None
    try:
        from stream.notify.apprise_channel import channel_problem

        return load_rules(text, str(path), os.environ, channel_problem)
    except RulesError as exc:
        for problem in exc.problems:
            err.print(problem, highlight=False, soft_wrap=True, markup=False)
        raise fail(f"{path}: {len(exc.problems)} problem(s); the rules were not loaded") from None


@asynccontextmanager
async def opened(db: Path, writer: bool = False) -> AsyncIterator[EventStore]:
    """The store at ``db``, closed on the way out; a file that is not a store exits with the reason.

    A ``writer`` (replay, run) holds the store's writer lock: a second one on the same store is refused,
    so two pipelines never send the same alerts twice. Readers and small appends (silences) need none.
    """
    from stream.embedded.writer_lock import WriterLock

    lock = WriterLock(db)
    try:
        from stream.embedded.store import EventStore  # aiosqlite and asyncio: not for ``extract``

        if writer:
            lock.acquire()
        store = await EventStore.open(db)
    except StoreError as exc:
        lock.release()
        raise fail(str(exc)) from None
    try:
        yield store
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
