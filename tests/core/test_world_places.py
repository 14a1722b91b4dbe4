"""Places outside Myanmar: GeoNames towns, found only in stories that name their country."""

import pytest

from stream.core.extract import extract
from stream.core.places import Gazetteer
from tests.builders import article


def seized_or_struck(gazetteer: Gazetteer, text: str) -> list[dict]:
    return [e.model_dump() for e in extract(article(text, "2024-03-08"), gazetteer)
            if e.type in ("territory_seized", "airstrike")]


@pytest.mark.parametrize(("text", "town", "country"), [
    ("M23 rebels seized Goma in eastern DR Congo on Monday.", "Goma", "Democratic Republic of the Congo"),
    ("The RSF captured El Fasher in Sudan's North Darfur state on Sunday.", "El Fasher", "Sudan"),
    ("HTS fighters overran Aleppo on Friday as the Syrian army withdrew.", "Aleppo", "Syria"),
    ("Israeli jets struck Rafah in southern Gaza on Tuesday.", "Rafah", "Palestinian Territory"),
])
def test_towns_abroad_resolve_with_code_and_coordinates(gazetteer: Gazetteer, text: str, town: str,
                                                       country: str) -> None:
    [event] = seized_or_struck(gazetteer, text)
    place = event["place"]
    assert (place["name"], place["country"], place["precision"]) == (town, country, "town")
    assert place["code"] and place["admin1"] and place["lat"] is not None and place["lon"] is not None


def test_a_name_abroad_needs_its_country_in_the_story(gazetteer: Gazetteer) -> None:
    # "Goma" is a town in DR Congo; a story that never names the country does not get it.
    assert gazetteer.resolve("Goma") is None
    place = gazetteer.resolve("Goma", countries=frozenset({"Democratic Republic of the Congo"}))
    assert place is not None and place.country == "Democratic Republic of the Congo"


def test_myanmar_names_still_come_from_mimu(gazetteer: Gazetteer) -> None:
    [event] = seized_or_struck(gazetteer, "Resistance forces seized Kawlin on Monday, near the Indian border.")
    assert (event["place"]["name"], event["place"]["country"]) == ("Kawlin", "Myanmar")


def test_a_name_two_named_countries_share_means_the_larger_town(gazetteer: Gazetteer) -> None:
    # Hyderabad is a city of millions in India and a smaller one in Pakistan.
    both = frozenset({"India", "Pakistan"})
    place = gazetteer.resolve("Hyderabad", countries=both)
    assert place is not None and place.country == "India"
    only_pakistan = gazetteer.resolve("Hyderabad", countries=frozenset({"Pakistan"}))
    assert only_pakistan is not None and only_pakistan.country == "Pakistan"


def test_towns_load_only_for_the_countries_stories_name() -> None:
    loaded: list[str] = []

    def towns(country: str) -> dict:
        loaded.append(country)
        return {}

    gazetteer = Gazetteer([], countries=[], towns=towns)
    gazetteer.resolve("Goma", countries=frozenset({"Sudan"}))
    gazetteer.resolve("Omdurman", countries=frozenset({"Sudan"}))
    assert loaded == ["Sudan"]


@pytest.mark.parametrize(("text", "name", "admin1"), [
    # A town abroad carries its division's name, never a GeoNames code.
    ("Gunmen attacked Dori in northern Burkina Faso on Monday.", "Dori", "Sahel"),
    ("Fighting reached Korenevo in Russia's Kursk region.", "Korenevo", "Kursk Oblast"),
])
def test_towns_abroad_carry_their_division_by_name(gazetteer: Gazetteer, text: str, name: str, admin1: str) -> None:
    countries = frozenset({"Burkina Faso", "Russia"})
    place = gazetteer.resolve(name, countries=countries)
    assert place is not None and (place.name, place.admin1) == (name, admin1)


@pytest.mark.parametrize(("name", "want", "precision", "admin1"), [
    ("Donetsk", None, "town", "Donetsk"),          # a bare name abroad is its largest town
    ("Donetsk", "admin1", "admin1", "Donetsk"),    # "the Donetsk region" is the division
    ("Kursk", "admin1", "admin1", "Kursk Oblast"),  # the division word GeoNames writes is optional
    ("North Kivu", None, "admin1", "Nord Kivu"),   # French compass words read in English
    ("South Kordofan", None, "admin1", "Southern Kordofan"),  # the compass adjective shortened
])
def test_divisions_abroad_resolve_by_the_names_the_news_uses(gazetteer: Gazetteer, name: str, want: str | None,
                                                             precision: str, admin1: str) -> None:
    countries = frozenset({"Ukraine", "Russia", "Democratic Republic of the Congo", "Sudan"})
    place = gazetteer.resolve(name, want, countries=countries)  # type: ignore[arg-type]
    assert place is not None and (place.precision, place.admin1) == (precision, admin1)


def test_a_transliteration_resolves_to_its_town(gazetteer: Gazetteer) -> None:
    # GeoNames keeps the Russian spelling of a Ukrainian town among its alternate names.
    place = gazetteer.resolve("Artemovsk", countries=frozenset({"Ukraine"}))
    assert place is not None and (place.country, place.admin1) == ("Ukraine", "Donetsk")


@pytest.mark.parametrize("name", ["Al Fasher", "Al-Fasher", "El-Fasher", "El Fasher"])
def test_the_arabic_article_is_read_however_it_is_written(gazetteer: Gazetteer, name: str) -> None:
    # GeoNames writes the town "El Fasher" and "Al Fashir", never "Al Fasher".
    place = gazetteer.resolve(name, countries=frozenset({"Sudan"}))
    assert place is not None and (place.precision, place.admin1) == ("town", "Northern Darfur")


def test_a_demonym_names_a_country_never_a_town(gazetteer: Gazetteer) -> None:
    # Some town abroad lists "Congolese" among its alternate names: the word means the country's people.
    place = gazetteer.resolve("Congolese", countries=frozenset({"Democratic Republic of the Congo"}))
    assert place is not None and place.precision == "country"


def test_a_country_takes_no_region_from_the_town_the_story_is_in(gazetteer: Gazetteer) -> None:
    text = "Paramilitary forces shelled El Fasher in Sudan on Monday, residents said. Some 20,000 people have " \
           "been killed in Sudan since then, the UN said."
    [fact] = [e for e in extract(article(text, "2025-03-03"), gazetteer) if e.type == "casualties"]
    assert fact.place is not None and (fact.place.name, fact.place.precision, fact.place.admin1) == (
        "Sudan", "country", None)


@pytest.mark.parametrize("text", [
    "Paramilitary fighters seized al-Fasher in Sudan on Sunday.",
    "Sudanese jets bombed a fuel depot in el-Fasher in Sudan on Sunday.",
])
def test_a_name_opened_by_the_arabic_article_in_lower_case_is_read_whole(gazetteer: Gazetteer, text: str) -> None:
    [event] = seized_or_struck(gazetteer, text)
    assert (event["place"]["precision"], event["place"]["admin1"]) == ("town", "Northern Darfur")


def test_a_quarter_named_in_a_known_town_is_where_the_strike_fell(gazetteer: Gazetteer) -> None:
    [event] = seized_or_struck(gazetteer, "Israeli jets struck a house in Beit al-Naqa in Khan Younis in Gaza.")
    assert (event["place"]["name"], event["place"]["admin1"]) == ("Beit al-Naqa", "Gaza Strip")
