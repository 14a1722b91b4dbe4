"""The language files: well formed, read once, and read as the finders expect."""

from typing import get_args

import pytest

from stream.core.lexicon import numbers, phrases, sections, values, words
from stream.core.records import Qualifier, Side
from stream.core.text import Regex

FILES = ("numbers", "time", "casualties", "roles", "territory", "displacement")


@pytest.mark.parametrize("name", FILES)
def test_every_file_has_sections_of_words(name: str) -> None:
    found = sections(name)
    assert found and all(header and entries for header, entries in found)
    assert all(word == word.lower() and "  " not in word for _, entries in found for word, _ in entries)


def test_role_sections_are_sides() -> None:
    assert {header for header, _ in sections("roles")} <= set(get_args(Side))


def test_values_are_typed() -> None:
    assert numbers("numbers", "vague")["tens of thousands"] == 10_000
    assert set(values("numbers", "qualifiers").values()) <= set(get_args(Qualifier))
    assert numbers("time", "months")["sept"] == 9


def test_a_space_in_a_phrase_matches_any_white_space() -> None:
    pattern = Regex(rf"\b(?:{phrases(words('casualties', 'killed'))})\b")
    assert pattern.search("they were shot\n dead") and pattern.search("who lost  their lives")
    assert not pattern.search("they were shot")


def test_files_are_read_once() -> None:
    assert sections("roles") is sections("roles")


def test_an_unknown_section_is_named_in_the_error() -> None:
    with pytest.raises(KeyError, match=r"numbers.txt has no \[teens\] section"):
        words("numbers", "teens")
