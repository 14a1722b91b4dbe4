"""What a seizure took: the settlement, post or hill named in its clause, never the wider area or a landmark."""

import pytest

from stream.core.extract import extract
from stream.core.places import Gazetteer
from tests.builders import article


def seized(gazetteer: Gazetteer, text: str, published: str = "2024-03-08") -> list[tuple[str, str | None]]:
    return [(e.place.name if e.place else "", e.place.precision if e.place else None)
            for e in extract(article(text, published), gazetteer)
            if e.type == "territory_seized" and e.is_incident]


@pytest.mark.parametrize(("text", "place"), [
    # A settlement named by the noun before it, known to no gazetteer.
    ("Rebels seized the lakeside town of Kalungu in eastern DR Congo on Monday.", "Kalungu"),
    ("The fighters captured the busy trading hub of Tanganu in Sudan's Darfur region on Friday.", "Tanganu"),
    ("Troops retook the small but strategic town Hareeri from the militants in Somalia on Tuesday.", "Hareeri"),
    ("The army said on Sunday it had captured the rebels' last bases in Lobani town in Sudan.", "Lobani"),
    # A hill, and a post named by the settlement it belongs to.
    ("Rebels took the nearby Mbaraga hill in DR Congo overnight, residents said.", "Mbaraga"),
    ("The alliance overran Sokoni's police station in eastern DR Congo on Monday.", "Sokoni"),
    # A post near a settlement is that settlement's post.
    ("Rebels captured an army hilltop outpost near Kyauk Taw in Rakhine State on Friday.", "Kyauktaw"),
    # A bare name right after the verb.
    ("Government forces took over Dhabad in central Somalia on Wednesday.", "Dhabad"),
    # "now in control of" reports the change, its object after it.
    ("Moscow said its troops were now in control of Krasnivka, a village in Ukraine, on Thursday.", "Krasnivka"),
])
def test_the_settlement_in_the_clause_is_what_was_taken(gazetteer: Gazetteer, text: str, place: str) -> None:
    assert [name for name, _ in seized(gazetteer, text)] == [place]


@pytest.mark.parametrize("text", [
    # A state, province or region is the area the place lies in, not what changed hands.
    "Russian forces captured a small village in Ukraine's Donetsk region on Thursday.",
    "The rebels have seized more than half of Rakhine State since the offensive began.",
    # A place named after "near", "towards", a distance: a landmark.
    "Kachin fighters captured army camps on the approaches to the town of Bhamo on Wednesday.",
    "Rebels took a key town 40 km north of Goma in DR Congo on Monday.",
    # A tally of posts is a running count, not one place.
    "The group has captured about 180 military bases across Myanmar.",
    # A headline in title case opens a noun phrase, not a name.
    "Rebels Seize Another Junta Outpost In Myanmar",
])
def test_areas_landmarks_and_tallies_are_not_what_was_taken(gazetteer: Gazetteer, text: str) -> None:
    assert seized(gazetteer, text) == []


def test_a_whole_state_taken_is_said_in_so_many_words(gazetteer: Gazetteer) -> None:
    assert seized(gazetteer, "The rebels said on Monday they had taken control of the entire Chin State.") \
        == [("Chin", "admin1")]


def test_the_side_that_withdraws_loses_the_place(gazetteer: Gazetteer) -> None:
    [event] = [e for e in extract(article("Ukraine's army said on Wednesday it had withdrawn from the eastern "
                                          "town of Kozachi in Ukraine."), gazetteer) if e.type == "territory_seized"]
    assert event.place is not None and event.place.name == "Kozachi"
    assert event.side == "unknown" and event.by is None  # who took it is not said


def test_a_place_taken_back_by_the_other_side_changed_hands_twice(gazetteer: Gazetteer) -> None:
    text = ("Arakan Army fighters briefly occupied the town of Pauktaw on Monday. "
            "The junta said on Thursday it had regained control over Pauktaw town.")
    events = [e for e in extract(article(text), gazetteer) if e.type == "territory_seized"]
    assert [(e.place.name if e.place else None, e.side) for e in events] == [
        ("Pauktaw", "resistance"), ("Pauktaw", "military")]
