"""Operators' commands: ``deadletters list|show ID|retry [ID ...]`` and ``stats``."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from replay.sources import TEXT_SUFFIXES
from stream.cli.common import (
    DEFAULT_DB,
    DEFAULT_RULES,
    DbOption,
    JsonOption,
    RulesOption,
    err,
    existing_store,
    fail,
    opened,
    read_rules,
    run_async,
)
from stream.core.articles import article_from_json, article_from_text
from stream.core.records import Alert, Article, DeadLetter
from stream.errors import BadArticle

deadletters_app = typer.Typer(help="Inputs that could not be read: list, show and retry them.", no_args_is_help=True)
stats_app = typer.Typer(help="What a store holds, and the late events of each window rule.")


def register(app: typer.Typer) -> None:
    app.add_typer(deadletters_app, name="deadletters")
    app.add_typer(stats_app, name="stats")


async def _letters(db: Any, writes: bool = False) -> list[DeadLetter]:
    async with opened(db, writes=writes) as store:
        return [letter for _, letter in await store.scan("deadletters")]


@deadletters_app.command("list")
def deadletters_list(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Every dead letter: id, origin and reason."""
    existing_store(db)
    letters = run_async(_letters(db))
    for letter in letters:
        if as_json:
            print(json.dumps({"id": letter.id, "origin": letter.origin, "reason": letter.reason}, ensure_ascii=False))
        else:
            typer.echo(f"{letter.id}  {letter.origin}  {letter.reason}")
    if not as_json:
        err.print(f"{len(letters)} dead letter(s) in {db}", highlight=False)


@deadletters_app.command("show")
def deadletters_show(letter_id: Annotated[str, typer.Argument(metavar="ID")], db: DbOption = DEFAULT_DB) -> None:
    """One dead letter whole: its reason, origin and the input as it came."""
    existing_store(db)
    letter = _find(run_async(_letters(db)), letter_id)
    typer.echo(f"id      {letter.id}\norigin  {letter.origin}\nreason  {letter.reason}")
    typer.echo(f"input   ({letter.raw_encoding})")
    typer.echo(letter.raw)


@deadletters_app.command("retry")
def deadletters_retry(
    letter_ids: Annotated[list[str] | None,
                          typer.Argument(metavar="[ID]...", help="Default: every dead letter.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Read dead letters again (after a fix, or once their input is corrected upstream): those that are
    articles now join the log, to be extracted by the next replay or run; the others say why again."""
    existing_store(db)
    letters = run_async(_letters(db, writes=True))  # a damaged store is refused before anything is read again
    chosen = [_find(letters, i) for i in letter_ids] if letter_ids else letters
    articles: list[Article] = []
    for letter in chosen:
        try:
            articles.append(_article(letter))
        except BadArticle as exc:
            typer.echo(f"{letter.id}  still refused: {exc}")

    async def main() -> int:
        async with opened(db, writes=True) as store:
            return len(await store.append([("articles", article) for article in articles]))

    added = run_async(main()) if articles else 0
    typer.echo(f"{len(articles)} of {len(chosen)} dead letter(s) read as articles, {added} new in the log")


def _find(letters: list[DeadLetter], letter_id: str) -> DeadLetter:
    for letter in letters:
        if letter.id == letter_id:
            return letter
    starts = [letter for letter in letters if letter.id.startswith(letter_id)]
    if len(starts) == 1:
        return starts[0]
    raise fail(f"no dead letter {letter_id}" + (f" ({len(starts)} ids start so: give more of it)" if starts else ""))


def _article(letter: DeadLetter) -> Article:
    """The dead letter's input read again through the door it failed, as the line or file it came as (its
    first byte does not say: a JSON line of '[[...]]' once came back as a text article)."""
    raw = base64.b64decode(letter.raw) if letter.raw_encoding == "base64" else letter.raw.encode("utf-8")
    if letter.origin.startswith("id:"):
        raise BadArticle("its id is another article's: give it its own id upstream and send it again")
    # Before doors were recorded, only a text file's letter was named by its path alone.
    door = letter.door or ("text" if Path(letter.origin).suffix.lower() in TEXT_SUFFIXES else "json")
    if door == "json":
        return article_from_json(raw, date.today())
    return article_from_text(raw, received=date.today())


@stats_app.callback(invoke_without_command=True)
def stats(db: DbOption = DEFAULT_DB, rules: RulesOption = DEFAULT_RULES, as_json: JsonOption = False) -> None:
    """What the store holds, and the late events each window rule counted: events that came after their
    window had closed (90 days, or the spike's baseline, behind the newest event of their group)."""
    existing_store(db)
    from stream.control.silences import store_silences
    from stream.core.detect import Detection
    from stream.core.detect.window import WindowState
    from stream.embedded.store import recorded_events

    async def counts() -> dict[str, int]:
        async with opened(db) as store:
            found = {stream: await store.count(stream) for stream in ("articles", "events", "deadletters")}
            raised = [record for _, record in await store.scan("alerts")]
            deliveries = [d for _, d in await store.scan("deliveries")]
        found["alerts"] = sum(1 for record in raised if isinstance(record, Alert))
        found["corroborations"] = len(raised) - found["alerts"]
        found["deliveries ok"] = sum(1 for d in deliveries if d.ok)
        found["deliveries failed"] = len(deliveries) - found["deliveries ok"]
        return found

    found = run_async(counts())
    detection = Detection(read_rules(rules), run_async(store_silences(db)))
    state = detection.initial()
    for event in recorded_events(db):
        state, _ = detection.step(state, event)
    late = {rule: s.late for rule, s in detection.by_rule(state).items() if isinstance(s, WindowState)}
    if as_json:
        print(json.dumps({**found, "late": late}))
        return
    for name, value in found.items():
        typer.echo(f"{name:18} {value:,}")
    for rule, value in late.items():
        typer.echo(f"late events        {value:,}  ({rule})")
