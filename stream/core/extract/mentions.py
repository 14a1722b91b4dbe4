"""Place mentions in a sentence: capitalised names, with "township"/"state" hints, resolved in context.

A name no gazetteer knows is still a place when the grammar says so: "Ohn Taw Gyi village", "the village
of Zee Pin Kone", "Kawlin's Nat Gyi Kone", "a police post in Taung Zin Aye". Such local places carry the
precision their word gives (village or facility) and take their state from the places around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from stream.core.dates import MONTHS, WEEKDAYS
from stream.core.lexicon import phrases, words
from stream.core.places import Gazetteer, norm, type_word
from stream.core.records import Place, PlacePrecision
from stream.core.text import (
    LETTERS,
    UPPER,
    Cues,
    Gated,
    Regex,
    WordRegex,
    alternation,
    contains_any,
    cue_bits,
    fold,
    lowered,
)

# Possessive (*+): a run never gives back a word or a letter, so a failed match is not retried shorter.
# A word of a name may open with the Arabic article in lower case: "al-Fasher", "Deir al-Balah", "Ras al-Ain".
_ARTICLE = r"(?:\b(?:al|el|an|ar|as|ash|at|ad|az)-)?+"
# A run is read from its first capital: a pattern opening on a character class lets the engine skip to the
# capitals, where one opening on the optional article is tried at every character (two and a half times the
# instructions). An article before the first capital is read back by ``name_runs``.
# A name's letters are Latin's with their accents too (UPPER, LETTERS): "Tillabéri", "Pétion-Ville" (a run cut at the
# first accent, "Tillab", names nothing).
_NAME = Regex(rf"[{UPPER}][{LETTERS}\-]*+(?:[’'][{LETTERS}]++)?+(?:\s+{_ARTICLE}[{UPPER}][{LETTERS}\-]*+"
              rf"(?:[’'][{LETTERS}]++)?+)*+")
_ARTICLE_BEFORE = Regex(r"\b(?:al|el|an|ar|as|ash|at|ad|az)-")
# _TYPE_AFTER and _AFTER_RUN are matched at a position of the folded sentence.
_TYPES = r"township|town|city|district|region|state|division|village|villages|province|oblast|governorate"
_TYPE_AFTER = Regex(rf"\s*({_TYPES})\b")
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
# Those words as a run of their own ("The", "But", "Myanmar", "UN"): passed over before any lookup, which
# would refuse them. A fifth of all runs are one.
_NOT_PLACE_RUNS = frozenset(form for word in _NOT_PLACE for form in (word.capitalize(), word.upper()))
# Words that make a capitalised run an organisation ("Arakan Army", "Chin Defence Force"), not a place.
_ORG_WORDS = frozenset("""
    Army Force Forces Organisation Organization Alliance Front Party Council Government Independence Liberation
    Defence Defense Brigade Battalion Division Ministry News Now Post Times Media Group Union Association
    Committee League Movement Administration Office Agency Service Radio Press Network Convention University
    Hospital Embassy Nations Secretary Spokesman Spokesperson National People Revolutionary Rights Watch
    Chinland Command Regiment Column Taliban""".split())


@lru_cache(maxsize=65536)
def _is_org(run: str) -> bool:
    # A hyphened word's head is its last part: "Tehreek-i-Taliban Pakistan" is a movement, and Pakistan no place in it.
    return any(word.removesuffix("’s").removesuffix("'s").rsplit("-", 1)[-1] in _ORG_WORDS for word in run.split())


_CAPS = rf"[{UPPER}][{LETTERS}\-]*(?:\s+(?:[{UPPER}][{LETTERS}\-]*|\d+))*"
# The same run, never shortened: where what must follow it starts in lower case or with a comma, a
# shorter run (followed by a capital or a digit) could not match either. Three times faster.
_WHOLE_CAPS = rf"[{UPPER}][{LETTERS}\-]*+(?:\s+(?:[{UPPER}][{LETTERS}\-]*+|\d++))*+"
_LOCAL_WORDS: dict[str, PlacePrecision] = {
    "village": "village", "villages": "village", "ward": "village", "wards": "village", "hamlet": "village",
    "village tract": "village", "site": "village", "neighbourhood": "village", "neighborhood": "village",
    "camp": "facility", "base": "facility",
    "outpost": "facility", "post": "facility", "checkpoint": "facility", "hill": "facility", "hilltop": "facility",
    "ridge": "facility",
}
_LOCAL_WORD = alternation(_LOCAL_WORDS)
# Every local word holds one of these: where none stands, no pattern naming one is run.
_LOCAL_STEMS = ("village", "ward", "hamlet", "site", "neighbo", "camp", "base", "post", "checkpoint", "hill",
                " ridge")
# A settlement named by the noun in front of it, anywhere in the world: "the town of Kalungu", "the
# river port of Tanganu", "the provincial capital of X". Only "of" ties such a noun to a name: "a town
# in X" names the area the town lies in.
_SETTLEMENTS: dict[str, PlacePrecision] = {
    "town": "town", "city": "town", "hub": "town", "capital": "town", "port": "town", "settlement": "village",
    "locality": "village", "village": "village", "commune": "town", "district": "town", "neighbourhood": "village",
    "neighborhood": "village", "suburb": "village", "hill": "facility", "stronghold": "town",
}
# "the village of al-Sawra", "the town of el-Obeid": an Arabic name's article stays in lower case.
# A word may hold an elided article before a capital: "Saut-d'Eau" ("Kawlin's" is a possessive, left out).
_ELIDED = rf"(?:['’][{UPPER}][{LETTERS}\-]*+)?+"
_ARTICLE_CAPS = (rf"{_ARTICLE}[{UPPER}][{LETTERS}\-]*+{_ELIDED}(?:\s+(?:{_ARTICLE}[{UPPER}][{LETTERS}\-]*+{_ELIDED}|"
                 rf"\d++))*+")
# "a small town called Lubero", "a village named Tumbi" tie the noun to its name as "of" does.
_SETTLEMENT_OF = Gated((WordRegex(rf"(?P<word>{alternation(_SETTLEMENTS)})\s+(?:of|called|named)\s+"
                                  rf"(?P<name>{_ARTICLE_CAPS})"),),
                       tuple(f"{word} {tie}" for word in _SETTLEMENTS for tie in ("of", "called", "named")))
# "Besima, the headquarters of Washuk district", "Gao, the regional capital of": the town a seat's apposition names.
_SEAT_OF = Gated((Regex(rf"(?P<name>{_WHOLE_CAPS}),\s+(?:the|its)\s+(?:[a-z]+\s+)?"
                        r"(?P<word>capital|headquarters|seat|main\s+town|chief\s+town)\s+of\s"),),
                 ("capital of", "headquarters of", "seat of", "town of"))
# The area after a settlement's noun: "the capital of Washuk district" names the district, not a town called Washuk.
AREA_AFTER = Regex(r"\s+(?i:district|province|region|state|county|township|territory|governorate|oblast)\b")
# The quick test before _SETTLEMENT_OF: "port" alone stands in every "report".
_SETTLEMENT_TIES = (" of ", " called ", " named ")
# _SETTLEMENT_OF's 45 stems tested as one alternation of literals: the engine skips to their first letters, where
# a loop of substring tests reads the sentence 45 times (2.5 times the instructions).
_SETTLEMENT_STEMS = re.compile(alternation(_SETTLEMENT_OF.stems))
# "the hill town Hareeri": a town's name right after the word, without "of".
_SETTLEMENT_NAMED = Gated((WordRegex(rf"(?P<word>town|city|village)\s+(?P<name>{_WHOLE_CAPS})"),),
                          ("town ", "city ", "village "))
# Read at the end of a capitalised run no gazetteer knows, in the folded sentence: "Lobani town" is a town,
# "Sokoni's police station" the settlement's post. "The Burmese town of X" names X, not "Burmese".
_TOWN_AFTER = Regex(r"\s+(?:town|city)\b(?!\s+of\b)")
# "a drone hit a school in Qorra Dimtu district": a district the gazetteer lacks, as its lower-case word names it.
_DISTRICT_AFTER = Regex(r"\s+district\b(?!\s+of\b)")
# Not a broadcaster's: "the group's radio station" is no post of a place named for the group.
_POST_AFTER = Regex(r"(?:[’']s)?\s+(?!(?:radio|television|tv|broadcasting)\s)(?:[a-z]+\s+){0,2}?(?:station|base|camp|"
                    r"headquarters|outpost|checkpoint|post|barracks)\b")
# "Ohn Taw Gyi village", "Tha Pyay Kone ward", "Sin Thay Border guard camp", and a camp named for whom it
# shelters: "the Hpa Lu displaced people's camp", "the Kibati displacement camp", "Wadi Sir refugee camp".
_NAME_THEN_WORD = Regex(rf"(?P<name>{_WHOLE_CAPS})(?:\s+(?:border\s+)?guard|\s+(?:displacement|refugees?|"
                        rf"displaced\s+(?:people|persons)[’']s?))?\s+(?P<word>{_LOCAL_WORD})\b")
# "the village of Zee Pin Kone", "a site called Kyun Pin", "a police post in Taung Zin Aye"
_WORD_THEN_NAME = WordRegex(
    rf"(?P<word>{_LOCAL_WORD})\s+(?:of|called|named|known\s+as|in|at|near)\s+(?P<name>{_WHOLE_CAPS})")
# "Pan Lone, a village east of Loikaw"
_NAME_APPOSITION = WordRegex(rf"(?:in|at|near|of)\s+(?P<name>{_WHOLE_CAPS}),\s+an?\s+(?P<word>{_LOCAL_WORD})\b")
# "Ywa Thit Village", "Pyin Oo Ward": the local word capitalised as part of the name.
_NAME_THEN_CAPITAL_WORD = Regex(
    rf"\b(?P<name>(?!(?:In|At|On|Near|The|From|To|Of|By|And|A|An)\b)[{UPPER}][{LETTERS}\-]*(?:\s+[{UPPER}][{LETTERS}\-]*){{0,3}}?)"
    r"\s+(?P<word>Village|Villages|Ward|Wards|Hamlet|Camp|Base|Outpost)\b")
# A height named by its number on a military map, as the news names positions: "Hill 702", "Point 1173". The
# seizure finder reads the same name after its verb.
NUMBERED_HEIGHT = r"(?:Hill|Point|Height|Peak)\s+\d{2,4}\b(?![,.]?\d)"
# So is one named by its own name, which is the height's whole name: "Kennedy Peak", "Mount Victoria", "Sut Ngai
# Hill". A capitalised word before it opens a sentence or a clause, not the name ("On Kennedy Peak").
_NAMED_HEIGHT = (rf"(?<![{LETTERS}])(?:Mount|Mt\.)\s+[{UPPER}][{LETTERS}\-]+(?:\s+[{UPPER}][{LETTERS}\-]+)?|"
                 rf"(?<![{LETTERS}\-])(?!(?:In|At|On|Near|The|From|To|Of|By|And|A|An|Its|Their|Rebels?|Troops)\s)"
                 rf"[{UPPER}][{LETTERS}\-]+(?:\s+[{UPPER}][{LETTERS}\-]+){{0,2}}?\s+(?:Peak|Hill|Ridge)\b")
_NUMBERED_HEIGHT = Gated((Regex(rf"\b{NUMBERED_HEIGHT}|{_NAMED_HEIGHT}"),),
                         ("Hill", "Point ", "Height ", "Peak", "Ridge", "Mount ", "Mt. "))
_NAMED_LOCAL = Gated((_NAME_THEN_WORD, _WORD_THEN_NAME, _NAME_APPOSITION), _LOCAL_STEMS)
_NAMED_CAPITAL = Gated((_NAME_THEN_CAPITAL_WORD,), ("Village", "Ward", "Hamlet", "Camp", "Base", "Outpost"))
# "Kawlin's Nat Gyi Kone", "Kawlin township's Ywa Ma": a place inside a township just named.
_INSIDE = Regex(rf"^(?:\s+township)?(?:[’']s)?\s+(?P<name>{_WHOLE_CAPS})")
# "Kawlin's Thiri Mingalar hospital", "Kassala's Abu Saleh clinic": a name the town owns that is an institution's,
# where the wounded were taken, not a quarter of the town. Read in the folded text after the name.
_INSTITUTION_AFTER = Regex(r"(?:\s+[\w'’-]+){0,2}?\s+(?:hospital|clinic|medical|university|college|school)\b")
_OWNS = Regex(r"(?:\s+township)?[’']s\b")  # matched in the folded sentence
# Names listed with one plural noun for them all are each of its kind: "Tha Pyay Kone and Mong Hsuu wards", "the
# Wadi, Sarim and Qatn districts", "villages such as Kiri, Moba and Sake", "the towns of Um Sumeima and Kazgil".
_LISTED_WORDS: dict[str, PlacePrecision] = {
    "villages": "village", "wards": "village", "hamlets": "village", "towns": "town", "townships": "township",
    "districts": "district",
    # As news abroad writes them: "the localities of A, B and C", "the settlements of A and B", "the areas of A and B",
    # "the hills of A and B".
    "localities": "village", "settlements": "village", "areas": "village", "neighbourhoods": "village",
    "neighborhoods": "village", "hills": "facility"}
_LIST = rf"{_WHOLE_CAPS}(?:\s*,\s*{_WHOLE_CAPS})*(?:\s*,)?\s+and\s+{_WHOLE_CAPS}"
_LISTED = Gated((Regex(rf"(?P<list>{_LIST})\s+(?P<word>{alternation(_LISTED_WORDS)})\b"),
                 Regex(rf"\b(?P<word>{alternation(_LISTED_WORDS)}),?\s+(?:such\s+as|including|like|namely|of)\s+"
                       rf"(?P<list>{_LIST})")), tuple(_LISTED_WORDS))
_LIST_ITEM = Regex(_WHOLE_CAPS)


def _level(precision: PlacePrecision | None) -> str:
    return "local" if precision in ("village", "facility") else "area"
# What follows a capitalised run, in one match: "Karenni soldiers", "Kachin rebels" are a people named
# after a place, not the place; "Kawlin township" asks for a township.
_AFTER_RUN = Regex(
    # "Arab tribal fighters", "Dinka clan militias": a people, a word of its kind, then its armed men.
    r"\s+(?:(?:tribal|ethnic|clan)\s+)?(?P<demonym>soldiers|fighters|troops|forces|rebels|refugees|civilians|villagers|"
    r"insurgents|militias?|"
    r"militants|militiamen|gunmen|members|armed\s+groups?|resistance|revolutionary|music|singers?|performers?|army|"
    # "its Vostok group of forces", "the Dnipro grouping": an army's formation, named after a region or a river.
    rf"government|administration|regime|authorities|officials|navy|side|border|frontier|group\s+of\s+forces|"
    rf"grouping)\b|(?P<type>\s*(?:{_TYPES})\b)")
# "Saw Eh Doh", "Sai Htun Aung", "President Ilham Aliyev": an honorific or a title and a name are a person
# (stream/data/lang/en/names.txt).
_HONORIFIC = Regex(rf"\b(?i:{phrases((*words('names', 'honorifics'), *words('names', 'titles')))})\s+[A-Z]")


@lru_cache(maxsize=32768)
def _before_person(run: str) -> str | None:
    """The words of a run before the honorific or title that opens a person's name in it, or None where it names no
    person. Remembered, as their places are (``_resolve_alone``): a news stream repeats its runs."""
    person = _HONORIFIC.search(run)
    return run[:person.start()].rstrip() if person else None


# "told The Irrawaddy": the name after it is who heard the words, never where anything happened.
_TOLD = ("told ", "telling ")
# "Speaking at a press conference in Kabul, the spokesman said ...", "a source reached in Abidjan": where the words
# were said, not where the dead fell.
_SPOKEN_IN = Regex(r"\b(?:(?:press|news)\s+conference|briefing|reporters|journalists|speaking|spoke|reached|contacted|"
                   r"(?:tele)?phone)\s+(?:in|from)\s+$")
_SPOKEN_WORDS = ("conference", "briefing", "reporters", "journalists", "speaking", "spoke", "reached", "contacted",
                 "phone")
# "a 41-year-old Maung Hla" is a person.
_PERSON_BEFORE = Regex(r"\d+-year-old\s+$")
# "U Min Bya, the 60-year-old administrator": a name an age describes after it is a person's too.
_PERSON_AFTER = Regex(r",\s+(?:a|an|the)\s+(?:\w+\s+)?\d+-year-old\s+(?![\w-]*\s*(?:town|city|village|base|camp|post|"
                     r"bridge|market|monastery|school)\b)")
# "Modu Bama, a member of the vigilante group", "Saw Htoo, a local farmer": a name its role describes after it is a
# person's. Not "Kani, a town where a member ...": the words before the role name no place. Nor "In Yangon, a student
# was shot": a role that opens a clause is its subject.
_ROLE_AFTER = Regex(r",\s+(?:a|an|the)\s+(?:(?!(?:town|city|village|district|township|region|state|province|base|"
                    r"camp|capital|stronghold|hub|port|home|where|which|that|of)\b)[\w-]+\s+){0,2}?(?:member|"
                    r"resident|spokes(?:man|woman|person)|commander|official|farmer|trader|witness|teacher|doctor|"
                    r"nurse|activist|leader|chief|elder|villager|councillor|survivor|journalist|lawyer|mother|father|"
                    r"son|daughter|student|monk|volunteer|driver|medic|shopkeeper|rescuer|coordinator|administrator)s?"
                    r"(?:\s+(?:of|in|at|from|for|with|who)\b|\s*[,.;)\"”])")
# A headline's "Seize Two Army Camps": a run these open is a noun phrase in title case, not a name.
_QUANTIFIERS = {"another", "other", "some", "many", "several", "more", "both", "all", "each", "every", "two", "three",
                "four", "five", "six", "seven", "eight", "nine", "ten", "key", "major", "strategic"}
# Determiners that start a capitalised run without being part of a name.
_LEADING = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
# "near Zee Pin Kone", but not "near the Indian border", where the name describes a noun.
_NEAR = Gated((Regex(
    rf"\bnear\s+(?:the\s+)?(?P<name>{_CAPS})\b(?!\s+(?!(?:on|in|at|and|or|of|to|from|with|after|before|when|"
    rf"where|while|as|but|for|since|during)\b)[a-z])"),), ("near",))
_CALENDAR = Regex(rf"^{alternation([*MONTHS, *WEEKDAYS])}\b", re.I)
# A month or a weekday named alone is a time, never a place ("on 19 May", "since March"), whatever town some
# gazetteer files under the word; with a type word ("May Town") it may be one.
# Abbreviations ("Mar", "Jun") are left out: they begin place names.
_TIMES = frozenset({max((n for n in MONTHS if MONTHS[n] == month), key=len) for month in MONTHS.values()}
                   | set(WEEKDAYS))


# Which known place lends its state to a local one: the nearest level above a village first.
PRECISION_RANK_LOCAL = {"town": 0, "township": 1, "district": 2, "admin1": 3, "country": 4}


# Words without which no local place can be named: most sentences skip the local-place grammar.
# Two gates, each with its own quick test: a sentence holding "'s" runs only the possessive pattern.
_LOCAL_CUE = Gated((WordRegex(rf"(?:{_LOCAL_WORD}|near)\b"),), (*_LOCAL_STEMS, "near"))  # the lower-cased sentence
_POSSESSIVE_CUE = Gated((Regex(r"[’']s\s+[a-z]"),), ("'s", "’s"))


# The stems of the gates above, read with the finders' cue words (text.Cues): one reading of a sentence's words
# answers them all, where each gate would scan the sentence once a stem.
_TIES_HELD = Cues(*_SETTLEMENT_TIES)
# The nouns _SETTLEMENT_OF ties to a name: a sentence with a tie but none of them ("one of", "a number of") is
# spared the scan for its stems, as six sentences in ten with a tie are.
_SETTLEMENT_NOUNS_HELD = Cues(*_SETTLEMENTS)
_NAMED_HELD = Cues(*_SETTLEMENT_NAMED.stems)
_LOCAL_HELD = Cues(*_LOCAL_CUE.stems)
_POSSESSIVE_HELD = Cues(*_POSSESSIVE_CUE.stems)
_LISTED_HELD = Cues(*_LISTED.stems)
_SEATS_HELD = Cues(*_SEAT_OF.stems)


class Mention(NamedTuple):
    """A resolved place named in a sentence, with its character span in the sentence.

    A named tuple: every capitalised run of every sentence makes one, and tuples build fastest.
    """

    place: Place
    start: int
    end: int
    # Named in a list ("villages such as A, B and C"): one of several, not the site a story is at.
    listed: bool = False


def _words(run: str, start: int) -> list[tuple[str, int]]:
    """Each word of a run, as a pattern of non-spaces finds them, and where it starts: split, then found in turn
    (a run holds letters, hyphens, apostrophes and spaces; an article no information separator)."""
    out = []
    at = 0
    for word in run.split():
        at = run.index(word, at)
        out.append((word, start + at))
        at += len(word)
    return out


def name_runs(text: str) -> Iterator[tuple[str, int, int]]:
    """Each capitalised run of the text, an Arabic article before it included ("al-Fasher", "ash-Shifa"), and its
    span: what a pattern opening on the optional article finds, left to right."""
    end = 0
    for m in _NAME.finditer(text):
        start = m.start()
        # Such a pattern starts at the article, if one ends at the capital past the run before: "ash-" before "as-".
        # Most capitals follow a space: the hyphen is looked at first.
        if text[start - 1:start] == "-":
            for size in (4, 3):
                if start - size >= end and _ARTICLE_BEFORE.fullmatch(text, start - size, start):
                    start -= size
                    break
        end = m.end()
        yield text[start:end], start, end


def find_places(sentence: str, gazetteer: Gazetteer, townships: Iterable[str] = (),
                countries: frozenset[str] = frozenset()) -> list[Mention]:
    """Resolve each capitalised name (longest match first) that the gazetteer knows."""
    return places_and_villages(sentence, gazetteer, townships, countries)[0]


def unpossessed(word: str) -> str:
    """"China's" -> "China", without a regular expression: it runs for every word of every capitalised run."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


