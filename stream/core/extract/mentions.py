"""Place mentions in a sentence: capitalised names, with "township"/"state" hints, resolved in context."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from stream.core.places import Gazetteer, type_word
from stream.core.records import Place

_NAME = re.compile(r"[A-Z][A-Za-z\-]*(?:[’'][A-Za-z]+)?(?:\s+[A-Z][A-Za-z\-]*(?:[’'][A-Za-z]+)?)*")
_POSSESSIVE = re.compile(r"[’']s$")
_TYPE_AFTER = re.compile(
    r"^\s*(township|town|city|district|region|state|division|village|villages)\b", re.I)
# Capitalised words that start sentences or name things, never places.
_NOT_PLACE = {
    "the", "a", "an", "on", "in", "at", "and", "but", "as", "by", "for", "from", "of", "to", "with", "after",
    "before", "since", "during", "while", "when", "meanwhile", "another", "other", "some", "many",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "he", "she", "it", "they",
    "we", "i", "his", "her", "their", "our", "its", "this", "that", "these", "those", "there", "read",
    "more", "also", "mr", "ms", "mrs", "president", "general", "senior", "minister", "un", "us",
    "myanmar", "burma", "china", "india", "thailand", "bangladesh", "asia", "facebook", "twitter", "police",
    "army", "military", "junta", "people", "state", "region", "town", "township", "district", "village",
    "according", "residents", "videos", "internet", "reuters", "afp", "ani", "rfa", "bbc", "local",
    "northern", "southern", "eastern", "western", "central", "upper", "lower", "north", "south", "east",
    "west", "major", "near", "nearly", "several", "despite", "following", "separately", "social",
}
_ORG = re.compile(
    r"\b(?:Army|Forces?|Organi[sz]ation|Alliance|Front|Party|Council|Government|Independence|Liberation|"
    r"Defen[cs]e|Brigade|Battalion|Division|Ministry|News|Now|Post|Times|Media|Group|Union|Association|"
    r"Committee|League|Movement|Administration|Office|Agency|Service|Radio|Press|Network|Convention|"
    r"University|Hospital|Embassy|Nations|Secretary|Spokesman|Spokesperson|Democratic|National|"
    r"People[’']s|Revolutionary|Chinland|Command|Regiment|Column)\b")


@dataclass(frozen=True, slots=True)
class Mention:
    """A resolved place named in a sentence, with its character span in the sentence."""

    place: Place
    start: int
    end: int


def _words(run: str, start: int) -> list[tuple[str, int]]:
    out = []
    for m in re.finditer(r"\S+", run):
        out.append((m.group(0), start + m.start()))
    return out


def find_places(sentence: str, gazetteer: Gazetteer, townships: Iterable[str] = ()) -> list[Mention]:
    """Resolve each capitalised name (longest match first) that the gazetteer knows."""
    found: list[Mention] = []
    context = list(townships)
    for run in _NAME.finditer(sentence):
        if _ORG.search(run.group(0)):
            continue
        found.extend(_resolve_run(sentence, run.group(0), run.start(), gazetteer, context))
    return found


def _resolve_run(sentence: str, run: str, offset: int, gazetteer: Gazetteer,
                 townships: list[str]) -> list[Mention]:
    words = _words(run, offset)
    out: list[Mention] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 4), i, -1):
            name_words = [w for w, _ in words[i:j]]
            hint = type_word(name_words[-1]) if len(name_words) > 1 else None
            if hint:
                name_words = name_words[:-1]
            name = _POSSESSIVE.sub("", " ".join(name_words))
            if not name or name.lower() in _NOT_PLACE or len(name) < 3:
                continue
            end = words[j - 1][1] + len(words[j - 1][0])
            if hint is None:
                after = _TYPE_AFTER.match(sentence[end:])
                hint = type_word(after.group(1)) if after else None
            place = gazetteer.resolve(name, hint, townships=townships)
            if place:
                out.append(Mention(place, words[i][1], end))
                i = j
                break
        else:
            i += 1
    return out
