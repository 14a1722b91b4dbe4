"""Corrections to a sentence's places that need the whole article: an opening word the article writes in lower
case, a town two named countries share, where people went rather than where the story is, and the country of a
story that names none."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from stream.core.extract.mentions import Mention, name_runs, unpossessed
from stream.core.places import Gazetteer, type_word
from stream.core.records import Place
from stream.core.text import Cues, Regex, lowered

if TYPE_CHECKING:  # the contexts are built with this module's corrections
    from stream.core.extract.context import SentenceContext

# A word of the article's own written in lower case: what a capitalised word opening a sentence may be instead.
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w-])")


def without_common_openers(places: list[list[Mention]], readable: list[str], text: str) -> list[list[Mention]]:
    """The places without a sentence's opening word that the article also writes in lower case: "Gang members
    stormed ..." beside "the gang" is that word, capitalised as any first word is, not a town named Gang."""
    ordinary: set[str] | None = None
    for i, (found, sentence) in enumerate(zip(places, readable, strict=True)):
        if not found or found[0].start != len(sentence) - len(sentence.lstrip()):
            continue  # most sentences open on no place
        word = sentence[found[0].start:found[0].end]
        if not word.isalpha() or word.lower() not in text:
            continue  # a town's name is seldom written in lower case anywhere: no word set is made for it
        if ordinary is None:
            ordinary = set(_LOWER_WORD.findall(text))
        if word.lower() in ordinary:
            places[i] = found[1:]
    return places


def at_home(places: list[list[Mention]], readable: list[str], home: str, gazetteer: Gazetteer) -> list[list[Mention]]:
    """A town named in two countries the story names is the one in the country it was filed from: a Kyiv story's
    Pokrovsk is Donetsk's, not the Russian city once so called. So is a name one of its sentences places at home
    ("Boni, in central Mali's Mopti region"), where the others name no country: a Bamako story's Boni is no French
    village of that name because France is named in its background."""
    placed = {sentence[m.start:m.end]: m.place for found, sentence in zip(places, readable, strict=True)
              for m in found if m.place.country == home and m.place.code is None
              and m.place.precision in ("town", "village", "facility")}

    def homed(m: Mention, sentence: str) -> Mention:
        if m.place.country in (home, None) or m.place.precision not in ("town", "village") or m.place.code is None:
            return m
        there = gazetteer.resolve(sentence[m.start:m.end], countries=frozenset({home}))
        if there is None and m.place.country not in sentence:
            there = placed.get(sentence[m.start:m.end])
        return m._replace(place=there) if there is not None and there.country == home else m

    return [[homed(m, sentence) for m in found] if found else found
            for found, sentence in zip(places, readable, strict=True)]


def covered_from_abroad(places: list[list[Mention]], readable: list[str], home: str, city: str,
                        countries: frozenset[str], gazetteer: Gazetteer) -> str | None:
    """The country a story filed from a bureau's capital covers, where none of its places lies in the bureau's: "CAIRO
    - ... Khan Younis ... Nuseirat ... the city of Rafah" is a Gaza story, not an Egyptian one.

    Only towns abroad that no place at home shares a name with count, two of them at least: a name both countries
    bear (Rafah, Pokrovsk) counts for neither, and one town may be where people went. A place the story put at home
    itself (a town no gazetteer knows, "in Boni, in central Mali") keeps the story there; the bureau's city named
    again ("talks in Cairo") does not."""
    local = [(m, sentence[m.start:m.end]) for found, sentence in zip(places, readable, strict=True) for m in found
             if m.place.precision not in ("country", "admin1") and m.place.country is not None
             and sentence[m.start:m.end].lower() != city.lower()]
    if len({m.place.name for m, _ in local if m.place.country != home}) < 2:
        return None  # most stories name no two towns abroad: no name is looked up again
    away: dict[str, set[str]] = {}
    for m, name in local:
        country = m.place.country
        assert country is not None
        if country == home:
            if m.place.code is None or gazetteer.resolve(name, countries=countries - {home}) is None:
                return None  # a place of the bureau's own country: the story is at home
        elif gazetteer.resolve(name, countries=frozenset({home})) is None:
            away.setdefault(country, set()).add(m.place.name)
    towns = {country: len(names) for country, names in away.items() if len(names) > 1}
    if not towns:
        return None
    country, n = max(towns.items(), key=lambda item: item[1])
    return country if n * 2 > sum(len(names) for names in away.values()) else None


