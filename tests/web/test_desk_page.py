"""The desk's page tells the truth, in a real headless Chromium against a real `signalfire serve` on the seeds:
alerts placed at a state or region are on the map (at its centre, drawn apart from towns) and the map fits
what it shows; the timeline has a date axis and its counts on hover; a refused token is said to be refused;
the list shows every desk state and sorts by event date; sources show outlet, headline and link; a trigger is
marked wherever it stands in its sentence."""

from pathlib import Path
from typing import cast

import httpx

from tests.conftest import SEEDS
from tests.web.test_page import browser, open_page, pytestmark, screenshot, wait_for  # noqa: F401
from tests.web.test_serve import AUTH, TOKEN, kawlin, seed, served, wait_for_alerts

SEEDED = 6  # alerts the seeds raise: 3 of deaths per state or region a day, a seizure, 2 displacements


def post_seeds(base: str) -> list[dict]:
    seeds = [seed(path) for path in sorted(SEEDS.glob("*.txt"))]
    assert httpx.post(f"{base}/api/articles", json=seeds, headers=AUTH).status_code == 202
    alerts = wait_for_alerts(base, SEEDED)
    assert len(alerts) == SEEDED
    return alerts


def choose(driver, words: str) -> None:  # type: ignore[no-untyped-def]
    driver.execute_script("[...document.querySelectorAll('#alerts li')]"
                          ".find(li => li.textContent.includes(arguments[0])).click()", words)


def test_a_region_alert_is_on_the_map_at_its_centre_drawn_as_an_area_and_the_map_fits_its_markers(
        tmp_path: Path, browser) -> None:  # noqa: F811
    with served(tmp_path / "s.db") as base:
        alerts = post_seeds(base)
        regions = [a for a in alerts if a["place"]["precision"] == "admin1"]
        assert regions and all(a["place"]["lat"] is None and a["place"]["centroid"] for a in regions)
        open_page(browser, base)
        wait_for(browser, f"return document.querySelectorAll('#map path.alert-marker').length === {SEEDED}")
        # One hollow, larger circle per alert placed at a state or region; a filled one per town.
        assert browser.execute_script("return document.querySelectorAll('#map path.region-marker').length") == \
            len(regions)
        shown = browser.execute_script("""return state.markers.getLayers().map(m => ({
            lat: m.getLatLng().lat, lon: m.getLatLng().lng, radius: m.getRadius(), fill: m.options.fillOpacity,
            region: m.options.className.includes('region-marker'),
            inView: map.getBounds().contains(m.getLatLng())}))""")
        sagaing = next(a for a in regions if a["place"]["admin1"] == "Sagaing")
        assert {"lat": sagaing["place"]["centroid"]["lat"], "lon": sagaing["place"]["centroid"]["lon"]} in \
            [{"lat": m["lat"], "lon": m["lon"]} for m in shown if m["region"]]
        town = next(m for m in shown if not m["region"])
        assert all(m["radius"] > town["radius"] and m["fill"] == 0 for m in shown if m["region"])
        assert all(m["inView"] for m in shown)  # the map fits its markers ...
        span = browser.execute_script("const b = map.getBounds(); return [b.getEast() - b.getWest(),"
                                      " b.getNorth() - b.getSouth()]")
        assert span[0] < 40 and span[1] < 40  # ... closely: Myanmar, not the world
        browser.execute_script("""const tip = [...document.querySelectorAll('#map path.region-marker')][0];
            tip.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));""")
        tip = wait_for(browser, "return document.querySelector('.leaflet-tooltip')")
        assert "across" in tip.text  # type: ignore[attr-defined]  # the tooltip says the point is an area's
        screenshot(browser, tmp_path, "regions")

        # One alert: the map centres on it, closer in; none: the map stays where it was, with no error.
        browser.execute_script("const f = document.getElementById('filters'); f.elements.place.value = 'Mandalay';"
                               "f.dispatchEvent(new Event('input'));")
        wait_for(browser, "return document.querySelectorAll('#map path.alert-marker').length === 1")
        mandalay = next(a for a in regions if a["place"]["admin1"] == "Mandalay")["place"]["centroid"]
        centre, zoom = cast(list, wait_for(browser, "return map.getZoom() >= 6 && [map.getCenter(), map.getZoom()]"))
        assert abs(centre["lat"] - mandalay["lat"]) < 0.5 and abs(centre["lng"] - mandalay["lon"]) < 0.5
        browser.execute_script("const f = document.getElementById('filters'); f.elements.place.value = 'Nowhere';"
                               "f.dispatchEvent(new Event('input'));")
        wait_for(browser, "return document.querySelectorAll('#map path.alert-marker').length === 0")
        assert browser.execute_script("return map.getZoom()") == zoom


