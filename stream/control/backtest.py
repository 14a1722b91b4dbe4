"""Backtesting rules: the same history folded under a baseline and a candidate rule set, then compared.

Only the rules that differ are folded under both sets and compared; the rules both share raise the same
alerts under either, so they are folded once and counted as unchanged. Each piece of that work reads only
the kinds of event its rules can match, and on a store the pieces run in parallel processes, each
streaming its events from the log instead of holding the whole history.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from replay.sources import read_inputs
from stream.core.compare import brief, brief_views, compare
from stream.core.detect import Detection, Output, state_key
from stream.core.detect.outputs import AlertDraft, Draft, Made
from stream.core.extract import extract
from stream.core.extract.actors import Actors
from stream.core.places import Gazetteer
from stream.core.records import EVENT_TYPES, Article, EventBase
from stream.core.review import Judged, judged_counts, merged_tallies, precision, tally
from stream.core.rules.schema import Rule, RuleSet, Silence, Threshold
from stream.core.views import AlertViews
from stream.embedded.store import count_events, recorded_events
from stream.gcpause import no_gc
from stream.reference.actors import default_actors


def events_from_articles(paths: Sequence[str | Path], gazetteer: Gazetteer,
                         actors: Actors | None = None) -> list[EventBase]:
    """Extract the articles of ``paths`` in event-time order, as replay would."""
    actors = actors or default_actors()
    return [e for item in read_inputs(paths) if isinstance(item, Article) for e in extract(item, gazetteer, actors)]


@dataclass(frozen=True)
class Piece:
    """Rules folded together in one pass. With a candidate: the rules that differ, folded under both sets
    and compared. Without: rules both sets hold alike, folded once, their alerts all unchanged."""

    baseline: RuleSet
    candidate: RuleSet | None = None

    @property
    def rules(self) -> list[Rule]:
        """Every rule this piece folds, under either set."""
        return [*self.baseline.rules, *(self.candidate.rules if self.candidate else [])]

    @property
    def types(self) -> tuple[str, ...] | None:
        """The event types these rules can match, or None when one of them takes any type."""
        wanted: set[str] = set()
        for rule in self.rules:
            if not rule.match.type:
                return None
            wanted.update(rule.match.type)
        return tuple(sorted(wanted))

    @property
    def floors(self) -> dict[str, int] | None:
        """When every rule here is a threshold: each figure's lowest threshold. An event under all of them
        leaves every rule's state as it was, so a store need not even decode it."""
        rules = self.rules
        thresholds = [rule for rule in rules if isinstance(rule, Threshold)]
        if not rules or len(thresholds) < len(rules):
            return None
        floors: dict[str, int] = {}
        for rule in thresholds:
            floors[rule.field] = min(rule.threshold, floors.get(rule.field, rule.threshold))
        return floors

    def fold(self, events: Iterable[EventBase], silences: Sequence[Silence] = (), whole: bool = True,
             verdicts: Mapping[str, str] | None = None) -> dict[str, Any]:
        """This piece's share of the comparison over ``events`` (already those of its types, or all):
        added, removed, changed, unchanged. ``whole``: see ``backtest``. With the desk's ``verdicts`` (alert id:
        confirm or reject), also ``judged_by_rule``: per file, per rule, the alerts raised it had judged."""
        with no_gc():
            # The fold's records and states are freed as _fold returns, before the collector is back: else its
            # first pass scans millions of them for nothing (1.1-1.4 s a piece).
            return self._fold(events, silences, whole, verdicts or {})

    def _fold(self, events: Iterable[EventBase], silences: Sequence[Silence], whole: bool,
              verdicts: Mapping[str, str]) -> dict[str, Any]:
        if self.candidate is None:
            ids: Iterator[Any] = fold(self.baseline, events, silences, made="ids")  # AlertId records
            raised = [(o.rule, o.id) for o in ids]
            unchanged = len({alert_id for _, alert_id in raised})
            found: dict[str, Any] = {"added": [], "removed": [], "changed": [], "unchanged": unchanged}
            return _judged(found, raised, raised, verdicts)
        before, after = fold_both(self.baseline, self.candidate, events, silences)
        found = compare(brief_views(before), brief_views(after))
        if not whole:
            found = {**found, "added": brief(found["added"]), "removed": brief(found["removed"])}
        else:  # only the alerts added or removed are shown whole, with their sources and evidence
            found = {**found, "added": _whole(found["added"], after), "removed": _whole(found["removed"], before)}
        return _judged(found, _raised(before), _raised(after), verdicts)


