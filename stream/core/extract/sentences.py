"""Sentences with their character spans, and what each one says about time, place and framing."""

from __future__ import annotations

from typing import NamedTuple

from stream.core.text import Regex

# A full stop after these does not end a sentence.
_ABBREV = Regex(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Maj|Sgt|Cpl|Brig|Adm|Sen|Rep|Gov|Prof|St|Jr|Sr|No|Nos|vs|etc|"
    r"approx|est|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|a\.m|p\.m|i\.e|e\.g)"
    r"|\b[A-Z])\.$")
# Between sentences: the spaces (and closing quotes) after a stop before a capital or a digit, or a
# line break. The match starts at the stop or the break itself: a pattern opening on a character class
# lets the engine skip to those characters, four times faster than one opening on a look-behind.
# A single break before a lower-case word is a line wrapped mid-sentence ("killing at least 29\npeople"), as
# text copied from print or a fixed-width page is: no sentence opens in lower case.
_BOUNDARY = Regex(
    r"[.!?\n](?:(?<=[.!?])(?P<after_stop>[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9]))"
    r"|(?<=\n)(?:\s*\n|(?=[ \t]*(?![a-z])\S)))")


class Sentence(NamedTuple):
    """One sentence of an article: its text, span and paragraph number (the span is in the title for a headline).

    A named tuple, not a frozen dataclass: every sentence of every article makes one, and a tuple builds in a
    quarter of the time a frozen dataclass takes to set its fields one by one.
    """

    text: str
    start: int
    end: int
    paragraph: int
    in_title: bool = False
    # The text's own first line repeats the title: a headline, though its span is in the text.
    heading: bool = False

    @property
    def headline(self) -> bool:
        """The title, read apart or as the text's first line: a summary of the story, not one more fact."""
        return self.in_title or self.heading


def headline(title: str | None, text: str) -> list[Sentence]:
    """The title as a sentence of its own, unless the text opens with it already.

    A headline says in a few words what the story is: read it as the story's first paragraph.
    """
    title = (title or "").strip()
    if not title or opens_with(title, text):
        return []
    return [Sentence(title, 0, len(title), -1, in_title=True)]


def opens_with(title: str | None, text: str) -> bool:
    """The text opens with its title (a feed or an archive keeps the headline as the first line)."""
    title = (title or "").strip()
    return bool(title) and title[:40] in text[:600]


def split_sentences(text: str) -> list[Sentence]:
    """Split article text into sentences, keeping exact character spans into ``text``."""
    sentences: list[Sentence] = []
    paragraph = 0
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.start("after_stop") if m["after_stop"] is not None else m.start()
        breaks = "\n" in text[cut:m.end()]
        # Only the chunk's last word can be an abbreviation: search its tail, not the whole chunk.
        end = cut
        while end > start and text[end - 1].isspace():
            end -= 1
        if not breaks and _ABBREV.search(text, max(start, end - 12), end):
            continue
        _append(sentences, text, start, cut, paragraph)
        if breaks:
            paragraph += 1
        start = m.end()
    _append(sentences, text, start, len(text), paragraph)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    offset = start + chunk.index(stripped)
    out.append(Sentence(stripped, offset, offset + len(stripped), paragraph))
