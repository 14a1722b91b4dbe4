"""Alerts held for review, from the command line: ``review list``, ``review confirm ID``, ``review reject ID``; the
desk's verdicts read back: ``alerts --judged`` and ``judgements export``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from stream.cli.common import DEFAULT_DB, DbOption, JsonOption, err, existing_store, fail, opened, run_async
from stream.cli.console import print_alerts, print_json
from stream.core.review import VerdictRefused
from stream.core.views import AlertQuery, alert_views

review_app = typer.Typer(help="Alerts held for review: list them, confirm one (it is then sent) or reject it.",
                         no_args_is_help=True)
judgements_app = typer.Typer(help="The desk's verdicts on alerts held for review, with the alerts they judged.",
                             no_args_is_help=True)
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="The alert's id (from 'review list').")]
ByOption = Annotated[str, typer.Option("--by", metavar="NAME", help="Who gives the verdict.")]


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")
    app.add_typer(judgements_app, name="judgements")


@review_app.command("list")
def review_list(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """The alerts held for review and not judged yet, oldest first, each with the reasons it was held."""
    existing_store(db)
    query = AlertQuery(tier="review", pending=True)

    async def main() -> list[dict[str, Any]]:
        async with opened(db) as store:
            return query.select(alert_views(await store.alerts(query)))

    views = run_async(main())
    if as_json:
        print_json(views)
        return
    print_alerts(Console(), views)
    err.print(f"{len(views)} alert(s) held for review in {db}: 'signalfire review confirm ID --by NAME' sends one, "
              "'signalfire review reject ID --by NAME --reason TEXT' never will", highlight=False, soft_wrap=True)


@review_app.command("confirm")
def review_confirm(
    alert_id: IdArgument,
    by: ByOption,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="What was checked, for the next reader.")
                    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Confirm an alert held for review: it is sent to its channels once, by the service running on the store
    (within a poll) or by the next one started on it."""
    _judge(db, alert_id, "confirm", by, note)
    typer.echo(f"alert {alert_id} confirmed by {by}: it goes to its channels from the service running on {db}, "
               "or from the next one started")


@review_app.command("reject")
def review_reject(
    alert_id: IdArgument,
    by: ByOption,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="Why it is not to be sent.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Reject an alert held for review: it is never sent, and the reason stays with it."""
    _judge(db, alert_id, "reject", by, reason)
    typer.echo(f"alert {alert_id} rejected by {by}: it is never sent")


def _judge(db: Path, alert_id: str, action: str, by: str, note: str | None) -> None:
    """Record the verdict in the store (no writer lock: a small append, as a silence is), or exit 1 with why not."""
    existing_store(db)
    from stream.embedded.review import judge  # the store's runtime: not for the other commands
    from stream.notify.dispatch import utc_now

    async def main() -> object:
        async with opened(db, writes=True) as store:
            return await judge(store, alert_id, action, by, note, utc_now())

    try:
        recorded = run_async(main())
    except VerdictRefused as exc:
        raise fail(str(exc)) from None
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise fail(f"--{problem['loc'][0]}: {problem['msg']}") from None
    if recorded is None:
        raise fail(f"no alert {alert_id} in {db}")


@judgements_app.command("export")
def judgements_export(
    db: DbOption = DEFAULT_DB,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write them to this file instead of "
                                                                       "stdout.")] = None,
) -> None:
    """Every verdict as a JSON line, oldest first: the alert (id, rule and rule version, title, place, event date,
    figures, article ids, why it was held) and the verdict (confirm or reject, reason, who, when)."""
    rows = _judgements(db, None)
    text = "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{output}: cannot write the judgements ({exc.strerror})") from None
    err.print(f"{len(rows)} judgement(s) from {db} written to {output}", highlight=False, soft_wrap=True)


def show_judgements(db: Path, query: AlertQuery, as_json: bool) -> None:
    """``signalfire alerts --judged``: the verdicts on the alerts the query asks for, oldest first."""
    rows = _judgements(db, query)
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"judgements in {db}", title_justify="left")
    for column in ("alert", "rule", "title", "verdict", "by", "when", "reason"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["alert"], row["rule"], row["title"], {"confirm": "confirmed", "reject": "rejected"}[
            row["verdict"]], row["by"], row["at"], row["reason"] or "", style="green" if row["verdict"] == "confirm"
            else "red")
    Console().print(table)
    confirmed = sum(row["verdict"] == "confirm" for row in rows)
    err.print(f"{len(rows)} judged alert(s) in {db}: {confirmed} confirmed, {len(rows) - confirmed} rejected",
              highlight=False, soft_wrap=True)


def _judgements(db: Path, query: AlertQuery | None) -> list[dict[str, Any]]:
    existing_store(db)
    from stream.embedded.review import judgements

    async def main() -> list[dict[str, Any]]:
        async with opened(db) as store:
            return await judgements(store, query)

    return run_async(main())
