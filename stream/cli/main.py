"""The ``signalfire`` command line: replay, alerts, extract, worker; run in cli_run, rules and silences in cli_rules."""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from replay.sources import Inputs, UnreadablePath
from stream.cli.common import (
    DEFAULT_DB,
    DEFAULT_RULES,
    BrokerOption,
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
    seeds_in_force,
    stored_views,
)
from stream.cli.console import print_alerts, print_json
from stream.cli.feeds import register as register_feeds
from stream.cli.init import register as register_init
from stream.cli.ops import register as register_ops
from stream.cli.review import register as register_review
from stream.cli.rules import register as register_rules
from stream.cli.run import register as register_run
from stream.cli.serve import register as register_serve
from stream.core.extract import extract as extract_events
from stream.core.extract.explain import explain_article
from stream.core.incidents import merge_incidents
from stream.core.records import Alert, Article, Event
from stream.core.rules.schema import RuleSet, Silence
from stream.errors import RulesError
from stream.gcpause import no_gc, spare_loaded
from stream.reference.actors import default_actors, load_actors
from stream.reference.gazetteer import default_gazetteer

if TYPE_CHECKING:
    from replay.pacing import Pacer

# The runtimes (asyncio pipeline, Kafka client, apprise) load inside the commands that use them:
# ``signalfire extract`` starts without them, a quarter of a second sooner.

# Help in plain columns: typer's rich help writes <bool> beside every flag; plain help gives a value's type only.
app = typer.Typer(help="Signalfire: sourced conflict events from news, and alerts when rules fire.",
                  no_args_is_help=True, add_completion=False, rich_markup_mode=None)
register_run(app)
register_rules(app)
register_ops(app)
register_serve(app)
register_feeds(app)
register_review(app)
register_init(app)


ReceivedOption = Annotated[str | None, typer.Option(
    "--received", metavar="DATE", help="The day articles without a date of their own reached us (YYYY-MM-DD): "
                                       "their events are dated from it. Default: today.")]


def kafka_settings(broker: str) -> Any:
    from stream.kafka.settings import from_env

    return from_env({**os.environ, "SIGNALFIRE_BROKER": broker})


@app.command()
def replay(
    paths: Annotated[list[Path] | None, typer.Argument(help="Article files (.txt, .jsonl) or folders.")] = None,
    db: DbOption = DEFAULT_DB,
    rules: RulesOption = DEFAULT_RULES,
    as_json: JsonOption = False,
    speed: Annotated[float | None, typer.Option(
        "--speed", help="N times real time on the articles' dates (86400: a day a second). Default: flat out.")
    ] = None,
    broker: BrokerOption = None,
    received: ReceivedOption = None,
) -> None:
    """Replay articles through the pipeline and print the alerts this run raised (or publish them to Kafka).

    Without PATH: the seeds (seeds/ here, else the packaged ones) into a store that holds no articles yet; a store
    that holds some only folds those not folded yet, and prints what they raise.
    """
    from replay.pacing import Pacer

    try:
        pacer = Pacer(speed)
    except ValueError as exc:
        raise fail(str(exc)) from None
    day = _day(received, "--received")
    if broker:
        from stream.kafka.client import publish

        inputs = _inputs(paths or [_seeds()], day)
        topic = kafka_settings(broker).topic("articles")
        sent = run_async(publish(broker, topic, inputs))
        err.print(f"published {sent} articles onto {topic} at {broker}", highlight=False, soft_wrap=True)
        return
    rule_set = read_rules(rules)
    run_async(_replay(_inputs(paths, day) if paths else None, db, rules_in_force(rules), rule_set, pacer, as_json,
                      day))


def _inputs(paths: list[Path], received: date | None = None) -> Inputs:
    try:
        return Inputs(paths, received)
    except UnreadablePath as exc:
        raise fail(str(exc)) from None


def _seeds() -> Path:
    """The seeds a replay without PATH reads, named on stderr."""
    seeds = seeds_in_force()
    err.print(f"replaying the seed articles in {seeds}", highlight=False, soft_wrap=True)
    return seeds