@lru_cache(maxsize=4)
def _with_possessives(words: frozenset[str]) -> frozenset[str]:
    """Country words, each also with "'s" and "’s": a run's words in lower case are tested against them at once."""
    return words | {word + s for word in words for s in ("'s", "’s")}


def countries_named(text: str, gazetteer: Gazetteer) -> frozenset[str]:
    """Countries other than Myanmar the text names: only their towns are looked up abroad."""
    found: set[str] = set()
    country_words = gazetteer.country_words
    possible = _with_possessives(country_words)
    for run, _, _ in name_runs(text):
        if possible.isdisjoint(run.lower().split()):
            continue  # most runs hold no word of a country's name
        words = [unpossessed(w) for w in run.split()]
        i = 0
        while i < len(words):
            country = None
            if words[i].lower() in country_words:
                # The longest name first: "South Sudan" names no Sudan.
                country, size = next(((c, n) for n in (3, 2, 1) if i + n <= len(words)
                                      and (c := gazetteer.country(" ".join(words[i:i + n])))), (None, 1))
            # "Lake Chad", "the Jordan Valley": a water or a land named for the country, not the country.
            if country and not ((i and words[i - 1].lower() in _WATERS)
                                or (i + size < len(words) and words[i + size].lower() in _FEATURES)):
                found.add(country)
                i += size
            else:
                i += 1
    return frozenset(found)


