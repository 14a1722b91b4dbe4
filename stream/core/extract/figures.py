"""Figures in war reporting: digits, number words, ranges, qualifiers and ACLED's vague quantities."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple, cast

from stream.core.dates import MONTHS
from stream.core.lexicon import numbers, phrases, values, words
from stream.core.records import Qualifier
from stream.core.text import Regex, WordRegex, alternation, has_digit, lowered

# The words live in stream/data/lang/en/numbers.txt.
UNITS = numbers("numbers", "units")
TENS = numbers("numbers", "tens")
VAGUE = numbers("numbers", "vague")  # ACLED's conservative reading of vague quantities
QUALIFIERS = cast(dict[str, Qualifier], values("numbers", "qualifiers"))
MULTIPLIERS = numbers("numbers", "multipliers")

_WORD = alternation([*UNITS, *TENS])
_WORDNUM = rf"(?:{alternation(TENS)}[-\s]{alternation(k for k in UNITS if UNITS[k] < 10)}|{_WORD})"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_MULT = rf"(?:\s+(?:{'|'.join(MULTIPLIERS)}))?"
_VAGUE = alternation(VAGUE)
_QUAL = alternation(QUALIFIERS)
# Whole month names and abbreviations only: "three junta soldiers" and "20 marines" are not dates.
_MONTH_WORD = rf"{alternation(MONTHS)}\b"
# A number word ends its word: "tent" and "loved ones" hold no ten and no one.
_ONE = rf"(?:{_DIGITS}{_MULT}|{_WORDNUM}(?![a-z])(?:\s+(?:hundred|thousand|dozen))?{_MULT})"  # "two dozen" is 24
# What a figure can open on: a digit or one of these words. Looked ahead to where a word starts, it spares the
# whole pattern most words of a sentence (a third fewer instructions).
_OPENING = rf"(?=\d|{alternation([*QUALIFIERS, 'between', *VAGUE, *TENS, *UNITS])})"
FIGURE = Regex(
    rf"(?<![\w.,:-]){_OPENING}(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:between\s+(?P<lo>{_ONE})\s+and\s+(?P<hi>{_ONE})"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<a>{_ONE})(?:\s*(?:-|–|to)\s*(?P<b>{_ONE}))?)"
    rf"(?!\d|:\d|[\w-]*\s*(?:-?year|years?\b|%|per\s?cent|km\b|kilomet|miles?\b|mile\b|a\.m|p\.m|am\b|pm\b|"
    rf"minutes?\b|seconds?\b|hours?\b|days?\b|weeks?\b|months?\b|times\b|o'clock|st\b|nd\b|rd\b|th\b|"
    rf"{_MONTH_WORD}))",
)  # all patterns here read the lower-cased sentence: two to three times faster than re.I
# Where a figure can start past the text's first character: after a character its look-behind allows, on an opening.
# The engine skips in C to such a character, where FIGURE, opening on a look-behind, is entered at every character.
_FIGURE_AFTER = Regex(rf"[^\w.,:-]{_OPENING}")
_PEOPLE_OF = (r"(?:children|students|pupils|teachers|residents|heads|leaders|chiefs|officials|workers|members|"
              r"volunteers|guards|staff|administrators|elders|dwellers|people)\b")
# A figure counting these is not a head count ("in seven regions", "100 houses"): casualties and displacement
# both skip it. Reads the folded sentence; "kilomet" is a stem, for every spelling of the unit.
# One word may stand between ("30 new townships", "40 small businesses"); the thing counted may name the people
# it is of ("12 school children", "20 village heads"), who are then what is counted.
NOT_PEOPLE = Regex(rf"^\s*(?:of\s+)?(?:(?:new|small|other|more|local|private|nearby|rural)\s+)?"
                   rf"(?:{phrases(words('numbers', 'not people'))}|kilomet\w+)\b(?!\s+{_PEOPLE_OF})")
# A number right after these names a unit, not a head count ("Battalion 352", "Region 1").
# So does a unit's code, and a code in brackets after its name: "LIB 250", "Light Infantry Battalion (LIB) 250".
_UNIT_BEFORE = Regex(
    r"(?:battalion|division|brigade|regiment|column|region|route|road|no\.|number|mile|unit|squad|force|"
    r"company|corps|command|highway|article|chapter|page|ward|gate|\blib|\bib|\blid|\bmoc|\bloc|"
    # A height by its number on the map: "the fighting for Hill 414", "Point 1173".
    r"\bhill|\bpoint)"
    r"(?:\s*\([a-z]{2,6}\))?\s*$")
# "A woman in her 40s": an age, in decades.
_DECADE_BEFORE = Regex(r"\bin\s+(?:his|her|their|the)\s+(?:early\s+|late\s+|mid-?)?$")
# "A woman of about 45 was killed": one person of an age.
_PERSON_OF_BEFORE = Regex(r"\b(?:a|an|one)\s+(?:[a-z-]+\s+)?(?:man|woman|boy|girl|child|teenager|person|mother|father|"
                          r"farmer|resident|villager|civilian|soldier)\s+of\s+$")
# "children aged three and five": every number of a list after "aged" is an age.
_AGED_BEFORE = Regex(r"\baged\s+(?:[\w-]+\s*(?:,|and|or|to)\s*)*$")
_MONTH_NEAR = Regex(rf"\b{_MONTH_WORD}\.?\s*$")
# "between March 3 and 9", "from 3 to 9 May": the second day of a span of days is a day too.
_DAY_SPAN_NEAR = Regex(rf"\b{_MONTH_WORD}\.?\s+[0-3]?\d\s*(?:and|to|-|–)\s*$")
# A day and a month just before: four digits after them are the date's year ("31 December 9999"), not a count.
_ORDINAL_DAY = r"[0-3]?\d(?:st|nd|rd|th)?"
_DAY_SPAN_AFTER = Regex(rf"\s*(?:and|to|-|–)\s*{_ORDINAL_DAY}\s+{_MONTH_WORD}")
_DAY_MONTH_NEAR = Regex(rf"\b(?:{_ORDINAL_DAY}\s+{_MONTH_WORD}\.?|{_MONTH_WORD}\.?\s+{_ORDINAL_DAY}),?\s*$")
# No one incident kills, wounds or drives out more people than this: a larger figure is a typo, a forgery or a
# count of something else, and never a head count an alert can rest on.
MAX_FIGURE = 10_000_000
# Digits before the point a figure up to MAX_FIGURE can have: a longer number is refused before float() sees
# it (thousands of digits overflow it).
_MAX_DIGITS = len(str(MAX_FIGURE))


# A cheap test before the full pattern: most sentences hold no number at all. Every figure holds a
# digit, a number word or one of the words every vague quantity ends in.
_ANY_NUMBER = Regex(rf"\d|\b(?:{_WORD}|dozens?|hundreds?|thousands?|million|scores)\b")
# Its words, searched from the character before each word (WordRegex), after a test for a digit (has_digit): as the
# one pattern above, it was tried at every character of every sentence.
_NUMBER_WORD = WordRegex(rf"(?:{_WORD}|dozens?|hundreds?|thousands?|million|scores)\b")


def _any_number(text: str) -> bool:
    """``_ANY_NUMBER.search(text) is not None``, in a third of the instructions: a digit, or a number word standing
    as a word ("seven", "dozens")."""
    return has_digit(text) or _NUMBER_WORD.search(text) is not None


class Figure(NamedTuple):
    """A head count as written: its conservative best value, range and qualifier.

    A named tuple: it builds in a quarter of the time a frozen dataclass takes, and every figure of every
    sentence makes one.
    """

    best: int
    low: int
    high: int
    qualifier: Qualifier
    vague: bool
    start: int
    end: int
    text: str


_DECIMAL = Regex(r"\d+(?:\.\d+)?")
_NUMBER_WORD_BREAK = Regex(r"[-\s]+")  # "twenty-three", "two hundred"
_YEAR = Regex(r"(?:19|20)\d\d")
_FOUR_DIGITS = Regex(r"\d{4}")
_DAY = Regex(r"[0-3]?\d")
# A figure told as it changed: "the toll rose from nine to 14", "was revised down from 30 to 21".
_CHANGED_FROM = Regex(r"\b(?:rose|risen|rising|climbed|increased|jumped|grew|went\s+up|up|fell|dropped|revised|down|"
                      r"lowered|raised)\s+from\s+$")


def _value(text: str) -> int | None:
    words = text.lower().replace(",", "").strip()
    if words.isdigit() and words.isascii():
        # Plain digits, most figures: what the decimal branch below makes of them, without its pattern and float.
        return None if len(words.lstrip("0")) > _MAX_DIGITS else int(words)
    mult = 1
    for name, factor in MULTIPLIERS.items():
        if words.endswith(" " + name):
            words, mult = words[: -len(name) - 1].strip(), factor
    if _DECIMAL.fullmatch(words):
        if len(words.split(".")[0].lstrip("0")) > _MAX_DIGITS:
            return None
        return int(float(words) * mult)
    total = 0
    for part in _NUMBER_WORD_BREAK.split(words):
        if part in UNITS:
            total += UNITS[part]
        elif part in TENS:
            total += TENS[part]
        elif part == "hundred":
            total = max(total, 1) * 100
        elif part == "thousand":
            total = max(total, 1) * 1000
        elif part == "dozen":
            total = max(total, 1) * 12
        else:
            return None
    return total * mult if total else None


def _is_year(m: re.Match[str], before: str) -> bool:
    """A year of this century or the last, a span of such years, or four digits written as a date's year."""
    if not m["a"]:
        return False
    if m["b"]:  # "the 2013-2018 civil war": a span of years
        return bool(_YEAR.fullmatch(m["a"]) and _YEAR.fullmatch(m["b"]) and 0 < int(m["b"]) - int(m["a"]) < 50)
    return bool(_YEAR.fullmatch(m["a"]) or (_FOUR_DIGITS.fullmatch(m["a"]) and _DAY_MONTH_NEAR.search(before)))


