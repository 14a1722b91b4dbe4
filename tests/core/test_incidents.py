"""Incidents merged across outlets: every source, low/best/high figures, independent outlets counted."""

from stream.core.extract import extract
from stream.core.incidents import merge_incidents
from stream.core.places import Gazetteer
from tests.builders import article


def reported(gazetteer: Gazetteer, *stories: tuple[str, str, str]) -> list:
    events = []
    for number, (source, published, text) in enumerate(stories):
        events += extract(article(text, published, id=f"a{number}", source=source), gazetteer)
    return merge_incidents(events)


def test_one_clash_told_by_two_outlets_is_one_incident(gazetteer: Gazetteer) -> None:
    [incident] = reported(
        gazetteer,
        ("Outlet One", "2024-03-05", "Troops killed 12 villagers in Kawlin on Tuesday."),
        ("Outlet Two", "2024-03-06", "At least 15 villagers were killed in Kawlin on Tuesday, residents said."),
        ("Outlet Two", "2024-03-07", "Soldiers killed 14 villagers in Kawlin on Tuesday, a rescuer said."),
    )
    assert (incident.type, incident.side, incident.place.name, incident.outlets) == (
        "casualties", "civilian", "Kawlin", 2)
    killed = incident.figures["killed"]
    assert (killed.low, killed.best, killed.high) == (12, 12, 15)
    assert [s.article_id for s in incident.sources] == ["a0", "a1", "a2"]


def test_other_places_days_and_sides_stay_apart(gazetteer: Gazetteer) -> None:
    incidents = reported(
        gazetteer,
        ("Outlet One", "2024-03-05", "Troops killed 12 villagers in Kawlin on Tuesday."),
        ("Outlet Two", "2024-03-05", "Troops killed 12 villagers in Tamu on Tuesday."),
        ("Outlet Two", "2024-03-15", "Troops killed 12 villagers in Kawlin on Friday."),
        ("Outlet Three", "2024-03-05", "Resistance fighters killed 12 soldiers in Kawlin on Tuesday."),
    )
    assert len(incidents) == 4 and all(i.outlets == 1 for i in incidents)


def test_one_articles_separate_claims_are_separate_incidents(gazetteer: Gazetteer) -> None:
    incidents = reported(
        gazetteer,
        ("Outlet One", "2024-03-06", "On Tuesday fighters killed seven soldiers in Tamu. On Monday fighters "
                                     "killed 17 soldiers in Tamu in a separate ambush."),
        ("Outlet Two", "2024-03-06", "The group said it killed 17 soldiers in Tamu on Monday."),
    )
    merged = sorted((i.figures["killed"].best, i.outlets) for i in incidents)
    assert merged == [(7, 1), (17, 2)]


def test_background_totals_are_no_incidents(gazetteer: Gazetteer) -> None:
    assert reported(gazetteer, ("Outlet One", "2024-03-05",
                                "Security forces have killed more than 1,500 civilians since the coup.")) == []