def places_and_villages(sentence: str, gazetteer: Gazetteer, townships: Iterable[str] = (),
                        countries: frozenset[str] = frozenset()) -> tuple[list[Mention], bool]:
    """The places of a sentence, and whether a name in it could be a village with more townships known."""
    found: list[Mention] = []
    context = list(townships)
    maybe_village = False
    low = lowered(sentence)
    aged = "-year-old" in sentence
    after_run = _AFTER_RUN.on(low)  # matched once a run: the mode is picked once a sentence
    told = "told" in low or "telling" in low
    spoken = contains_any(low, _SPOKEN_WORDS)
    joined = _joined_names(sentence, low, gazetteer, countries) if countries else []
    found.extend(joined)
    for text, start, end in name_runs(sentence):
        if text in _NOT_PLACE_RUNS or (joined and any(m.start <= start < m.end for m in joined)):
            continue
        after = after_run.match(low, end)
        if (after and after["demonym"]) or (aged and (_PERSON_BEFORE.search(sentence, max(0, start - 16), start)
                                                      or _PERSON_AFTER.match(sentence, end))):
            continue
        if sentence.startswith(",", end) and _ROLE_AFTER.match(sentence, end):
            continue
        if told and low.endswith(_TOLD, 0, start):
            continue  # "a medic told The Irrawaddy", "told Reuters": who heard it, an outlet or a person
        if spoken and _SPOKEN_IN.search(low, max(0, start - 30), start):
            continue  # "speaking at a press conference in Kabul": where the words were said
        before_person = _before_person(text) if " " in text else None
        if before_person is not None:  # "Villagers Saw Eh Doh": the run is a place only up to the honorific, if at all
            text, after = before_person, None
            if not text:
                continue
        if context:
            if _is_org(text):
                continue
            mentions, village_name = _resolve_run(sentence, text, start, gazetteer, context, countries)
            found.extend(mentions)
            resolved = bool(mentions)
        else:
            # Past its own words, only a type word after a name ("Kawlin township") changes what it means.
            known, village_name = _resolve_alone(text, after["type"] if after else "", gazetteer, countries)
            resolved = bool(known)
            if resolved:  # most runs name no place: no generator made for them
                found.extend(Mention(m.place, m.start + start, m.end + start) for m in known)
        if not resolved and (low.startswith(_UNLISTED_NEXT, start + len(text)) or text.endswith(("'s", "’s"))):
            found.extend(_unlisted(text, start, low))
        elif resolved and ("'s " in text or "’s " in text) and low.startswith(_UNLISTED_NEXT, start + len(text)):
            # "Pakistan's Bajaur district": the country owns a district no gazetteer knows, named after it.
            owned = _past_owner(text)
            if not any(m.start >= start + owned for m in found):
                found.extend(_unlisted(text[owned:], start + owned, low))
        maybe_village = maybe_village or village_name
    # A tie (" of ", " called ", " named ") first: the settlement words are looked for only where one stands.
    # Matched here, not only tested for their words: "the town" alone sends no sentence to the grammar below.
    held = cue_bits(low)  # the gates' words below, read with the finders' from the sentence's words at once
    tied = (held & _TIES_HELD.bit and held & _SETTLEMENT_NOUNS_HELD.bit
            and _SETTLEMENT_STEMS.search(low) is not None)
    patterns = (*(_SETTLEMENT_NAMED.patterns if held & _NAMED_HELD.bit else ()),
                *(_SETTLEMENT_OF.patterns if tied else ()), *(_SEAT_OF.patterns if held & _SEATS_HELD.bit else ()))
    settlements = [m for pattern in patterns for m in pattern.finditer(sentence)] if patterns else []
    named_in = _named_within(sentence, found)
    # A local word or "near": the local grammar's patterns may match.
    named = bool(held & _LOCAL_HELD.bit) and any(pattern.search(low) for pattern in _LOCAL_CUE.patterns)
    possessive = held & _POSSESSIVE_HELD.bit and any(pattern.search(low) for pattern in _POSSESSIVE_CUE.patterns)
    if countries and len(found) > 1:
        # Before the local places are put beside the known ones: "Novyi Dim near Pokrovsk in the Donetsk region".
        found = _in_divisions_named(sentence, found, gazetteer, countries)
    heights = [m for pattern in _NUMBERED_HEIGHT.where(sentence) for m in pattern.finditer(sentence)]
    if (settlements or named_in or named or possessive or heights or held & _LISTED_HELD.bit) and not title_case(
            sentence):
        # The local places drop the fuzzy guesses they outrank.
        local = _local_places(sentence, found, settlements, named_in, named, heights)
        if local and countries:  # and these in turn: "the village of Zatyshok in the Donetsk region"
            found = _in_divisions_named(sentence, sorted([*found, *local], key=lambda m: m.start), gazetteer,
                                        countries)
        else:
            found.extend(local)
    if not found:
        return [], maybe_village  # most sentences name no place
    if len(found) > 1 and any(m.place.country is None for m in found):
        found = _unlisted_placed(sentence, found)
    if len(found) > 1:
        found = _in_regions_named(sentence, found, gazetteer)
    return sorted((m for m in found if not _people(m.place)), key=lambda m: m.start), maybe_village