def in_named_states(places: list[list[Mention]], readable: list[str], gazetteer: Gazetteer) -> list[list[Mention]]:
    """A town whose namesakes lie in several states is the one in a state the story names: a Chhattisgarh story's
    Bijapur is Bastar's, not the larger Karnataka city, when Karnataka is never named."""
    named = {(m.place.country, m.place.name) for found in places for m in found
             if m.place.precision == "admin1" and m.place.country}
    if not named:
        return places  # most stories name a town's state only by its towns

    def homed(m: Mention, sentence: str) -> Mention:
        if (m.place.precision not in ("town", "village") or m.place.code is None or m.place.admin1 is None
                or (m.place.country, m.place.admin1) in named):
            return m
        for country, state in sorted(named):
            if country == m.place.country:
                there = gazetteer.resolve(sentence[m.start:m.end], admin1=state, countries=frozenset((country,)))
                if there is not None and there.admin1 == state and there.name == m.place.name:
                    return m._replace(place=there)
        return m

    def sentence_homed(found: list[Mention], sentence: str) -> list[Mention]:
        moved = [homed(m, sentence) for m in found]
        # A place no gazetteer knows took its state from a namesake beside it ("near Tarrem in Bijapur district"):
        # it follows that namesake home.
        states = {m.place.admin1: h.place.admin1 for m, h in zip(found, moved, strict=True) if h is not m}
        return [h._replace(place=h.place.model_copy(update={"admin1": states[h.place.admin1]}))
                if states and h.place.code is None and h.place.admin1 in states else h for h in moved]

    return [sentence_homed(found, sentence) if found else found
            for found, sentence in zip(places, readable, strict=True)]


# What stands between a village and the state the sentence places it in: more of its list, then ", " or " in the",
# a district of the state, and the state's country: "the villages of A and B in the Sudzha district of the Kursk
# region", "A, Ukraine's Donetsk region".
_IN_STATE = Regex(r"(?:(?:\s*,\s*|\s+and\s+)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})*"
                  r"(?:\s*,\s*|\s+in\s+(?:the\s+)?)"
                  r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?i:district|raion|county|township|municipality|hromada|"
                  r"woreda|locality|community)\s+(?:of|in)\s+(?:the\s+)?)?"
                  r"(?:[A-Z][\w'’-]*['’]s\s+)?")


def in_apposed_states(places: list[list[Mention]], readable: list[str]) -> list[list[Mention]]:
    """A village the sentence places in a state of another country than its namesake's is a village of that state
    that no gazetteer knows: "the villages of Plekhovo and Daryino in the Sudzha district of the Kursk region" are
    Russia's, whatever a Ukrainian village of the same name."""
    def placed(found: list[Mention], sentence: str) -> list[Mention]:
        states = [m for m in found if m.place.precision == "admin1" and m.place.country]
        if not states:
            return found
        moved = []
        for m in found:
            state = next((s for s in states if s.start > m.end and _IN_STATE.fullmatch(sentence, m.end, s.start)),
                         None) if m.place.precision in ("town", "village") else None
            if state is not None and state.place.country != m.place.country:
                m = m._replace(place=Place(name=m.place.name, precision="village", admin1=state.place.admin1,
                                           country=state.place.country))
            moved.append(m)
        return moved

    return [placed(found, sentence) if found else found for found, sentence in zip(places, readable, strict=True)]


# Where people went: "most have sheltered in Myitkyina", "crossed into Thailand's Mae Sot". The story is where they
# fled from; the next sentence's "the town's police station" is not the shelter's.
_REFUGE_BEFORE = Regex(r"\b(?:shelter(?:ed|ing)?|refuge|fled|fleeing|crossed|arrived|relocated|evacuated|moved)\s+"
                       r"(?:(?:back|across|over|mostly|temporarily|north|south|east|west)\s+)?"
                       r"(?:to|in|into|at|towards?)\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?$|"
                       # "residents had left for Beledweyne", "the soldiers left in trucks towards Bichena", "forcing
                       # the troops to withdraw towards Damboa".
                       # "carried out a tactical withdrawal toward Ansongo": the noun too, a quotation mark closing it.
                       r"\b(?:left|leaving|headed|heading|retreat(?:ed|ing)?|withdr(?:ew|aw|awing|awal)|pulled\s+back|fell\s+back)"
                       r"[\"”']?\s+"
                       r"(?:\w+\s+){0,3}?(?:for|to|towards?)\s+"
                       r"(?:the\s+)?$|"
                       # "residents who reached Beledweyne said ...": where they arrived.
                       r"\b(?:who|after|had|having|have)\s+reached\s+(?:the\s+)?(?:safety\s+of\s+)?$|"
                       # "have fled since the fighting began, mostly to Nawnghkio": where most of them went.
                       r",\s+(?:mostly|mainly|largely|many\s+of\s+them|most\s+of\s+them)\s+(?:to|into|towards?)\s+"
                       r"(?:the\s+)?$")
