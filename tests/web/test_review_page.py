"""The desk page's "To review" list in a real headless Chromium against a real `signalfire serve`: held alerts shown
with the gate's reasons; Confirm sends one (a real delivery) and takes it off the list with its verdict shown;
Reject asks for a reason first."""

import time
from pathlib import Path

import httpx

from stream.core.places import Gazetteer
from tests.conftest import Receiver
from tests.web.test_page import browser, open_page, pytestmark, screenshot, wait_for  # noqa: F401
from tests.web.test_review_api import SEIZED, review_rules, standing_by_kawlin, titles
from tests.web.test_serve import AUTH, kawlin, served

HELD_TITLES = "[...document.querySelectorAll('#review li .title')].map(t => t.textContent)"


def click_in_review(driver, title: str, selector: str) -> None:  # type: ignore[no-untyped-def]
    driver.execute_script("[...document.querySelectorAll('#review > li')]"
                          ".find(li => li.querySelector('.title').textContent === arguments[0])"
                          ".querySelector(arguments[1]).click()", title, selector)


def test_the_review_list_shows_held_alerts_and_confirm_sends_one_and_takes_it_off(
        tmp_path: Path, browser, receiver: Receiver, gazetteer: Gazetteer) -> None:  # noqa: F811
    rules = review_rules(tmp_path, receiver)
    raised = standing_by_kawlin(rules, gazetteer)  # titles as the page and the channels tell them
    held = sorted(a["title"] for a in raised if a["tier"] == "review")
    sent = sorted(a["title"] for a in raised if a["tier"] == "sent")
    [deaths] = [title for title in held if title != SEIZED]
    with served(tmp_path / "s.db", "--rules", str(rules)) as base:
        open_page(browser, base)
        wait_for(browser, "return document.getElementById('review-empty').hidden === false")
        httpx.post(f"{base}/api/articles", json=kawlin(), headers=AUTH)
        wait_for(browser, f"return ({HELD_TITLES}).length === {len(held)}")  # live, without a reload
        assert sorted(browser.execute_script(f"return {HELD_TITLES}")) == held
        reasons = browser.execute_script("return [...document.querySelectorAll('#review .reasons li')]"
                                         ".map(li => li.textContent)")
        assert reasons == ["the rule holds every alert for review"] * len(held)
        deadline = time.monotonic() + 10
        while titles(receiver) != sent:
            assert time.monotonic() < deadline, titles(receiver)
            time.sleep(0.1)
        screenshot(browser, tmp_path, "review")

        browser.execute_script("document.getElementById('review-by').value = 'desk-9'")
        click_in_review(browser, SEIZED, "[data-verdict=confirm]")
        wait_for(browser, f"return !({HELD_TITLES}).includes({SEIZED!r})")
        verdict = wait_for(browser, "return document.getElementById('verdict')")
        assert verdict.text.startswith("confirmed by desk-9 at ")  # type: ignore[attr-defined]
        assert browser.execute_script("return [...document.querySelectorAll('#alerts li .badge.confirm')].length") == 1
        deadline = time.monotonic() + 10
        while titles(receiver) != sorted([*sent, SEIZED]):
            assert time.monotonic() < deadline, titles(receiver)
            time.sleep(0.1)

        click_in_review(browser, deaths, "[data-verdict=reject]")  # first a reason is asked for
        wait_for(browser, "return document.querySelector('#review input[name=reason]:not([hidden])')")
        assert browser.execute_script(f"return {HELD_TITLES}") == [deaths]
        browser.execute_script("document.querySelector('#review input[name=reason]').value = 'a week, not a day'")
        click_in_review(browser, deaths, "[data-verdict=reject]")
        wait_for(browser, "return document.getElementById('review-empty').hidden === false")
        assert wait_for(browser, "return document.getElementById('verdict').textContent.startsWith('rejected')")
        screenshot(browser, tmp_path, "reviewed")
        time.sleep(1)
    assert titles(receiver) == sorted([*sent, SEIZED])
