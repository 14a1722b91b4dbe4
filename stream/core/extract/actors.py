"""Who is who in war reporting: words and group names mapped to sides (ACLED's vocabulary)."""

from __future__ import annotations

import re

from stream.core.records import Side

# Most specific first; the first pattern found in a phrase decides its side.
_LEXICON: list[tuple[str, Side]] = [
    (r"anti-(?:junta|coup|regime|military|government)|pro-democracy|opposition", "resistance"),
    (r"police(?:m[ae]n|wom[ae]n)?|constables?|border guard police", "police"),
    (r"people'?s defen[cs]e forces?|pdfs?|self-defen[cs]e|defen[cs]e forces?|resistance|rebels?|insurgents?|"
     r"guerrillas?|militias?|militiam[ae]n|fighters?|revolutionar(?:y|ies)|ethnic armed|eaos?|"
     r"liberation army|independence army|alliance army|national army|arakan army|\baa\b|kia|knla|tnla|"
     r"mndaa|kndf|cdf|karenni army|\bka\b|terrorists?|armed groups?|comrades|combatants|"
     r"rsf|rapid support|m23|hts|jihadists?|separatists?", "resistance"),
    (r"soldiers?|troops?|army|military|junta|regime|tatmadaw|sac\b|security forces|armed forces|"
     r"servicem[ae]n|personnel|officers?|captain|sergeant|lieutenant|colonel|major|commander|"
     r"battalion|infantry|marines?|airm[ae]n", "military"),
    (r"civilians?|villagers?|residents?|protest[eo]rs?|demonstrators?|children|child|students?|pupils?|teachers?|"
     r"monks?|nuns?|women|woman|men\b|man\b|girls?|boys?|bab(?:y|ies)|infants?|farmers?|workers?|"
     r"patients?|doctors?|nurses?|journalists?|reporters?|idps?|refugees?|inmates?|prisoners?|"
     r"people|persons?|individuals|family|families|passengers?|worshippers?|artists?|singers?|"
     r"performers?|locals?|teenagers?|elderly|victims?|volunteers?|brothers?|sisters?|sons?|daughters?|wife|"
     r"husband|mothers?|fathers?|relatives?|siblings?|couple", "civilian"),
]
_COMPILED = [(re.compile(rf"\b(?:{pattern})\b", re.I), side) for pattern, side in _LEXICON]
OPPONENT: dict[Side, Side] = {"resistance": "military", "military": "resistance", "police": "resistance"}
# Phrases that carry no side of their own: "the dead", "others".
_NEUTRAL = re.compile(r"^\W*(?:of\s+)?(?:them|others|other$|more|the dead|the wounded)\b", re.I)


def side_of(phrase: str) -> Side | None:
    """The side a noun phrase names, or None when it names none."""
    if not phrase or _NEUTRAL.match(phrase):
        return None
    for pattern, side in _COMPILED:
        if pattern.search(phrase):
            return side
    return None


def nearest_side(phrase: str) -> Side | None:
    """The side of the last group a phrase names: "soldiers were stationed, killing two of them"."""
    best: tuple[int, Side] | None = None
    for pattern, side in _COMPILED:
        for m in pattern.finditer(phrase):
            if best is None or m.end() > best[0]:
                best = (m.end(), side)
    return best[1] if best else None


def sides_in(phrase: str) -> set[Side]:
    """Every side a phrase mentions, for "including civilians and KIA officers" (mixed)."""
    found: set[Side] = set()
    rest = phrase
    for pattern, side in _COMPILED:
        if pattern.search(rest):
            found.add(side)
            rest = pattern.sub(" ", rest)
    return found
