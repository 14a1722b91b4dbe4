"""The point of an alert placed at an area (a state or region, a district, a country): the centre of the places
shipped in that area, found by the area's names, and how the API gives it (a centroid, never the place's own
coordinates; in GeoJSON a feature marked ``centroid``)."""

from stream.reference.regions import area_key, area_point, area_points, centroid
from stream.web.shown import article_head, feature, located, sourced


def test_the_centre_of_places_is_their_mean_moved_to_the_nearest_of_them() -> None:
    assert centroid([]) is None
    assert centroid([(10.0, 20.0)]) == (10.0, 20.0)
    # A crescent: the mean (about 0, 1) lies outside it; the point is the place nearest that mean.
    crescent = [(-2.0, 0.0), (-1.0, 1.5), (1.0, 1.5), (2.0, 0.0)]
    assert centroid(crescent) in {(-1.0, 1.5), (1.0, 1.5)}
    # Places either side of the 180th meridian: the centre is near it, not at longitude 0.
    fiji = [(-17.0, 179.5), (-17.2, -179.8), (-17.1, 179.9)]
    assert centroid(fiji) == (-17.1, 179.9)


def test_areas_are_found_by_level_country_region_and_name_in_any_case() -> None:
    places = [("Myanmar", "Sagaing", "Shwebo", "Kanbalu", 23.0, 95.0), ("Myanmar", "Sagaing", "", "", 24.0, 95.2),
              ("Myanmar", "Sagaing", "", "", 23.5, 95.1), ("Sudan", "Northern Darfur", "", "", 13.6, 25.3)]
    table = area_points(places)
    assert table[("admin1", "myanmar", "sagaing", "")] == (23.5, 95.1)
    assert table[("country", "sudan", "", "")] == (13.6, 25.3)
    assert table[("district", "myanmar", "sagaing", "shwebo")] == (23.0, 95.0)
    assert area_key({"name": "SAGAING", "admin1": "Sagaing", "country": "Myanmar", "precision": "admin1"}) == \
        ("admin1", "myanmar", "sagaing", "")
    assert area_key({"name": "Kawlin", "admin1": "Sagaing", "country": "Myanmar", "precision": "town"}) is None


def test_the_shipped_data_places_myanmars_regions_and_the_worlds_divisions_inside_them() -> None:
    sagaing = area_point({"name": "Sagaing", "admin1": "Sagaing", "country": "Myanmar", "precision": "admin1"})
    assert sagaing is not None and 21.5 < sagaing[0] < 27 and 93.5 < sagaing[1] < 97  # Sagaing's extent
    darfur = area_point({"name": "North Darfur", "admin1": "Northern Darfur", "country": "Sudan",
                         "precision": "admin1"})
    assert darfur is not None and 12 < darfur[0] < 20 and 22 < darfur[1] < 28
    assert area_point({"name": "Sudan", "country": "Sudan", "precision": "country"}) is not None
    # A town keeps its own coordinates: no centre stands in for them.
    assert area_point({"name": "Kawlin", "admin1": "Sagaing", "country": "Myanmar", "precision": "town",
                       "lat": 23.79, "lon": 95.68}) is None


def test_a_region_alert_gets_a_centroid_and_a_geojson_point_marked_as_one() -> None:
    table = {("admin1", "myanmar", "sagaing", ""): (23.27, 95.28)}
    region = {"id": "al-1", "title": "20 killed in Sagaing", "rule": "r", "severity": "high",
              "place": {"name": "Sagaing", "admin1": "Sagaing", "country": "Myanmar", "lat": None, "lon": None,
                        "precision": "admin1"}}
    shown = located(region, table)
    assert shown["place"]["centroid"] == {"lat": 23.27, "lon": 95.28} and shown["place"]["lat"] is None
    assert "centroid" not in region["place"]  # the view given is left as it was
    point = feature(shown)
    assert point is not None and point["geometry"]["coordinates"] == [95.28, 23.27]
    assert point["properties"]["centroid"] is True and point["properties"]["precision"] == "admin1"
    town = {**region, "place": {"name": "Kawlin", "lat": 23.79, "lon": 95.68, "precision": "town"}}
    assert feature(located(town, table))["properties"]["centroid"] is False  # type: ignore[index]
    assert feature(located({**region, "place": None}, table)) is None


def test_a_source_shows_its_articles_outlet_title_and_link_or_its_first_words() -> None:
    titled = article_head({"source": "Myanmar Now", "title": "Kawlin falls", "url": "https://example.org/k",
                           "published": "2023-11-07", "text": "..."})
    untitled = article_head({"text": " date 2021-05-24 Naypyitaw, May 24: More than 13 members " + "x " * 80})
    assert titled == {"outlet": "Myanmar Now", "title": "Kawlin falls", "url": "https://example.org/k",
                      "published": "2023-11-07"}
    assert untitled["title"] is None and untitled["opening"].startswith("Naypyitaw, May 24")
    assert untitled["opening"].endswith("…") and len(untitled["opening"]) <= 121
    view = {"sources": [{"article_id": "a1", "source": None, "url": None}, {"article_id": "a2", "source": "wire"}],
            "corroborated": [{"article_id": "a1", "source": None, "url": None, "figures": {}}]}
    shown = sourced(view, {"a1": titled})
    assert [s["outlet"] for s in shown["sources"]] == ["Myanmar Now", "wire"]
    assert shown["sources"][0]["title"] == "Kawlin falls" and shown["sources"][0]["url"] == "https://example.org/k"
    assert shown["corroborated"][0]["outlet"] == "Myanmar Now"