def find_figures(sentence: str) -> list[Figure]:
    """Every head-count-like figure in a sentence, left to right; years, dates, units and ages are skipped."""
    return list(_figures_in(sentence))


def _figure_matches(text: str) -> Iterator[re.Match[str]]:
    """``FIGURE.finditer(text)``, matched only at the text's start and past each character ``_FIGURE_AFTER`` finds: a
    figure elsewhere fails FIGURE's look-behind or its opening (half the instructions)."""
    whole, after = FIGURE.on(text), _FIGURE_AFTER.on(text)
    pos = 0
    m = whole.match(text)
    while True:
        if m is None:
            before = after.search(text, pos)
            if before is None:
                return
            pos = before.start() + 1
        else:
            yield m
            pos = m.end()  # never empty: a figure holds a digit or a word
        m = whole.match(text, pos)


# Each finder reads the same sentence's figures; read them once.
@lru_cache(maxsize=4096)
def _figures_in(sentence: str) -> tuple[Figure, ...]:
    text = lowered(sentence)  # letter for letter: match offsets hold in the sentence
    if not _any_number(text):
        return ()
    found: list[Figure] = []
    for m in _figure_matches(text):
        before = text[max(0, m.start() - 30): m.start()]  # end-anchored patterns: a short tail will do
        day_of_month = bool(m["a"] and not m["qual"] and _DAY.fullmatch(m["a"]))
        if day_of_month and (_DAY_SPAN_NEAR.search(before) or _DAY_SPAN_AFTER.match(text, m.end())):
            continue
        if text.startswith("s", m.end()) and _DECADE_BEFORE.search(before):
            continue
        if _UNIT_BEFORE.search(before) or ("aged" in before and _AGED_BEFORE.search(before)) or (
                before.endswith(" of ") and _PERSON_OF_BEFORE.search(before)) or (
                day_of_month and _MONTH_NEAR.search(before)) or _is_year(m, before):
            continue
        qualifier: Qualifier = QUALIFIERS.get(m["qual"] or "", "exact")
        if m["vague"]:
            best = VAGUE[m["vague"]]
            found.append(Figure(best, best, best, "approx" if qualifier == "exact" else qualifier,
                                True, m.start(), m.end(), sentence[m.start():m.end()]))
            continue
        if m["b"] and before.endswith("from ") and _CHANGED_FROM.search(before):
            # "rose from nine to 14": the figure now, not a range.
            b = _value(m["b"])
            if b is not None and 0 < b <= MAX_FIGURE:
                found.append(Figure(b, b, b, qualifier, False, m.start("b"), m.end(), sentence[m.start("b"):m.end()]))
            continue
        low = _value(m["lo"] or m["a"])
        high = _value(m["hi"] or m["b"]) if (m["hi"] or m["b"]) else low
        if low is None or high is None or low == 0 or max(low, high) > MAX_FIGURE:
            continue
        low, high = min(low, high), max(low, high)
        if low != high and qualifier == "exact":
            qualifier = "at_least"
        last = found[-1] if found else None
        if (last is not None and last.low == low and last.high == high and text.startswith(")", m.end())
                and text[last.end:m.start()].strip() == "("):
            # "eleven (11) soldiers", as communiqués write a figure: one figure, in words and then digits.
            found[-1] = last._replace(end=m.end() + 1, text=sentence[last.start:m.end() + 1])
            continue
        found.append(Figure(low, low, high, qualifier, False, m.start(), m.end(), sentence[m.start():m.end()]))
    return tuple(found)
