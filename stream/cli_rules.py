"""Operators' commands: ``rules check``, ``rules backtest``, ``silence add|list|expire``."""

from __future__ import annotations

import difflib
import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any, get_args

import typer
from rich.console import Console
from rich.table import Table

from replay.sources import UnreadablePath
from stream.cli_common import (
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
from stream.core.ids import content_id
from stream.core.records import SilenceAdded, SilenceExpired
from stream.core.rules.schema import SILENCE_FIELDS, Severity, Silence
from stream.gazetteer import default_gazetteer

rules_app = typer.Typer(help="Check and back-test rules files.", no_args_is_help=True)
silence_app = typer.Typer(help="Silence a rule's alerts: recorded as silenced, not sent.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")
    app.add_typer(silence_app, name="silence")


@rules_app.command("check")
def check(path: Annotated[Path, typer.Argument(help="The rules file to check.")]) -> None:
    """Validate a rules file: exit 0 with a summary, or 1 with every problem as FILE:LINE:COL."""
    rule_set = read_rules(path)
    enabled = sum(1 for r in rule_set.rules if r.enabled)
    typer.echo(f"{path}: ok, {len(rule_set.rules)} rules ({enabled} enabled), "
               f"{len(rule_set.channels)} channels, {len(rule_set.silences)} silences, version {rule_set.version}")


@rules_app.command("backtest")
def backtest_command(
    candidate: Annotated[Path, typer.Argument(help="The rules file to try.")],
    paths: Annotated[list[Path] | None, typer.Argument(help="Articles to run (.txt, .jsonl, folders).")] = None,
    baseline: Annotated[Path, typer.Option("--baseline", help="The rules in force.")] = DEFAULT_RULES,
    db: Annotated[Path | None, typer.Option("--db", help="Re-use the events recorded in this store.")] = None,
    as_json: JsonOption = False,
) -> None:
    """What the candidate rules would add, remove and change against the baseline, on the same history."""
    if bool(paths) == bool(db):
        raise fail("give either article PATHs or --db STORE as the history to back-test on")
    from stream.backtest import backtest, backtest_store, events_from_articles, store_silences  # loads the pipeline

    before, after = read_rules(baseline), read_rules(candidate)
    if db is not None:
        store = existing_store(db)
        result = backtest_store(store, before, after, run_async(store_silences(store)))
        history = "the events of " + str(db)
    else:
        try:
            events = events_from_articles(paths or [], default_gazetteer())
        except UnreadablePath as exc:
            raise fail(str(exc)) from None
        result = backtest(before, after, events)
        history = f"{len(events):,} events"
    if as_json:
        print(json.dumps(result, ensure_ascii=False, sort_keys=True))
        return
    _print_backtest(Console(), result, baseline, candidate, history)


def _print_backtest(console: Console, result: dict[str, Any], baseline: Path, candidate: Path, history: str) -> None:
    table = Table(title=f"{candidate} against {baseline} on {history}", title_justify="left")
    for column in ("", "rule", "alert", "when", "where"):
        table.add_column(column)
    for sign, style, key in (("+", "green", "added"), ("-", "red", "removed")):
        for view in result[key]:
            place = (view.get("place") or {}).get("name") or ""
            table.add_row(sign, view["rule"], view["title"], str(view.get("event_date") or ""), place, style=style)
    for change in result["changed"]:
        what = "; ".join(f"{k}: {old} -> {new}" for k, (old, new) in change["fields"].items())
        table.add_row("~", change["rule"], change["title"], "", what, style="yellow")
    console.print(table)
    console.print(f"added {len(result['added'])}, removed {len(result['removed'])}, "
                  f"changed {len(result['changed'])}, unchanged {result['unchanged']}")


def _parse_matches(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not value:
            raise fail(f"--match takes key=value, not '{pair}'")
        if key not in SILENCE_FIELDS:
            close = difflib.get_close_matches(key, sorted(SILENCE_FIELDS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; use {', '.join(sorted(SILENCE_FIELDS))}"
            raise fail(f"--match cannot use '{key}'{hint}")
        known = _known_values(key)
        if known is not None and value.lower() not in {k.lower() for k in known}:
            close = difflib.get_close_matches(value, sorted(known), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise fail(f"--match {key}={value}: no {key} of that name is known{hint} (a silence that matches "
                       "nothing silences nothing)")
        out[key] = value
    return out


def _known_values(key: str) -> set[str] | None:
    """The values a silence may match on ``key``, where they are a closed list; None where any may stand."""
    if key == "severity":
        return set(get_args(Severity))
    if key == "admin1":
        from stream.world import division_names  # the world's divisions: read from the data cache
        return default_gazetteer().admin1_names() | division_names()
    if key == "country":
        return default_gazetteer().country_names()
    return None


@silence_app.command("add")
def silence_add(
    rule: Annotated[str, typer.Argument(help="The rule id whose alerts to silence.")],
    until: Annotated[str, typer.Option("--until", help="Last event date silenced (YYYY-MM-DD).")],
    match: Annotated[list[str] | None, typer.Option("--match", help="key=value on place, admin1, country, "
                                                                     "severity or key; repeatable.")] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why, for the next operator.")] = None,
    db: DbOption = DEFAULT_DB,
    rules: RulesOption = DEFAULT_RULES,
) -> None:
    """Record a silence in the store; it applies to alerts raised from now on, in replay and run alike."""
    known = [r.id for r in read_rules(rules).rules]
    if rule not in known:
        close = difflib.get_close_matches(rule, known, n=1)
        raise fail(f"{rules} has no rule '{rule}'" + (f"; did you mean '{close[0]}'?" if close else ""))
    try:
        last = date.fromisoformat(until)
    except ValueError:
        raise fail(f"--until takes a date as YYYY-MM-DD, not '{until}'") from None
    from stream.notify.dispatch import utc_now  # with the notification runtime: not for other commands

    fields = _parse_matches(match or [])
    # The silence's own id: the one alerts it silences name in 'alerts --silenced'.
    silence = Silence(rule=rule, match=fields, until=last, reason=reason)
    record = SilenceAdded(id=silence.id, rule=rule, match=fields, until=last, reason=reason, added_at=utc_now())

    async def main() -> bool:
        async with opened(db) as store:
            return bool(await store.append([("silences", record)]))

    added = run_async(main())
    typer.echo(f"silence {record.id}: {rule} {fields or ''} through {last}" + ("" if added else " (already there)"))


@silence_app.command("list")
def silence_list(db: DbOption = DEFAULT_DB) -> None:
    """The silences recorded in the store."""
    existing_store(db)

    async def main() -> list[Any]:
        async with opened(db) as store:
            return [s for _, s in await store.scan("silences")]

    records = run_async(main())
    expired = {r.silence_id: r.expired_at for r in records if isinstance(r, SilenceExpired)}
    for s in records:
        if isinstance(s, SilenceAdded):
            ended = f"  expired {expired[s.id]:%Y-%m-%d %H:%M}Z" if s.id in expired else ""
            typer.echo(f"{s.id}  {s.rule}  {json.dumps(s.match)}  through {s.until}{ended}  {s.reason or ''}".rstrip())
    err.print("silences in the rules file are listed by 'signalfire rules check'", highlight=False)


@silence_app.command("expire")
def silence_expire(
    silence_id: Annotated[str, typer.Argument(metavar="ID", help="The silence to end (from 'silence list').")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """End a silence added from the command line: its rule's alerts are sent again from now on."""
    existing_store(db)
    from stream.notify.dispatch import utc_now

    async def main() -> str:
        async with opened(db) as store:
            records = [r for _, r in await store.scan("silences")]
            added = {r.id for r in records if isinstance(r, SilenceAdded)}
            if silence_id not in added:
                close = difflib.get_close_matches(silence_id, sorted(added), n=1)
                return "no silence " + silence_id + (f"; did you mean {close[0]}?" if close else
                                                     " in this store (a rules file's silences end when removed)")
            if any(isinstance(r, SilenceExpired) and r.silence_id == silence_id for r in records):
                return f"silence {silence_id} has already expired"
            await store.append([("silences", SilenceExpired(id=content_id("sx", silence_id), silence_id=silence_id,
                                                            expired_at=utc_now()))])
            return ""

    problem = run_async(main())
    if problem:
        raise fail(problem)
    typer.echo(f"silence {silence_id} expired: its alerts are sent again")
