"""The cheap tests before the patterns: each substring or number check lets through every text a pattern matches.

The texts are sampled from the patterns themselves, one per alternative, so a word added to a
pattern but not to its quick test fails here instead of going unseen in production.
"""

import importlib
import pkgutil
import re

import pytest

import stream.core
from stream.core.extract import airstrikes, casualties, displacement, figures, territory
from stream.core.extract.findings import has_cue
from stream.core.text import Gated, contains_any
from tests.regex_samples import samples


def _gated() -> list[tuple[str, Gated]]:
    found = []
    for module in pkgutil.walk_packages(stream.core.__path__, "stream.core."):
        for name, value in vars(importlib.import_module(module.name)).items():
            if isinstance(value, Gated):
                found.append((f"{module.name}.{name}", value))
    return found


GATED = _gated()


def test_the_gated_patterns_are_found() -> None:
    assert len(GATED) >= 10  # dates, anchors, comparisons, local places


@pytest.mark.parametrize(("name", "gated"), GATED, ids=[name for name, _ in GATED])
def test_every_match_of_a_gated_pattern_holds_one_of_its_stems(name: str, gated: Gated) -> None:
    for pattern in gated.patterns:
        texts = samples(pattern)
        assert texts, f"no sample of {name}"
        assert [t for t in texts if not contains_any(t, gated.stems)] == []


# Each finder skips a sentence without one of its cue words: every trigger must hold one.
FINDERS = {
    "casualties": (casualties.CUES, [casualties._KEYWORD, casualties._NOUN, casualties._ACTIVE]),
    "displacement": (displacement.CUES, [displacement._AFTER, displacement._NOUN_AFTER, displacement._BEFORE]),
    "seizures": (territory.CUES, [territory._VERB, territory._TOOK]),
    "airstrikes": (airstrikes.CUES, [airstrikes._STRIKE]),
}


@pytest.mark.parametrize("finder", FINDERS)
def test_every_trigger_of_a_finder_holds_one_of_its_cues(finder: str) -> None:
    cues, patterns = FINDERS[finder]
    for pattern in patterns:
        assert [t for t in samples(pattern) if not has_cue(t, cues)] == [], pattern.pattern[:60]


def test_every_figure_passes_the_quick_number_test() -> None:
    texts = samples(figures.FIGURE)
    assert len(texts) > 100
    assert [t for t in texts if not figures._ANY_NUMBER.search(t)] == []


def test_the_quick_number_test_reads_as_its_one_pattern() -> None:
    texts = samples(figures.FIGURE) + ["no number here", "twentyfold", "a dozen", "scores", "၁၂ killed", "Tillabéri 7"]
    assert [t for t in texts if figures._any_number(t) != (figures._ANY_NUMBER.search(t) is not None)] == []


def test_the_sampler_covers_each_alternative() -> None:
    texts = samples(re.compile(r"\b(?:air\s*strikes?|aerial\s+(?:attacks?|raids?))\b"))
    # One part varied at a time: each alternative and each optional letter shows up once.
    assert {" airstrike ", " air strike ", " airstrikes ", " aerial attack ", " aerial attacks ",
            " aerial raid "} <= set(texts)
