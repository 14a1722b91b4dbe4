"""Alerts held for review, from the command line: ``review list``, ``review confirm ID``, ``review reject ID``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console

from stream.cli_common import DEFAULT_DB, DbOption, JsonOption, err, existing_store, fail, opened, run_async
from stream.console import print_alerts, print_json
from stream.core.review import VerdictRefused
from stream.core.views import AlertQuery, alert_views

review_app = typer.Typer(help="Alerts held for review: list them, confirm one (it is then sent) or reject it.",
                         no_args_is_help=True)
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="The alert's id (from 'review list').")]
ByOption = Annotated[str, typer.Option("--by", metavar="NAME", help="Who gives the verdict.")]


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")


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
