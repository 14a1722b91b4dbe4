"""Operators' commands: ``rules check``, ``rules test``, ``rules backtest``, ``silence add|list|expire``."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import msgspec
import typer
from rich.console import Console
from rich.table import Table

from replay.sources import UnreadablePath, read_file
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
    rules_in_force,
    run_async,
)
from stream.control.silences import SilenceRefused, expiry, new_silence
from stream.core.records import Article, SilenceAdded, SilenceExpired
from stream.core.rules.cases import LoadedTests, ReadArticles, check_rules_named, histories, load_tests
from stream.errors import RulesError
from stream.reference.gazetteer import default_gazetteer

rules_app = typer.Typer(help="Check and back-test rules files.", no_args_is_help=True)
silence_app = typer.Typer(help="Silence a rule's alerts: recorded as silenced, not sent.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")
    app.add_typer(silence_app, name="silence")


@rules_app.command("check")
def check(path: Annotated[Path, typer.Argument(help="The rules file to check.")]) -> None:
    """Validate a rules file: exit 0 with a summary, or 1 with every problem as FILE:LINE:COL."""
    rule_set = read_rules(path, announce=False)  # the file named, and no other
    enabled = sum(1 for r in rule_set.rules if r.enabled)
    typer.echo(f"{path}: ok, {len(rule_set.rules)} rules ({enabled} enabled), "
               f"{len(rule_set.channels)} channels, {len(rule_set.silences)} silences, version {rule_set.version}")


@rules_app.command("test")
def test_command(
    tests: Annotated[Path, typer.Argument(help="The tests file (cases of articles or events, and their alerts).")],
    rules: Annotated[Path | None, typer.Option("--rules", help="The rules file to test, instead of the one the "
                                                                 "tests file names.")] = None,
) -> None:
    """Run the test cases beside a rules file through extraction and detection, in memory: exit 0 with a summary,
    or 1 with a diff of what each failing case expected and what it raised."""
    from stream.core.rules.expect import case_diff, raised
    from stream.reference.actors import default_actors  # the extractor: not for the other commands

    try:
        loaded = load_tests(_text(tests), str(tests))
    except RulesError as exc:
        raise _refuse(tests, exc.problems) from None
    rules_path = rules or _rules_named(loaded, tests)
    rule_set = read_rules(rules_path)
    gazetteer, actors = default_gazetteer(), default_actors()
    problems = check_rules_named(loaded, rule_set, str(rules_path))
    try:
        stories = histories(loaded, gazetteer, _reader(_folder(tests)))
    except RulesError as exc:
        problems += exc.problems
    if problems:
        raise _refuse(tests, problems)
    cases, failed = loaded.tests.cases, 0
    for i, (case, story) in enumerate(zip(cases, stories, strict=True)):
        diff = case_diff(case, raised(rule_set, story, gazetteer, actors))
        if diff:
            failed += 1
            typer.echo(f"FAIL {loaded.at(('cases', i), case.name)}\n" + "\n".join("    " + line for line in diff))
    if failed:
        raise fail(f"{tests}: {failed} of {len(cases)} case(s) failed against {rules_path}")
    typer.echo(f"{tests}: {len(cases)} case(s) passed against {rules_path} (version {rule_set.version})")


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"{path}: cannot read the tests file ({getattr(exc, 'strerror', None) or exc})") from None


def _refuse(path: Path, problems: list[str]) -> typer.Exit:
    """Every problem as FILE:LINE:COL, as ``rules check`` prints a rules file's, then exit 1."""
    for problem in problems:
        err.print(problem, highlight=False, soft_wrap=True, markup=False)
    return fail(f"{path}: {len(problems)} problem(s); the tests were not run")


def _rules_named(loaded: LoadedTests, tests: Path) -> Path:
    """The rules file a tests file names, as a path from the tests file."""
    if loaded.tests.rules is None:
        raise _refuse(tests, [loaded.at((), "name the rules file these cases test (rules: default.yaml, a path "
                                            "from this file), or give --rules FILE")])
    path = _folder(tests) / loaded.tests.rules
    if not os.path.relpath(path).startswith(".."):
        path = Path(os.path.relpath(path))  # as the operator would write it, where the file lies below
    if not path.is_file():
        raise _refuse(tests, [loaded.at(("rules",), f"no rules file {path}; name it as a path from the tests file")])
    return path


def _folder(tests: Path) -> Path:
    """Where the paths a tests file names start: beside the file itself, a link to it followed (rules/ holds
    links to the rules and tests shipped in the package)."""
    return tests.resolve().parent


