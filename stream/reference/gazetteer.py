"""Loads the MIMU place codes shipped in the ``mm-geo-coder`` wheel, and GeoNames for the rest, into a Gazetteer."""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

from stream.core import places
from stream.core.places import NEWS_SPELLINGS, Entry, Gazetteer, village_index
from stream.gcpause import no_gc
from stream.reference.datacache import cached, package_file
from stream.reference.world import UTC_OFFSETS, capitals, country_entries, story_countries, town_index

COUNTRY = "Myanmar"
_PART = re.compile(r"\s*\((north|south|east|west)\)\s*$", re.I)


def admin1_name(state: str) -> str:
    """One admin1 per state or region: MIMU's "Shan (North)" and "Shan (South)" are both Shan."""
    return _PART.sub("", state)


def _mimu_path() -> str:
    # The package's __init__ pulls in pandas: only its database file is wanted.
    return str(package_file("mm_geo_coder", "database", "mimu_geo_data_public.db",
                            missing="the MIMU gazetteer is missing: install the 'mm-geo-coder' package"))


def mimu_entries(path: str) -> list[Entry]:
    """Every state, district, township, town and village of the MIMU file as entries."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        entries: dict[tuple[str, str, str | None], Entry] = {}

        def add(entry: Entry) -> None:
            entries.setdefault((entry.name, entry.precision, entry.admin1), entry)

        rows = db.execute(
            "SELECT state_eng, state_pcode, district_eng, district_saz_pcode, township_eng, township_pcode,"
            " town_eng, town_pcode, AVG(latitude), AVG(longitude) FROM wards"
            # A few MIMU rows carry coordinates outside Myanmar: leave them out of the average.
            " WHERE latitude BETWEEN 9 AND 29 AND longitude BETWEEN 92 AND 102"
            " GROUP BY town_pcode").fetchall()
        for state, s_code, district, d_code, township, t_code, town, town_code, lat, lon in rows:
            admin1 = admin1_name(state)
            add(Entry(admin1, "admin1", admin1, COUNTRY, s_code))
            if district:
                add(Entry(district, "district", admin1, COUNTRY, d_code, township))
            add(Entry(township, "township", admin1, COUNTRY, t_code, township, lat, lon))
            add(Entry(re.sub(r"\s+Town$", "", town), "town", admin1, COUNTRY, town_code, township, lat, lon))
        for state, _, district, d_code, township, t_code in db.execute(
                "SELECT DISTINCT state_eng, state_pcode, district_eng, district_saz_pcode, township_eng,"
                " township_pcode FROM villages"):
            admin1 = admin1_name(state)
            if district:
                add(Entry(district, "district", admin1, COUNTRY, d_code, township))
            add(Entry(township, "township", admin1, COUNTRY, t_code, township))
        villages = [
            Entry(name, "village", admin1_name(state), COUNTRY, str(code), township, lat, lon)
            for name, code, township, state, lat, lon in db.execute(
                "SELECT village_eng, village_pcode, township_eng, state_eng, latitude, longitude FROM villages")
        ]
        return list(entries.values()) + villages
    finally:
        db.close()


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """MIMU for Myanmar and GeoNames for other countries, loaded once per process."""
    # GeoNames towns load only when a story first names a country other than Myanmar.
    path = _mimu_path()
    # 150,000 new objects and no cycles: the collector would only rescan them, a quarter of the load.
    with no_gc():
        rows, villages = cached("mimu", [Path(path), Path(__file__), Path(places.__file__)], lambda: _tables(path))
        return Gazetteer([Entry(*row) for row in rows], NEWS_SPELLINGS, country_entries(), town_index, villages,
                         capitals(), story_countries, UTC_OFFSETS)


def _tables(path: str) -> tuple[list[tuple[Any, ...]], dict[str, list[tuple[Any, ...]]]]:
    """The MIMU entries above villages as rows, and the villages indexed by folded name: both cacheable."""
    entries = mimu_entries(path)
    return [tuple(e) for e in entries if e.precision != "village"], village_index(entries)