def _raised(drafts: list[Draft]) -> Iterator[tuple[str, str]]:
    return ((d.fields["rule"], d.fields["id"]) for d in drafts if isinstance(d, AlertDraft))


def _judged(found: dict[str, Any], before: Iterable[tuple[str, str]], after: Iterable[tuple[str, str]],
            verdicts: Mapping[str, str]) -> dict[str, Any]:
    """A piece's result with, when the desk gave verdicts, the alerts each file raises that it judged, per rule."""
    if verdicts:
        found["judged_by_rule"] = {"baseline": tally(before, verdicts), "candidate": tally(after, verdicts)}
    return found


def _whole(briefs: list[dict[str, Any]], drafts: list[Draft]) -> list[dict[str, Any]]:
    """The alerts of ``briefs`` whole, as ``signalfire alerts`` shows them, quoted from their drafts."""
    ids = {view["id"] for view in briefs}
    views = AlertViews()
    for draft in drafts:
        if isinstance(draft, AlertDraft):
            if draft.fields["id"] in ids:
                views.open(draft.view())
        elif draft.alert_id in ids:
            views.add(draft.record())
    return views.all()


def plan(baseline: RuleSet, candidate: RuleSet) -> list[Piece]:
    """The comparison cut into pieces: the rules that differ as one piece, each shared rule as its own."""
    def enabled(rules: RuleSet) -> dict[str, Rule]:
        return {state_key(rule): rule for rule in rules.rules if rule.enabled}

    before, after = enabled(baseline), enabled(candidate)
    # A rule is shared when its definition and the rules file's silences of it are the same in both.
    shared = [key for key, rule in before.items()
              if key in after and _silences_of(baseline, rule.id) == _silences_of(candidate, rule.id)]
    pieces = [Piece(_only(baseline, [before[key]])) for key in shared]
    differing = (_only(baseline, [r for k, r in before.items() if k not in shared]),
                 _only(candidate, [r for k, r in after.items() if k not in shared]))
    if differing[0].rules or differing[1].rules:
        pieces.insert(0, Piece(*differing))
    return pieces


def fold(rules: RuleSet, events: Iterable[EventBase], silences: Sequence[Silence] = (),
         made: Made = "records") -> Iterator[Output]:
    push = Detection(rules, silences, made=made).pusher()
    for event in events:
        raised = push(event)
        if raised:
            yield from raised


def fold_both(baseline: RuleSet, candidate: RuleSet, events: Iterable[EventBase],
              silences: Sequence[Silence] = ()) -> tuple[list[Draft], list[Draft]]:
    """One pass over the history drives both rule sets, so a large history is read once. Their outputs are
    drafts: only the alerts that differ are quoted whole."""
    before = Detection(baseline, silences, made="drafts").pusher()
    after = Detection(candidate, silences, made="drafts").pusher()
    out_before: list[Any] = []
    out_after: list[Any] = []
    for event in events:
        raised = before(event)
        if raised:
            out_before.extend(raised)
        raised = after(event)
        if raised:
            out_after.extend(raised)
    return out_before, out_after


