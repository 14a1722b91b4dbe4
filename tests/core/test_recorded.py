"""Lean recorded events read as their models do, every detector folds them to the very same records, and its
drafts (what backtests fold) quote to those records."""

import random
from datetime import date

import pytest

from stream.core.detect import Detection, run
from stream.core.detect.base import field_of
from stream.core.detect.outputs import AlertDraft, CorroborationDraft
from stream.core.recorded import LEAN_KINDS, UNREAD, decode_lean, evidence_json
from stream.core.records import Airstrike, CopyOf, Evidence, Place
from stream.core.rules.load import load_rules
from tests.builders import KAWLIN, LOIKAW, displaced, killed, seized

EVIDENCE = Evidence(article_id="x", sentence="Two drones struck the market.", start=4, end=33, trigger="struck",
                    trigger_start=11, trigger_end=17)
KINDS = [
    seized("s1", "2024-02-01", side="military", source="Outlet A", copy_of=CopyOf(article_id="w1", source="Wire")),
    killed("k1", "2024-02-02", 7, place=None, side="civilian", cumulative=True, confidence=0.6,
           confidence_reasons=("vague",)),
    displaced("d1", "2024-02-03", 12_000, historical=True, url="https://example.org/d1"),
    Airstrike(id="ev-a1", article_id="a1", event_date=date(2024, 2, 4), place=LOIKAW, extractor_version="t",
              evidence=EVIDENCE, count=2),
]


def test_there_is_a_lean_kind_for_every_event_kind() -> None:
    assert sorted(kind.type for kind in LEAN_KINDS) == sorted(e.type for e in KINDS)  # type: ignore[attr-defined]


@pytest.mark.parametrize("event", KINDS, ids=lambda e: e.type)
def test_a_lean_event_has_every_field_of_its_model_with_the_same_value(event) -> None:
    lean = decode_lean(event.model_dump_json())
    assert type(lean).__name__ == f"Lean{type(event).__name__}"
    for name in type(event).model_fields:
        if name in UNREAD:  # bookkeeping is not decoded at all: reading it is an error, not a None
            with pytest.raises(AttributeError):
                getattr(lean, name)
        else:
            assert getattr(lean, name) == getattr(event, name), name
    assert lean.is_incident == event.is_incident
    # What one kind lacks reads as missing on both.
    for name in ("side", "killed", "displaced", "by", "count"):
        assert field_of(lean, name) == field_of(event, name), name


def test_events_naming_one_place_share_it() -> None:
    first, second = (decode_lean(killed(f"k{i}", "2024-02-02", 3, n=i).model_dump_json()) for i in range(2))
    assert first.place is second.place and isinstance(first.place, Place)


EVERY_KIND = """
rules:
  - {id: seized, kind: control_change, title: '{place} seized by {side}', match: {type: territory_seized},
     min_sources: 2}
  - {id: fled, kind: threshold, title: '{value} fled {place}', field: displaced, threshold: 5000,
     match: {type: displacement}}
  - {id: deaths, kind: window_sum, title: '{value} killed in {admin1}', field: killed, threshold: 12,
     group_by: [admin1], window: 2d, match: {type: casualties, min_confidence: 0.5}}
  - {id: busy, kind: window_count, title: '{value} reports', group_by: [admin1, type], window: 7d, threshold: 4,
     match: {flags: [cumulative]}}
  - {id: surge, kind: spike, title: 'surge of {value}', field: killed, group_by: [country], window: 3d,
     baseline_windows: 2, floor: 5, match: {type: casualties}}
"""


def history(n: int = 800) -> list:
    """Events of every kind in event-time order, with copies, shared outlets, flags and missing places."""
    rng = random.Random(5)
    places = [KAWLIN, LOIKAW, None]
    events = []
    for i in range(n):
        when = date.fromordinal(date(2024, 1, 1).toordinal() + i // 6).isoformat()
        extra = {"place": rng.choice(places), "source": rng.choice(["A", "B", "C", None]),
                 "cumulative": rng.random() < 0.2, "confidence": rng.choice([0.4, 0.7, 1.0])}
        if rng.random() < 0.15:
            extra["copy_of"] = CopyOf(article_id=f"w{i // 10}", source=rng.choice(["Wire", None]))
        kind = rng.randrange(3)
        if kind == 0:
            events.append(seized(f"a{i}", when, side=rng.choice(["military", "resistance", "unknown"]), n=i, **extra))
        elif kind == 1:
            events.append(killed(f"a{i}", when, rng.randint(1, 9), n=i, **extra))
        else:
            events.append(displaced(f"a{i}", when, rng.choice([900, 6_000, 20_000]), n=i, **extra))
    return events


def test_every_detector_folds_lean_events_to_the_records_it_folds_models_to() -> None:
    rules, events = load_rules(EVERY_KIND), history()
    from_models = run(rules, events)
    assert from_models == run(rules, [decode_lean(e.model_dump_json()) for e in events])
    assert {o.rule for o in from_models if o.type == "alert"} == {r.id for r in rules.rules}


def test_drafts_of_lean_events_quote_to_the_very_records_and_silences_of_the_models() -> None:
    rules = load_rules(EVERY_KIND + """
silences:
  - {rule: deaths, match: {admin1: Kayah}, until: 2024-03-01}
""")
    events = history()
    records = run(rules, events)
    detection = Detection(rules, made="drafts")
    state, drafts = detection.initial(), []
    for event in events:
        state, raised = detection.step(state, decode_lean(event.model_dump_json()))
        drafts.extend(raised)
    assert all(isinstance(d, AlertDraft | CorroborationDraft) for d in drafts)
    assert [d.record() for d in drafts] == records
    assert any(r.type == "alert" and r.silenced_by for r in records)


@pytest.mark.parametrize("lean", [True, False], ids=["lean", "models"])
def test_an_alert_draft_shows_as_json_what_its_record_dumps(lean) -> None:
    rules = load_rules(EVERY_KIND + "silences:\n  - {rule: deaths, match: {admin1: Kayah}, until: 2024-03-01}\n")
    events = [decode_lean(e.model_dump_json()) if lean else e for e in history()]
    drafts = [o for o in run_drafts(rules, events) if isinstance(o, AlertDraft)]
    assert {d.fields["rule"] for d in drafts} == {r.id for r in rules.rules}
    assert any(d.fields["silenced_by"] for d in drafts) and any(len(d.reports) > 1 for d in drafts)
    for draft in drafts:
        assert draft.view() == draft.record().model_dump(mode="json", exclude={"type"})


def test_evidence_stored_before_a_field_existed_shows_with_its_default() -> None:
    event = killed("k1", "2024-02-02", 3)
    older = event.model_dump_json().replace(',"in_title":false', "")
    assert "in_title" not in older
    assert evidence_json(decode_lean(older)) == evidence_json(event) == event.evidence.model_dump(mode="json")


def run_drafts(rules, events) -> list:
    detection = Detection(rules, made="drafts")
    state, drafts = detection.initial(), []
    for event in events:
        state, raised = detection.step(state, event)
        drafts.extend(raised)
    return drafts
