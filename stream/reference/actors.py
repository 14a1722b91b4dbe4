"""The actor registry: the one shipped with Signalfire, extended by the operators' own files."""

from __future__ import annotations

import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from stream.core.extract import registry as registry_module
from stream.core.extract.actors import Actor, Actors
from stream.core.extract.registry import parse_actors, registry
from stream.reference.datacache import cached

ENV = "SIGNALFIRE_ACTORS"  # extra registry files, separated like PATH


def load_actors(paths: tuple[Path, ...] = ()) -> Actors:
    """The shipped registry, then each file in ``paths`` over it (RulesError on a bad file)."""
    layers = [_shipped()]
    layers += [parse_actors(path.read_text(encoding="utf-8"), str(path)) for path in paths]
    return registry(*layers)


def _shipped() -> list[Actor]:
    """The shipped registry, parsed once and kept in the data cache: parsing its YAML costs a third of a second
    at every start, as much as reading back the whole gazetteer."""
    shipped = Path(str(files("stream") / "data" / "actors.yaml"))

    def build() -> list[tuple[object, ...]]:
        return [(a.name, a.side, list(a.aliases), a.country)
                for a in parse_actors(shipped.read_text(encoding="utf-8"), "stream/data/actors.yaml")]

    rows = cached("actors", [shipped, Path(registry_module.__file__)], build)
    return [Actor(name, side, tuple(aliases), country) for name, side, aliases, country in rows]


@lru_cache(maxsize=1)
def default_actors() -> Actors:
    """The registry this process extracts with: shipped, plus the files named in SIGNALFIRE_ACTORS."""
    extra = tuple(Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p)
    return load_actors(extra)
