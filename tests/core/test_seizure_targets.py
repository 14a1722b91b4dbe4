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
    ("Rebels captured an army hilltop outpost about 3 km away from Kyauk Taw in Rakhine on Friday.", "Kyauktaw"),
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


@pytest.mark.parametrize(("text", "place"), [
    ("The rebel commander admitted on Saturday that his fighters had lost Wad Madani in Sudan.", "Wad Madani"),
    ("Sudan's army retakes the city of Umm Ruwaba from the paramilitaries", "Umm Ruwaba"),  # a headline's present
    ("The fall of Kalungu on Monday opened the road south, officials in DR Congo said.", "Kalungu"),
])
def test_losses_headlines_and_nouns_report_a_change_of_hands(gazetteer: Gazetteer, text: str, place: str) -> None:
    assert [name for name, _ in seized(gazetteer, text)] == [place]


@pytest.mark.parametrize("text", [
    "The army has stepped up its efforts to seize the base near Kawlin, the group said on Monday.",
    "Russian troops have been trying to capture the town of Kozachi in Ukraine for months.",
    "The army shelled the area in a failed attempt to stop the rebels from taking over the town of Kalungu in "
    "DR Congo.",
])
def test_attempts_are_not_seizures(gazetteer: Gazetteer, text: str) -> None:
    assert seized(gazetteer, text) == []


@pytest.mark.parametrize(("text", "published"), [
    ("After the army recaptured the town of Kalungu in March, the rebels fled north to DR Congo's border.",
     "2025-04-25"),
    ("Earlier this month, troops regained control of Wad Madani in Sudan.", "2025-01-30"),
    ("Kalungu was a rebel stronghold during a 2012 uprising that saw the rebels seize Goma in DR Congo.",
     "2022-06-13"),
])
def test_seizures_told_as_history_are_flagged_historical(gazetteer: Gazetteer, text: str, published: str) -> None:
    events = [e for e in extract(article(text, published), gazetteer) if e.type == "territory_seized"]
    assert events and all(e.historical and not e.is_incident for e in events)


def test_a_place_taken_back_by_the_other_side_changed_hands_twice(gazetteer: Gazetteer) -> None:
    text = ("Arakan Army fighters briefly occupied the town of Pauktaw on Monday. "
            "The junta said on Thursday it had regained control over Pauktaw town.")
    events = [e for e in extract(article(text), gazetteer) if e.type == "territory_seized"]
    assert [(e.place.name if e.place else None, e.side) for e in events] == [
        ("Pauktaw", "resistance"), ("Pauktaw", "military")]