# "villages along the Irrawaddy": a state named after a river, along which the river is meant.
_ALONG = Regex(r"\balong\s+(?:the\s+)?$")
# Every match of the two patterns holds one of these: read with the sentence's cue words, as every place of every
# sentence asks.
_REFUGE_STEMS = Cues("shelter", "refuge", "fle", "cross", "arriv", "relocat", "evacuat", "moved", "along", "left",
                     "leaving", "head", "retreat", "withdr", "pulled back", "fell back", "reached", "mostly to",
                     "mostly in", "mainly to", "mainly in", "largely to", "largely in", "of them to", "of them in")


def refuge(text: str, m: Mention) -> bool:
    """The place is where people went for safety, or a river a state is named after: not where the sentence's
    story is."""
    if not _REFUGE_STEMS.held_by(lowered(text)):
        return False  # most sentences hold none
    return bool(_REFUGE_BEFORE.search(text, max(0, m.start - 60), m.start)) or (
        m.place.precision == "admin1" and bool(_ALONG.search(text, max(0, m.start - 12), m.start)))


# A road named for the places it runs between: "positions along the Damboa-Maiduguri road". Its ends are not where the
# story is.
_ROAD_WORD = r"\s+(?i:axis|road|highway|route|corridor|motorway)\b"
_ROAD_FROM = Regex(rf"\s*[-–—]\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?{_ROAD_WORD}")
_ROAD_TO = Regex(rf"{_ROAD_WORD}")
_ROAD_START = Regex(r"[A-Z][\w'’-]*\s*[-–—]\s*$")
# Or by the words before an end: "along the road from Matupi", "on the highway to X".
_ROAD_BY = Regex(r"\b(?i:road|highway|route|motorway)\s+(?:from|to|linking|connecting)\s+"
                 r"(?:the\s+(?:town|city)\s+of\s+)?$")


def road_end(text: str, m: Mention) -> bool:
    """The place is an end of a road the sentence names by its ends, not where the sentence's story is."""
    return bool(_ROAD_FROM.match(text, m.end) or (_ROAD_START.search(text, max(0, m.start - 30), m.start)
                                                  and _ROAD_TO.match(text, m.end))
                or _ROAD_BY.search(text, max(0, m.start - 40), m.start))


# Where an armed force, or the help it got, came from: "PDF battalions from Ye-U, Tabayin and Kani townships captured
# the office", "soldiers arrived from the direction of Kyaukme and raised the flag", "backed by an armoured vehicle sent
# from the town of X, regained control of the town centre".
_FORCE_FROM = Regex(r"\b(?i:battalions?|brigades?|units?|troops|soldiers|fighters|forces|reinforcements|columns?|"
                    r"convoys?|militiamen|members|sent|dispatched|deployed|brought|arrived|arriving|came|coming)\s+"
                    r"(?:[\w-]+\s+){0,8}?from\s+(?:the\s+)?(?:direction\s+of\s+|(?:town|city|village)\s+of\s+)?"
                    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*(?:,\s*(?:and\s+)?|\s+and\s+))*$")


# Where a voice works from: "the state government, which operates from El Obeid, put the toll at 52".
_BASED = Regex(r"\b(?:operates|operating|operated|based|headquartered|exiled)\s+(?:\w+\s+)?(?:from|in|out\s+of)\s+"
               r"(?:the\s+)?$")
_BASED_STEMS = Cues("based", "operat", "headquartered", "exiled")


def origin(text: str, m: Mention) -> bool:
    """The place is where the force the sentence tells of came from, or where its voice works from, not where it
    acted."""
    return (" from " in text and bool(_FORCE_FROM.search(text, max(0, m.start - 80), m.start))) or (
        _BASED_STEMS.held_by(lowered(text)) and bool(_BASED.search(text, max(0, m.start - 40), m.start)))