def _reader(folder: Path) -> ReadArticles:
    """The tests' port to the files they name: articles read as replay reads them, each with a date."""
    def read(name: str, received: date | None) -> list[Article]:
        try:
            items = read_file(folder / name, received)
        except UnreadablePath as exc:
            raise ValueError(str(exc)) from None
        articles = []
        for item in items:
            if not isinstance(item, Article):
                raise ValueError(f"{item.origin}: {item.reason}")
            if item.published is None and item.received is None:
                raise ValueError(f"{folder / name}: an article has no date of its own: give date: YYYY-MM-DD "
                                 "beside file: (the day it was received)")
            articles.append(item)
        return articles
    return read


@rules_app.command("backtest")
def backtest_command(
    candidate: Annotated[Path, typer.Argument(help="The rules file to try.")],
    paths: Annotated[list[Path] | None, typer.Argument(help="Articles to run (.txt, .jsonl, folders).")] = None,
    baseline: Annotated[Path, typer.Option("--baseline", help="The rules in force.")] = DEFAULT_RULES,
    db: Annotated[Path | None, typer.Option("--db", help="Re-use the events recorded in this store.")] = None,
    show: Annotated[int, typer.Option("--show", min=0, help="Alerts listed of each kind, added, removed and "
                                                            "changed (0: all); --json gives all.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """What the candidate rules would add, remove and change against the baseline, on the same history; on a
    store whose desk judged alerts, how many of those it had confirmed and rejected, and each rule's precision."""
    if bool(paths) == bool(db):
        raise fail("give either article PATHs or --db STORE as the history to back-test on")
    from stream.control.backtest import (  # loads the pipeline
        backtest,
        backtest_store,
        events_from_articles,
    )
    from stream.control.silences import store_silences
    from stream.embedded.review import recorded_verdicts

    before, after = read_rules(baseline), read_rules(candidate, announce=False)
    if db is not None:
        store = existing_store(db)
        verdicts = {verdict.alert_id: verdict.action for verdict in recorded_verdicts(store)}
        result = backtest_store(store, before, after, run_async(store_silences(store)), whole=as_json,
                                verdicts=verdicts)
        history = "the events of " + str(db)
    else:
        try:
            events = events_from_articles(paths or [], default_gazetteer())
        except UnreadablePath as exc:
            raise fail(str(exc)) from None
        result = backtest(before, after, events, whole=as_json)
        history = f"{len(events):,} events"
    if as_json:
        # msgspec writes the tens of megabytes of a large history's changes six times as fast as json.dumps.
        sys.stdout.buffer.write(msgspec.json.encode(result, order="sorted") + b"\n")
        return
    _print_backtest(Console(), result, baseline, candidate, history, show)


def _print_backtest(console: Console, result: dict[str, Any], baseline: Path, candidate: Path, history: str,
                    show: int) -> None:
    """The first ``show`` alerts of each kind as a table, and how many more there are: a threshold lowered on
    a year of news can add tens of thousands, more than a desk reads and than a terminal draws in a minute."""
    table = Table(title=f"{candidate} against {baseline} on {history}", title_justify="left")
    judged = "judged" in result
    for column in ("", "rule", "alert", "when", "where", *(["desk"] if judged else [])):
        table.add_column(column)
    listed = {key: result[key][:show] if show else result[key] for key in ("added", "removed", "changed")}
    for sign, style, key in (("+", "green", "added"), ("-", "red", "removed")):
        for view in listed[key]:
            place = (view.get("place") or {}).get("name") or ""
            table.add_row(sign, view["rule"], view["title"], str(view.get("event_date") or ""), place,
                          *_desk(view, judged), style=style)
    for change in listed["changed"]:
        what = "; ".join(f"{k}: {old} -> {new}" for k, (old, new) in change["fields"].items())
        table.add_row("~", change["rule"], change["title"], "", what, *_desk(change, judged), style="yellow")
    console.print(table)
    more = [f"{len(result[key]) - len(listed[key]):,} {key}" for key in listed if len(result[key]) > len(listed[key])]
    if more:
        console.print(f"not listed: {', '.join(more)} (--show 0 lists all, --json gives them whole)")
    console.print(f"added {len(result['added'])}, removed {len(result['removed'])}, "
                  f"changed {len(result['changed'])}, unchanged {result['unchanged']}")
    if judged:
        _print_judged(console, result)


def _desk(alert: dict[str, Any], judged: bool) -> list[str]:
    """The desk's verdict on an alert listed, in its column when the store holds verdicts."""
    return [{"confirm": "confirmed", "reject": "rejected"}.get(alert.get("verdict") or "", "")] if judged else []


def _print_judged(console: Console, result: dict[str, Any]) -> None:
    """What the desk had judged among the alerts that differ, and each rule's precision under both files."""
    console.print("judged by the desk: " + "; ".join(
        f"{key} {counts['confirmed']} confirmed, {counts['rejected']} rejected"
        for key, counts in result["judged"].items()))
    console.print("precision per rule: confirmed / judged, over the alerts each file raises that the desk judged (an "
                  "estimate: the desk judges the alerts held for review, not a sample of all)")
    table = Table()
    for column in ("rule", "baseline", "candidate"):
        table.add_column(column)
    for rule, files in result["precision"].items():
        table.add_row(rule, *(_estimate(files[side]) for side in ("baseline", "candidate")))
    console.print(table)


def _estimate(counts: dict[str, Any]) -> str:
    if not counts["judged"]:
        return "none judged"
    return f"{counts['confirmed']}/{counts['judged']} = {counts['precision']:.2f}"


def _parse_matches(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not value:
            raise fail(f"--match takes key=value, not '{pair}'")
        out[key] = value
    return out


@silence_app.command("add")
def silence_add(
    rule: Annotated[str, typer.Argument(metavar="RULE", help="The rule id whose alerts to silence.")],
    until: Annotated[str, typer.Option(
        "--until", metavar="DATE", help="The last event date covered (YYYY-MM-DD; event time, not today's date).")],
    match: Annotated[list[str] | None, typer.Option(
        "--match", metavar="KEY=VALUE", help="place, admin1, country, severity or key, any case; repeatable, and "
                                             "an alert must match every one.")] = None,
    reason: Annotated[str | None, typer.Option("--reason", metavar="TEXT", help="Why, for the next operator.")
                      ] = None,
    db: DbOption = DEFAULT_DB,
    rules: RulesOption = DEFAULT_RULES,
) -> None:
    """Silence RULE's alerts: those raised from now on (by replay, run or serve on this store; a running service
    at its next poll) whose event date is on or before --until and that match every --match are recorded as
    silenced and never sent; 'alerts --silenced' lists them. An alert raised before the silence, or without an
    event date, is not covered."""
    try:
        last = date.fromisoformat(until)
    except ValueError:
        raise fail(f"--until takes a date as YYYY-MM-DD, not '{until}'") from None
    from stream.notify.dispatch import utc_now  # with the notification runtime: not for other commands

    fields = _parse_matches(match or [])
    try:
        record = new_silence(read_rules(rules), rule, fields, last, reason, utc_now())
    except SilenceRefused as exc:
        problem = str(exc)
        raise fail(f"{rules_in_force(rules)} has {problem}" if problem.startswith("no rule") else f"--{problem}"
                   ) from None

    async def main() -> bool:
        async with opened(db, writes=True) as store:
            return bool(await store.append([("silences", record)]))

    added = run_async(main())
    typer.echo(f"silence {record.id}: {rule} {fields or ''} through {last}" + ("" if added else " (already there)"))


@silence_app.command("list")
def silence_list(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """The silences recorded in the store, expired ones too; --json: one object a line (id, rule, match, until,
    reason, added_at, expired_at)."""
    existing_store(db)

    async def main() -> list[Any]:
        async with opened(db) as store:
            return [s for _, s in await store.scan("silences")]

    records = run_async(main())
    expired = {r.silence_id: r.expired_at for r in records if isinstance(r, SilenceExpired)}
    for s in records:
        if not isinstance(s, SilenceAdded):
            continue
        if as_json:
            print(json.dumps({**s.model_dump(mode="json", exclude={"type"}), "expired_at": expired[s.id].isoformat()
                              if s.id in expired else None}, ensure_ascii=False))
            continue
        ended = f"  expired {expired[s.id]:%Y-%m-%d %H:%M}Z" if s.id in expired else ""
        typer.echo(f"{s.id}  {s.rule}  {json.dumps(s.match)}  through {s.until}{ended}  {s.reason or ''}".rstrip())
    if not as_json:
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
        async with opened(db, writes=True) as store:
            try:
                record = expiry([r for _, r in await store.scan("silences")], silence_id, utc_now())
            except SilenceRefused as exc:
                return str(exc)
            await store.append([("silences", record)])
            return ""

    problem = run_async(main())
    if problem:
        raise fail(problem)
    typer.echo(f"silence {silence_id} expired: its alerts are sent again")
