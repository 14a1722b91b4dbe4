"""A point for a place the gazetteer knows only as an area: a state or region, a district, a township or a country.

The gazetteer gives coordinates to towns and villages, none to the areas above them, so an alert placed at
"Sagaing" (every casualty-window alert is placed at a state or region) could not be put on a map. The point of
an area is computed from the places already shipped: MIMU's villages and towns for Myanmar, GeoNames' places
of 500 people or more (with their division's name) for the rest of the world. It is the centre of the area's
places (``centroid``), kept in a table cached on disk like the gazetteer's.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from stream.reference.gazetteer import COUNTRY as HOME_COUNTRY
from stream.reference.gazetteer import _mimu_path, admin1_name
from stream.reference.world import _cities_file, _countries, _divisions_file, _world

# The levels an area is found at, and which fields of a place name it: (precision, country, admin1, name).
AREAS = ("country", "admin1", "district", "township")
Key = tuple[str, str, str, str]
_LOCK = threading.Lock()


def centroid(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """The centre of an area's places: their mean on the sphere (right across the 180th meridian too), moved
    to the place nearest it, so that the point lies in the area even when the area is a crescent or a coast
    whose mean falls outside it. None for no places."""
    points = list(points)
    if not points:
        return None
    vectors = [_unit(lat, lon) for lat, lon in points]
    x, y, z = (sum(v[i] for v in vectors) for i in range(3))
    if math.hypot(x, y, z) < 1e-9:  # places spread evenly round the globe have no centre: the first stands for them
        return points[0]
    mean = _unit(math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))
    # The nearest by the chord, which orders points as the arc does.
    nearest = min(range(len(points)), key=lambda i: sum((a - b) ** 2 for a, b in zip(vectors[i], mean, strict=True)))
    return points[nearest]


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def area_key(place: Mapping[str, Any]) -> Key | None:
    """Where an area is looked up in the table: its level, country, state or region and name, in any case;
    None for a place of a level that is no area (a town, a village, a facility)."""
    precision = place.get("precision")
    if precision not in AREAS:
        return None
    fold = [str(place.get(field) or "").casefold() for field in ("country", "admin1", "name")]
    if precision == "country":
        return ("country", fold[0], "", "")
    if precision == "admin1":
        return ("admin1", fold[0], fold[1] or fold[2], "")
    return (str(precision), fold[0], fold[1], fold[2])


def area_points(places: Iterable[tuple[str, str, str, str, float, float]]) -> dict[Key, tuple[float, float]]:
    """The point of every area from the places in it, given as (country, admin1, district, township, lat, lon):
    ``centroid`` of each country, state or region, district and township. A field left empty names no area."""
    members: defaultdict[Key, list[tuple[float, float]]] = defaultdict(list)
    for country, admin1, district, township, lat, lon in places:
        c, a = country.casefold(), admin1.casefold()
        point = (lat, lon)
        members[("country", c, "", "")].append(point)
        if a:
            members[("admin1", c, a, "")].append(point)
            if district:
                members[("district", c, a, district.casefold())].append(point)
            if township:
                members[("township", c, a, township.casefold())].append(point)
    table = {}
    for key, points in members.items():
        found = centroid(points)
        if found is not None:
            table[key] = (round(found[0], 5), round(found[1], 5))
    return table


def _places() -> list[tuple[str, str, str, str, float, float]]:
    """Every place with coordinates the gazetteer ships: Myanmar's from MIMU, the world's from GeoNames."""
    rows: list[tuple[str, str, str, str, float, float]] = []
    db = sqlite3.connect(f"file:{_mimu_path()}?mode=ro", uri=True)
    try:
        # As the gazetteer reads them: towns as the mean of their wards, villages as they are; the few
        # coordinates MIMU puts outside Myanmar are left out.
        inside = "latitude BETWEEN 9 AND 29 AND longitude BETWEEN 92 AND 102"
        for state, district, township, lat, lon in db.execute(
                "SELECT state_eng, district_eng, township_eng, AVG(latitude), AVG(longitude) FROM wards"
                f" WHERE {inside} GROUP BY town_pcode UNION ALL"
                f" SELECT state_eng, district_eng, township_eng, latitude, longitude FROM villages WHERE {inside}"):
            rows.append((HOME_COUNTRY, admin1_name(state), district or "", township or "", lat, lon))
    finally:
        db.close()
    countries = {code: str(country["name"]) for code, country in _countries().items()}
    for code, towns in _world()[0].items():
        if code in countries:
            rows.extend((countries[code], admin1, "", "", lat, lon) for _, admin1, _, lat, lon, _, _ in towns)
    return rows


@lru_cache(maxsize=1)
def area_table() -> dict[Key, tuple[float, float]]:
    """``area_points`` of every place shipped, built once a version of the data and read from the cache after."""
    from stream.gcpause import no_gc
    from stream.reference.datacache import cached

    sources = [Path(_mimu_path()), _cities_file(), _divisions_file(), Path(__file__)]
    with _LOCK, no_gc():  # one build, however many threads ask first
        return cached("areas", sources, lambda: area_points(_places()))  # type: ignore[no-any-return]


def area_point(place: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """The point (lat, lon) standing for a place known only as an area, or None: for a place that has
    coordinates of its own, one of no area's level, or an area no shipped place lies in."""
    if not place or place.get("lat") is not None:
        return None
    key = area_key(place)
    return area_table().get(key) if key is not None else None
