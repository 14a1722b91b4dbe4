"""Confidence: each fact's score and the reasons that lowered it, and rules that ask for a minimum."""

import pytest

from stream.core.detect import run
from stream.core.extract import extract
from stream.core.extract.confidence import confidence
from stream.core.places import Gazetteer
from stream.core.records import Place
from stream.core.rules.load import load_rules
from tests.builders import killed

TOWN = Place(name="Kawlin", admin1="Sagaing", country="Myanmar", code="MMR005009", precision="town")
COUNTRY = Place(name="Niger", country="Niger", precision="country")


def test_a_town_on_a_day_from_a_dated_article_is_fully_trusted() -> None:
    trust = confidence(TOWN, "day", "published")
    assert (trust.score, trust.reasons) == (1.0, ())


@pytest.mark.parametrize(("place", "precision", "anchor", "flags", "score", "reason"), [
    (COUNTRY, "day", "published", {}, 0.6, "place known to the country"),
    (None, "day", "published", {}, 0.4, "no place"),
    (TOWN, "year", "published", {}, 0.6, "date known to the year"),
    (TOWN, "day", "received", {}, 0.9, "dated from the day the article was received"),
    (TOWN, "day", "published", {"vague": True}, 0.85, "vague figure"),
    (TOWN, "day", "published", {"in_title": True}, 0.9, "read in the headline"),
    (TOWN, "day", "published", {"side_known": False}, 0.9, "side unknown"),
    (Place(name="Kalungu", country="Congo", precision="town"), "day", "published", {}, 0.9, "in no gazetteer"),
])
def test_each_doubt_lowers_the_score_and_says_why(place: Place | None, precision: str, anchor: str, flags: dict,
                                                  score: float, reason: str) -> None:
    trust = confidence(place, precision, anchor, **flags)  # type: ignore[arg-type]
    assert trust.score == score and len(trust.reasons) == 1 and reason in trust.reasons[0]


def test_factors_multiply() -> None:
    assert confidence(COUNTRY, "week", "received", vague=True).score == round(0.6 * 0.9 * 0.9 * 0.85, 3)


def test_extracted_events_carry_their_confidence(gazetteer: Gazetteer) -> None:
    from tests.builders import article
    events = extract(article("Dozens of soldiers were killed in an ambush in western Niger on Tuesday."), gazetteer)
    [event] = [e for e in events if e.type == "casualties"]
    assert event.confidence == round(0.6 * 0.85, 3)
    assert any("country" in r for r in event.confidence_reasons) and any("vague" in r for r in event.confidence_reasons)


def test_events_below_a_rules_minimum_confidence_raise_alerts_held_for_review() -> None:
    rule = ("rules:\n  - {id: deaths, kind: window_sum, title: '{value} killed', field: killed,"
            " threshold: 10, group_by: [admin1], window: 1d, match: {min_confidence: 0.5}%s}\n")
    sure = killed("a1", "2024-01-01", 12)
    unsure = sure.model_copy(update={"id": "ev-unsure", "article_id": "a2", "confidence": 0.4})
    [held] = run(load_rules(rule % ""), [unsure])
    assert held.tier == "review" and held.review == ("confidence 0.4 under the rule's 0.5",)
    [sent] = run(load_rules(rule % ""), [sure])
    assert sent.tier == "sent" and sent.review == ()
    # Without review, the rule leaves such events out, as a filter.
    assert run(load_rules(rule % ", review: never"), [unsure]) == []


def test_min_confidence_outside_zero_to_one_is_refused() -> None:
    from stream.errors import RulesError
    with pytest.raises(RulesError, match="min_confidence"):
        load_rules("rules:\n  - {id: d, kind: threshold, title: t, field: killed, threshold: 1,"
                   " match: {min_confidence: 1.5}}\n")
