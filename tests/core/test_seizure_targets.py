"""What a seizure took: the settlement, post or hill named in its clause, never the wider area or a landmark."""

import pytest

from stream.core.extract import extract
from stream.core.places import Gazetteer
from stream.reference.actors import default_actors
from tests.builders import article


def seized(gazetteer: Gazetteer, text: str, published: str = "2024-03-08") -> list[tuple[str, str | None]]:
    return [(e.place.name if e.place else "", e.place.precision if e.place else None)
            for e in extract(article(text, published), gazetteer)
            if e.type == "territory_seized" and e.is_incident]


@pytest.mark.parametrize(("text", "place"), [
    # A settlement named by the noun before it, known to no gazetteer.
    ("Rebels seized the lakeside town of Kalungu in eastern DR Congo on Monday.", "Kalungu"),
    ("The fighters captured the river port of Tanganu in Sudan's Darfur region on Friday.", "Tanganu"),
    ("Troops retook the hill town Hareeri from the militants in Somalia on Tuesday.", "Hareeri"),
    ("The army said on Sunday it had overrun the rebels' two garrisons in Lobani town in Sudan.", "Lobani"),
    # A hill, and a post named by the settlement it belongs to.
    ("Overnight the militia occupied Mbaraga hill above the lake in DR Congo.", "Mbaraga"),
    ("The alliance overran Sokoni's customs post in eastern DR Congo on Monday.", "Sokoni"),
    # A post near a settlement is that settlement's post, named as the news writes it (the gazetteer's Kyauktaw).
    ("Rebels overran a radio relay post near Kyauk Taw in Rakhine State on Friday.", "Kyauk Taw"),
    ("Rebels overran a radio relay post some 5 km away from Kyauk Taw in Rakhine on Friday.", "Kyauk Taw"),
    # A bare name right after the verb.
    ("Government forces took over Dhabad in central Somalia on Wednesday.", "Dhabad"),
    # "now in control of" reports the change, its object after it.
    ("Moscow claims its units are now in full control of Krasnivka in Ukraine since Thursday.", "Krasnivka"),
])
def test_the_settlement_in_the_clause_is_what_was_taken(gazetteer: Gazetteer, text: str, place: str) -> None:
    assert [name for name, _ in seized(gazetteer, text)] == [place]


@pytest.mark.parametrize(("text", "places"), [
    # Places listed after one verb were each taken, where each is.
    ("Resistance forces captured Kawlin and Pinlebu on Monday, a spokesman said.", ["Kawlin", "Pinlebu"]),
    ("The brigade overran Kawlin, Pinlebu and Wuntho during the week.", ["Kawlin", "Pinlebu", "Wuntho"]),
    # Each with its own day, or told later in the sentence without the verb again.
    ("The army seized Hpakant on Monday and Mogaung on Wednesday.", ["Hpakant", "Mogaung"]),
    ("Fighters took the village of Nankhan on Sunday, then Pinlebu and Wuntho.",
     ["Nankhan", "Pinlebu", "Wuntho"]),
    # A place joined by another verb, or the state a town lies in, was not taken.
    ("Resistance forces captured Kawlin and advanced towards Pinlebu on Monday.", ["Kawlin"]),
    ("Resistance forces captured Kawlin, Sagaing Region, and Pinlebu on Monday.", ["Kawlin"]),
])
def test_places_listed_after_one_verb_were_each_taken(gazetteer: Gazetteer, text: str, places: list[str]) -> None:
    assert [name for name, _ in seized(gazetteer, text)] == places


@pytest.mark.parametrize("text", [
    # A state, province or region is the area the place lies in, not what changed hands.
    "Separatists took a hamlet in Ukraine's Luhansk region on Thursday.",
    "The rebels say they have now taken most of Chin State.",
    # A place named after "near", "towards", a distance: a landmark.
    "Kachin fighters overran army camps on the highway towards the town of Myitkyina on Wednesday.",
    "Rebels took a key town 40 km north of Goma in DR Congo on Monday.",
    # A tally of posts is a running count, not one place.
    "Since the offensive began the alliance has overrun some 40 outposts in Shan State.",
    # A headline in title case opens a noun phrase, not a name.
    "Rebels Seize Two Army Camps In Myanmar",
])
def test_areas_landmarks_and_tallies_are_not_what_was_taken(gazetteer: Gazetteer, text: str) -> None:
    assert seized(gazetteer, text) == []


def test_a_whole_state_taken_is_said_in_so_many_words(gazetteer: Gazetteer) -> None:
    assert seized(gazetteer, "The rebels said on Monday they had taken control of the entire Chin State.") \
        == [("Chin", "admin1")]


def test_the_side_that_withdraws_loses_the_place(gazetteer: Gazetteer) -> None:
    [event] = [e for e in extract(article("The Ukrainian brigade pulled out of the mining town of Kozachi on "
                                          "Wednesday, Ukraine's general staff said."), gazetteer)
               if e.type == "territory_seized"]
    assert event.place is not None and event.place.name == "Kozachi"
    assert event.side == "unknown" and event.by is None  # who took it is not said


@pytest.mark.parametrize(("text", "place"), [
    ("The militia leader admitted on Saturday that his men had lost El Obeid in Sudan.", "El Obeid"),
    ("Sudan troops recapture the city of Kadugli after a week of fighting", "Kadugli"),  # a headline's present
    ("The fall of Kalungu on Monday opened the road south, officials in DR Congo said.", "Kalungu"),
])
def test_losses_headlines_and_nouns_report_a_change_of_hands(gazetteer: Gazetteer, text: str, place: str) -> None:
    assert [name for name, _ in seized(gazetteer, text)] == [place]