# A name abroad joined by a small word the capitals pass over: "Norte de Santander", "Bahr el Ghazal", "Ciudad del
# Este". Tried whole before its parts, which name other places ("Santander" is a town in Cauca).
_PARTICLES = (" de ", " del ", " da ", " do ", " dos ", " das ", " du ", " des ", " el ", " la ")
_JOINED_NAME = Regex(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:de(?:l|\s+la)?|da|do|dos|das|du|des|el|la)\s+"
                     r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def _joined_names(sentence: str, low: str, gazetteer: Gazetteer, countries: frozenset[str]) -> list[Mention]:
    """The places abroad whose names hold a small word, each as one mention."""
    if not contains_any(low, _PARTICLES):
        return []  # most sentences hold none
    found = []
    for m in _JOINED_NAME.finditer(sentence):
        words = m.group(0).split()
        # The longest name ending at the match's end first: "The governor of Norte de Santander" is no name.
        for k in range(len(words) - 2):
            name = " ".join(words[k:])
            if words[k].islower():
                break
            place = gazetteer.resolve(unpossessed(name), countries=countries)
            if place is not None and place.country in countries:
                start = m.end() - len(name)
                found.append(Mention(place, start, m.end()))
                break
    return found


def _in_regions_named(sentence: str, found: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A town two states share is the one in the state the sentence names: "Minhla town, Magway Region" is not the
    Minhla of Bago."""
    regions = {m.place.admin1 for m in found if m.place.precision == "admin1" and m.place.admin1}
    if not regions:
        return found

    def placed(m: Mention) -> Mention:
        if m.place.precision not in ("town", "township", "district") or m.place.admin1 in regions:
            return m
        there = next((p for region in sorted(regions) if (p := gazetteer.resolve(
            sentence[m.start:m.end], m.place.precision, admin1=region)) is not None and p.admin1 == region), None)
        return m._replace(place=there) if there is not None else m

    return [placed(m) for m in found]


def _unlisted_placed(sentence: str, found: list[Mention]) -> list[Mention]:
    """A name the gazetteers lack, made a place by the word after it ("Al-Abdiyah district"), lies in the closest
    level the sentence names: "Al-Abdiyah district in Yemen's Marib province" is in Marib."""
    around = _closest_level(sentence, [m for m in found if m.place.country is not None])
    if around is None:
        return found
    return [m._replace(place=placed_in(m.place, around)) if m.place.country is None and m.place.code is None else m
            for m in found]


def _closest_level(sentence: str, mentions: Sequence[Mention]) -> Place | None:
    """The most local of the places a sentence names that a place it lacks can lie in. A country across a border
    from it ("a town on the border with Rwanda") is not one."""
    beside = [m for m in mentions if not across_border(sentence, m)]
    return min(beside, key=lambda m: PRECISION_RANK_LOCAL.get(m.place.precision or "", 9)).place if beside else None


def placed_in(place: Place, area: Place) -> Place:
    """``place`` lying in ``area``'s state or region and country."""
    return place.model_copy(update={"admin1": area.admin1, "country": area.country})


def _in_divisions_named(sentence: str, found: list[Mention], gazetteer: Gazetteer,
                        countries: frozenset[str]) -> list[Mention]:
    """A town abroad put "in" a division or a country lies there: "Andriivka in Ukraine's Sumy region" is the
    Andriivka of Sumy, and "Nasir, South Sudan" no suburb of Khartoum, known or not."""
    out = []
    for i, m in enumerate(found):
        place = m.place
        area = _division_of(sentence, found, i)
        if area is None or place.precision not in ("town", "village") or place.country not in countries:
            out.append(m)
            continue
        if area.precision == "country" and area.country != place.country:
            abroad = frozenset({area.country}) if area.country else countries
            within = gazetteer.resolve(sentence[m.start:m.end], countries=abroad)
            if within is None or within.country != area.country:  # a place no gazetteer knows there, as written
                within = Place(name=_as_written(sentence[m.start:m.end]), precision=place.precision,
                               country=area.country)
            m = m._replace(place=within)
        elif area.precision == "admin1" and (place.admin1, place.country) != (area.admin1, area.country):
            within = gazetteer.resolve(sentence[m.start:m.end], admin1=area.admin1, countries=countries)
            if within is None or (within.admin1, within.country) != (area.admin1, area.country):
                within = Place(name=_as_written(sentence[m.start:m.end]), precision=place.precision,
                               admin1=area.admin1, country=area.country)
            m = m._replace(place=within)
        out.append(m)
    return out


def _past_owner(span: str) -> int:
    """Where the name a span ends on starts, past the owner it may open on: "Chhattisgarh's Bijapur" at Bijapur."""
    owner = max(span.rfind("'s "), span.rfind("’s "))
    return owner + 3 if owner >= 0 else 0


def _as_written(span: str) -> str:
    """A place's name as a sentence writes it, without the owner a span may open on: "Chhattisgarh's Bijapur" is
    Bijapur."""
    return unpossessed(span[_past_owner(span):])


def _division_of(sentence: str, found: list[Mention], i: int) -> Place | None:
    """The division or country the sentence puts its ``i``-th place in: after it ("Andriivka in Ukraine's Sumy
    region", "Nasir, South Sudan") or as its owner before it ("Chhattisgarh's Bijapur district"). One of another
    country counts too: "Zatyshok in the Donetsk region" is no village of Russia's, whichever Pokrovsk the nearest
    known name was taken for."""
    m = found[i]

    def encloses(area: Place) -> bool:
        return area.precision == "admin1" or (area.precision == "country" and area.country != m.place.country)

    # "the villages of Rivnopillia and Yablukove in Ukraine's Zaporizhzhia region": a list's division is each one's.
    last = i
    while (last + 1 < len(found) and found[last + 1].place.precision in ("town", "village")
           and _LIST_JOIN.fullmatch(sentence, found[last].end, found[last + 1].start)):
        last += 1
    end = found[last].end
    after = next((d.place for d in found[last + 1:last + 4] if _IN_DIVISION.fullmatch(sentence, end, d.start)
                  and encloses(d.place)), None)
    if after is not None or not i:
        return after
    owner = found[i - 1]
    possessive = sentence.endswith(("'s", "’s"), owner.start, owner.end) and sentence[owner.end:m.start] == " "
    return owner.place if possessive and encloses(owner.place) else None


_LIST_JOIN = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
# What stands between a town and the division it lies in: "in Ukraine's ", "in the southern ", "in the neighbouring ",
# ", ".
_IN_DIVISION = re.compile(r",?\s+(?:in|of)\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?(?:(?:north|south|east|west|central)"
                     r"\w*\s+|(?:neighbou?ring|adjacent|nearby)\s+)?|,\s+")


# Endings of a people's name ("Israeli", "Ukrainian", "Sudanese", "Afghan"), which the gazetteer reads as its
# country's: "shelled by Turkish artillery in northern Iraq" happened in Iraq.
_PEOPLE_ENDINGS = ("i", "ian", "ians", "ese", "ish", "an", "ans", "is")


def _people(place: Place) -> bool:
    """A country named by its people: who did or suffered a thing, never where it happened."""
    return (place.precision == "country" and place.country is not None and place.name != place.country
            and place.name.lower().endswith(_PEOPLE_ENDINGS))


_WORDS = Regex(r"\b[A-Za-z][a-z]{3,}\b")
_LOWER_WORD = Regex(r"\b[a-z]{4,}\b")


def title_case(sentence: str) -> bool:
    """A headline written in title case ("Rebels Seize Junta Base Near Town"): capitals mark no names there.

    Every word of four letters or more is capitalised, and there are four of them at least.
    """
    if _LOWER_WORD.search(sentence):
        return False  # most sentences answer here, at their first word of four lower-case letters
    return len(_WORDS.findall(sentence)) >= 4


# The quick test before _unlisted, asked of every unknown run.
_UNLISTED_NEXT = (" town", " city", " district", "'s", "’s")


def _unlisted(run: str, start: int, low: str) -> list[Mention]:
    """A run no gazetteer knows that its next words make a town, a district or a post: "Lobani town", "Sokoni's
    police station"."""
    end = start + len(run)
    if (run.endswith(("'s", "’s")) or low.startswith(("'s", "’s"), end)) and _POST_AFTER.match(low, end):
        precision: PlacePrecision = "facility"
    elif low.startswith(" ", end) and _TOWN_AFTER.match(low, end):
        precision = "town"
    elif _DISTRICT_AFTER.match(low, end):
        precision = "district"
    else:
        return []
    name = local_name(run)  # without its "'s"
    return [Mention(Place(name=name, precision=precision), start, start + len(name))] if name else []


# Words that say what kind of post a base is, before its noun: "Forward Operating Base X", "Bagram Air Base".
_POST_KINDS = frozenset("forward operating air naval logistics fire support patrol".split())


# "a Christian village", "a Druze town": who lives there, not its name.
_FAITHS = frozenset("""christian muslim buddhist hindu jewish druze alawite shia shiite sunni catholic protestant
    orthodox animist""".split())
# "a Sudanese village", "the Malian army camp": whose country it is, not its name (stream/data/lang/en/names.txt).
_PEOPLES = frozenset(word.lower() for word in words("names", "peoples"))


def local_name(name: str) -> str | None:
    """The name as a local place takes it, or None where it cannot name one (a month, a group, a type word)."""
    words = unpossessed(name.strip()).split()
    while words and words[-1].lower() in _POST_KINDS:
        words.pop()  # "Bagram Air" is Bagram's; "Forward Operating" is no place at all
    name = " ".join(words)
    first = name.split()[0].lower() if name else ""
    last = name.split()[-1] if name else ""
    # "villages in Demoso Township": a name with its own type word is a known level, not a village. A name ending on
    # a hyphen is the first half of another ("near the Kyaukphyu-Ann road").
    if (len(name) < 3 or name.endswith(("-", "–")) or name.lower() in _NOT_PLACE or first in _LEADING
            or first in _QUANTIFIERS or first in _FAITHS
            or name.lower() in _PEOPLES
            or _CALENDAR.match(name)
            or _is_org(name) or type_word(last)):
        return None
    return name


# "an ambush in Nabiya Koro in Kawlin township", "a house in Beit al-Naqa in western Khan Younis": a name no gazetteer
# knows, put inside a place it knows, is a locality of that place. Read before the known place's mention.
# Searched from the character before each word of the span before the place (WordRegex).
_IN_NAME_IN = WordRegex(rf"in\s+(?P<name>{_ARTICLE_CAPS}),?\s+(?:in|near)\s+(?:the\s+)?(?:[a-z]+\s+)?$")
_WITHIN_LEVELS = ("town", "township", "district", "admin1")


def _named_within(sentence: str, known: list[Mention]) -> list[tuple[re.Match[str], Place]]:
    """The unknown names the sentence puts "in" a known town or region, with that place."""
    return [(m, owner.place) for owner in known if owner.place.precision in _WITHIN_LEVELS
            and (m := _IN_NAME_IN.search(sentence, max(0, owner.start - 60), owner.start)) is not None]


# What comes before the countries on the far side of a border: "the border with Rwanda and ", "bordering ".
_ACROSS = Regex(r"\b(?:border(?:s|ing)?(?:\s+(?:with|of))?|frontier\s+with|neighbou?ring)\s+(?:the\s+)?"
                r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,\s*|\s+and\s+)(?:the\s+)?)*$")


