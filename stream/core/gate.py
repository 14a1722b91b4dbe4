"""The precision gate: whether an alert is sent at once or waits on the desk for a person, and why.

An alert is sent when the reports the gate trusts would have raised it on their own. A report is doubted
when the extractor found a reason in the article to question it as news (``EventBase.doubts``: a name that
may not be a place, a place outside the story's conflict, a fact told as history, a figure that may be a
total) or when it is less trusted than its rule asks (``match.min_confidence``). An alert that needs a
doubted report is raised all the same, with the tier "review" and the reasons: a desk confirms or rejects it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from stream.core.records import EventBase, Tier
from stream.core.rules.schema import RuleBase

ALWAYS = "the rule holds every alert for review"
# A sum may add reports of one article without a date of its own (its events dated by the day it reached us), never
# of two: nothing tells whether two such articles tell one incident twice, or incidents weeks apart as one day.
UNDATED_APART = ("adds up articles that carry no date of their own, dated only by the day they reached us: they may "
                 "tell one incident twice, or incidents of other days")


def doubts_of(rule: RuleBase, event: EventBase) -> tuple[str, ...]:
    """What the gate holds against one report under ``rule``: its own doubts, and a confidence too low."""
    least = rule.match.min_confidence
    if event.confidence < least:
        return (*event.doubts, f"confidence {event.confidence:g} under the rule's {least:g}")
    return tuple(event.doubts)


def trusted(rule: RuleBase, event: EventBase) -> bool:
    """Whether the gate trusts one report under ``rule``: what it raised alone would be sent."""
    return rule.review == "never" or (rule.review == "auto" and not doubts_of(rule, event))


def tier_of(rule: RuleBase, reports: Sequence[EventBase], enough: Callable[[Sequence[EventBase]], bool],
            held: Mapping[str, str] | None = None) -> tuple[Tier, tuple[str, ...]]:
    """The alert's tier and the gate's reasons: "sent" when ``enough`` of the undoubted reports would raise it
    alone (each detector says what enough is: one report, a window's threshold), else "review". ``held``: reports
    the detector doubts beside them (by event id, with the reason), as a window does ``UNDATED_APART``."""
    if rule.review == "never":
        return "sent", ()
    trusted: list[EventBase] = []
    reasons: dict[str, None] = {}  # each reason once, in the order the reports came
    for event in reports:
        doubts = doubts_of(rule, event)
        if held and event.id in held:
            doubts = (*doubts, held[event.id])
        if doubts:
            reasons.update(dict.fromkeys(doubts))
        else:
            trusted.append(event)
    if rule.review == "always":
        return "review", (ALWAYS, *reasons)
    if len(trusted) == len(reports) or enough(trusted):
        return "sent", ()
    return "review", tuple(reasons)
