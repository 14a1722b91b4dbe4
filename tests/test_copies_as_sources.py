"""A wire story carried by several outlets is one independent source: copies never meet min_sources."""

from __future__ import annotations

import json
from datetime import date

from stream.core.articles import article_from_json
from stream.core.detect import run
from stream.core.extract import extract
from stream.core.records import Alert, CopyOf
from stream.core.rules.load import load_rules
from stream.reference.gazetteer import default_gazetteer

RULES = load_rules("rules:\n  - {id: seized, kind: control_change, title: '{place} seized', min_sources: 2}\n")
STORY = "Resistance forces captured Kawlin on Monday after days of fighting, residents said."


def article(article_id: str, outlet: str, copy_of: CopyOf | None = None) -> dict:
    body = {"id": article_id, "source": outlet, "published": "2024-03-12", "text": STORY}
    return body | ({"copy_of": copy_of.model_dump()} if copy_of else {})


def alerts(*bodies: dict) -> list[Alert]:
    events = [e for body in bodies for e in extract(article_from_json(json.dumps(body).encode(), date(2024, 3, 12)),
                                                    default_gazetteer())]
    return [o for o in run(RULES, events) if isinstance(o, Alert)]


def test_two_outlets_reporting_on_their_own_meet_min_sources() -> None:
    [alert] = alerts(article("a1", "Outlet A"), article("a2", "Outlet B"))
    assert [s.source for s in alert.sources] == ["Outlet A", "Outlet B"]


def test_a_copy_of_another_outlet_s_story_is_not_a_second_source() -> None:
    wire = CopyOf(article_id="a1", source="Wire")
    assert alerts(article("a1", "Wire"), article("a2", "Outlet B", wire)) == []


def test_an_alert_lists_every_outlet_that_carried_the_story_with_copies_marked() -> None:
    wire = CopyOf(article_id="a1", source="Wire")
    [alert] = alerts(article("a1", "Wire"), article("a2", "Outlet B", wire), article("a3", "Outlet C"))
    assert [(s.source, s.copy_of) for s in alert.sources] == [("Wire", None), ("Outlet B", "a1"), ("Outlet C", None)]


def test_copy_of_is_read_from_an_article_line_and_refused_when_malformed() -> None:
    from stream.errors import BadArticle

    read = article_from_json(json.dumps(article("a2", "B", CopyOf(article_id="a1", source="Wire"))).encode())
    assert read.copy_of == CopyOf(article_id="a1", source="Wire")
    try:
        article_from_json(json.dumps({"text": STORY, "copy_of": "a1"}).encode())
    except BadArticle as exc:
        assert "copy_of" in str(exc)
    else:
        raise AssertionError("a malformed copy_of was taken")
