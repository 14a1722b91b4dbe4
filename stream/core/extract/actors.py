"""Who is who in war reporting: role words and named groups mapped to sides (ACLED's vocabulary).

The role words ("soldiers", "rebels", "villagers") are the grammar of war reporting and live here.
Named groups ("KIA", "Rapid Support Forces", "M23") are an ``Actors`` registry that operators extend
in YAML; a named group is read before any role word, so "KIA officers" are resistance, not military.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from stream.core.lexicon import phrases, sections
from stream.core.records import Side
from stream.core.text import Regex, alternation, fold

# Most specific first; the first word found in a phrase decides its side (stream/data/lang/en/roles.txt).
_LEXICON: list[tuple[str, Side]] = [(phrases([word for word, _ in entries]), cast(Side, side))
                                    for side, entries in sections("roles")]
# Read in folded text: the role words are lower case, and re.I would cost twice as much.
_COMPILED = [(Regex(rf"\b(?:{pattern})\b"), side) for pattern, side in _LEXICON]
_TOKEN = Regex(r"[\w-]+")


@dataclass(frozen=True, slots=True)
class Actor:
    """A named armed group, force or authority, with the names the news calls it by."""

    name: str
    side: Side
    aliases: tuple[str, ...] = ()
    country: str | None = None


def _alias_pattern(alias: str) -> str:
    # Acronyms match in capitals only: "AA" is the Arakan Army, "aa" is not.
    body = re.escape(alias).replace(r"\ ", r"\s+")
    return body if alias.isupper() else f"(?i:{body})"


class Actors:
    """Named actors first, then role words: the side and the group a phrase names."""

    def __init__(self, named: Iterable[Actor] = ()) -> None:
        self.named = tuple(named)
        # Compiled when a phrase first holds a group's first word: a run meets a few of the registry's groups.
        self._named: list[tuple[Regex, Actor] | None] = [None] * len(self.named)
        # A name's first word stands whole in any phrase it matches: the groups worth a search are those
        # whose names start with a word of the phrase, a handful of searches instead of one per group.
        self._by_first_word: dict[str, list[int]] = {}
        for index, actor in enumerate(self.named):
            for name in (actor.name, *actor.aliases):
                first = _TOKEN.findall(name.lower())[:1]
                if first and index not in self._by_first_word.get(first[0], ()):
                    self._by_first_word.setdefault(first[0], []).append(index)
        # The first words as one pattern: the engine finds the few a phrase holds, instead of a lookup per token.
        self._first_words = Regex(rf"(?<![\w-])(?:{alternation(self._by_first_word)})(?![\w-])") \
            if self._by_first_word else None
        # The phrases asked about recur across a stream ("civilians", "regime troops"): each answer is kept.
        self._sides = lru_cache(maxsize=8192)(self._side_of)

    def _named_in(self, phrase: str) -> list[tuple[Regex, Actor]]:
        """The named groups that may stand in ``phrase``, in registry order."""
        if self._first_words is None:
            return []
        by_first_word = self._by_first_word
        found = {index for word in self._first_words.findall(phrase.lower()) for index in by_first_word[word]}
        return [self._pattern(index) for index in sorted(found)]

    def _pattern(self, index: int) -> tuple[Regex, Actor]:
        compiled = self._named[index]
        if compiled is None:
            actor = self.named[index]
            names = "|".join(map(_alias_pattern, (actor.name, *actor.aliases)))
            compiled = self._named[index] = (Regex(rf"(?<![\w-])(?:{names})(?![\w-])"), actor)
        return compiled

    def _searches(self, phrase: str) -> list[tuple[Regex, Side, str]]:
        """(pattern, side, text to search) in order: named groups in the phrase as written, role words folded."""
        folded = fold(phrase)
        named = [(pattern, actor.side, phrase) for pattern, actor in self._named_in(phrase)]
        return named + [(pattern, side, folded) for pattern, side in _COMPILED]

    def actor_in(self, phrase: str) -> Actor | None:
        """The named actor a phrase mentions first, if any."""
        found = [(m.start(), actor) for pattern, actor in self._named_in(phrase) if (m := pattern.search(phrase))]
        return min(found, key=lambda f: f[0])[1] if found else None

    def side_of(self, phrase: str) -> Side | None:
        """The side a noun phrase names, or None when it names none."""
        return self._sides(phrase)

    def _side_of(self, phrase: str) -> Side | None:
        if not phrase or _NEUTRAL.match(phrase):
            return None
        # The group named first, as ``actor_in`` reads the taker: "KIA troops arrested regime forces while
        # seizing the base" is the KIA's seizure.
        known = self.actor_in(phrase)
        if known is not None:
            return known.side
        folded = fold(phrase)
        for pattern, side in _COMPILED:
            if pattern.search(folded):
                return side
        return None

    def nearest_side(self, phrase: str) -> Side | None:
        """The side of the last group a phrase names: "troops were camped, killing three of them"."""
        best: tuple[int, Side] | None = None
        for pattern, side, text in self._searches(phrase):
            for m in pattern.finditer(text):
                if best is None or m.end() > best[0]:
                    best = (m.end(), side)
        return best[1] if best else None

    def sides_in(self, phrase: str) -> set[Side]:
        """Every side a phrase mentions, for "including civilians and KIA officers" (mixed)."""
        found: set[Side] = set()
        rest = phrase
        for pattern, actor in self._named_in(phrase):
            if pattern.search(rest):
                found.add(actor.side)
                rest = pattern.sub(" ", rest)
        rest = fold(rest)
        for pattern, side in _COMPILED:
            if pattern.search(rest):
                found.add(side)
                rest = pattern.sub(" ", rest)
        return found


# Role words only: what the extractor knows without a registry file.
ROLE_WORDS = Actors()
OPPONENT: dict[Side, Side] = {"resistance": "military", "military": "resistance", "police": "resistance"}
# Phrases that carry no side of their own: "the dead", "others".
_NEUTRAL = Regex(r"^\W*(?:of\s+)?(?:them|others|other$|more|the dead|the wounded)\b", re.I)
