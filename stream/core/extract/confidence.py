"""How far a desk can trust one extracted fact: a score in (0, 1] and the reasons that lowered it.

Each part of a fact that can be wrong lowers the score by a factor: how it was said (a verb on a
figure, a noun, a headline), where (a village or only a country), when (a day, or a year, or only
the day the article arrived) and who (the side known or not). The factors are a desk's priorities
written down, not fitted to any set of articles: what could send a team to the wrong place or day
weighs most.
"""

from __future__ import annotations

from dataclasses import dataclass

from stream.core.records import DatePrecision, Place

# Where: a settlement or post can be checked on a map; a country cannot.
_PLACE = {"facility": 1.0, "village": 1.0, "town": 1.0, "township": 0.95, "district": 0.9, "admin1": 0.8,
          "country": 0.6}
_NO_PLACE = 0.4
# A name no gazetteer holds, placed by the grammar alone ("the town of X").
_UNLISTED = 0.9
# When: the day is what windows and re-alert periods key on.
_DATE = {"day": 1.0, "week": 0.9, "month": 0.8, "year": 0.6, "unknown": 0.5}
# Dated from the day the article arrived, not from a date of its own.
_RECEIVED = 0.9
_VAGUE_FIGURE = 0.85  # "dozens", "thousands": ACLED's conservative floor, not a count
_HEADLINE = 0.9  # a headline compresses; the body usually says more
_UNKNOWN_SIDE = 0.9


@dataclass(frozen=True, slots=True)
class Confidence:
    score: float
    reasons: tuple[str, ...]


def confidence(place: Place | None, date_precision: DatePrecision, anchor: str, *, vague: bool = False,
               in_title: bool = False, side_known: bool = True) -> Confidence:
    """The product of every factor that applies, with one reason per factor below 1."""
    reasons: list[str] = []
    if place is None:
        reasons.append(_NO_PLACE_REASON)
    else:
        precision = place.precision or "country"
        reasons.extend(_PLACE_REASONS.get(precision, (_NO_PLACE_REASON,)))
        if place.code is None and precision in ("facility", "village", "town"):
            reasons.append(_UNLISTED_REASON)
    reasons.extend(_DATE_REASONS[date_precision])
    if anchor != "published":
        reasons.append(_RECEIVED_REASON)
    if vague:
        reasons.append(_VAGUE_REASON)
    if in_title:
        reasons.append(_HEADLINE_REASON)
    if not side_known:
        reasons.append(_UNKNOWN_SIDE_REASON)
    score = 1.0
    for reason in reasons:
        score *= _FACTOR[reason]
    return Confidence(round(score, 3), tuple(reasons))


# Each reason is written once, with its factor: an event is scored by looking its reasons up.
_FACTOR: dict[str, float] = {}


def _reason(text: str, factor: float) -> str:
    reason = f"{text} (x{factor:g})"
    _FACTOR[reason] = factor
    return reason


_NO_PLACE_REASON = _reason("no place", _NO_PLACE)
_PLACE_REASONS = {precision: (_reason(f"place known to the {precision}", factor),) if factor < 1 else ()
                  for precision, factor in _PLACE.items()}
_UNLISTED_REASON = _reason("place named by the sentence, in no gazetteer", _UNLISTED)
_DATE_REASONS = {precision: (_reason(f"date known to the {precision}", factor),) if factor < 1 else ()
                 for precision, factor in _DATE.items()}
_RECEIVED_REASON = _reason("dated from the day the article was received", _RECEIVED)
_VAGUE_REASON = _reason("vague figure", _VAGUE_FIGURE)
_HEADLINE_REASON = _reason("read in the headline", _HEADLINE)
_UNKNOWN_SIDE_REASON = _reason("side unknown", _UNKNOWN_SIDE)
