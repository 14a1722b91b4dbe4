"""The title as the story's first paragraph: read where the text does not open with it, never counted twice."""

from stream.core.extract import extract
from stream.core.extract.mentions import title_case
from stream.core.places import Gazetteer
from tests.builders import article


def casualties(gazetteer: Gazetteer, text: str, title: str) -> list[tuple[int | None, str, bool]]:
    return [(e.killed, e.side, e.evidence.in_title) for e in extract(article(text, title=title), gazetteer)
            if e.type == "casualties" and e.is_incident]


def test_a_title_the_text_does_not_repeat_is_read(gazetteer: Gazetteer) -> None:
    found = casualties(gazetteer, "Residents of the village said the soldiers left at dawn on Tuesday.",
                       "Army raid on Kawlin village kills 14 civilians")
    assert found == [(14, "civilian", True)]


def test_a_headline_figure_the_body_tells_again_is_counted_once(gazetteer: Gazetteer) -> None:
    body = "Soldiers shot dead 15 villagers in Kawlin township on Tuesday, residents said."
    assert casualties(gazetteer, body, "Over 12 killed in Kawlin raid") == [(15, "civilian", False)]


def test_a_headline_figure_that_is_part_of_the_body_total_is_counted_once(gazetteer: Gazetteer) -> None:
    body = "A rocket hit a clinic in Kawlin on Friday and killed nine people, among them four nurses."
    assert casualties(gazetteer, body, "Four nurses killed as rocket hits clinic") == [(9, "civilian", False)]


def test_a_headline_seizure_gives_way_to_the_body_that_names_the_place(gazetteer: Gazetteer) -> None:
    events = extract(article("Resistance fighters seized Kawlin on Monday after a week of fighting.",
                             title="Rebels Seize Key Town Along Indian Border"), gazetteer)
    assert [(e.place.name if e.place else None, e.evidence.in_title) for e in events
            if e.type == "territory_seized"] == [("Kawlin", False)]


def test_title_case_headlines_are_told_from_sentences() -> None:
    assert title_case("Rebels Seize Another Junta Outpost In Myanmar")
    assert title_case("KIA Takes Hilltop Camp Guarding the Northern Road")
    assert not title_case("Fighting reached Kawlin's Nat Gyi Kone on Friday.")
    assert not title_case("Rebels seize army post along Thai border")


def test_a_victim_known_only_by_age_is_a_civilian(gazetteer: Gazetteer) -> None:
    assert casualties(gazetteer, "Residents said the strike came before dawn on Monday.",
                      "Army shelling kills 11-year-old near Kawlin") == [(1, "civilian", True)]
