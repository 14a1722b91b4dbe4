"""Places: MIMU names, news spellings, fuzzy variants, and villages only with context."""

import pytest

from stream.core.places import Entry, Gazetteer, village_index


@pytest.mark.parametrize(("name", "want", "expected", "admin1", "precision"), [
    ("Chanmyatharzi", None, "Chanmyathazi", "Mandalay", "town"),
    ("Chan Mya Tharsi", "township", "Chanmyathazi", "Mandalay", "township"),
    ("Chanmyathazi", "township", "Chanmyathazi", "Mandalay", "township"),
    ("Sangaing", "admin1", "Sagaing", "Sagaing", "admin1"),
    ("Karenni", "admin1", "Kayah", "Kayah", "admin1"),
    ("Laukkai", None, "Laukkaing", "Shan", "town"),
    ("Kawlin", None, "Kawlin", "Sagaing", "town"),
    ("Kalay", None, "Kale", "Sagaing", "town"),
    ("Mogok", "township", "Mogoke", "Mandalay", "township"),
])
def test_spellings_resolve_to_one_place(gazetteer: Gazetteer, name: str, want: str | None, expected: str,
                                        admin1: str, precision: str) -> None:
    place = gazetteer.resolve(name, want)  # type: ignore[arg-type]
    assert place is not None
    assert (place.name, place.admin1, place.precision, place.country) == (expected, admin1, precision, "Myanmar")


def test_town_has_mimu_code_and_coordinates_in_myanmar(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Muse")
    assert place is not None and place.code and place.code.startswith("MMR015")
    assert place.lat is not None and 9 < place.lat < 29 and place.lon is not None and 92 < place.lon < 102


def test_a_village_needs_its_township_named(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Let Yet Kone", "village") is None
    place = gazetteer.resolve("Let Yet Kone", "village", townships=["Tabayin"])
    assert place is not None and place.precision == "village" and place.admin1 == "Sagaing"


@pytest.mark.parametrize("word", ["Monday", "Asia", "Reuters"])
def test_common_words_are_not_places(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.resolve(word) is None


def test_villages_from_an_index_resolve_as_villages_from_entries() -> None:
    # The data cache hands the gazetteer its villages already indexed; tests and callers may pass entries.
    entries = [Entry("Tabayin", "township", "Sagaing", "Myanmar", "MMR005", "Tabayin"),
               Entry("Let Yet Kone", "village", "Sagaing", "Myanmar", "155", "Tabayin", 22.7, 95.3)]
    for gazetteer in (Gazetteer(entries), Gazetteer(entries[:1], villages=village_index(entries))):
        assert gazetteer.has_village("Let Yet Kone") and gazetteer.resolve("Let Yet Kone", "village") is None
        place = gazetteer.resolve("Let Yet Kone", "village", townships=["Tabayin"])
        assert place is not None and (place.name, place.code, place.lat) == ("Let Yet Kone", "155", 22.7)


def test_every_news_spelling_names_a_place_the_gazetteer_holds(gazetteer: Gazetteer) -> None:
    from stream.core.places import NEWS_SPELLINGS
    missing = [f"{variant} -> {canonical}" for variant, canonical in NEWS_SPELLINGS.items()
               if not gazetteer.candidates(canonical, fuzzy=False)]
    assert missing == []
