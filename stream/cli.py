"""The ``signalfire`` command line: replay, alerts, extract, rules check."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from replay.pacing import Pacer
from replay.run import replay as run_replay
from replay.sources import UnreadablePath, read_inputs
from stream.console import print_alerts, print_json
from stream.core.extract import extract as extract_events
from stream.core.records import Article
from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet
from stream.core.views import alert_views
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore
from stream.errors import RulesError, StoreError
from stream.gazetteer import mimu_gazetteer
from stream.notify.apprise_channel import AppriseNotifier

app = typer.Typer(help="Signalfire: sourced conflict events from news, and alerts when rules fire.",
                  no_args_is_help=True, add_completion=False)
rules_app = typer.Typer(help="Check rules files.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
err = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="The SQLite event store.")]
RulesOption = Annotated[Path, typer.Option("--rules", help="The rules file.")]
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON object per alert per line, nothing else.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def read_rules(path: Path) -> RuleSet:
    """Load a rules file or exit with every problem as FILE:LINE:COL."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _fail(f"{path}: cannot read the rules file ({exc.strerror})") from None
    try:
        return load_rules(text, str(path), os.environ)
    except RulesError as exc:
        for problem in exc.problems:
            err.print(problem, highlight=False, soft_wrap=True, markup=False)
        raise _fail(f"{path}: {len(exc.problems)} problem(s); the rules were not loaded") from None


async def _open(db: Path) -> EventStore:
    try:
        return await EventStore.open(db)
    except StoreError as exc:
        raise _fail(str(exc)) from None


async def _views(store: EventStore, only: set[str] | None = None) -> list[dict[str, Any]]:
    views = alert_views(record for _, record in await store.scan("alerts"))
    return [v for v in views if only is None or v["id"] in only]


@app.command()
def replay(
    paths: Annotated[list[Path] | None, typer.Argument(help="Article files (.txt, .jsonl) or folders.")] = None,
    db: DbOption = Path("signalfire.db"),
    rules: RulesOption = Path("rules/default.yaml"),
    as_json: JsonOption = False,
    speed: Annotated[float | None, typer.Option(
        "--speed", help="N times real time on the articles' dates (86400: a day a second). Default: flat out.")
    ] = None,
) -> None:
    """Replay articles through the pipeline and print the alerts this run raised."""
    rule_set = read_rules(rules)
    try:
        inputs = read_inputs(paths or [Path("seeds")])
        pacer = Pacer(speed)
    except (UnreadablePath, ValueError) as exc:
        raise _fail(str(exc)) from None
    asyncio.run(_replay(inputs, db, rule_set, pacer, as_json))


async def _replay(inputs: list[Any], db: Path, rule_set: RuleSet, pacer: Pacer, as_json: bool) -> None:
    store = await _open(db)
    try:
        pipeline = Pipeline(store, mimu_gazetteer(), rule_set, AppriseNotifier())
        show = sys.stderr.isatty() and not as_json
        with Progress(TextColumn("replaying"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, disable=not show, transient=True) as progress:
            task = progress.add_task("replay", total=len(inputs))
            report = await run_replay(inputs, pipeline, pacer, lambda n: progress.advance(task, n))
        views = await _views(store, {a.id for a in report.alerts})
    finally:
        await store.close()
    if as_json:
        print_json(views)
    else:
        print_alerts(Console(), views)
    err.print(report.summary(), highlight=False, soft_wrap=True)


@app.command()
def alerts(db: DbOption = Path("signalfire.db"), as_json: JsonOption = False) -> None:
    """List the alerts stored in the event store, with their corroborations."""
    if not db.exists():
        raise _fail(f"{db}: no event store here; run 'signalfire replay' first")

    async def main() -> list[dict[str, Any]]:
        store = await _open(db)
        try:
            return await _views(store)
        finally:
            await store.close()

    views = asyncio.run(main())
    if as_json:
        print_json(views)
    else:
        print_alerts(Console(), views)
        err.print(f"{len(views)} alert(s) in {db}", highlight=False, soft_wrap=True)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .jsonl) or folders.")],
    everything: Annotated[bool, typer.Option(
        "--all", help="Also print denied and hypothetical statements (flagged).")] = False,
) -> None:
    """Print one JSON line per article: {"id": ..., "events": [...]}."""
    try:
        inputs = read_inputs(paths)
    except UnreadablePath as exc:
        raise _fail(str(exc)) from None
    gazetteer = mimu_gazetteer()
    out = sys.stdout
    for item in inputs:
        if not isinstance(item, Article):
            err.print(f"dead letter {item.origin}: {item.reason}", highlight=False, markup=False)
            continue
        events = [e for e in extract_events(item, gazetteer) if everything or not (e.negated or e.hypothetical)]
        out.write(json.dumps({"id": item.id, "events": [e.model_dump(mode="json") for e in events]},
                             ensure_ascii=False) + "\n")


@rules_app.command("check")
def rules_check(path: Annotated[Path, typer.Argument(help="The rules file to check.")]) -> None:
    """Validate a rules file: exit 0 with a summary, or 1 with every problem as FILE:LINE:COL."""
    rule_set = read_rules(path)
    enabled = sum(1 for r in rule_set.rules if r.enabled)
    typer.echo(f"{path}: ok, {len(rule_set.rules)} rules ({enabled} enabled), "
               f"{len(rule_set.channels)} channels, version {rule_set.version}")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
