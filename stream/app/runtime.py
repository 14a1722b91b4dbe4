"""The one place a runtime's parts are built from the rules in force: every command that runs one, and the Kafka
worker, call it, so a part added to a runtime is added here once."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stream.control.rules_file import read_rules_file
from stream.control.watch import RulesWatcher
from stream.core.extract.actors import Actors
from stream.core.places import Gazetteer
from stream.core.rules.schema import RuleSet
from stream.notify.dispatch import ONE_ATTEMPT, Backoff
from stream.reference.actors import default_actors
from stream.reference.gazetteer import default_gazetteer

if TYPE_CHECKING:  # a Kafka worker builds its parts here too, and never loads the SQLite runtime
    from stream.embedded.outbox import Outbox
    from stream.embedded.pipeline import Pipeline
    from stream.embedded.store import EventStore


@dataclass(frozen=True)
class Embedded:
    """The embedded runtime over one store: the pipeline folds articles into events and alerts, the outbox
    delivers them, the watcher reloads the rules file once it changes (a service's loop polls it; a replay ends
    first)."""

    pipeline: Pipeline
    outbox: Outbox
    watcher: RulesWatcher


def embedded(store: EventStore, rules: RuleSet, rules_path: Path, outbox_store: EventStore | None = None,
             backoff: Backoff = ONE_ATTEMPT, gazetteer: Gazetteer | None = None) -> Embedded:
    """The parts over ``store``. The outbox reads and writes through ``outbox_store`` when given (a connection of
    its own, so its queries never wait on the pipeline's); ``backoff`` is how often it tries an alert at once (a
    job that ends, as a replay, tries a few times; a service tries once and comes back later). ``rules``: those
    of the file at ``rules_path``."""
    from stream.embedded.outbox import Outbox
    from stream.embedded.pipeline import Pipeline
    from stream.notify.apprise_channel import AppriseNotifier

    pipeline = Pipeline(store, gazetteer or default_gazetteer(), rules)
    outbox = Outbox(outbox_store or store, rules, AppriseNotifier(), pipeline.report, backoff=backoff)
    watcher = RulesWatcher(rules_path, os.environ, rules)
    return Embedded(pipeline, outbox, watcher)


@dataclass(frozen=True)
class Worker:
    """What a Kafka worker folds with: the rules in force and their watcher, and the reference data."""

    rules: RuleSet
    watcher: RulesWatcher
    gazetteer: Gazetteer
    actors: Actors


def kafka_worker(rules_path: Path, env: Mapping[str, str] | None = None) -> Worker:
    """A worker's parts, its rules read from ``rules_path`` (RulesError, OSError when they cannot be)."""
    env = os.environ if env is None else env
    rules = read_rules_file(rules_path, env)
    return Worker(rules, RulesWatcher(rules_path, env, rules), default_gazetteer(), default_actors())
