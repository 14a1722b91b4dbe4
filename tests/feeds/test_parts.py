"""The pure parts of feed ingestion: one URL per page, text out of feed HTML, near-copies told from own reports."""

from __future__ import annotations

import random
import time

import pytest

from stream.feeds.copies import CopyIndex, fingerprint, signature
from stream.feeds.text import fragment_text
from stream.feeds.urls import canonical
from tests.feeds.site import MONITOR_PAGE_TEXT, OWN, WIRE


@pytest.mark.parametrize(("given", "same_as"), [
    ("https://News.Example.org:443/world/story?utm_source=rss&id=7#comments", "https://news.example.org/world/story?id=7"),
    ("http://example.org:80/a?b=2&a=1&fbclid=XYZ", "http://example.org/a?a=1&b=2"),
    ("https://example.org", "https://example.org/"),
    ("https://example.org:8443/a", "https://example.org:8443/a"),
])
def test_links_to_one_page_are_one_url(given: str, same_as: str) -> None:
    assert canonical(given) == same_as


def test_feed_html_becomes_paragraphs_of_text_without_markup_or_scripts() -> None:
    html = "<p>Shelling hit <b>two villages</b>&nbsp;on Monday.</p><script>track()</script><p>Five were hurt.</p>"
    assert fragment_text(html) == "Shelling hit two villages on Monday.\n\nFive were hurt."
    assert fragment_text("Plain words, no markup.") == "Plain words, no markup."
    assert fragment_text("<p>unclosed <i>tag") == "unclosed tag"


def test_the_same_text_spaced_or_cased_otherwise_is_one_fingerprint() -> None:
    assert fingerprint("Fighting  broke out\nin the town.") == fingerprint("fighting broke out in the town")
    assert fingerprint("Fighting broke out in the town.") != fingerprint("Fighting broke out in the city.")


def test_a_republished_wire_story_is_a_copy_and_an_outlet_s_own_report_is_not() -> None:
    index = CopyIndex()
    index.add("wire-1", signature("\n".join(WIRE)), "Wire", None)
    # The same story with a new first sentence's wording, one paragraph cut: another outlet's copy.
    edited = ["Fighters seized Kawlin on Monday, after four days of battle, residents and a spokesman said."]
    copy = "\n".join(edited + WIRE[1:4] + WIRE[5:])
    found = index.original_of(signature(copy), "Courier")
    assert found is not None and (found.article_id, found.source) == ("wire-1", "Wire")
    # The same fighting in a reporter's own words shares facts, not sentences.
    assert index.original_of(signature(OWN), "Courier") is None
    # The wire's own update of its story is not a copy of itself.
    assert index.original_of(signature(copy), "Wire") is None


def test_a_copy_of_a_copy_points_at_the_first_original() -> None:
    index = CopyIndex()
    story = "\n".join(WIRE)
    index.add("wire-1", signature(story), "Wire", None)
    first = index.original_of(signature(story), "Courier")
    index.add("courier-1", signature(story), "Courier", first)
    again = index.original_of(signature("\n".join(WIRE[:5])), "Gazette")
    assert again is not None and again.article_id == "wire-1"


def test_a_story_republished_thousands_of_times_costs_each_copy_the_same_bounded_work() -> None:
    words = " ".join(WIRE).split()
    rng = random.Random(5)

    def edited(i: int) -> str:  # a few words changed: every one a near-copy of every other
        changed = list(words)
        for at in rng.sample(range(len(words)), 4):
            changed[at] = f"w{i}x{at}"
        return " ".join(changed)

    signatures = [signature(edited(i)) for i in range(2000)]
    index = CopyIndex()
    started = time.perf_counter()
    found = set()
    for i, sig in enumerate(signatures):
        original = index.original_of(sig, f"outlet {i}")
        index.add(f"a{i}", sig, f"outlet {i}", original)
        found.add(original.article_id if original else None)
    # Compared with every earlier copy, the 2,000th took 2,000 comparisons: 13.6 s in all (0.7 s now, bounded).
    assert time.perf_counter() - started < 4
    assert found == {None, "a0"}  # the first was nobody's copy; every other one, a copy of it


def test_the_index_keeps_the_latest_articles_and_drops_the_oldest() -> None:
    index = CopyIndex(kept=2)
    for n, story in enumerate([WIRE, MONITOR_PAGE_TEXT, [OWN]]):
        index.add(f"a{n}", signature("\n".join(story)), f"outlet {n}", None)
    assert len(index) == 2
    assert index.original_of(signature("\n".join(WIRE)), "Courier") is None  # dropped
    found = index.original_of(signature("\n".join(MONITOR_PAGE_TEXT)), "Courier")
    assert found is not None and found.article_id == "a1"
