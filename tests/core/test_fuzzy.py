"""The nearest-key search gives extractOne's answer: same key, same first of equals, for short and long names."""

import random
import string

import pytest
from rapidfuzz import fuzz, process

from stream.core.fuzzy import NearestKey
from stream.reference.gazetteer import default_gazetteer

CUTOFF = 87.0


def _extract_one(keys: list[str], name: str) -> str | None:
    hit = process.extractOne(name, NearestKey(keys, CUTOFF).of_length_near(len(name)), scorer=fuzz.ratio,
                             score_cutoff=CUTOFF)
    return hit[0] if hit else None


def _misspelt(word: str, rng: random.Random) -> str:
    letters = list(word)
    for _ in range(rng.randint(0, 3)):
        at = rng.randrange(len(letters) + 1)
        roll = rng.random()
        if roll < 0.33 and at < len(letters):
            del letters[at]
        elif roll < 0.66:
            letters.insert(at, rng.choice(string.ascii_lowercase))
        elif at < len(letters):
            letters[at] = rng.choice(string.ascii_lowercase)
    return "".join(letters)


def test_misspellings_of_real_gazetteer_keys_find_what_extract_one_finds() -> None:
    keys = [k for k in default_gazetteer()._by_key if len(k) >= 6]
    nearest = NearestKey(keys, CUTOFF)
    rng = random.Random(11)
    names = [m for k in keys for m in (_misspelt(k, rng) for _ in range(12)) if len(m) >= 6]
    found = [(name, nearest(name)) for name in names]
    assert sum(1 for _, key in found if key) > len(names) // 4  # most misspellings still resolve
    assert [key for _, key in found] == [_extract_one(keys, name) for name, _ in found]


def test_the_key_two_letters_shorter_than_the_name_is_found() -> None:
    # "hpakant" is "hpakhanti" less two letters: the one case the deletion table cannot see.
    assert NearestKey(["hpakant", "lashio"], CUTOFF)("hpakhanti") == "hpakant"


@pytest.mark.parametrize("name", ["myitkyinaa", "mytkyina", "myitkyana", "myitkyinaxy"])
def test_equal_scores_go_to_the_first_key_as_in_extract_one(name: str) -> None:
    keys = ["myitkyinb", "myitkyina", "myitkyinc", "myitkina"]
    assert NearestKey(keys, CUTOFF)(name) == _extract_one(keys, name)


def test_names_nothing_like_a_key_find_nothing() -> None:
    nearest = NearestKey(["sagaing", "mandalay", "ayeyarwady"], CUTOFF)
    assert nearest("reuters") is None
    assert nearest("spokesperson") is None
