"""Silences an operator adds and ends at run time (from the command line or the API): checked against the rules
and the gazetteers before they are recorded, so a silence that would match nothing is refused with a hint, and read
back from a store. (What a silence is, and which alerts it covers, is the core's: ``Silence`` in the rules schema,
``silences`` in detection.)"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import get_args

from stream.core.ids import content_id
from stream.core.records import SilenceAdded, SilenceExpired
from stream.core.rules.schema import SILENCE_FIELDS, RuleSet, Severity, Silence


class SilenceRefused(ValueError):
    """What is wrong with a silence, and how to put it right."""


def new_silence(rules: RuleSet, rule: str, match: dict[str, str], until: date, reason: str | None,
                now: datetime) -> SilenceAdded:
    """The record of a silence, or SilenceRefused naming the rule, key or value that matches nothing."""
    known = [r.id for r in rules.rules]
    if rule not in known:
        close = difflib.get_close_matches(rule, known, n=1)
        raise SilenceRefused(f"no rule '{rule}'" + (f"; did you mean '{close[0]}'?" if close else ""))
    for key, value in match.items():
        if key not in SILENCE_FIELDS:
            close = difflib.get_close_matches(key, sorted(SILENCE_FIELDS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; use {', '.join(sorted(SILENCE_FIELDS))}"
            raise SilenceRefused(f"match cannot use '{key}'{hint}")
        values = known_values(key)
        if values is not None and value.lower() not in {v.lower() for v in values}:
            close = difflib.get_close_matches(value, sorted(values), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise SilenceRefused(f"match {key}={value}: no {key} of that name is known{hint} (a silence that "
                                 "matches nothing silences nothing)")
    # The silence's own id: the one the alerts it silences name.
    silence = Silence(rule=rule, match=match, until=until, reason=reason)
    return SilenceAdded(id=silence.id, rule=rule, match=match, until=until, reason=reason, added_at=now)


def expiry(records: Sequence[object], silence_id: str, now: datetime) -> SilenceExpired:
    """The record ending a silence, given the silences stream so far; SilenceRefused when there is none to end."""
    added = {r.id for r in records if isinstance(r, SilenceAdded)}
    if silence_id not in added:
        close = difflib.get_close_matches(silence_id, sorted(added), n=1)
        raise SilenceRefused("no silence " + silence_id + (f"; did you mean {close[0]}?" if close else
                                                           " in this store (a rules file's silences end when removed)"))
    if any(isinstance(r, SilenceExpired) and r.silence_id == silence_id for r in records):
        raise SilenceRefused(f"silence {silence_id} has already expired")
    return SilenceExpired(id=content_id("sx", silence_id), silence_id=silence_id, expired_at=now)


async def store_silences(path: str | Path) -> list[Silence]:
    """The silences added at run time to the store at ``path`` and not expired."""
    from stream.embedded.store import EventStore  # aiosqlite: only for the commands that read a store

    store = await EventStore.open(path)
    try:
        return await store.silences()
    finally:
        await store.close()


def known_values(key: str) -> set[str] | None:
    """The values a silence may match on ``key``, where they are a closed list; None where any may stand."""
    if key == "severity":
        return set(get_args(Severity))
    if key == "admin1":
        from stream.reference.gazetteer import default_gazetteer
        from stream.reference.world import division_names  # the world's divisions: read from the data cache

        return default_gazetteer().admin1_names() | division_names()
    if key == "country":
        from stream.reference.gazetteer import default_gazetteer

        return default_gazetteer().country_names()
    return None
