"""People displaced: "30,000 were evacuated", "forcing 5,000 to flee", "10,000 IDPs"."""

from __future__ import annotations

import re

from stream.core.extract.actors import side_of
from stream.core.extract.figures import find_figures
from stream.core.extract.findings import Finding, framing

_VERB = r"fled|flee|fleeing|flees|displaced|displacing|evacuated|uprooted|sought\s+refuge|taken\s+refuge|" \
        r"took\s+refuge|sheltering|forced\s+(?:from|out\s+of)\s+their\s+homes|forced\s+to\s+(?:flee|leave)|" \
        r"left\s+their\s+homes|abandoned\s+their\s+homes|escaped"
_AFTER = re.compile(
    rf"^(?P<gap>[^.;]{{0,90}}?)\b(?:(?:have|has|had|were|was|are|is|been|being|reportedly|now|also|already|"
    rf"newly|internally)\s+)*(?P<verb>{_VERB})\b", re.I)
_NOUN_AFTER = re.compile(
    r"^\s*(?:(?:newly|internally)\s+)?(?:displaced(?:\s+(?:people|persons|civilians|residents))?|idps|"
    r"refugees|evacuees)\b", re.I)
_BEFORE = re.compile(
    r"\b(?:displac(?:ed|ing)|forc(?:ed|ing)|driv(?:en|ing)|uproot(?:ed|ing)|sen(?:t|ding)\s+fleeing)"
    r"(?:\s+(?:an\s+estimated|some|about|around|more\s+than|over|nearly|at\s+least))?\s*$", re.I)
_COMBATANT = {"military", "police", "resistance"}


def find_displacement(sentence: str) -> list[Finding]:
    """Each figure of people who fled or were displaced in the sentence."""
    found: list[Finding] = []
    figures = find_figures(sentence)
    for index, figure in enumerate(figures):
        after = sentence[figure.end:]
        nxt = figures[index + 1].start - figure.end if index + 1 < len(figures) else len(after)
        m = _AFTER.match(after)
        noun = _NOUN_AFTER.match(after)
        before = _BEFORE.search(sentence[: figure.start])
        if noun:
            end = figure.end + noun.end()
        elif m and m.start("verb") < nxt and side_of(m["gap"]) not in _COMBATANT:
            end = figure.end + m.end()
        elif before:
            end = figure.end
        else:
            continue
        neg, hyp = framing(sentence, figure.start)
        found.append(Finding(
            type="displacement", start=figure.start, end=end, trigger=sentence[figure.start:end],
            displaced=figure.best, qualifier=figure.qualifier, vague=figure.vague, negated=neg, hypothetical=hyp,
        ))
    return found
