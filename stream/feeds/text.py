"""Text out of HTML: a feed item's summary or content, and an article page's body, title, date and outlet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

import lxml.html
import trafilatura
from lxml.etree import ParserError

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}
_SPACES = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\n\s*\n+")


def fragment_text(html: str) -> str:
    """A feed's HTML fragment as plain text, one paragraph a line; text that holds no markup comes back as is."""
    if "<" not in html:
        return _tidy(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        return _tidy(re.sub(r"<[^>]+>", " ", html))
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\xa0", " ").split("\n")]
    return _LINES.sub("\n\n", "\n".join(lines)).strip()


@dataclass(frozen=True)
class Page:
    """What trafilatura reads off an article page."""

    text: str
    title: str | None
    published: date | None
    outlet: str | None


def page_text(html: str, url: str) -> Page | None:
    """The page's main text and its metadata; None when the page holds no article text."""
    document = cast(dict[str, Any] | None, trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, as_dict=True))
    if not document or not document.get("text"):
        return None
    published = None
    if document.get("date"):
        try:
            published = date.fromisoformat(str(document["date"])[:10])
        except ValueError:
            published = None
    text, title = document["text"], document.get("title")
    if title and text.startswith(title + "\n"):  # the headline is the article's title, not its first line
        text = text[len(title) + 1:]
    return Page(text=text, title=title, published=published,
                outlet=document.get("sitename") or None)
