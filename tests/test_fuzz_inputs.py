"""Generated bad input through every entry point: nothing crashes, and every line is an article or a dead letter."""

import asyncio
import json
import sqlite3
import subprocess
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replay.pacing import Pacer
from replay.run import replay
from replay.sources import read_inputs
from stream.core.articles import article_from_json
from stream.core.extract import extract
from stream.core.places import Gazetteer
from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore
from stream.errors import BadArticle, RulesError
from stream.kafka.steps import decode_article
from tests.cli_helpers import cli

RECEIVED = date(2024, 3, 10)
# Every character, lone surrogates and control characters included.
ANY_CHAR = st.characters(exclude_categories=())
SENTENCES = st.sampled_from([
    "Soldiers shot dead 12 villagers in Kawlin township on Tuesday.",
    "Rebels seized the town of Kalungu in DR Congo on Monday, killing 40.",
    "About 20,000 people fled their homes in Loikaw on 9999-12-31.",
    "An airstrike on Hpakant killed 'as many as 70' people on 0001-01-01, residents said.",
    "The death toll climbed to 41 in 2999, officials said on Sunday.",
    "Junta troops killed 18,446,744,073,709,551,616 civilians in Kawlin on 31 December 9999.",
])
# Numbers of thousands of digits: float() overflows on them, and Python converts at most 4,300 digits to an int.
DIGITS = st.integers(min_value=300, max_value=12_000).map(lambda n: "9" * n)
TEXTS = st.one_of(
    st.text(ANY_CHAR, max_size=300),
    st.lists(st.one_of(SENTENCES, st.text(ANY_CHAR, max_size=40),
                       DIGITS.map(lambda d: f"Troops killed {d} people in Kawlin on Monday.")),
             min_size=1, max_size=6).map(" ".join),
)
DATES = st.one_of(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
                  st.text(ANY_CHAR, max_size=12), st.integers(), st.none(), st.just("2024-02-30"))
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                           | st.text(ANY_CHAR, max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                        max_size=4),
                           max_leaves=12)
ARTICLES = st.fixed_dictionaries(
    {"text": st.one_of(TEXTS, JSON_VALUES)},
    optional={"id": st.one_of(st.text(ANY_CHAR, max_size=20), st.integers()), "published": DATES,
              "received": DATES, "title": st.one_of(st.text(ANY_CHAR, max_size=60), JSON_VALUES),
              "url": st.text(ANY_CHAR, max_size=30), "source": st.text(ANY_CHAR, max_size=20)})


def _dumps(value: Any) -> bytes:
    return json.dumps(value).encode("utf-8", "surrogatepass")


LINES = st.one_of(
    ARTICLES.map(_dumps),
    JSON_VALUES.map(_dumps),
    st.binary(max_size=120).filter(lambda raw: b"\n" not in raw and b"\r" not in raw),
    st.integers(min_value=1, max_value=5_000).map(lambda depth: b"[" * depth + b"]" * depth),
    # json.dumps cannot write such a number: the line is put together by hand.
    st.tuples(ARTICLES.map(_dumps), DIGITS, st.sampled_from(["n", "id", "published", "text"])).map(
        lambda found: found[0][:-1] + f', "{found[2]}": {found[1]}}}'.encode()),
    st.text(ANY_CHAR, max_size=80).map(lambda t: t.replace("\n", " ").encode("utf-8", "surrogatepass")),
)


@settings(max_examples=2_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=LINES)
def test_every_line_is_an_article_or_a_refusal_and_extraction_never_fails(gazetteer: Gazetteer, raw: bytes) -> None:
    try:
        article = article_from_json(raw, RECEIVED)
    except BadArticle as exc:
        assert str(exc)  # a refusal always says why
        return
    events = extract(article, gazetteer)
    for event in events:
        assert event.event_date is None or event.event_date <= RECEIVED + timedelta(days=1)
    try:  # the Kafka runtime reads the same bytes the same way
        decode_article(raw)
    except BadArticle:
        pass


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINES, min_size=20, max_size=60))
def test_replay_keeps_every_line_as_an_article_or_a_dead_letter(tmp_path_factory: Any, gazetteer: Gazetteer,
                                                                default_rules: RuleSet, lines: list[bytes]) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    archive = folder / "fuzz.jsonl"
    archive.write_bytes(b"\n".join(lines) + b"\n")

    async def run() -> tuple[int, int]:
        store = await EventStore.open(folder / "s.db")
        try:
            report = await replay(read_inputs([archive], received=RECEIVED), Pipeline(store, gazetteer, default_rules),
                                  Pacer(None))
            return report.articles + report.dead_letters, await store.count("articles") + await store.count(
                "deadletters")
        finally:
            await store.close()

    read, kept = asyncio.run(run())
    given_lines = [line for line in archive.read_bytes().splitlines() if line.strip()]
    assert read == len(given_lines)
    assert kept <= read  # an article read twice (the same id) is stored once


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINES, min_size=40, max_size=80))
def test_run_on_stdin_survives_generated_input(tmp_path_factory: Any, lines: list[bytes]) -> None:
    feed = b"\n".join(line for line in lines if line.strip()) + b"\n"
    db = tmp_path_factory.mktemp("stdin") / "live.db"
    done = subprocess.run(cli("run", "--db", db, "--stdin", "--json", "--interval", "0.05"), input=feed,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    with sqlite3.connect(db) as conn:
        kept = conn.execute("SELECT COUNT(*) FROM log WHERE stream IN ('articles', 'deadletters')").fetchone()[0]
    assert 0 < kept <= len([line for line in feed.splitlines() if line.strip()])


# Every way of nesting YAML, to thousands of levels: 40 KB of '[' took the loader 68 s on the service's loop.
_OPENERS = {"[": "]", "{a: ": "}", "[{b: ": "}]", "- ": "", "{": "}"}


def _nested(kinds: list[str]) -> str:
    return "rules: " + "".join(kinds) + "x" + "".join(_OPENERS[k] for k in reversed(kinds)) + "\n"


NESTINGS = st.one_of(
    st.tuples(st.sampled_from(sorted(_OPENERS)), st.integers(min_value=1, max_value=20_000)).map(
        lambda found: _nested([found[0]] * found[1])),
    st.lists(st.sampled_from(sorted(_OPENERS)), min_size=1, max_size=3_000).map(_nested),
    st.integers(min_value=1, max_value=1_400).map(
        lambda depth: "rules:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, depth))),
    st.integers(min_value=1, max_value=20_000).map(lambda depth: "rules:\n" + "  [\n" * depth + "  ]\n" * depth),
    st.text(st.sampled_from("[]{}'\"#:-, \nab"), max_size=3_000).map(lambda soup: "rules: " + soup),
)
RULE_NUMBERS = st.tuples(DIGITS, st.sampled_from(["threshold", "window", "realert", "min_sources"])).map(
    lambda found: "rules:\n  - id: a\n    kind: window_sum\n    title: t\n    field: killed\n    threshold: 3\n"
                  f"    {found[1]}: {found[0]}{'d' if found[1] in ('window', 'realert') else ''}\n")


@settings(max_examples=300, deadline=3_000, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.data_too_large])
@given(text=st.one_of(NESTINGS, RULE_NUMBERS))
def test_every_rules_file_is_loaded_or_refused_with_where_and_at_once(text: str) -> None:
    try:
        load_rules(text, "r.yaml")
    except RulesError as exc:
        assert exc.problems and all(problem.startswith("r.yaml:") for problem in exc.problems), exc.problems
