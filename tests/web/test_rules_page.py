"""The rules page in a real headless Chromium against a real `signalfire serve`: the rules in force with their
counts, a broken candidate's problem shown at its line and never applied, and a good one back-tested, applied,
in force for the next article and recorded."""

from pathlib import Path

import httpx

from tests.kafka.conftest import eventually
from tests.web.test_page import browser, open_page, pytestmark, screenshot, wait_for  # noqa: F401
from tests.web.test_rules_api import broken, rules_copy, with_new_rule
from tests.web.test_serve import AUTH, kawlin, served

CELLS = ("return [...document.querySelectorAll('#rules tr')].map(tr => [tr.dataset.rule, "
         "tr.querySelector('.last-7').textContent, tr.querySelector('.last-30').textContent, "
         "tr.querySelector('.rate').textContent])")


def set_candidate(driver, text: str) -> None:  # type: ignore[no-untyped-def]
    driver.execute_script("const a = document.getElementById('candidate'); a.value = arguments[0];"
                          "a.dispatchEvent(new Event('input'))", text)


def alert_rules(base: str) -> set[str]:
    return {a["rule"] for a in httpx.get(f"{base}/api/alerts", headers=AUTH).json()["alerts"]}


def test_the_rules_page_shows_the_rules_in_force_and_a_broken_candidate_s_problem_at_its_line(
        tmp_path: Path, browser) -> None:  # noqa: F811
    rules = rules_copy(tmp_path)
    original = rules.read_text()
    with served(tmp_path / "s.db", "--rules", str(rules)) as base:
        httpx.post(f"{base}/api/articles", json=kawlin(), headers=AUTH)
        eventually(lambda: "place-seized" in alert_rules(base), "the article's alerts", timeout=20, every=0.1)
        open_page(browser, f"{base}/rules")
        wait_for(browser, "return document.querySelectorAll('#rules tr').length === 3")
        raised = [a["rule"] for a in httpx.get(f"{base}/api/alerts", headers=AUTH).json()["alerts"]]
        stats = httpx.get(f"{base}/api/rules", headers=AUTH).json()["stats"]["by_rule"]
        assert browser.execute_script(CELLS) == [
            [rule, str(stats[rule]["last_7"]), str(raised.count(rule)), "none judged"]
            for rule in ("place-seized", "deaths-per-region-day", "mass-displacement")]
        assert stats["place-seized"]["last_7"] == 1
        assert str(rules) in browser.execute_script("return document.getElementById('source').textContent")
        assert "2023-11-07" in browser.execute_script("return document.getElementById('as-of').textContent")
        assert browser.execute_script("return document.getElementById('candidate').value") == original

        text, line = broken(original)
        set_candidate(browser, text)
        browser.execute_script("document.getElementById('check').click()")
        wait_for(browser, "return document.querySelectorAll('#problems li').length > 0")
        lines = browser.execute_script("return [...document.querySelectorAll('#problems li')]"
                                       ".map(li => Number(li.dataset.line))")
        assert line in lines
        browser.execute_script(f"document.querySelector('#problems li[data-line=\"{line}\"] a').click()")
        chosen = browser.execute_script("const a = document.getElementById('candidate');"
                                        "return [a.value.slice(a.selectionStart, a.selectionEnd), a.scrollTop,"
                                        " document.activeElement === a]")
        assert chosen[0].strip() == "treshold: 10000" and chosen[1] > 0 and chosen[2]
        assert browser.execute_script("return document.getElementById('apply').disabled") is True
        screenshot(browser, tmp_path, "rules-problem")
        browser.execute_script("document.getElementById('by').value = 'desk-1';"
                               "document.getElementById('apply').disabled = false;"
                               "document.getElementById('apply').click()")  # forced: the server refuses it too
        wait_for(browser, "return document.getElementById('status').textContent.includes('problem')")
        assert rules.read_text() == original


def test_a_good_candidate_is_back_tested_applied_in_force_for_the_next_article_and_recorded(
        tmp_path: Path, browser) -> None:  # noqa: F811
    rules = rules_copy(tmp_path)
    original = rules.read_text()
    with served(tmp_path / "s.db", "--rules", str(rules)) as base:
        httpx.post(f"{base}/api/articles", json=kawlin(), headers=AUTH)
        eventually(lambda: "place-seized" in alert_rules(base), "the article's alerts", timeout=20, every=0.1)
        held = httpx.get(f"{base}/api/alerts", headers=AUTH).json()["alerts"]
        open_page(browser, f"{base}/rules")
        wait_for(browser, "return document.querySelectorAll('#rules tr').length === 3")
        set_candidate(browser, with_new_rule(original))
        browser.execute_script("document.getElementById('backtest').click()")
        wait_for(browser, "return document.getElementById('backtest-summary')", timeout=60)
        summary = browser.execute_script("return document.getElementById('backtest-summary').textContent")
        assert summary == f"added 1, removed 0, changed 0, unchanged {len(held)}"
        assert browser.execute_script("return [...document.querySelectorAll('#backtest-table tr.added td')]"
                                      ".map(td => td.textContent).slice(0, 2)") == ["+", "seized-anywhere"]
        screenshot(browser, tmp_path, "rules-backtest")

        browser.execute_script("document.getElementById('check').click()")
        wait_for(browser, "return document.getElementById('apply').disabled === false")
        browser.execute_script("document.getElementById('by').value = 'desk-7';"
                               "document.getElementById('apply').click()")
        wait_for(browser, "return document.querySelectorAll('#rules tr').length === 4")
        assert "applied" in browser.execute_script("return document.getElementById('status').textContent")
        history = wait_for(browser, "return document.querySelector('#history li')")
        assert "desk-7 applied version" in history.text  # type: ignore[attr-defined]
        assert rules.read_text() == with_new_rule(original) and (tmp_path / "rules.yaml.1").read_text() == original

        later = {**kawlin("2023-11-08"), "id": "later-report", "source": "another-wire"}  # a later report of it
        httpx.post(f"{base}/api/articles", json=later, headers=AUTH)
        eventually(lambda: "seized-anywhere" in alert_rules(base), "the new rule's alert", timeout=20, every=0.1)
        browser.refresh()
        wait_for(browser, "return document.querySelector('#rules tr[data-rule=\"seized-anywhere\"] .last-7')"
                          " && document.querySelector('#rules tr[data-rule=\"seized-anywhere\"] .last-30')"
                          ".textContent === '1'")
        screenshot(browser, tmp_path, "rules-applied")
