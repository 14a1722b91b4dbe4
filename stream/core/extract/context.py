"""Per-sentence context: its places, event date and framing, inherited from earlier sentences when unsaid."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from stream.core.dates import event_date
from stream.core.extract.framing import DATELINE, has_anchor, is_background
from stream.core.extract.mentions import Mention, find_places
from stream.core.extract.sentences import Sentence, split_sentences
from stream.core.places import Gazetteer
from stream.core.records import Article, DatePrecision, Place

PRECISION_RANK = {"facility": 0, "village": 1, "town": 2, "township": 3, "district": 4, "admin1": 5,
                   "country": 6, None: 7}
_HAS_NUMBER = re.compile(r"\d")
# An event dated this long before the article is recalled history, not news.
HISTORY = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """What an extractor needs to know about one sentence beyond its words."""

    sentence: Sentence
    mentions: tuple[Mention, ...]
    place: Place | None
    event_date: date | None
    date_precision: DatePrecision
    background: bool
    historical: bool
    # The place the sentences before were about, whatever this one names.
    carried: Place | None = None

    def place_near(self, offset: int) -> Place | None:
        """The most precise place the sentence names, the one nearest ``offset`` on a tie."""
        if not self.mentions:
            return self.place
        best = min(self.mentions, key=lambda m: (PRECISION_RANK[m.place.precision], abs(m.start - offset)))
        return best.place


def most_precise(mentions: tuple[Mention, ...]) -> Place | None:
    if not mentions:
        return None
    return min(mentions, key=lambda m: PRECISION_RANK[m.place.precision]).place


def _without_dateline(text: str) -> str:
    """Blank out a wire dateline ("Naypyitaw [Myanmar], May 24 (ANI):"): where it was filed, not where it happened."""
    m = DATELINE.match(text)
    return " " * m.end() + text[m.end():] if m else text


def _placed(mentions: tuple[Mention, ...], around: Place) -> tuple[Mention, ...]:
    """A local place named with no known place beside it lies where the story already is."""
    if not any(m.place.admin1 is None for m in mentions):
        return mentions
    return tuple(replace(m, place=m.place.model_copy(update={"admin1": around.admin1, "country": around.country}))
                 if m.place.admin1 is None else m for m in mentions)


def article_contexts(article: Article, gazetteer: Gazetteer) -> list[SentenceContext]:
    """Contexts for every sentence; one that names no time or place inherits from the one before."""
    sentences = split_sentences(article.text)
    readable = [_without_dateline(s.text) if i < 3 else s.text for i, s in enumerate(sentences)]
    first_pass = [find_places(text, gazetteer) for text in readable]
    townships = {m.place.name for found in first_pass for m in found if m.place.precision == "township"}
    published = article.published
    contexts: list[SentenceContext] = []
    previous: SentenceContext | None = None
    for i, sentence in enumerate(sentences):
        text = readable[i]
        # Read again only to resolve villages against the townships the whole article names.
        mentions = tuple(find_places(text, gazetteer, townships) if townships else first_pass[i])
        if previous and previous.place:
            mentions = _placed(mentions, previous.place)
        anchored = has_anchor(text)
        # A passage of statistics stays background until a sentence without figures (a quote, a
        # comment) or one with its own time or place ends it.
        background = is_background(text, published) or bool(
            previous and not anchored and not mentions and previous.background
            and _HAS_NUMBER.search(previous.sentence.text))
        # A date carries over within a paragraph; a new paragraph without one is the article's day.
        if anchored or previous is None or previous.sentence.paragraph != sentence.paragraph:
            when, precision = event_date(text, published)
        else:
            when, precision = previous.event_date, previous.date_precision
        # A line of three words or fewer is a heading, dateline or byline: its place is not passed on.
        own_place = most_precise(mentions) if len(text.split()) > 3 else None
        # A lede often names the place only in the next sentences: look ahead when nothing came before.
        ahead = next((most_precise(tuple(found)) for found in first_pass[i + 1:i + 4] if found), None)
        place = own_place or (previous.place if previous else None) or ahead
        historical = bool(when and published and published - when > HISTORY)
        carried = previous.place if previous else None
        context = SentenceContext(sentence, mentions, place, when, precision, background, historical, carried)
        contexts.append(context)
        previous = context
    return contexts