def backtest(baseline: RuleSet, candidate: RuleSet, events: Sequence[EventBase],
             silences: Sequence[Silence] = (), whole: bool = True,
             verdicts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``{"added": [...], "removed": [...], "changed": [...], "unchanged": N}`` of candidate against baseline.

    The alerts added and removed are shown ``whole``, as ``signalfire alerts`` shows them, with their sources
    and evidence, or else brief: their rule, title, severity, place, date, figures, channels and reports,
    which is all a table of them reads, at a third of the cost on a large history. With the desk's
    ``verdicts`` (alert id: confirm or reject), see ``with_judgements``."""
    return with_judgements(merge([piece.fold(_of_types(events, piece.types), silences, whole, verdicts)
                                  for piece in plan(baseline, candidate)]), verdicts, _ids(baseline, candidate))


def with_judgements(result: dict[str, Any], verdicts: Mapping[str, str] | None,
                    rules: Iterable[str] = ()) -> dict[str, Any]:
    """The comparison with what the desk had judged, when it had: each alert added, removed or changed that it
    judged carries its ``verdict``; ``judged`` counts those confirmed and rejected of each kind; ``precision``
    estimates the precision of each rule (of ``rules``, and any judged) under both files
    (``stream.core.review.precision``)."""
    by_rule = result.pop("judged_by_rule", None)
    if not verdicts or by_rule is None:
        return result
    for key in ("added", "removed", "changed"):
        for alert in result[key]:
            if alert["id"] in verdicts:
                alert["verdict"] = verdicts[alert["id"]]
    result["judged"] = {key: judged_counts(result[key], verdicts) for key in ("added", "removed", "changed")}
    result["precision"] = precision(by_rule["baseline"], by_rule["candidate"], rules)
    return result


def _ids(*rule_sets: RuleSet) -> set[str]:
    return {rule.id for rules in rule_sets for rule in rules.rules if rule.enabled}


def _of_types(events: Iterable[EventBase], types: tuple[str, ...] | None) -> Iterable[EventBase]:
    """The events a piece reads from a history in memory; from a store, the query selects them instead."""
    return events if types is None else (e for e in events if e.type in types)  # type: ignore[attr-defined]


def backtest_store(path: str | Path, baseline: RuleSet, candidate: RuleSet, silences: Sequence[Silence] = (),
                   workers: int | None = None, whole: bool = True,
                   verdicts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The comparison over a store's recorded events (no re-extraction), its pieces in parallel processes.
    ``whole`` and ``verdicts`` (the store's, read once: ``stream.embedded.review.recorded_verdicts``) as
    ``backtest`` takes them."""
    # The costliest pieces first, so that no process is left with a long one while the others idle: a piece
    # costs about one decode and one fold per event it reads, and one fold more when compared.
    pieces = sorted(plan(baseline, candidate), key=lambda piece: -_events(path, piece) * (3 if piece.candidate else 2))
    jobs = [(str(path), piece.baseline.model_dump_json(),
             piece.candidate.model_dump_json() if piece.candidate else None, [s.model_dump_json() for s in silences],
             whole, dict(verdicts or {}))
            for piece in pieces]
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1:
        return with_judgements(merge([_RESULT.decode(_fold_recorded(*job)) for job in jobs]), verdicts,
                               _ids(baseline, candidate))
    # A fork starts a process at once with everything loaded (0.7 s less to import); it is safe only where the
    # caller runs no other thread (an open aiosqlite connection has one), whose state the fork would copy.
    start = "fork" if threading.active_count() == 1 else "forkserver"
    # The collector is paused while the pieces' results are decoded: tens of thousands of alerts shown whole
    # are a million small objects, which its scans made take five times as long (1.7 s against 0.3 s).
    with no_gc(), ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(start)) as pool:
        futures = [pool.submit(_fold_recorded, *job) for job in jobs]
        return with_judgements(merge([_RESULT.decode(future.result()) for future in futures]), verdicts,
                               _ids(baseline, candidate))


def _events(path: str | Path, piece: Piece) -> int:
    types = piece.types
    return count_events(path, types if types is not None else EVENT_TYPES)


def _fold_recorded(path: str, baseline: str, candidate: str | None, silences: list[str], whole: bool,
                   verdicts: dict[str, str]) -> bytes:
    """One piece over the store's events, read as they are folded. Its arguments and its result are JSON, not
    objects: msgspec writes and reads back 50,000 alerts in a third of the time pickle takes (0.3 s). The
    verdicts, a few thousand at most, go to every piece: each tallies those of the alerts it raises."""
    piece = Piece(RuleSet.model_validate_json(baseline),
                  RuleSet.model_validate_json(candidate) if candidate is not None else None)
    events = recorded_events(path, piece.types, piece.floors, lean=True)
    return msgspec.json.encode(piece.fold(events, [Silence.model_validate_json(s) for s in silences], whole,
                                          verdicts))


_RESULT = msgspec.json.Decoder(dict[str, Any])


def merge(parts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    merged = {
        "added": [view for part in parts for view in part["added"]],
        "removed": [view for part in parts for view in part["removed"]],
        "changed": sorted((c for part in parts for c in part["changed"]), key=lambda c: (c["rule"], c["id"])),
        "unchanged": sum(part["unchanged"] for part in parts),
    }
    judged: list[dict[str, Judged]] = [part["judged_by_rule"] for part in parts if "judged_by_rule" in part]
    if judged:
        merged["judged_by_rule"] = {side: merged_tallies(j[side] for j in judged) for side in ("baseline", "candidate")}
    return merged


def _only(rules: RuleSet, kept: list[Rule]) -> RuleSet:
    ids = {rule.id for rule in kept}
    return rules.model_copy(update={"rules": kept, "silences": [s for s in rules.silences if s.rule in ids]})


def _silences_of(rules: RuleSet, rule_id: str) -> list[Silence]:
    return [s for s in rules.silences if s.rule == rule_id]
