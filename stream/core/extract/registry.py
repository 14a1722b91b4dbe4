"""Actor registry text to ``Actor`` entries, or a RulesError whose lines read ``FILE:LINE:COL: what to fix``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast, get_args

from stream.core.extract.actors import Actor, Actors
from stream.core.records import Side
from stream.core.rules.load import parse_yaml
from stream.errors import RulesError

SIDES = get_args(Side)
_KEYS = {"name", "aliases", "side", "country"}


def parse_actors(text: str, filename: str = "<actors>") -> list[Actor]:
    """Every entry of an ``actors:`` list; all problems are reported at once."""
    data = parse_yaml(text, filename)
    entries = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise RulesError([f"{filename}:1:1: (top): the file must hold 'actors:', a list of name/side entries"])
    actors, problems = [], []
    for index, entry in enumerate(entries):
        where = _position(entries, index, filename)
        if not isinstance(entry, dict):
            problems.append(f"{where}: actors[{index}]: an entry is a mapping with 'name' and 'side'")
            continue
        problems += [f"{where}: actors[{index}].{key}: unknown key; use one of {', '.join(sorted(_KEYS))}"
                     for key in entry if key not in _KEYS]
        name, side, aliases = entry.get("name"), entry.get("side"), entry.get("aliases") or []
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}: actors[{index}].name: give the actor's name")
        if side not in SIDES:
            problems.append(f"{where}: actors[{index}].side: {side!r} is not a side; use one of {', '.join(SIDES)}")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.append(f"{where}: actors[{index}].aliases: a list of names, like [KIA, Kachin army]")
            aliases = []
        if isinstance(name, str) and name.strip() and side in SIDES:
            country = entry.get("country")
            actors.append(Actor(name.strip(), cast(Side, side), tuple(a.strip() for a in aliases),
                                str(country) if country else None))
    if problems:
        raise RulesError(problems)
    return actors


def registry(*layers: Iterable[Actor]) -> Actors:
    """One registry from several files: a later entry with the same name replaces an earlier one."""
    by_name: dict[str, Actor] = {}
    for layer in layers:
        for actor in layer:
            by_name[actor.name.lower()] = actor
    return Actors(by_name.values())


def _position(entries: Any, index: int, filename: str) -> str:
    try:
        line, col = entries.lc.item(index)
        return f"{filename}:{line + 1}:{col + 1}"
    except (AttributeError, KeyError, TypeError):
        return f"{filename}:1:1"
