"""Villages and posts the gazetteer does not know, found by the grammar that names them."""

import re

import pytest

from stream.core.extract.mentions import countries_named, find_places, name_runs
from stream.core.places import Gazetteer


def named(gazetteer: Gazetteer, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(m.place.name, m.place.precision, m.place.admin1) for m in find_places(text, gazetteer)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Shells fell on Ohn Taw Gyi village in Kawlin township.", ("Ohn Taw Gyi", "village", "Sagaing")),
    ("Troops burned homes in the village of Zee Pin Kone near Mindat.", ("Zee Pin Kone", "village", "Chin")),
    ("Fighting reached Kawlin's Nat Gyi Kone on Friday.", ("Nat Gyi Kone", "village", "Sagaing")),
    ("The rebels overran a police post in Taung Zin Aye at dawn.", ("Taung Zin Aye", "facility", None)),
    ("The shelling hit a market in Pan Lone, a village east of Loikaw.", ("Pan Lone", "village", "Kayah")),
    ("The drone hit a bus stop near a small town called Weyra Gote on Monday.", ("Weyra Gote", "town", None)),
    ("Two boys died when a shell struck the village of al-Hamdiya at dawn.", ("al-Hamdiya", "village", None)),
    ("Shells landed in the Karam Tala neighbourhood on Friday.", ("Karam Tala", "village", None)),
    ("Jets bombed the Hpa Lu Gyi displaced people's camp on Sunday.", ("Hpa Lu Gyi", "facility", None)),
    ("Gunmen raided the Umm Sarir displacement camp at night.", ("Umm Sarir", "facility", None)),
    ("Mortars fell on a market in Nabiya Koro in Kawlin township.", ("Nabiya Koro", "village", "Sagaing")),
    ("A drone hit a school in Qorra Dimtu district on Sunday.", ("Qorra Dimtu", "district", None)),
    # What kind of post a base is goes before its noun: the name is the place's.
    ("Rebels shelled Nam Hpat Air Base near Kawlin.", ("Nam Hpat", "facility", "Sagaing")),
])
def test_a_name_the_grammar_calls_a_village_or_post(gazetteer: Gazetteer, text: str,
                                                    expected: tuple[str, str, str | None]) -> None:
    assert expected in named(gazetteer, text)


def test_the_grammar_outranks_a_fuzzy_guess(gazetteer: Gazetteer) -> None:
    # "Mong Hsuu" is close to the Shan town of Monghsu, but the sentence says it is a ward of Loikaw.
    found = named(gazetteer, "Shelling hit Tha Pyay Kone and Mong Hsuu wards in Loikaw township.")
    assert ("Mong Hsuu", "village", "Kayah") in found and ("Tha Pyay Kone", "village", "Kayah") in found
    assert all(name != "Monghsu" for name, _, _ in found)


@pytest.mark.parametrize("text", [
    "Villages in Demoso Township emptied.", "Karenni soldiers held the ridge.",
    "A 30-year-old Kyaw Win was detained.", "Clashes broke out near Monday's market.",
    "The wounded were taken to Kawlin's Thiri Mingalar hospital.",
    "Fighters stormed Forward Operating Base Tamu overnight.",
])
def test_what_is_not_a_local_place(gazetteer: Gazetteer, text: str) -> None:
    assert all(precision not in ("village", "facility") for _, precision, _ in named(gazetteer, text))


@pytest.mark.parametrize("text", [
    "Farmers Saw Eh Doh and Naw Htoo Paw were wounded when shells hit Kawlin on Monday.",
    "Sai Aung Mya, a farmer, was shot near Kawlin on Monday.",
])
def test_a_name_opened_by_an_honorific_is_a_person(gazetteer: Gazetteer, text: str) -> None:
    assert [name for name, _, _ in named(gazetteer, text)] == ["Kawlin"]


def test_a_local_word_capitalised_with_its_name(gazetteer: Gazetteer) -> None:
    assert ("Thit Chaung Gyi", "village", "Sagaing") in named(
        gazetteer, "Military jets hit Thit Chaung Gyi Village in Kawlin township with three bombs on Monday.")


def test_a_rights_group_named_after_a_place_places_nothing(gazetteer: Gazetteer) -> None:
    assert named(gazetteer, "The Kawlin Human Rights Watch said on Monday that two were hurt.") == []


def test_a_country_is_read_by_its_longest_name(gazetteer: Gazetteer) -> None:
    assert countries_named("In South Sudan, clashes spread to two counties.", gazetteer) == {"South Sudan"}
    assert countries_named("Sudan and South Sudan share a border.", gazetteer) == {"Sudan", "South Sudan"}


@pytest.mark.parametrize("text", ["Deir al-Balah and Ras al-Ain", "al-Fasher", "xal-Fasher", "the ash-Shifa clinic",
                                  "Sal-Fasher", "as-Sawra, el-Obeid", "al-al-Nour", "1al-X", "é al-X", "Abu al-Nour’s"])
def test_a_run_opens_on_its_arabic_article(text: str) -> None:
    article = r"(?:\b(?:al|el|an|ar|as|ash|at|ad|az)-)?+"
    word = rf"{article}[A-Z][A-Za-z\-]*+(?:[’'][A-Za-z]++)?+"
    whole = re.compile(rf"{word}(?:\s+{word})*+")  # the run as one pattern tried at every character
    assert list(name_runs(text)) == [(m.group(0), m.start(), m.end()) for m in whole.finditer(text)]