def test_the_timeline_has_a_date_axis_and_its_counts_on_hover(tmp_path: Path, browser) -> None:  # noqa: F811
    with served(tmp_path / "s.db") as base:
        alerts = post_seeds(base)
        open_page(browser, base)
        wait_for(browser, "return document.querySelectorAll('#timeline svg rect.day').length > 0")
        ticks = browser.execute_script("return [...document.querySelectorAll('#timeline .axis text')]"
                                       ".map(t => t.textContent)")
        assert len(ticks) >= 2 and all(any(ch.isdigit() for ch in tick) for tick in ticks)
        assert "2021" in " ".join(ticks) and "2023" in " ".join(ticks)  # the seeds run from 2021 to 2023
        hovers = browser.execute_script("return [...document.querySelectorAll('#timeline rect.day title')]"
                                        ".map(t => t.textContent)")
        days = {(a["place"]["admin1"], a["event_date"]) for a in alerts}
        assert len(hovers) == len(days)
        assert "Sagaing, 2023-11-07: 2 alerts" in hovers  # the deaths summed over Sagaing and Kawlin's displacement
        assert "Mandalay, 2021-06-22: 1 alert" in hovers
        # Bars stand where their day is on the axis: later days further right.
        xs = browser.execute_script("""return Object.fromEntries([...document.querySelectorAll('#timeline rect.day')]
            .map(r => [r.dataset.day, Number(r.getAttribute('x'))]))""")
        assert xs["2021-05-24"] < xs["2021-06-22"] < xs["2023-10-26"] < xs["2023-11-07"]
        screenshot(browser, tmp_path, "timeline")


def test_a_refused_token_is_said_to_be_refused_and_can_be_entered_again(tmp_path: Path, browser) -> None:  # noqa: F811
    with served(tmp_path / "s.db") as base:
        post_seeds(base)
        browser.get(base)
        token = wait_for(browser, "return !document.getElementById('login').hidden && document.getElementById('token')")
        token.send_keys("not-the-token")  # type: ignore[attr-defined]
        browser.execute_script("document.getElementById('token-form').requestSubmit()")
        problem = wait_for(browser, "const p = document.getElementById('login-problem');"
                                    "return !p.hidden && p.textContent && p")
        assert "refused" in problem.text and "401" in problem.text  # type: ignore[attr-defined]
        assert browser.execute_script("return !document.getElementById('login').hidden")
        assert browser.execute_script("return sessionStorage.getItem('signalfire-token')") is None
        assert browser.execute_script("return document.querySelectorAll('#alerts li').length") == 0
        screenshot(browser, tmp_path, "refused")
        # Entered again, right this time: the message goes and the alerts come.
        browser.execute_script("document.getElementById('token').value = arguments[0];"
                               "document.getElementById('token-form').requestSubmit()", TOKEN)
        wait_for(browser, f"return document.querySelectorAll('#alerts li').length === {SEEDED}")
        assert browser.execute_script("return document.getElementById('login').hidden")
        assert browser.execute_script("return document.getElementById('login-problem').hidden")


def test_the_list_shows_every_desk_state_and_sorts_by_event_date_newest_first(tmp_path: Path, browser) -> None:  # noqa: F811
    with served(tmp_path / "s.db") as base:
        alerts = post_seeds(base)
        by_rule = {a["title"]: a["id"] for a in alerts}
        acted = {"13 killed in Shan on 2021-05-24": ("ack", {}),
                 "10 killed in Mandalay on 2021-06-22": ("assign", {"assignee": "desk-3"}),
                 "33,000 people displaced near Shan": ("dismiss", {"note": "a total, not news"})}
        for title, (action, extra) in acted.items():
            answer = httpx.post(f"{base}/api/alerts/{by_rule[title]}/{action}", json={"by": "desk-1", **extra},
                                headers=AUTH)
            assert answer.status_code == 201
        open_page(browser, base)
        wait_for(browser, f"return document.querySelectorAll('#alerts li').length === {SEEDED}")
        rows = browser.execute_script("""return [...document.querySelectorAll('#alerts li')].map(li => ({
            title: li.querySelector('.title').textContent, day: li.dataset.day,
            dismissed: li.classList.contains('dismissed'),
            badges: [...li.querySelectorAll('.badge')].map(b => b.textContent)}))""")
        badges = {row["title"]: row["badges"] for row in rows}
        assert badges["13 killed in Shan on 2021-05-24"] == ["acknowledged"]
        assert badges["10 killed in Mandalay on 2021-06-22"] == ["assigned to desk-3"]
        assert badges["33,000 people displaced near Shan"] == ["dismissed"]
        assert [row["title"] for row in rows if row["dismissed"]] == ["33,000 people displaced near Shan"]
        days = [row["day"] for row in rows]
        assert days == sorted(days, reverse=True) and days[0] == "2023-11-07" and days[-1] == "2021-05-24"
        screenshot(browser, tmp_path, "states")


