"""What the desk's API adds to an alert view for a reader: a point on the map for an alert placed at an area
(a state or region, a district, a country), and each source's outlet, headline and link from its article."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from stream.core.dates import DATE_MARKER
from stream.errors import StoreError
from stream.reference.regions import area_key, area_table

log = logging.getLogger(__name__)
OPENING_CHARS = 120  # what an article with no title of its own is shown by: its first words


@lru_cache(maxsize=1)  # once: a missing package is said once, not at every request
def areas() -> Mapping[tuple[str, str, str, str], tuple[float, float]]:
    """The table of areas' points, or none when the gazetteer's data is not installed (the map then shows only
    the places with coordinates of their own)."""
    try:
        return area_table()
    except (StoreError, OSError) as exc:
        log.warning("alerts placed at a state, region or country are left off the map: %s", exc)
        return {}


def located(view: dict[str, Any], table: Mapping[tuple[str, str, str, str], tuple[float, float]]) -> dict[str, Any]:
    """``view`` with ``place.centroid`` ({lat, lon}) when its place is an area with no coordinates of its own:
    the centre of the places in that area, for a map. ``place.lat`` and ``place.lon`` stay as the gazetteer
    gave them (none), so that no reader takes the point for a town. The view's place is copied, never changed."""
    place = view.get("place")
    if not place or place.get("lat") is not None:
        return view
    key = area_key(place)
    point = table.get(key) if key is not None else None
    if point is None:
        return view
    return {**view, "place": {**place, "centroid": {"lat": point[0], "lon": point[1]}}}


def feature(view: Mapping[str, Any]) -> dict[str, Any] | None:
    """An alert view as a GeoJSON point feature, or None when its place has no point: at the place's coordinates,
    or at its area's centre (``centroid`` true in the properties: the alert is placed at the whole area)."""
    place = view.get("place") or {}
    if place.get("lat") is not None:
        lat, lon, centre = place["lat"], place["lon"], False
    elif place.get("centroid"):
        lat, lon, centre = place["centroid"]["lat"], place["centroid"]["lon"], True
    else:
        return None
    return {"type": "Feature", "id": view["id"], "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {k: view.get(k) for k in ("rule", "title", "severity", "event_date", "figures")}
            | {"place": place.get("name"), "precision": place.get("precision"), "centroid": centre}}


def article_head(article: Mapping[str, Any]) -> dict[str, Any]:
    """What a source shows of its article: outlet, title, link and date; its first words when it has no title."""
    head = {"outlet": article.get("source"), "title": article.get("title"), "url": article.get("url"),
            "published": article.get("published")}
    if not head["title"]:
        text = str(article.get("text") or "")
        marker = DATE_MARKER.match(text)  # the seed files' leading " date YYYY-MM-DD" is no part of the story
        text = " ".join(text[marker.end() if marker else 0:].split())
        head["opening"] = text if len(text) <= OPENING_CHARS else text[:OPENING_CHARS].rsplit(" ", 1)[0] + "…"
    return head


def sourced(view: dict[str, Any], heads: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """``view`` with each source and later report given its article's outlet, title and link (``heads`` by
    article id; an article not there, as over Kafka, gives what the alert itself recorded)."""

    def joined(ref: Mapping[str, Any]) -> dict[str, Any]:
        head = heads.get(ref.get("article_id") or "", {})
        return {**ref, "outlet": ref.get("source") or head.get("outlet"), "title": head.get("title"),
                "url": ref.get("url") or head.get("url"), "published": head.get("published"),
                **({"opening": head["opening"]} if head.get("opening") else {})}

    return {**view, "sources": [joined(s) for s in view.get("sources") or []],
            "corroborated": [joined(c) for c in view.get("corroborated") or []]}