async def _replay(given: Inputs | None, db: Path, rules_path: Path, rule_set: RuleSet, pacer: Pacer, as_json: bool,
                  received: date | None) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from replay.run import replay as run_replay
    from stream.app.runtime import embedded
    from stream.notify.dispatch import Backoff

    with no_gc():  # as `extract` does: the collector's passes would rescan the whole load again and again
        gazetteer = default_gazetteer()
        spare_loaded()
    async with opened(db, writer=True) as store:
        held = 0 if given is not None else await store.count("articles")
        if held:  # the seeds again would only be the same articles: fold what is pending, print what it raises
            err.print(f"{db} holds {held:,} article(s): no seeds read, only the articles not folded yet "
                      "(give PATH to replay more)", highlight=False, soft_wrap=True)
        inputs = given if given is not None else _inputs([] if held else [_seeds()], received)
        # A replay is a job that ends: each alert gets a few attempts now, and a failing channel rests.
        parts = embedded(store, rule_set, rules_path, backoff=Backoff(), gazetteer=gazetteer)
        pipeline, outbox = parts.pipeline, parts.outbox
        show = sys.stderr.isatty() and not as_json
        before = await store.last_position("alerts")
        with Progress(TextColumn("replaying"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, disable=not show, transient=True) as progress:
            task = progress.add_task("replay", total=len(inputs))
            report = await run_replay(inputs, pipeline, pacer, lambda n: progress.advance(task, n), outbox)
        # What this run raised, read back from the log a page at a time: a long replay holds none of it.
        while rows := await store.read("alerts", before, limit=2000):
            raised = {r.id for _, r in rows if isinstance(r, Alert) and r.silenced_by is None}
            _show(await stored_views(store, raised) if raised else [], as_json)
            before = rows[-1][0]
    err.print(report.summary(), highlight=False, soft_wrap=True)


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise fail(f"{option} {text!r}: write a date as YYYY-MM-DD") from None


def _show(views: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        print_json(views)
    else:
        print_alerts(Console(), views)


@app.command()
def alerts(
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
    silenced: Annotated[bool, typer.Option("--silenced", help="List the silenced alerts instead, each with the "
                                                               "silence that applied and its reason.")] = False,
    broker: BrokerOption = None,
    rules: RulesOption = DEFAULT_RULES,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="Only alerts of events on or after this date (YYYY-MM-DD, event time).")
    ] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="DATE", help="Only alerts of events on or before this date.")] = None,
    rule: Annotated[str | None, typer.Option("--rule", metavar="ID", help="Only alerts of this rule id.")] = None,
    place: Annotated[str | None, typer.Option(
        "--place", metavar="NAME", help="Only alerts at this place, or in this state/region or country, by any of its "
                                        "names (Kachin, Kachin State, Kachinland), in any case.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the newest N.")] = None,
    tier: Annotated[str | None, typer.Option(
        "--tier", metavar="sent|review", help="Only alerts sent (sent) or held for review (review).")] = None,
    judged: Annotated[bool, typer.Option("--judged", help="List the desk's verdicts on these alerts instead: alert, "
                                                           "verdict, who, when and the reason.")] = False,
) -> None:
    """List the alerts stored in the event store (or on the alerts topic), with their corroborations."""
    from stream.core.views import AlertQuery

    if tier not in (None, "sent", "review"):
        raise fail(f"--tier {tier!r}: sent or review")
    query = AlertQuery(since=_day(since, "--since"), until=_day(until, "--until"), rule=rule, place=place,
                       silenced=silenced, tier=tier, limit=limit)  # type: ignore[arg-type]
    if judged:
        if broker or silenced:
            raise fail("--judged lists the verdicts recorded in a store (--db), and a silenced alert is never judged")
        from stream.cli.review import show_judgements

        show_judgements(existing_store(db), query, as_json)
        return
    if broker:
        from stream.kafka.client import read_alerts

        _show(query.select(run_async(read_alerts(broker, kafka_settings(broker).topic("alerts")))), as_json)
        return
    existing_store(db)

    from stream.core.views import alert_views
    from stream.embedded.review import with_verdicts

    async def main() -> tuple[list[dict[str, Any]], list[Silence]]:
        async with opened(db) as store:
            return (await with_verdicts(store, alert_views(await store.alerts(query))),
                    await store.silences(expired_too=True))

    found, silences = run_async(main())
    views = query.select(found)
    if silenced:
        in_file = read_rules(rules).silences if rules_in_force(rules).exists() else []
        known = {s.id: s for s in [*silences, *in_file]}
        for view in views:
            match = known.get(view["silenced_by"])
            view["silence"] = {"id": view["silenced_by"], **match.model_dump(mode="json")} if match else None
    _show(views, as_json)
    if not as_json:
        kind = ("silenced " if silenced else "") + {"review": "held ", "sent": "sent "}.get(tier or "", "")
        err.print(f"{len(views)} {kind}alert(s) in {db}", highlight=False, soft_wrap=True)