def test_a_source_shows_its_outlet_headline_and_link(tmp_path: Path, browser) -> None:  # noqa: F811
    article = kawlin() | {"source": "Myanmar Now", "title": "Resistance forces take Kawlin",
                          "url": "https://example.org/news/kawlin"}
    with served(tmp_path / "s.db") as base:
        httpx.post(f"{base}/api/articles", json=article, headers=AUTH)
        wait_for_alerts(base, 1)
        open_page(browser, base)
        wait_for(browser, "return document.querySelectorAll('#alerts li').length > 0")
        choose(browser, "seized")
        source = wait_for(browser, "return document.querySelector('#sources li')")
        assert browser.execute_script("return document.querySelector('#sources li .outlet').textContent") == \
            "Myanmar Now"
        link = browser.execute_script("const a = document.querySelector('#sources li a');"
                                      "return [a.textContent, a.getAttribute('href'), a.rel]")
        assert link == ["Resistance forces take Kawlin", "https://example.org/news/kawlin", "noopener noreferrer"]
        assert "art-" not in source.text  # type: ignore[attr-defined]  # no bare article id
        screenshot(browser, tmp_path, "sources")


def test_a_trigger_at_the_start_of_its_sentence_is_marked(tmp_path: Path, browser) -> None:  # noqa: F811
    with served(tmp_path / "s.db") as base:
        alerts = post_seeds(base)
        mandalay = next(a for a in alerts if a["title"] == "10 killed in Mandalay on 2021-06-22")
        at_start = [e for e in mandalay["evidence"] if e["trigger_start"] == 0]
        assert at_start, "the seed has a trigger at the start of its sentence"
        open_page(browser, base)
        wait_for(browser, "return document.querySelectorAll('#alerts li').length > 0")
        choose(browser, "killed in Mandalay")
        wait_for(browser, "return document.querySelectorAll('#detail blockquote').length > 0")
        quotes = browser.execute_script("""return [...document.querySelectorAll('#detail blockquote')].map(q => ({
            text: q.textContent, first: q.firstChild.nodeName, mark: q.querySelector('mark')
                && q.querySelector('mark').textContent}))""")
        for evidence in mandalay["evidence"]:
            quote = next(q for q in quotes if q["text"] == evidence["sentence"] and q["mark"] == evidence["trigger"])
            if evidence["trigger_start"] == 0:
                assert quote["first"] == "MARK"
        # The span is the trigger's offsets in its sentence, whatever the sentence's place in the article: the words
        # marked are those at the span, even when the same words stand earlier in the sentence.
        marked = browser.execute_script("""return [0, 13].map(at => {
            const q = highlighted({sentence: 'Four killed. Four killed.', trigger: 'Four killed', trigger_start: at,
                                   trigger_end: at + 11, start: 500, end: 525});
            return [q.firstChild.nodeName, q.querySelector('mark').previousSibling?.textContent ?? '']; })""")
        assert marked == [["MARK", ""], ["#text", "Four killed. "]]


def test_a_figure_that_grew_says_what_it_was_raised_with(tmp_path: Path, browser) -> None:  # noqa: F811
    with served(tmp_path / "s.db") as base:
        alerts = post_seeds(base)
        grown = next(a for a in alerts if a["raised_figures"] != a["figures"])
        [(field, now)] = grown["figures"].items()
        was = grown["raised_figures"][field]
        open_page(browser, base)
        wait_for(browser, "return document.querySelectorAll('#alerts li').length > 0")
        choose(browser, grown["title"])
        cell = wait_for(browser, "return document.querySelector('#figures td')")
        assert cell.text == f"{now:,} (was {was:,})"  # type: ignore[attr-defined]