# A first-level division named with its type word: "in Plateau State", "the Mopti region".
_DIVISION_NAMED = Regex(r"\b(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+(?P<word>(?i:state|province|region|"
                        r"governorate|oblast|department))\b")


def countries_of_divisions(text: str, gazetteer: Gazetteer) -> frozenset[str]:
    """The countries whose divisions the text names by a name of two words or more that one country alone has ("North
    Darfur", "Cabo Delgado"): a story may name the neighbour across the border and never its own country. A division
    of one word counts where the story names it again and again, as the state its news is in ("violence in Sinaloa",
    three times): once, it may be a person's or a thing's name."""
    found = set()
    single: Counter[str] = Counter()
    for run, _, _ in name_runs(text):
        name = run.removesuffix("'s").removesuffix("’s")
        if " " not in name:
            single[name] += 1
        elif country := gazetteer.division_country(name):
            found.add(country)
    found.update(country for name, n in single.items()
                 if n >= _TOLD_AGAIN and (country := gazetteer.division_country(name)))
    return frozenset(found)


_TOLD_AGAIN = 3  # times a story names the one-word division its news is in


def unnamed_country(dateline_city: str | None, text: str, gazetteer: Gazetteer) -> str | None:
    """The country of a story that names none, as a local outlet's readers need not be told it: the country of its
    dateline's city ("JOS -"), else the one country whose divisions it names with their type word ("gunmen killed
    12 in Plateau State"), in a list, or again and again. Divisions of two countries say nothing."""
    if dateline_city and (country := gazetteer.city_country(dateline_city)):
        return country
    found: set[str] = set()
    for m in _DIVISION_NAMED.finditer(text):
        words = m["name"].removesuffix("'s").removesuffix("’s").split()
        for k in range(len(words)):  # the longest name first: "North Kivu province", not "Kivu"
            name = " ".join(words[k:])
            country = gazetteer.division_country(f"{name} {m['word']}") or gazetteer.division_country(name)
            if country:
                found.add(country)
                break
    if not found:
        # "in Sinaloa, Michoacán and Guerrero": two divisions or more of one country, named bare in one sentence.
        for sentence_names in _DIVISION_LISTS.finditer(text):
            named = {gazetteer.division_country(name) for name in _LISTED_NAME.findall(sentence_names.group(0))}
            if len(named) == 1 and (country := named.pop()) is not None:
                found.add(country)
    if not found:
        # Or a division named again and again ("the Sierra of Guerrero", "Guerrero's sierra", three times), or by a
        # name one country alone has.
        found = set(countries_of_divisions(text, gazetteer))
    return next(iter(found)) if len(found) == 1 else None


# Two or three capitalised names listed: "Sinaloa, Michoacán and Guerrero", "Borno and Yobe".
_DIVISION_LISTS = Regex(r"\b[A-Z][\w'’-]+(?:,\s+[A-Z][\w'’-]+)*,?\s+and\s+[A-Z][\w'’-]+")
_LISTED_NAME = Regex(r"[A-Z][\w'’-]+")


# Where the gazetteer's spelling of a town differs from the news's ("Kyaukpyu", "Kyaukphyu"), the news's.
_AS_WRITTEN = ("town", "village", "township", "facility")


def spellings(contexts: Sequence[SentenceContext]) -> dict[str, str]:
    """The story's own spelling of each town the gazetteer spells otherwise ("Kyaukphyu", "Kamamaung" for its
    "Kyaukpyu", "Kamarmaung"), by the town's code: the first the story writes."""
    found: dict[str, str] = {}
    for ctx in contexts:
        text = ctx.sentence.text
        for m in ctx.mentions:
            code = m.place.code
            if code is None or code in found or m.place.precision not in _AS_WRITTEN or m.place.name in text:
                continue
            words = unpossessed(text[m.start:m.end]).split()
            while len(words) > 1 and type_word(words[-1]):
                words.pop()  # "Sezin Village" is Sezin
            name = " ".join(words).strip("-–—")  # "Kyaukphyu-" of "the Kyaukphyu-Ann road" is Kyaukphyu
            if name[:1].isupper() and not name.isupper() and name != m.place.name:  # not a dateline's capitals
                found[code] = name
    return found


def as_written(place: Place, written: dict[str, str]) -> Place:
    """The place under the name the story writes it by: a desk, and the stories that follow, name a place as the news
    does. Its code, state and country stay the gazetteer's, so one place is one place whatever the spelling."""
    name = written.get(place.code) if place.code else None
    return place.model_copy(update={"name": name}) if name else place
