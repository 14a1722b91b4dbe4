"""The core stays pure: no runtime, storage or notification library is imported by it."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "stream" / "core"
# Runtimes, storage, HTTP, page reading and the command line: the areas around the core use them, the core never.
FORBIDDEN = {"faust", "aiosqlite", "apprise", "aiokafka", "asyncio", "sqlite3", "requests", "aiohttp", "httpx",
             "starlette", "uvicorn", "trafilatura", "typer", "rich"}


def test_core_imports_no_io_library() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_core_never_reads_the_wall_clock() -> None:
    text = "\n".join(p.read_text() for p in CORE.rglob("*.py"))
    assert ".now(" not in text and "time.time" not in text and "date.today" not in text


def test_event_kinds_are_listed_once() -> None:
    from typing import get_args

    from stream.core.records import EVENT_KINDS, EVENT_TYPES, Event
    from stream.core.rules.schema import EventType

    assert get_args(get_args(Event)[0]) == EVENT_KINDS
    assert get_args(EventType) == EVENT_TYPES == ("territory_seized", "casualties", "displacement", "airstrike")
