"""A gazetteer index: names, news spellings and fuzzy variants resolved to places with a precision."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from stream.core.fuzzy import NearestKey
from stream.core.records import Place, PlacePrecision

# Which entry a bare name means when several share it: a town before its township, and so on.
_RANK: dict[str, int] = {"admin1": 0, "town": 1, "township": 2, "district": 3, "village": 4, "country": 5}
_TYPE_WORDS: dict[str, PlacePrecision] = {
    "town": "town", "city": "town", "township": "township", "district": "district", "region": "admin1",
    "state": "admin1", "division": "admin1", "village": "village", "villages": "village",
    "province": "admin1", "oblast": "admin1", "governorate": "admin1",
}
FUZZY_CUTOFF = 87.0
FUZZY_MIN_LEN = 6
# Spellings in English-language news that MIMU writes otherwise.
NEWS_SPELLINGS = {
    "Sangaing": "Sagaing", "Magwe": "Magway", "Karen": "Kayin", "Karenni": "Kayah", "Arakan": "Rakhine",
    "Mogok": "Mogoke", "Laukkai": "Laukkaing", "Naypyitaw": "Nay Pyi Taw", "Naypyidaw": "Nay Pyi Taw",
    "Rangoon": "Yangon", "Irrawaddy": "Ayeyarwady", "Tenasserim": "Tanintharyi", "Pegu": "Bago",
    "Chinland": "Chin", "Kachinland": "Kachin", "Demawso": "Demoso", "Mobye": "Pekon", "Moebye": "Pekon",
    "Moe Bye": "Pekon", "Hakka": "Hakha", "Kalay": "Kale", "Kalemyo": "Kale", "Kalaymyo": "Kale",
    # Alerts name a place as MIMU does: only spellings a reader knows for the same name at a glance are folded
    # ("Hsenwi" for Hseni). "Depayin" stays as the news writes it rather than turn into an unrecognised "Tabayin".
    "Hsenwi": "Hseni", "Namhkam": "Namhkan", "Taungup": "Toungup", "Papun": "Hpapun", "Hpakan": "Hpakant",
    "Bawlakhe": "Bawlake",
}
# A division's type word or part after its name, as a desk may type it: "Kachin State", "Shan State (North)".
_DIVISION_WORDS = re.compile(r"(?:\s+(?:state|region|division|province|oblast|governorate|prefecture))?"
                             r"(?:\s*\((?:north|south|east|west)\))?\s*$", re.I)
_NOT_LETTER = re.compile(r"[\W_]+")


_NOT_KEY = re.compile(r"[^a-z0-9]")


def _norm(name: str) -> str:
    """Fold case, spaces, punctuation and accents: "Chan Mya Tharsi" and "Chanmyatharsi" are one key, and so are
    GeoNames' "Ŏtâr Méanchey" and the news's "Otar Meanchey"."""
    low = name.lower()
    # Most names are ASCII letters and spaces: those need no pattern, which costs five times as much.
    joined = low.replace(" ", "")
    if joined.isascii():
        return joined if joined.isalnum() else _NOT_KEY.sub("", low)
    return _NOT_KEY.sub("", "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c)))


# The names a news stream repeats are folded once.
norm = lru_cache(maxsize=65536)(_norm)
_ALIASES = {_NOT_LETTER.sub("", variant.casefold()): _NOT_LETTER.sub("", canonical.casefold())
            for variant, canonical in NEWS_SPELLINGS.items()}


@lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    """One key for the names a desk may give one place: any case, spacing and punctuation, a division's type word
    ("Kachin State", "Sagaing Region") and the other names news use for it ("Kachinland", "Karen", "Rangoon").
    Letters outside ASCII are kept: "Huế" is not "Hue" and no other name."""
    trimmed = _DIVISION_WORDS.sub("", name) or name
    key = _NOT_LETTER.sub("", trimmed.casefold())
    return _ALIASES.get(key, key)


def type_word(word: str) -> PlacePrecision | None:
    """The precision a trailing word like "township" or "Region" asks for."""
    return _TYPE_WORDS.get(word.lower())


class Entry(NamedTuple):
    """One gazetteer row: a named place at some level, and the levels above it.

    A named tuple, not a dataclass: a gazetteer holds 75,000 and builds them at every start, three
    times faster so.
    """

    name: str
    precision: PlacePrecision
    admin1: str | None
    country: str
    code: str | None = None
    township: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0  # ranks towns abroad that share a name

    def place(self) -> Place:
        return Place(name=self.name, admin1=self.admin1, country=self.country, code=self.code,
                     lat=self.lat, lon=self.lon, precision=self.precision)


# Where a row of a town or village table (an ``Entry`` as a plain tuple) holds its precision.
_PRECISION = Entry._fields.index("precision")


def village_index(entries: Iterable[Entry]) -> dict[str, list[tuple[Any, ...]]]:
    """The villages among ``entries`` by folded name, as plain rows: what a data cache can store as it is."""
    index: dict[str, list[tuple[Any, ...]]] = {}
    for entry in entries:
        if entry.precision == "village":
            index.setdefault(_norm(entry.name), []).append(tuple(entry))
    return index


def _fits(entry: Entry, want: PlacePrecision | None) -> bool:
    return entry.precision == "admin1" if want in ("admin1", "district") else entry.precision != "admin1"


def _pick(entries: Iterable[Entry], want: PlacePrecision | None) -> list[Entry]:
    """The entry a name abroad means: a division when a type word asks for one ("Donetsk region"), else
    the largest town of that name ("Donetsk"), else the division."""
    entries = list(entries)
    chosen = next((e for e in entries if _fits(e, want)), entries[0] if entries else None)
    return [chosen] if chosen else []


class Gazetteer:
    """Resolves place names; villages only with a township for context, since their names repeat.

    ``entries`` are the home gazetteer (MIMU for Myanmar). ``countries`` name the rest of the
    world, and ``towns`` loads one country's towns (by country name) as rows of ``Entry`` by folded
    spelling, on first need: a town abroad resolves only in an article that names its country, so a
    Burmese village named like a town in Peru stays unresolved.
    """

    def __init__(self, entries: Iterable[Entry], aliases: Mapping[str, str] | None = None,
                 countries: Iterable[Entry] = (),
                 towns: Callable[[str], Mapping[str, Sequence[tuple[Any, ...]]]] | None = None,
                 villages: Mapping[str, list[tuple[Any, ...]]] | None = None,
                 capitals: Mapping[str, str] | None = None,
                 story_countries: Callable[[], tuple[Mapping[str, str], Mapping[str, str]]] | None = None,
                 utc_offsets: Mapping[str, float] | None = None) -> None:
        self._countries = {norm(c.name): c for c in countries}
        # Hours ahead of UTC, standard time, by country: where the news happened, the day may already be the next.
        self._utc_offsets = dict(utc_offsets or {})
        self._capitals = {norm(city): country for city, country in (capitals or {}).items()}
        # Read when a story first names no country: most name one.
        self._story_countries = story_countries
        # Words some country name holds: a capitalised run without one names no country.
        self.country_words = frozenset(w.lower() for c in self._countries.values() for w in c.name.split())
        self._load_towns = towns
        self._towns: dict[str, Mapping[str, Sequence[tuple[Any, ...]]]] = {}  # country -> spelling -> rows
        self._divisions: dict[str, NearestKey] = {}  # country -> its divisions' spellings, matched fuzzily
        self._by_key: dict[str, list[Entry]] = {}
        # Villages as ``village_index`` lays them out, rows made entries only when one is resolved: a
        # gazetteer holds 72,000 and resolves a handful. Those among ``entries`` join the index given.
        entries = list(entries)
        self._villages: dict[str, list[tuple[Any, ...]]] = dict(villages or {})
        for key, rows in village_index(entries).items():
            self._villages[key] = [*self._villages.get(key, ()), *rows]
        for entry in entries:
            if entry.precision != "village":
                self._by_key.setdefault(_norm(entry.name), []).append(entry)  # not ``norm``: its cache is for the news
        for variant, canonical in (aliases or {}).items():
            target = self._by_key.get(norm(canonical))
            if target:
                self._by_key.setdefault(norm(variant), []).extend(target)
        for found in self._by_key.values():
            found.sort(key=lambda e: _RANK[e.precision])
        # Bounded: a long-running stream meets new unknown names (people, outlets) without end.
        self._fuzzy = lru_cache(maxsize=65536)(
            NearestKey([k for k in self._by_key if len(k) >= FUZZY_MIN_LEN], FUZZY_CUTOFF))
        # A name resolved in one context resolves alike the next time: a news stream names the same places, and
        # the words of its unknown runs ("Hla" in "Maung Hla" and "Hla Aung"), again and again. Bounded as above.
        self._known = lru_cache(maxsize=65536)(self._resolve_known)

    def admin1_names(self) -> set[str]:
        """The home gazetteer's states and regions, under every spelling it knows."""
        return {e.name for entries in self._by_key.values() for e in entries if e.precision == "admin1"}

    def country_names(self) -> set[str]:
        """Every country, under its name and the names the news uses."""
        home = {e.country for entries in self._by_key.values() for e in entries[:1]}
        return {c.name for c in self._countries.values()} | {c.country for c in self._countries.values()} | home

    def capital_of(self, name: str) -> str | None:
        """The country whose capital ``name`` is, outside the home gazetteer."""
        return self._capitals.get(norm(name))

    def city_country(self, name: str) -> str | None:
        """The country of a city abroad a dateline names: its capital, or a city of 100,000 people or more whose
        spelling no other country's shares. A name the home gazetteer knows is at home."""
        key = norm(name)
        if key in self._by_key:
            return None
        return self._capitals.get(key) or (self._story_countries()[0].get(key) if self._story_countries else None)

    def division_country(self, name: str) -> str | None:
        """The country whose first-level division ``name`` is ("Plateau State", "Mopti region"), when one country
        alone has a division so spelt."""
        return self._story_countries()[1].get(norm(name)) if self._story_countries else None

    def utc_offset(self, country: str) -> float | None:
        """The hours a country's standard time runs ahead of UTC (behind, below zero), or None where not known."""
        return self._utc_offsets.get(country)

    def country(self, name: str) -> str | None:
        """The country a name (or a common alias) means, outside the home gazetteer."""
        found = self._countries.get(norm(name))
        return found.country if found else None

    def _abroad(self, key: str, countries: frozenset[str], want: PlacePrecision | None = None,
                admin1: str | None = None) -> Entry | None:
        country = self._countries.get(key)
        if country and country.country in countries:
            # "The Gaza Strip" names the country by one of its divisions: the division, in the country. Not the
            # country's own name: "Mexico" is the country, not the State of México, unless a type word asks for
            # a state.
            own = norm(country.country) == key and want != "admin1"
            division = None if own else next(
                (e for e in self._towns_of(country.country, key) if e.precision == "admin1"), None)
            return division or country
        if admin1:
            # "Andriivka in Ukraine's Sumy region": of the many towns so named, the one in the division named.
            within = [e for c in sorted(countries) for e in self._towns_of(c, key)
                      if e.admin1 == admin1 and e.precision != "admin1"]
            if within:
                return max(within, key=lambda e: e.population)
        # A name two named countries share ("Hyderabad") means the larger town.
        found = [entry for c in sorted(countries) for entry in _pick(self._towns_of(c, key), want)]
        if not found and want == "admin1":
            # "Lower Shabelle region" is GeoNames' "Lower Shabeelle": a division's name is spelt many ways abroad,
            # and a type word says a division is meant, so the few of the named countries are matched fuzzily.
            found = [entry for c in sorted(countries) if (near := self._division_near(c, key))
                     for entry in self._towns_of(c, near) if entry.precision == "admin1"]
        return max(found, key=lambda e: (_fits(e, want), e.population), default=None)

    def _division_near(self, country: str, key: str) -> str | None:
        if len(key) < FUZZY_MIN_LEN:
            return None
        if country not in self._divisions:
            self._towns_of(country, key)  # loads the country's table
            # The rows' precision read in place: a country's table holds tens of thousands, and an entry made of
            # each cost a quarter of a second per country.
            keys = [k for k, rows in self._towns[country].items() if any(r[_PRECISION] == "admin1" for r in rows)]
            self._divisions[country] = NearestKey(keys, FUZZY_CUTOFF)  # as close as a misspelt Burmese name
        return self._divisions[country](key)

    def _towns_of(self, country: str, key: str) -> list[Entry]:
        if country not in self._towns:
            self._towns[country] = self._load_towns(country) if self._load_towns else {}
        return [Entry._make(row) for row in self._towns[country].get(key, ())]

    def has_village(self, name: str) -> bool:
        """True when some village bears this name: it may resolve once its township is known."""
        return norm(name) in self._villages

    def candidates(self, name: str, fuzzy: bool = True) -> list[Entry]:
        """Every non-village entry a name may mean, best level first."""
        return self._candidates(norm(name), fuzzy)

    def _candidates(self, key: str, fuzzy: bool) -> list[Entry]:
        found = self._by_key.get(key)
        if found is None and fuzzy and len(key) >= FUZZY_MIN_LEN:
            near = self._fuzzy(key)
            found = self._by_key.get(near) if near else None
        return found or []

    def resolve(self, name: str, want: PlacePrecision | None = None, admin1: str | None = None,
                townships: Iterable[str] = (), countries: frozenset[str] = frozenset()) -> Place | None:
        """The place a mention means; ``want`` comes from a type word, the rest is context."""
        key = norm(name)  # once: every capitalised word of the news comes through here
        if want == "village":
            # A village abroad is among GeoNames' populated places, with the towns.
            abroad = self._abroad(key, countries, want) if countries else None
            return self._village(key, townships) or (abroad.place() if abroad else None)
        return self._known(key, want, admin1, countries) or self._village(key, townships)

    def _resolve_known(self, key: str, want: PlacePrecision | None, admin1: str | None,
                       countries: frozenset[str]) -> Place | None:
        """``resolve`` among states, districts, townships, towns and countries: villages need townships."""
        found = self._candidates(key, fuzzy=not countries)
        if not found and countries:
            # In an article about another country, its own towns come before fuzzy Burmese guesses.
            abroad = self._abroad(key, countries, want, admin1)
            if abroad:
                return abroad.place()
            found = self._candidates(key, fuzzy=True)
        if admin1:
            found = [e for e in found if e.admin1 == admin1] or found
        if want:
            exact = [e for e in found if e.precision == want]
            if exact:
                return exact[0].place()
            if want == "town":
                found = [e for e in found if e.precision != "admin1"] or found
        return found[0].place() if found else None

    def village(self, name: str, townships: Iterable[str]) -> Place | None:
        """A village only when exactly one of that name lies in a township the article names."""
        return self._village(norm(name), townships)

    def _village(self, key: str, townships: Iterable[str]) -> Place | None:
        if not townships:
            return None
        villages = self._villages.get(key)
        if not villages:
            return None
        context = {norm(t) for t in townships}
        matches = [v for v in map(Entry._make, villages) if v.township and norm(v.township) in context]
        return matches[0].place() if len(matches) == 1 else None