def across_border(sentence: str, m: Mention) -> bool:
    """A country named across a border ("a town on the border with Rwanda"): not where anything in the sentence is."""
    return m.place.precision == "country" and bool(_ACROSS.search(sentence, 0, m.start))


def _local_places(sentence: str, known: list[Mention], settlements: Sequence[re.Match[str]] = (),
                  named_in: Sequence[tuple[re.Match[str], Place]] = (), named: bool = True,
                  heights: Sequence[re.Match[str]] = ()) -> list[Mention]:
    """Names the gazetteer does not know, that the sentence's grammar marks as a village or a post.

    ``named`` False says _LOCAL_CUE found no local word or "near" in the sentence: the patterns that hold one
    are not run.
    """
    spans: list[tuple[str, PlacePrecision, int, int, Place | None, bool]] = []

    def add(raw: str, word: str, start: int, strong: bool = True, within: Place | None = None,
            precision: PlacePrecision | None = None, listed: bool = False) -> None:
        name = local_name(raw)
        end = start + len(raw)
        if name is None or any(s < end and start < e for _, _, s, e, _, _ in spans):
            return
        overlapping = [m for m in known if m.start < end and start < m.end]
        # The grammar outranks a fuzzy guess ("Mong Hsuu ward" is not Monghsu town), not an exact name, nor the whole
        # name of a state however the news spells it ("a base in Karenni state" is in Kayah; "the village of Mali
        # Shcherbaky" is no country).
        if any(not strong or norm(m.place.name) == norm(name)
               or (m.place.precision == "admin1" and m.start <= start and end <= m.end) for m in overlapping):
            return
        for m in overlapping:
            known.remove(m)
        spans.append((name, precision or _LOCAL_WORDS[word.lower()], start, start + len(name), within, listed))

    low = lowered(sentence)
    for owner in list(known):
        if owner.place.precision in ("township", "town") and (
                sentence[max(0, owner.end - 2):owner.end] in ("'s", "’s") or _OWNS.match(low, owner.end)):
            inside = _INSIDE.match(sentence[owner.end:])
            if inside and not _INSTITUTION_AFTER.match(low, owner.end + inside.end()):
                add(inside["name"], "village", owner.end + inside.start("name"), within=owner.place)
    # Each pattern is tried only where its words stand: each costs a scan of the sentence.
    for pattern in _LISTED.where(sentence):
        for m in pattern.finditer(sentence):
            precision = _LISTED_WORDS[m["word"]]
            items = list(_LIST_ITEM.finditer(sentence, m.start("list"), m.end("list")))
            # Two wards named together may be where the story is; three or more, or examples, are a list.
            listed = len(items) > 2 or m.start("word") < m.start("list")
            for item in items:
                # A known place of the list's level is the one named, however spelled ("Kalay" for Kale); one
                # of another level is a guess the grammar outranks ("Mong Hsuu wards" are not Monghsu town).
                if not any(k.start < item.end() and item.start() < k.end and _level(k.place.precision) ==
                           _level(precision) for k in known):
                    add(item.group(0), m["word"], item.start(), precision=precision, listed=listed)
    # These three name a local word in lower case: two sentences in three hold none (only "near" or "'s").
    for pattern in (*_NAMED_LOCAL.where(sentence), *_NAMED_CAPITAL.where(sentence)) if named else ():
        for m in pattern.finditer(sentence):
            add(m["name"], m["word"], m.start("name"))
    for m in settlements:
        if not AREA_AFTER.match(sentence, m.end("name")):
            add(m["name"], m["word"], m.start("name"), precision=_SETTLEMENTS.get(m["word"].lower(), "town"))
    for m, area in named_in:
        add(m["name"], "village", m.start("name"), within=area)
    for m in heights:
        add(m.group(0), "hill", m.start())
    for pattern in _NEAR.where(sentence) if named else ():
        for m in pattern.finditer(sentence):
            add(m["name"], "village", m.start("name"), strong=False)
    # A local place lies in the township it was named with, else in the sentence's nearest known level.
    around = _closest_level(sentence, known)
    out = []
    for name, precision, start, end, within, listed in spans:
        parent = within or around
        place = Place(name=name, precision=precision, admin1=parent.admin1 if parent else None,
                      country=parent.country if parent else None)
        out.append(Mention(place, start, end, listed))
    return out


