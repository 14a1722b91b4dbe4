"""Hot reload of the rules file: a changed file takes effect once settled, valid and whole, parsed off the loop."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any

import pytest

from stream.control.watch import RulesWatcher
from stream.core.places import Gazetteer
from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet

RULE = """  - id: {id}
    kind: threshold
    title: "{{value}} displaced near {{place}}"
    field: displaced
    threshold: {threshold}
    match: {{type: displacement, country: Myanmar}}
"""


def rules_text(*ids: str, threshold: int = 1000, end: bool = False) -> str:
    return "rules:\n" + "".join(RULE.format(id=i, threshold=threshold) for i in ids) + ("...\n" if end else "")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def settled(watcher: RulesWatcher, clock: Clock) -> RuleSet | None:
    """What the watcher makes of the file once it has stayed the same for two polls a long while apart."""
    assert watcher.poll() is None  # seen once: it may still be being written
    clock.now += 60
    return watcher.poll()


@pytest.fixture
def watched(tmp_path: Path) -> tuple[Path, RulesWatcher, Clock]:
    path = tmp_path / "rules.yaml"
    path.write_text(rules_text("a", "b"))
    clock = Clock()
    return path, RulesWatcher(path, {}, load_rules(path.read_text()), clock=clock), clock


def test_a_file_left_cut_at_a_rule_boundary_is_never_taken(watched: tuple[Path, RulesWatcher, Clock],
                                                           caplog: pytest.LogCaptureFixture) -> None:
    # A copy that stalls after the first rule (or dies there) left a valid file with one rule: once it had
    # kept still for half a second, the service dropped the other rule without a word.
    path, watcher, clock = watched
    path.write_text(rules_text("a"))
    with caplog.at_level(logging.ERROR, logger="signalfire"):
        assert settled(watcher, clock) is None
    assert [r.id for r in watcher.current.rules] == ["a", "b"] and watcher.refusals == 1
    assert (f"{path}:8:1: rules: the new file leaves out rules in force (b): a file cut while it is written "
            "looks like this; if you mean it, end the file with a line '...' (YAML's end of document)") in caplog.text
    path.write_text(rules_text("a", "b", threshold=500))  # the copy goes on: the whole file is taken
    assert [r.threshold for r in settled(watcher, clock).rules] == [500, 500]  # type: ignore[union-attr]


def test_rules_are_taken_out_of_force_by_a_file_that_says_it_is_whole(
        watched: tuple[Path, RulesWatcher, Clock], caplog: pytest.LogCaptureFixture) -> None:
    path, watcher, clock = watched
    path.write_text(rules_text("a", end=True))
    assert [r.id for r in settled(watcher, clock).rules] == ["a"]  # type: ignore[union-attr]
    # From then on the end line is what says a file is whole: one without it is cut, wherever it was cut.
    cut = rules_text("a", threshold=50_000)  # cut before its match: valid, and it would match every displacement
    path.write_text(cut[:cut.index("    match:")])
    with caplog.at_level(logging.ERROR, logger="signalfire"):
        assert settled(watcher, clock) is None
    assert (f"{path}:7:1: (file): the rules in force end with a line '...' and this file does not: it may be cut "
            "while it is written; end it with '...' when it is whole") in caplog.text
    path.write_text(rules_text("a", "c", threshold=700, end=True))
    assert [r.id for r in settled(watcher, clock).rules] == ["a", "c"]  # type: ignore[union-attr]
    path.write_text("rules: []\n")
    assert settled(watcher, clock) is None  # 'rules: []' says there are none, not that the file is whole
    path.write_text("rules: []\n...\n")
    assert settled(watcher, clock).rules == []  # type: ignore[union-attr]


async def test_the_service_parses_a_changed_rules_file_off_its_event_loop(
        tmp_path: Path, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    # 40 KB of nested brackets took 68 s to refuse, on the loop: /healthz stalled as long.
    from stream.app.service import serve
    from stream.control.rules_file import __name__ as rules_file_module
    from stream.embedded.outbox import Outbox
    from stream.embedded.pipeline import Pipeline
    from stream.embedded.store import EventStore
    from stream.notify.apprise_channel import AppriseNotifier

    real = load_rules

    def slow(*args: Any, **kwargs: Any) -> RuleSet:
        time.sleep(1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(f"{rules_file_module}.load_rules", slow)
    path = tmp_path / "rules.yaml"
    path.write_text(rules_text("a"))
    rules = load_rules(path.read_text())
    store, outbox_store = await EventStore.open(tmp_path / "s.db"), await EventStore.open(tmp_path / "s.db")
    watcher = RulesWatcher(path, {}, rules, settle=0.0)
    stop, gaps = asyncio.Event(), []

    async def beat() -> None:
        last = time.monotonic()
        while watcher.reloads == 0:
            await asyncio.sleep(0.01)
            gaps.append(time.monotonic() - last)
            last = time.monotonic()
        stop.set()

    try:
        pipeline = Pipeline(store, gazetteer, rules)
        beating = asyncio.create_task(beat())
        path.write_text(rules_text("a", threshold=2000))
        await asyncio.wait_for(serve(pipeline, Outbox(outbox_store, rules, AppriseNotifier()), watcher, None, False,
                                     0.05, lambda alerts: None, stop, until_stopped=True), timeout=60)
        await beating
    finally:
        await store.close()
        await outbox_store.close()
    assert watcher.current.rules[0].threshold == 2000  # type: ignore[union-attr]
    assert max(gaps) < 0.5, max(gaps)