@pytest.mark.parametrize("text", [
    "The junta has launched a push to take the base near Kawlin, the group said on Monday.",
    "Separatists tried to capture the town of Kozachi in Ukraine again this spring.",
    "Drones circled the road to stop the rebels from taking over the town of Kalungu in DR Congo.",
])
def test_attempts_are_not_seizures(gazetteer: Gazetteer, text: str) -> None:
    assert seized(gazetteer, text) == []


@pytest.mark.parametrize(("text", "published"), [
    ("Ever since the army retook the town of Kalungu in February, DR Congo's rebels have kept to the hills.",
     "2025-05-20"),
    ("Troops earlier this month regained El Obeid, Sudan's state media said.", "2025-01-29"),
    ("In 2013 the rebels briefly seized Goma in DR Congo, a city they hold again.", "2022-06-13"),
    # Two weeks to the day before the article: a side note on the day's news, which a desk heard then.
    ("Fighting went on near Goma. The rebels overran the town of Kalungu in DR Congo on March 3.", "2025-03-17"),
])
def test_seizures_told_as_history_are_flagged_historical(gazetteer: Gazetteer, text: str, published: str) -> None:
    events = [e for e in extract(article(text, published), gazetteer) if e.type == "territory_seized"]
    assert events and all(e.historical and not e.is_incident for e in events)


def test_a_place_taken_back_by_the_other_side_changed_hands_twice(gazetteer: Gazetteer) -> None:
    text = ("Arakan Army fighters occupied the town of Kyauktaw for two days from Monday. "
            "State television said on Thursday that troops had retaken Kyauktaw.")
    events = [e for e in extract(article(text), gazetteer) if e.type == "territory_seized"]
    assert [(e.place.name if e.place else None, e.side) for e in events] == [
        ("Kyauktaw", "resistance"), ("Kyauktaw", "military")]


def test_the_taker_is_the_group_named_first_not_the_one_it_held(gazetteer: Gazetteer) -> None:
    text = "KIA units ambushed a Myanmar junta convoy on Monday before seizing the outpost at Hpakant."
    [event] = [e for e in extract(article(text), gazetteer, default_actors()) if e.type == "territory_seized"]
    assert (event.side, event.by) == ("resistance", "Kachin Independence Army")


@pytest.mark.parametrize(("later", "place"), [
    # The hill was fought over, not taken: the base stays in the township the sentence names.
    ("Fighting also broke out near Nam Kyein hill in Kutkai Township on Monday evening.", "Kutkai"),
    # The story names the base it tells of as taken: that is the base overrun.
    ("The fall of the Nam Kyein base in Kutkai Township opens the road to the north.", "Nam Kyein"),
])
def test_a_base_taken_in_a_township_is_a_site_the_story_tells_of_as_taken(gazetteer: Gazetteer, later: str,
                                                                            place: str) -> None:
    text = f"Resistance fighters overran an army base in Kutkai Township on Sunday, a spokesman said.\n\n{later}"
    assert [name for name, _ in seized(gazetteer, text)] == [place]


def test_a_taking_pointed_back_to_is_the_one_told_before(gazetteer: Gazetteer) -> None:
    # The quote names no place: "that base" is the one overrun, not the last town the story named.
    text = ("Resistance fighters overran an army base in Kutkai Township on Sunday, a spokesman said.\n\n"
            "The camp stood on the road between Kutkai and Namhsan, he said.\n\n"
            "\u201cWe had to take that base because its guns covered the road,\u201d he said.")
    assert [name for name, _ in seized(gazetteer, text)] == ["Kutkai"]


def test_a_taking_pointed_back_to_stands_when_the_story_tells_of_no_other(gazetteer: Gazetteer) -> None:
    text = ("Fighting went on around the army base at Kutkai all week. "
            "\u201cWe took that base on Sunday,\u201d a rebel commander said.")
    assert [name for name, _ in seized(gazetteer, text)] == ["Kutkai"]


def test_villages_listed_are_not_where_the_story_is(gazetteer: Gazetteer) -> None:
    # A town named as taken is what was taken, and the dead counted in it stay there: a list of villages
    # retaken near it is no site inside it.
    text = ("On Tuesday rebels captured Goma, North Kivu's main city. Hospitals in Goma counted 200 bodies on "
            "Saturday. The army regained control of villages such as Kiruma, Lubero, and Bitonga, between Goma "
            "and Sake, in DR Congo.")
    events = extract(article(text, "2025-01-30"), gazetteer)
    assert [e.place.name for e in events if e.type == "territory_seized" and e.place] == [
        "Goma", "Kiruma", "Lubero", "Bitonga"]
    assert [e.place.name for e in events if e.type == "casualties" and e.place] == ["Goma"]


def test_a_township_and_its_town_taken_in_one_story_are_one_taking(gazetteer: Gazetteer) -> None:
    text = ("Rebels said on Monday they had seized Kutkai Township after weeks of fighting. "
            "\u201cWe took the town of Kutkai this morning,\u201d a spokesman said.")
    assert [name for name, _ in seized(gazetteer, text)] == ["Kutkai"]


def test_names_no_gazetteer_knows_joined_to_a_place_taken_are_taken(gazetteer: Gazetteer) -> None:
    text = ("In Somalia, troops took the town of Bulo Burde, and overnight Qodqod and Bacadweeyn, "
            "a spokesman said, and Reuters reported heavy losses.")
    assert [name for name, _ in seized(gazetteer, text)] == ["Bulo Burde", "Qodqod", "Bacadweeyn"]


def test_a_region_named_after_a_comma_is_where_the_place_taken_lies(gazetteer: Gazetteer) -> None:
    text = "In Somalia, militants overran a base in Bulo Marer, Lower Shabelle, on Monday."
    assert [name for name, _ in seized(gazetteer, text)] == ["Bulo Marer"]