@app.command()
def worker(
    broker: Annotated[str, typer.Option("--broker", envvar="SIGNALFIRE_BROKER", metavar="URL", help="kafka://HOST:PORT")],
    data_dir: Annotated[Path | None, typer.Option(
        "--data-dir", help="Keep tables in RocksDB here (default: in memory, rebuilt from changelogs).")] = None,
    rules: RulesOption = DEFAULT_RULES,
    loglevel: Annotated[str, typer.Option(
        "--loglevel", metavar="LEVEL", help="crit, error, warn, info or debug.")] = "warn",
    grace: Annotated[float, typer.Option(
        "--grace", envvar="SIGNALFIRE_GRACE", min=0.0,
        help="Seconds publishers may lag one another before an article is late (alerts wait this long).")] = 2.0,
) -> None:
    """Run a Kafka worker: extract, detect and notify agents; start several for one consumer group."""
    read_rules(rules)  # refuse a bad rules file here, with file and line, before faust starts
    os.environ["SIGNALFIRE_BROKER"] = broker
    os.environ["SIGNALFIRE_GRACE"] = str(grace)
    os.environ["SIGNALFIRE_RULES"] = str(rules_in_force(rules))
    if data_dir is not None:
        os.environ["SIGNALFIRE_DATA_DIR"] = str(data_dir)
    from stream.kafka.app import app as faust_app  # configured from the environment at import

    sys.argv = ["signalfire worker", "worker", "--loglevel", loglevel, "--without-web"]
    faust_app.main()


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .jsonl) or folders.")],
    everything: Annotated[bool, typer.Option(
        "--all", help="Also print denied, hypothetical and historical statements (flagged).")] = False,
    actor_files: Annotated[list[Path] | None, typer.Option(
        "--actors", help="An actor registry file over the shipped one (repeatable).")] = None,
    incidents: Annotated[bool, typer.Option(
        "--incidents", help="Print incidents merged across articles instead, one JSON line each.")] = False,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Print, per event, the words that led to it, instead of JSON.")] = False,
    received: ReceivedOption = None,
) -> None:
    """Print one JSON line per article: {"id": ..., "events": [...]}."""
    try:
        inputs = Inputs(paths, _day(received, "--received"))
        actors = load_actors(tuple(actor_files)) if actor_files else default_actors()
    except UnreadablePath as exc:
        raise fail(str(exc)) from None
    except RulesError as exc:
        raise fail("the actor registry is invalid:\n" + "\n".join(exc.problems)) from None
    with no_gc():  # frozen before the collector runs again: else its first pass rescans the whole load
        gazetteer = default_gazetteer()
        spare_loaded()
    out = sys.stdout
    merged: list[Event] = []
    # Extraction makes no reference cycles (a collection after 600 articles finds none), so the collector's
    # passes over the growing caches would only cost time: 1.6% of a 3,000-article run.
    with no_gc():
        for item in inputs:
            if not isinstance(item, Article):
                err.print(f"dead letter {item.origin}: {item.reason}", highlight=False, markup=False)
                continue
            events = [e for e in extract_events(item, gazetteer, actors)
                      if everything or not (e.negated or e.hypothetical or e.historical)]
            if incidents:
                merged.extend(events)
            elif explain:
                out.write(explain_article(item, events))
            else:
                # Each event serialised by pydantic itself: half the time of model_dump then json.dumps.
                events_json = ",".join(e.model_dump_json() for e in events)
                out.write(f'{{"id":{json.dumps(item.id, ensure_ascii=False)},"events":[{events_json}]}}\n')
    for incident in merge_incidents(merged) if incidents else ():
        out.write(incident.model_dump_json() + "\n")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()

