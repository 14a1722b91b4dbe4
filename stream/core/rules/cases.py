"""Rule tests: cases of articles or events beside a rules file, and the alerts each must raise or must not.

A tests file is text in, cases out, refused as a rules file is (``FILE:LINE:COL: key.path: what to fix``). The
histories it gives are made here too: articles written inline, articles read from files through a port the
caller gives, and events written out, placed through the gazetteer every rule runs with.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, Field, TypeAdapter, ValidationError, model_validator

from stream.core.articles import article_from_json
from stream.core.ids import content_id
from stream.core.places import Gazetteer
from stream.core.records import EVENT_KINDS, Article, Event, EventBase, Evidence, Place, Side, Tier
from stream.core.rules.load import Loc, _did_you_mean, _line_order, _plain, describe, located, parse_yaml
from stream.core.rules.schema import EventType, FigureField, Flag, RuleSet, Strict
from stream.errors import BadArticle, RulesError

# The figures each kind of event carries (its record's): a figure written on another kind is a mistake, refused.
FIGURES: dict[str, tuple[str, ...]] = {kind.model_fields["type"].default: kind.figure_fields for kind in EVENT_KINDS}
TEST_EXTRACTOR = "rules-test"


class ArticleCase(Strict):
    """An article of a case: its ``text`` written here with its ``date``, or a ``file`` (.txt or .jsonl, a path
    from the tests file) whose articles are dated by their own dates, else by ``date``."""

    text: str | None = None
    file: str | None = None
    date: dt.date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    id: str | None = None

    @model_validator(mode="after")
    def _one_body(self) -> ArticleCase:
        if (self.text is None) == (self.file is None):
            raise ValueError("give the article's text, or a file of articles, not both and not neither")
        if self.text is not None and self.date is None:
            raise ValueError("an article written here needs its date: add date: YYYY-MM-DD")
        return self


class EventCase(Strict):
    """An event as extraction would give it, written out: its kind, day, place, outlet and figures."""

    type: EventType
    date: dt.date
    # A place the gazetteers know (narrowed by admin1 or country), or any name when admin1 or country is given.
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    source: str | None = None
    side: Side | None = None
    by: str | None = None
    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    displaced: int | None = Field(default=None, ge=0)
    count: int | None = Field(default=None, ge=0)
    flags: list[Flag] = Field(default_factory=list)
    confidence: float = Field(default=1.0, gt=0.0, le=1.0)
    doubts: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _figures_of_its_kind(self) -> EventCase:
        wrong = [name for name in ("killed", "injured", "displaced", "count")
                 if getattr(self, name) is not None and name not in FIGURES[self.type]]
        if wrong:
            allowed = ", ".join(FIGURES[self.type]) or "none"
            raise ValueError(f"a {self.type} event has no {wrong[0]} (its figures: {allowed})")
        if self.type == "displacement" and self.displaced is None:
            raise ValueError("a displacement event needs displaced: how many people fled")
        return self


class Expected(Strict):
    """An alert as a case expects it: its rule, and whichever of place (the alert's place name), date (its event
    date), figures (as they stand after all the case's reports), tier and title the case cares about."""

    rule: str
    place: str | None = None
    date: dt.date | None = None
    figures: dict[FigureField, int] = Field(default_factory=dict)
    tier: Tier | None = None
    title: str | None = None


class Case(Strict):
    """A history (articles or events) and what it raises: ``expect`` lists every alert it must raise, no more;
    ``absent`` alerts it must not raise (alone, it lets any other alert be)."""

    name: str = Field(min_length=1)
    articles: list[ArticleCase] = Field(default_factory=list)
    events: list[EventCase] = Field(default_factory=list)
    expect: list[Expected] | None = None
    absent: list[Expected] | None = None

    @model_validator(mode="after")
    def _history_and_outcome(self) -> Case:
        if bool(self.articles) == bool(self.events):
            raise ValueError("give the case articles or events (one of them, not both)")
        if self.expect is None and self.absent is None:
            raise ValueError("say what the case raises: expect (every alert it raises; [] for none) or absent")
        return self


class RuleTests(Strict):
    """A tests file: the rules file it tests (a path from the tests file) and its cases."""

    rules: str | None = None
    cases: list[Case] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedTests:
    """A tests file read, with its YAML kept to say where in it a later problem lies."""

    tests: RuleTests
    data: Any
    filename: str

    def at(self, path: Loc, message: str) -> str:
        return located(self.filename, self.data, path, message)


def load_tests(text: str, filename: str = "<tests>") -> LoadedTests:
    """Parse and validate a tests file, or a RulesError with every problem as ``FILE:LINE:COL: key.path: ...``."""
    data = parse_yaml(text, filename)
    if not isinstance(data, dict):
        raise RulesError([f"{filename}:1:1: (top): the file must be a mapping with 'rules' and 'cases'"])
    try:
        tests = RuleTests.model_validate(_plain(data))
    except ValidationError as exc:
        # A mapping's key refused is said at the key, not at pydantic's "[key]" below it.
        errors = [{**error, "loc": tuple(p for p in error["loc"] if p != "[key]")} for error in exc.errors()]
        raise RulesError(sorted((describe(error, data, filename, _model_at) for error in errors),
                                key=_line_order)) from None
    loaded = LoadedTests(tests, data, filename)
    seen: dict[str, int] = {}
    problems = []
    for i, case in enumerate(tests.cases):
        if case.name in seen:
            problems.append(loaded.at(("cases", i, "name"), f"'{case.name}' names cases[{seen[case.name]}] already; "
                                                           "give each case its own name"))
        seen.setdefault(case.name, i)
    if problems:
        raise RulesError(problems)
    return loaded


def _model_at(path: Loc, data: Any) -> type[BaseModel] | None:
    """The model whose keys the mapping at ``path`` holds: the schema walked along the path."""
    model: Any = RuleTests
    for part in path:
        if isinstance(part, int):
            continue  # a list's item: its model was taken with the list's field
        field = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """``X``, ``list[X]`` or ``X | None`` as the model X (or whatever the annotation holds)."""
    if get_origin(annotation) is not None or type(annotation).__name__ == "UnionType":
        models = [_inner_model(arg) for arg in get_args(annotation) if arg is not type(None)]
        return next((m for m in models if isinstance(m, type) and issubclass(m, BaseModel)), None)
    return annotation


def check_rules_named(loaded: LoadedTests, rules: RuleSet, rules_name: str) -> list[str]:
    """Each expected alert's rule must be one the rules file holds, enabled: a typo would pass as absent."""
    enabled = [rule.id for rule in rules.rules if rule.enabled]
    problems = []
    for i, case in enumerate(loaded.tests.cases):
        for key in ("expect", "absent"):
            for j, expected in enumerate(getattr(case, key) or []):
                if expected.rule not in enabled:
                    hint = _did_you_mean(expected.rule, enabled) or f"; its rules: {', '.join(enabled) or 'none'}"
                    problems.append(loaded.at(("cases", i, key, j, "rule"),
                                              f"no enabled rule '{expected.rule}' in {rules_name}{hint}"))
    return problems


# Reads a file of articles named by a case (a path from the tests file), dating those without a date of their own
# by the day given; raises ValueError with what is wrong with it. The caller's port to the file system.
ReadArticles = Callable[[str, dt.date | None], list[Article]]
History = list[Article] | list[EventBase]
_EVENT: TypeAdapter[Any] = TypeAdapter(Event)


def histories(loaded: LoadedTests, gazetteer: Gazetteer, read: ReadArticles) -> list[History]:
    """Each case's history: its articles in the order replay reads them (by date), or its events as written;
    a RulesError with every problem found (an article refused, a place no gazetteer knows)."""
    problems: list[str] = []
    out = [_events(loaded, i, gazetteer, problems) if case.events else _articles(loaded, i, read, problems)
           for i, case in enumerate(loaded.tests.cases)]
    if problems:
        raise RulesError(problems)
    return out


def _events(loaded: LoadedTests, i: int, gazetteer: Gazetteer, problems: list[str]) -> list[EventBase]:
    case, events = loaded.tests.cases[i], []
    for j, spec in enumerate(case.events):
        try:
            events.append(event_of(spec, case.name, j, gazetteer))
        except ValueError as exc:
            problems.append(loaded.at(("cases", i, "events", j, "place"), str(exc)))
    return events


def _articles(loaded: LoadedTests, i: int, read: ReadArticles, problems: list[str]) -> list[Article]:
    articles: list[Article] = []
    for j, spec in enumerate(loaded.tests.cases[i].articles):
        try:
            articles += read(spec.file, spec.date) if spec.file is not None else [inline_article(spec)]
        except (ValueError, BadArticle) as exc:
            problems.append(loaded.at(("cases", i, "articles", j, "file" if spec.file else "text"), str(exc)))
    # Replay's order: by the articles' dates, the order written within a day, articles without a date last.
    return sorted(articles, key=lambda article: (article.published is None, article.published or dt.date.min))


def inline_article(spec: ArticleCase) -> Article:
    """An article written in the tests file, read as a JSON line of it would be (the same checks, the same id)."""
    fields = {"id": spec.id, "url": spec.url, "source": spec.source, "title": spec.title, "text": spec.text,
              "published": str(spec.date), "received": str(spec.date)}
    return article_from_json(json.dumps({k: v for k, v in fields.items() if v is not None}).encode())


def event_of(spec: EventCase, case: str, n: int, gazetteer: Gazetteer) -> EventBase:
    """The ``n``th event of a case as a record: an article of its own (its outlet's when it names one)."""
    article_id = content_id("art", TEST_EXTRACTOR, case, str(n))
    sentence = f"event {n} of the case '{case}'"
    figures = {name: getattr(spec, name) for name in FIGURES[spec.type] if getattr(spec, name) is not None}
    extra: dict[str, Any] = {"side": spec.side} if spec.side and spec.type != "displacement" else {}
    if spec.by and spec.type == "territory_seized":
        extra["by"] = spec.by
    return _EVENT.validate_python({  # type: ignore[no-any-return]
        "type": spec.type, "id": content_id("ev", TEST_EXTRACTOR, case, str(n)), "article_id": article_id,
        "source": spec.source, "event_date": spec.date, "date_precision": "day", "place": _place(spec, gazetteer),
        "confidence": spec.confidence, "doubts": tuple(spec.doubts), "extractor_version": TEST_EXTRACTOR,
        "evidence": Evidence(article_id=article_id, sentence=sentence, start=0, end=len(sentence)),
        **{flag: True for flag in spec.flags}, **figures, **extra})


def _place(spec: EventCase, gazetteer: Gazetteer) -> Place | None:
    if spec.place is None:
        if spec.admin1 is None and spec.country is None:
            return None
        precision: Literal["admin1", "country"] = "admin1" if spec.admin1 else "country"
        return Place(name=spec.admin1 or spec.country or "", admin1=spec.admin1, country=spec.country,
                     precision=precision)
    countries = frozenset({spec.country}) if spec.country else frozenset()
    found = gazetteer.resolve(spec.place, admin1=spec.admin1, countries=countries)
    if found is not None:
        return found
    if spec.admin1 is None and spec.country is None:
        raise ValueError(f"'{spec.place}' is in none of the gazetteers: check its spelling, or give its admin1 "
                         "and country to take it as written")
    return Place(name=spec.place, admin1=spec.admin1, country=spec.country)
