"""The desk's page in a real headless Chromium, against a real `signalfire serve`: live alerts, the map, evidence
shown as text, and an acknowledgement that outlives a restart. Screenshots go to the test's folder (and to
$SIGNALFIRE_SCREENSHOTS when set)."""

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.web.test_serve import AUTH, TOKEN, kawlin, served

if TYPE_CHECKING:
    from selenium import webdriver

# Chromium and its driver, or a skip naming the packages (a failure under CI): see tests/web/conftest.py.
pytestmark = pytest.mark.usefixtures("chromium")


@pytest.fixture
def browser() -> Iterator["webdriver.Chrome"]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1500,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(10)
    yield driver
    driver.quit()


def screenshot(driver: "webdriver.Chrome", folder: Path, name: str) -> None:
    driver.save_screenshot(str(folder / f"{name}.png"))
    if os.environ.get("SIGNALFIRE_SCREENSHOTS"):
        driver.save_screenshot(str(Path(os.environ["SIGNALFIRE_SCREENSHOTS"]) / f"{name}.png"))


def wait_for(driver: "webdriver.Chrome", script: str, timeout: float = 10.0) -> object:
    deadline = time.monotonic() + timeout
    while True:
        found = driver.execute_script(script)
        if found:
            return found
        assert time.monotonic() < deadline, f"never true: {script}"
        time.sleep(0.05)


def open_page(driver: "webdriver.Chrome", base: str) -> None:
    driver.get(base)
    token = wait_for(driver, "return !document.getElementById('login').hidden && document.getElementById('token')")
    token.send_keys(TOKEN)  # type: ignore[attr-defined]
    driver.execute_script("document.getElementById('token-form').requestSubmit()")
    wait_for(driver, "return document.getElementById('live').textContent === 'live'")


def titles(driver: "webdriver.Chrome") -> list[str]:
    return driver.execute_script("return [...document.querySelectorAll('#alerts li div:first-child')]"
                                 ".map(d => d.firstChild.textContent)")


def test_an_alert_appears_on_the_open_page_within_two_seconds_with_its_marker(tmp_path: Path, browser) -> None:
    with served(tmp_path / "s.db") as base:
        open_page(browser, base)
        assert titles(browser) == []
        posted = time.monotonic()
        httpx.post(f"{base}/api/articles", json=kawlin(), headers=AUTH)
        wait_for(browser, "return [...document.querySelectorAll('#alerts li')]"
                          ".some(li => li.textContent.includes('Kawlin (Sagaing) seized'))", timeout=2.0)
        assert time.monotonic() - posted < 2.0
        assert browser.execute_script("return performance.getEntriesByType('navigation').length") == 1  # no reload
        wait_for(browser, "return document.querySelectorAll('path.alert-marker').length >= 1")
        wait_for(browser, "return document.querySelectorAll('#map path.leaflet-interactive').length > 100")  # outlines
        browser.execute_script("[...document.querySelectorAll('#alerts li')]"
                               ".find(li => li.textContent.includes('seized')).click()")
        mark = wait_for(browser, "return document.querySelector('#detail mark')")
        assert mark.text  # type: ignore[attr-defined]  # the trigger word, highlighted in its sentence
        screenshot(browser, tmp_path, "desk")


def test_markup_in_an_article_shows_as_text_and_never_runs(tmp_path: Path, browser) -> None:
    hostile = kawlin() | {"source": "<img src=x onerror=\"window.pwned=1\">Wire",
                          "text": kawlin()["text"].replace("in a four-day offensive",
                                                           "in a four-day <script>window.pwned=2</script> offensive")}
    later = {"text": kawlin()["text"] + " Residents confirmed it.", "published": "2023-11-09",
             "source": "<img src=y onerror=\"window.pwned=3\">Later wire"}
    with served(tmp_path / "s.db") as base:
        httpx.post(f"{base}/api/articles", json=[hostile, later], headers=AUTH)
        open_page(browser, base)
        wait_for(browser, "return document.querySelectorAll('#alerts li').length > 0")
        browser.execute_script("[...document.querySelectorAll('#alerts li')]"
                               ".find(li => li.textContent.includes('seized')).click()")
        detail = wait_for(browser, "return document.querySelector('#detail blockquote') && "
                                   "document.getElementById('detail')")
        shown = detail.text  # type: ignore[attr-defined]
        assert "<script>window.pwned=2</script>" in shown and '<img src=x onerror="window.pwned=1">Wire' in shown
        # The later report, in the reports over time, its outlet as text too.
        reports = browser.execute_script("return [...document.querySelectorAll('#corroborated tr')]"
                                         ".map(tr => tr.textContent)")
        assert len(reports) == 2 and '<img src=y onerror="window.pwned=3">Later wire' in reports[1]
        assert browser.execute_script("return window.pwned === undefined && !document.querySelector('#detail img')")
        screenshot(browser, tmp_path, "escaped")


def test_an_acknowledgement_made_on_the_page_is_there_after_a_restart(tmp_path: Path, browser) -> None:
    db = tmp_path / "s.db"
    with served(db) as base:
        httpx.post(f"{base}/api/articles", json=kawlin(), headers=AUTH)
        open_page(browser, base)
        wait_for(browser, "return document.querySelectorAll('#alerts li').length > 0")
        browser.execute_script("[...document.querySelectorAll('#alerts li')]"
                               ".find(li => li.textContent.includes('seized')).click()")
        wait_for(browser, "return document.querySelector('#detail form.actions')")
        browser.execute_script("""
            const form = document.querySelector('#detail form.actions');
            form.querySelector('[name=by]').value = 'desk-7';
            form.querySelector('[name=note]').value = 'confirmed by phone';
            form.querySelector('[data-action=ack]').click();""")
        wait_for(browser, "return document.querySelector('#actions-done li')")
    with served(db) as base:
        browser.delete_all_cookies()
        open_page(browser, base)
        wait_for(browser, "return [...document.querySelectorAll('#alerts li .badge')]"
                          ".some(b => b.textContent === 'acknowledged')")
        browser.execute_script("[...document.querySelectorAll('#alerts li')]"
                               ".find(li => li.textContent.includes('seized')).click()")
        done = wait_for(browser, "return document.querySelector('#actions-done li')")
        assert "ack by desk-7" in done.text and "confirmed by phone" in done.text  # type: ignore[attr-defined]
        screenshot(browser, tmp_path, "acknowledged")


def test_the_page_asks_for_the_token_and_its_assets_come_from_the_server(tmp_path: Path, browser) -> None:
    with served(tmp_path / "s.db") as base:
        page = httpx.get(base)
        assert page.status_code == 200 and "script-src" not in page.headers["content-security-policy"]
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert "http" not in page.text.replace("http-equiv", "")  # no CDN: every asset from this server
        browser.get(base)
        wait_for(browser, "return !document.getElementById('login').hidden")
        assert httpx.get(f"{base}/static/vendor/leaflet/LICENSE").status_code == 200
