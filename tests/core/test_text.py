"""Folded text, quick substring tests and patterns that run in ASCII mode where it cannot change a match."""

import importlib
import pkgutil
import re

import pytest

import stream.core
from stream.core.records import Article
from stream.core.text import (
    Cues,
    Gated,
    Regex,
    SentenceGate,
    WordRegex,
    alternation,
    ascii_alike,
    contains_any,
    fold,
)
from tests.regex_samples import samples


def _regexes() -> list[tuple[str, Regex]]:
    found = []
    for module in pkgutil.walk_packages(stream.core.__path__, "stream.core."):
        for name, value in vars(importlib.import_module(module.name)).items():
            patterns = value.patterns if isinstance(value, Gated) else (value,)
            found += [(f"{module.name}.{name}", p) for p in patterns if isinstance(p, Regex)]
    return found


REGEXES = _regexes()
# Characters on which the two modes disagree (a letter, a digit, spaces beyond ASCII), and some on
# which they agree (the punctuation of news text).
DISAGREE = ["é", "\xa0", "\u2009", "٣", "Ⅻ"]
AGREE = ["’", "“", "–", "·"]


def _spans(found: re.Match[str] | None) -> tuple[int, int] | None:
    return found.span() if found else None


def test_the_extractor_patterns_are_found() -> None:
    assert len(REGEXES) > 80


@pytest.mark.parametrize(("name", "regex"), REGEXES, ids=[name for name, _ in REGEXES])
def test_every_pattern_matches_as_unicode_would(name: str, regex: Regex) -> None:
    unicode = re.compile(regex.pattern, regex.flags)
    for text in samples(unicode)[:40]:
        for odd in [*DISAGREE, *AGREE]:
            for variant in (text, text.replace(" ", odd), text.replace("a", odd, 1), odd + text + odd):
                assert _spans(regex.search(variant)) == _spans(unicode.search(variant)), (name, variant)
                assert [m.span() for m in regex.finditer(variant)] == [m.span() for m in unicode.finditer(variant)]


@pytest.mark.parametrize(("text", "alike"), [
    ("plain text", True), ("the junta’s “clearance” – again", True), ("café", False), ("10\xa0000 fled", False),
    ("٣ killed", False), ("", True),
])
def test_which_text_runs_in_ascii_mode(text: str, alike: bool) -> None:
    assert ascii_alike(text) is alike


def test_ascii_mode_is_taken_where_it_is_alike() -> None:
    # In ASCII mode \s is [ \t\n\r\f\v]; a no-break space is a space only to Unicode.
    spaced = Regex(r"at\s+least")
    assert spaced.search("at\xa0least 20") and spaced.search("at least 20")
    assert Regex(r"\bkill").search("“kill") and not Regex(r"\bkill").search("ékill")


def test_information_separators_become_spaces() -> None:
    article = Article(id="a", title="Two\x1fwords", text="Clashes\x1cnear Loikaw\x1d on Monday.")
    assert article.text == "Clashes near Loikaw  on Monday." and article.title == "Two words"


def test_fold_keeps_offsets() -> None:
    assert fold("İstanbul AND Yangon") == "İstanbul and yangon"


@pytest.mark.parametrize("words", [
    ["ten", "tens of thousands", "two", "three", "thirty", "thirteen"],
    ["village", "villages", "village tract", "ward", "wards"],
    ["a", "a dozen", "a.m", "about"],
])
def test_an_alternation_matches_as_the_longest_first_list(words: list[str]) -> None:
    trie = re.compile(rf"\b{alternation(words)}\b")
    listed = re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, words), key=len, reverse=True))})\b")
    texts = [f"so {w} and {w}s, {w[:-1]} or {w}{w}" for w in words]
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in listed.finditer(text)], text
    assert alternation(["ten", "two", "three"]) == "t(?:en|wo|hree)"


WORD_REGEXES = [(name, regex) for name, regex in REGEXES if isinstance(regex, WordRegex)]


def _matches(found: re.Match[str] | None) -> tuple[tuple[int, int], dict[str, str | None]] | None:
    return (found.span(), found.groupdict()) if found else None


@pytest.mark.parametrize(("name", "regex"), WORD_REGEXES, ids=[name for name, _ in WORD_REGEXES])
def test_a_word_pattern_finds_what_its_boundary_pattern_finds(name: str, regex: WordRegex) -> None:
    plain = Regex(regex.pattern, regex.flags)  # "\b(?:body)", searched at every character
    texts = [before + sample + after for sample in samples(regex) for before in ("", " ", "x", "-", "é", "1 ", ". ")
             for after in ("", " x", "x")]
    assert texts, f"no sample of {name}"
    for text in texts:
        for pos in (0, 1, 2):
            assert _matches(regex.search(text, pos)) == _matches(plain.search(text, pos)), text
            assert [_matches(m) for m in regex.finditer(text, pos)] == [_matches(m) for m in plain.finditer(text, pos)]


# Registered once: every list of cues is read with every other.
CUES = Cues("kill", "pulled out", "rolled into", " out of", "air")


@pytest.mark.parametrize("text", ["the army killed three", "they pulled out of the town", "rolled  into it",
                                  "skill", "", "out of", "x\u00a0pulled out", "pulled\nout", "aircraft"])
def test_cues_are_held_as_substrings(text: str) -> None:
    assert CUES.held_by(text) == contains_any(text, CUES.words)


def _sentence_gates() -> list[tuple[str, SentenceGate, Gated]]:
    """Each SentenceGate of the extractor, with the Gated it is made of (same patterns), where one is at hand."""
    gated = {value.patterns: value for module in pkgutil.walk_packages(stream.core.__path__, "stream.core.")
             for value in vars(importlib.import_module(module.name)).values() if isinstance(value, Gated)}
    found = []
    for module in pkgutil.walk_packages(stream.core.__path__, "stream.core."):
        for name, value in vars(importlib.import_module(module.name)).items():
            for i, gate in enumerate(value if isinstance(value, tuple) else (value,)):
                if isinstance(gate, SentenceGate):
                    found.append((f"{module.name}.{name}[{i}]", gate, gated[gate.patterns]))
    return found


SENTENCE_GATES = _sentence_gates()


def test_the_sentence_gates_are_found() -> None:
    assert len(SENTENCE_GATES) >= 5


@pytest.mark.parametrize(("name", "gate", "gated"), SENTENCE_GATES, ids=[name for name, _, _ in SENTENCE_GATES])
def test_a_sentence_gate_lets_through_what_its_gated_patterns_do(name: str, gate: SentenceGate, gated: Gated) -> None:
    texts = [fold(t) for pattern in gate.patterns for t in samples(pattern)]
    texts += ["", "no stem here", "the town, which the army held,", "since the coup began in 2021, 40 died",
              "floods\nkilled 12 elsewhere across the country", "x\u00a0who had fled"]
    for text in texts:
        assert gate.where(text) == gated.where(text), text
        assert _spans(gate.search(text)) == _spans(gated.search(text)), text
