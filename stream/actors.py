"""The actor registry: the one shipped with Signalfire, extended by the operators' own files."""

from __future__ import annotations

import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from stream.core.extract.actors import Actors
from stream.core.extract.registry import parse_actors, registry

ENV = "SIGNALFIRE_ACTORS"  # extra registry files, separated like PATH


def load_actors(paths: tuple[Path, ...] = ()) -> Actors:
    """The shipped registry, then each file in ``paths`` over it (RulesError on a bad file)."""
    shipped = files("stream") / "data" / "actors.yaml"
    layers = [parse_actors(shipped.read_text(encoding="utf-8"), "stream/data/actors.yaml")]
    layers += [parse_actors(path.read_text(encoding="utf-8"), str(path)) for path in paths]
    return registry(*layers)


@lru_cache(maxsize=1)
def default_actors() -> Actors:
    """The registry this process extracts with: shipped, plus the files named in SIGNALFIRE_ACTORS."""
    extra = tuple(Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p)
    return load_actors(extra)