@lru_cache(maxsize=32768)
def _resolve_alone(run: str, type_after: str, gazetteer: Gazetteer,
                   countries: frozenset[str]) -> tuple[tuple[Mention, ...], bool]:
    """``_resolve_run`` without townships, remembered: a news stream names the same places again and again.

    Also says whether a name left unresolved is some village's, which townships named later may settle.
    An organisation ("Arakan Army") names no place.
    """
    if _is_org(run):
        return (), False
    mentions, village_name = _resolve_run(run + type_after, run, 0, gazetteer, [], countries)
    return tuple(mentions), village_name


# The land and water a country's name may name instead of the country, after it or before it.
_FEATURES = frozenset("valley river basin delta desert plateau highlands mountains hills corridor gorge".split())
_WATERS = frozenset("lake gulf bay".split())


def _resolve_run(sentence: str, run: str, offset: int, gazetteer: Gazetteer, townships: list[str],
                 countries: frozenset[str] = frozenset()) -> tuple[list[Mention], bool]:
    """Mentions in one capitalised run, and whether a name tried that resolved to nothing is some village's."""
    words = _words(run, offset)
    texts = [word for word, _ in words]
    ends = [start + len(word) for word, start in words]
    hints = [type_word(word) for word in texts]  # "Kawlin Township": a word that asks for a level
    low = fold(sentence)
    type_after = _TYPE_AFTER.on(low)  # matched at the end of each name tried: the mode is picked once
    out: list[Mention] = []
    village_name = False
    # The type word after each end, read once: names ending at one word are tried from each start before it.
    hints_after: dict[int, PlacePrecision | None] = {}
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 4), i, -1):
            hint = hints[j - 1] if j - i > 1 else None
            name = unpossessed(" ".join(texts[i:j - 1] if hint else texts[i:j]))
            if not name or (folded := name.lower()) in _NOT_PLACE or len(name) < 3 or (not hint and folded in _TIMES):
                continue
            end = ends[j - 1]
            if hint is None:
                if end not in hints_after:
                    after = type_after.match(low, end)
                    hints_after[end] = type_word(after.group(1)) if after else None
                hint = hints_after[end]
            place = gazetteer.resolve(name, hint, townships=townships, countries=countries)
            if place is not None and place.precision == "country" and (
                    (j < len(texts) and texts[j].lower() in _FEATURES) or (i and texts[i - 1].lower() in _WATERS)):
                place = None  # "the Jordan Valley", "Lake Chad": a valley or a lake, not the country named in it
            if place is None and hint == "village":
                # "a Sagaing village" is a village in Sagaing: a known region keeps its own level. A town that
                # villages' name also is ("Hpa Yar Gyi village") is not the village: it is found by its township
                # or left to the local grammar.
                known = [e for e in gazetteer.candidates(name, fuzzy=False)
                         if e.precision != "town" or not gazetteer.has_village(name)]
                place = known[0].place() if known else None
            if place or hint == "village":
                # An unknown village is left whole for the local-place grammar, not read as a shorter name.
                if place:
                    out.append(Mention(place, words[i][1], end))
                else:
                    village_name = village_name or gazetteer.has_village(name)
                i = j
                break
            village_name = village_name or gazetteer.has_village(name)
        else:
            i += 1
    return out, village_name
