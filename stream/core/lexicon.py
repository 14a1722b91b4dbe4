"""The words of war reporting, read once from the language files in ``stream/data/lang/<language>/``.

A language file is plain text: ``[section]`` headers, then one word or phrase a line, and ``#``
comments that say which rule of news writing the words serve. A line ``word = value`` gives the word
a value (a number, a month, a qualifier). In a phrase a space stands for any run of white space.
The finders build their patterns from these sections, so a new word or a new language touches the
data, not the grammar.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from stream.core.text import alternation

LANGUAGE = "en"


@cache
def sections(name: str, language: str = LANGUAGE) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Every section of one language file, in file order, as (header, ((word, value), ...))."""
    text = (files("stream") / "data" / "lang" / language / f"{name}.txt").read_text(encoding="utf-8")
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            out.append((line[1:-1].strip(), []))
            continue
        if not out:
            raise ValueError(f"{name}.txt:{number}: a word before any [section] header")
        word, _, value = line.partition("=")
        out[-1][1].append((" ".join(word.split()), value.strip()))
    return tuple((header, tuple(entries)) for header, entries in out)


def _section(name: str, section: str) -> tuple[tuple[str, str], ...]:
    for header, entries in sections(name):
        if header == section:
            return entries
    raise KeyError(f"{name}.txt has no [{section}] section")


def words(name: str, section: str) -> tuple[str, ...]:
    """The words of one section, in file order."""
    return tuple(word for word, _ in _section(name, section))


def values(name: str, section: str) -> dict[str, str]:
    """The ``word = value`` lines of one section."""
    return {word: value for word, value in _section(name, section)}


def numbers(name: str, section: str) -> dict[str, int]:
    """The ``word = number`` lines of one section ("tens of thousands = 10000")."""
    return {word: int(value.replace("_", "")) for word, value in _section(name, section)}


_ESCAPED_SPACE = re.compile(r"\\ ")


def phrases(found: tuple[str, ...] | list[str] | dict[str, object]) -> str:
    """Words and phrases as one trie-shaped alternation, each space matching any run of white space."""
    return _ESCAPED_SPACE.sub(r"\\s+", alternation(found))
