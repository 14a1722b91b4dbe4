"""Per-sentence context: its places, event date and framing, inherited from earlier sentences when unsaid."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from stream.core.dates import (
    date_marker,
    day_counted_from,
    day_last_year,
    days_counted_from,
    days_of_the_news,
    event_date,
    month_day,
    names_events_only,
    written_day,
)
from stream.core.extract.figures import find_figures
from stream.core.extract.framing import (
    DATELINE,
    NEW_INCIDENT,
    aside_around,
    dateline,
    dating_text,
    has_anchor,
    is_background,
    names_a_day,
)
from stream.core.extract.mentions import (
    Mention,
    across_border,
    countries_named,
    find_places,
    placed_in,
    places_and_villages,
)
from stream.core.extract.sentences import Sentence, headline, opens_with, split_sentences
from stream.core.extract.story_places import (
    at_home,
    countries_of_divisions,
    covered_from_abroad,
    in_apposed_states,
    in_named_states,
    origin,
    refuge,
    road_end,
    unnamed_country,
    without_common_openers,
)
from stream.core.places import Gazetteer
from stream.core.records import Article, DatePrecision, Place
from stream.core.text import Cues, Gated, Regex, WordRegex, has_digit, lowered

# The letters a sentence opening a new incident starts with ("Separately", "Elsewhere", "In another attack").
_INCIDENT_OPENS = frozenset("SsEeIi")
PRECISION_RANK = {"facility": 0, "village": 1, "town": 2, "township": 3, "district": 4, "admin1": 5,
                   "country": 6, None: 7}
# One site the lede leaves unnamed: "a raid on a village in eastern Congo".
_UNNAMED_SITE = Regex(r"\b(?:on|in|at|near)\s+an?\s+(?:[\w-]+\s+)?(?:village|town|camp|market|base|school|mosque|"
                      r"church|hospital|hotel|wedding|funeral|checkpoint|convoy)\b")
# "In northwest Pakistan", "in eastern Congo": a lede's part of a country, whose town the sentences after name.
_COUNTRY_PART = Regex(r"\bin\s+(?:far\s+)?(?:north|south|east|west|central|northern|southern|eastern|western|"
                      r"north-?(?:east|west)(?:ern)?|south-?(?:east|west)(?:ern)?)\s+[A-Z]")
# The levels a story at home names: one naming none of these, nor a country, may be from abroad.
_HOME_LEVELS = ("admin1", "township")


def _has_figure(text: str) -> bool:
    """A count in the sentence, not a year or a day: "captured in November 2023" is no passage of statistics."""
    return has_digit(text) and bool(find_figures(text))


# "Last week, ...", "Earlier this month, ...": a time before the news, put first.
FLASHBACK = Regex(r"\W*(?:last\s+week|earlier\s+this\s+(?:week|month)|the\s+previous\s+week|"
                  r"a\s+week\s+(?:ago|earlier))\b", re.I)
# An event dated two weeks or more before the article is recalled history, not news: a desk heard of it then.
HISTORY = timedelta(days=14)
# A count of the dead since a campaign's start three weeks back or more is its running total.
_RUNNING = timedelta(days=21)
# The precisions of a date a sentence writes without naming a day: a month or a year of its own, not the day carried.
_OWN_PERIODS = ("month", "year")
# The time the sentence before told, referred to: "at the time", "at that time", "back then".
_AT_THE_TIME = WordRegex(r"(?:at\s+(?:the|that)\s+time|back\s+then)\b")
# "The following morning", "the next day", "two days later": a day counted from the one told before it, in the
# sentence or, without one there, in the sentence before.
# Searched from the character before each word, not tried at every character (see WordRegex).
_DAYS_LATER = WordRegex(r"(?:(?:the\s+)?(?:following|next)\s+(?P<next>day|morning|afternoon|evening|night)|"
                        r"(?P<n>a|one|two|three)\s+days?\s+later)\b")
_LATER_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3}
# A paragraph opening on the consequence of the one before: "As a result, ...", "2. As a result, ...".
_GOES_ON = Regex(r"\W*(?:\d{1,2}\.\s*$|(?:\d{1,2}\.\s*)?(?:as\s+a\s+result|as\s+a\s+consequence|consequently)\b)",
                 re.I)
# "14 civilians were killed during the assault", a paragraph on: the event the lede told, dated by the lede if it is
# a day of the news, this close to the article.
_THE_EVENT = WordRegex(r"(?:during|in)\s+the\s+(?:assault|attack|raid|fighting|clashes|strike|air\s*strike|bombardment|"
                       r"shelling|ambush|offensive|massacre)\b")
_LEDE_REACH = timedelta(days=3)


# An item of a lettered or numbered list: "(a) ...", "(3) ...".
ITEM = Regex(r"\((?:[a-h]|\d{1,2})\)\s")


class Timeline:
    """Event dates and background flags of an article's sentences, worked out only when asked for.

    Most sentences yield no fact, so their dates are never needed. Each value depends on the
    sentence before (a date carries within a paragraph, a statistics passage carries on), so a
    request walks back to the nearest sentence that settles it, then fills forward: no recursion.
    """

    def __init__(self, texts: list[str], sentences: list[Sentence], places: list[list[Mention]],
                 published: date | None, dated: bool = True) -> None:
        self._texts, self._sentences, self._places, self._published = texts, sentences, places, published
        self._named = [bool(found) for found in places]
        # False when ``published`` is only the day the article was received: an archive replayed today
        # would read all its news as history.
        self._dated = dated
        self._anchored: list[bool | None] = [None] * len(texts)
        self._when: list[tuple[date | None, DatePrecision] | None] = [None] * len(texts)
        self._background: list[bool | None] = [None] * len(texts)
        # The day each sentence writes out: the news day reads every sentence's, and each record asks again.
        self._days: dict[int, date | None] = {}

    @property
    def texts(self) -> list[str]:
        """The article's sentences as read: datelines and links blanked."""
        return self._texts

    def places(self, i: int) -> list[Mention]:
        """The places sentence ``i`` names, as read before its context is worked out."""
        return self._places[i]

    def headline(self, i: int) -> bool:
        """Sentence ``i`` is the headline, read apart or as the text's first line."""
        return self._sentences[i].headline

    def _paragraph_start(self, i: int) -> int:
        """The index of the first sentence of sentence ``i``'s paragraph."""
        k = i
        while k > 0 and self._sentences[k - 1].paragraph == self._sentences[i].paragraph:
            k -= 1
        return k

    def follows_a_place(self, i: int) -> bool:
        """Sentence ``i`` follows one of its own paragraph that names a place."""
        return i > 0 and self._named[i - 1] and self._sentences[i - 1].paragraph == self._sentences[i].paragraph

    def paragraph_opening(self, i: int) -> str:
        """The first sentence of sentence ``i``'s paragraph, as read: where a liveblog's entry gives its hour."""
        return self._texts[self._paragraph_start(i)]

    def list_opened_by(self, i: int) -> str | None:
        """The line that opens the list sentence ``i`` is an item of ("captured the following positions:" over
        "(a) ...", "(b) ..."), each item a paragraph of its own; None for a sentence that is no such item."""
        k = i
        while ITEM.match(self._texts[k]) and self._paragraph_start(k) == k:
            if k == 0:
                return None
            k -= 1
            if self._texts[k].rstrip().endswith(":"):
                return self._texts[k]
        return None

    def heading_before(self, i: int) -> str:
        """The line standing alone right before sentence ``i``'s paragraph, or "": a liveblog's "13:20 - Toll rises
        to seven" over the entry it heads."""
        k = self._paragraph_start(i)
        if k == 0 or self._paragraph_start(k - 1) != k - 1:
            return ""  # no paragraph before, or one of more than a line
        return self._texts[k - 1]

    def anchored(self, i: int) -> bool:
        known = self._anchored[i]
        if known is None:
            known = self._anchored[i] = has_anchor(self._texts[i])
        return known

    def _starts_date(self, i: int) -> bool:
        # The lede's "the army said on Saturday" dates its news: no day was told before it.
        if i == 0 or (self.anchored(i) and names_a_day(self._texts[i], tellings=self._sentences[i].paragraph <= 0)):
            return True
        before, now = self._sentences[i - 1].paragraph, self._sentences[i].paragraph
        # "As a result, six civilians were killed": a paragraph that goes on from the one before keeps its day, and
        # so does a statement's numbered item ("2.", split off as a sentence of its own).
        return before != now and before != 0 and not _GOES_ON.match(self._texts[i])

    def when(self, i: int) -> tuple[date | None, DatePrecision]:
        known = self._when[i]
        if known is not None:
            return known  # each record asks for its date and its precision, and the passes ask before
        start = i
        while self._when[start] is None and not self._starts_date(start):
            start -= 1
        for k in range(start, i + 1):
            if self._when[k] is None:
                # A date carries over within a paragraph, and from the lede's to the next; a later paragraph
                # without one is the article's day.
                starts = self._starts_date(k)
                when = self._own_when(k) if starts else self._carried_when(k)
                if k and starts and not self.anchored(k) and _THE_EVENT.search(lowered(self._texts[k])):
                    when = self._lede_when() or when
                self._when[k] = self._days_later(k, when)
        found = self._when[i]
        assert found is not None
        return found

    def _lede_when(self) -> tuple[date | None, DatePrecision] | None:
        """The lede's day, where it is a day of the news: what "killed during the assault" further on refers to."""
        lede = next((k for k, s in enumerate(self._sentences) if s.paragraph == 0), None)
        if lede is None:
            return None
        when = self.when(lede)
        if when[1] != "day" or when[0] is None or self._published is None \
                or not timedelta(0) < self._published - when[0] <= _LEDE_REACH:
            return None
        return when

    def aside_when(self, i: int, offset: int) -> tuple[date | None, DatePrecision] | None:
        """The day of a relative clause of sentence ``i`` that holds ``offset`` and names a day of its own ("the TTP,
        which claimed Thursday's attack that killed 11"): the fact told there is of that day. None otherwise."""
        aside = aside_around(self._texts[i], offset)
        if aside is None or not names_a_day(aside):
            return None
        return event_date(aside, self._published)

    def _own_when(self, k: int) -> tuple[date | None, DatePrecision]:
        """The date sentence ``k`` writes itself, or the article's day."""
        return event_date(dating_text(self._texts[k]), self._published)

    def _carried_when(self, k: int) -> tuple[date | None, DatePrecision]:
        """The date of the sentence before, unless this one writes a month or year of its own: "Fighting went on
        near X on Monday. Rebels took Y in February 2024 ..." took Y then, not on Monday."""
        own = self._own_when(k)
        previous = self._when[k - 1]
        assert previous is not None
        if own[1] in _OWN_PERIODS:
            return own
        low = lowered(self._texts[k])
        if ("time" in low or "then" in low) and _AT_THE_TIME.search(low):
            # "..., where they fought the war's bloodiest battles in 2021. The Houthis seized much of the province at
            # the time": the month or year the sentence before wrote, even in an aside, not the day it told.
            recalled = event_date(self._texts[k - 1], self._published)
            if recalled[1] in _OWN_PERIODS and recalled[0] and previous[0] and recalled[0] < previous[0]:
                return recalled
        return previous

    def _days_later(self, k: int, when: tuple[date | None, DatePrecision]) -> tuple[date | None, DatePrecision]:
        """A day told as counted from another: "entered the village on May 18 ..., and the next morning ambushed a
        convoy" is the 19th, and so is a sentence opening "The following day" after one dated the 18th."""
        text = self._texts[k]
        low = lowered(text)  # "Next morning," opens a sentence as often as "the next morning" ends one
        if "day" not in low and "following" not in low and "next" not in low:
            return when  # most sentences count no day from another
        m = _DAYS_LATER.search(low)
        if m is None:
            return when
        before = text[:m.start()]
        if has_anchor(before):
            base = event_date(dating_text(before), self._published)
        elif k > 0:
            base = self.when(k - 1)
        else:
            return when
        day = base[0] + timedelta(days=_LATER_COUNTS.get(m["n"] or "a", 1)) if base[0] and base[1] == "day" else None
        if day is None or (self._published is not None and day > self._published):
            return when
        return day, "day"

    def _may_inherit(self, i: int) -> bool:
        # A passage of statistics stays background until a sentence without figures (a quote, a
        # comment) or one with its own time or place ends it.
        # So does the sentence after a turn back to an earlier week, in its paragraph.
        # So does the sentence after one that opens a period in its paragraph, with no day of its own: "During the
        # month of February, the brigade fought 63 times. At least 41 soldiers were killed."
        # A list's item stays under its heading, whatever places it names: "KEY FIGURES (since 1 January)", then
        # "- At least 560 civilians killed in Beni and Lubero" is the period's count.
        if i > 0 and not self.anchored(i) and _is_item(self._texts[i]) and (
                _is_item(self._texts[i - 1]) or self._texts[i - 1].rstrip().endswith((":", ")"))):
            return True
        # So does the paragraph a summary of a period opens, whatever places it names: "He gave a summary of
        # operations in the past two weeks. In the north-east, troops killed 142 insurgents in Bama and Gwoza."
        if i > 0 and not self.anchored(i) and self._sentences[i - 1].paragraph == self._sentences[i].paragraph and (
                _SUMMARY_OF.search(self._texts[i - 1]) and is_background(self._texts[i - 1], self._published)):
            return True
        return (i > 0 and not self.anchored(i) and not self._named[i]
                and (_has_figure(self._texts[i - 1]) or (
                    self._sentences[i - 1].paragraph == self._sentences[i].paragraph
                    and (self._flashback(i - 1) or (not self.anchored(i - 1)
                                                    and is_background(self._texts[i - 1], self._published))))))

    def historical(self, i: int) -> bool:
        """Dated long before the article: recalled history, not news. Without a date of its own, an article's
        news is as recent as the latest day it writes out: a day it writes long before that is history."""
        when, precision = self.when(i)
        if self._dated:
            return bool(when and self._published and self._published - when >= HISTORY)
        written = self._written(i)
        if written is not None and written == when:
            return self.news_day - written >= HISTORY or i in self._last_year
        # A month or a year the sentence names ("Last December, ...", "in 2017") long before the latest day the
        # article writes out, as a dated article's would be long before its date; and a day carried from a sentence
        # that wrote it, in a story that marks that day's anniversary.
        return when is not None and (precision in _OWN_PERIODS or precision == "day") and (
            self.news_day - when >= HISTORY)

    def looking_back(self, i: int) -> bool:
        """Sentence ``i`` dates its fact by a month or a year ("in August 2024", "in December last year") long before
        the article, or before the day it reached us when it has no date: told looking back, as news of the day is
        told by its day."""
        when, precision = self.when(i)
        return (when is not None and self._published is not None and precision in _OWN_PERIODS
                and self._published - when >= HISTORY)

    def written_recently(self, i: int) -> bool:
        """Sentence ``i`` writes out a day within the news window: the article's date, or its news day."""
        written = self._written(i)
        news = self._news
        return written is not None and news is not None and news - written < HISTORY

    def weeks_before(self, clause: str) -> bool:
        """``clause`` writes out a day three weeks or more before the news: a count running from it is a total of
        weeks, not the news's incident (one from a day the week before may be that day's fight)."""
        news = self._news
        if news is None or not has_digit(clause):
            return False
        day = written_day(clause, news)
        return day is not None and news - day >= _RUNNING

    def _written(self, i: int) -> date | None:
        """The day sentence ``i`` writes out itself (a full date, or a day of a month), not one read from a
        weekday or carried from the sentences before."""
        if self._published is None:
            return None
        if i not in self._days:
            text = self._texts[i]
            # A written day holds a digit: most sentences hold none, and run no date pattern.
            found = written_day(text, self._published) if has_digit(text) else None
            self._days[i] = found if found and found <= self._published else None
        return self._days[i]

    @property
    def _news(self) -> date | None:
        """The day the news is read against: the article's own date, or without one the latest day it writes out."""
        return self._published if self._dated else self.news_day

    @cached_property
    def news_day(self) -> date:
        """The latest day the article writes out: its news, when the article has no date of its own."""
        published = self._published
        if published is None:
            return date.min  # no day is read as written without one to read it against
        # Not a day the story counts a period from ("deaths since October 7, 2023", "since Oct. 8"), wherever else
        # it writes it.
        starts = frozenset().union(*(days_counted_from(text) for text in self._texts))
        # Nor a day it recalls: one whose anniversary it marks, or one of a year before a year it looks back on.
        days = [day for i in range(len(self._texts))
                if (day := self._written(i)) is not None and day not in starts
                and day != day_counted_from(self._texts[i], published) and not names_events_only(self._texts[i])]
        return max(days_of_the_news(days, "\n".join(self._texts), self._texts), default=published)

    @cached_property
    def _last_year(self) -> frozenset[int]:
        """The sentences whose written day the story puts in the year before its own: "on Oct. 4 last year", and the
        days its paragraph goes on to tell of that year ("By November ... They seized the whole town on Nov. 28")."""
        marked: set[int] = set()
        start: date | None = None
        for i, text in enumerate(self._texts):
            day = self._written(i)
            if i and self._sentences[i].paragraph != self._sentences[i - 1].paragraph:
                start = None  # a year told carries within its paragraph only
            if day is None:
                continue
            if day_last_year(text):
                start = day
            # Told after it in the calendar, the day goes on in that year, whichever year the bare day was read in.
            if start is not None and (day.month, day.day) >= (start.month, start.day):
                marked.add(i)
        return frozenset(marked)

    def _flashback(self, k: int) -> bool:
        """Past the lede, a sentence opening on an earlier week ("Last week, a series of clashes ...") turns back to
        what came before the news."""
        return self._sentences[k].paragraph >= 1 and bool(FLASHBACK.match(self._texts[k]))

    def background(self, i: int) -> bool:
        known = self._background[i]
        if known is not None:
            return known
        chain = []
        k = i
        while self._background[k] is None:
            if is_background(self._texts[k], self._published) or self._flashback(k):
                self._background[k] = True
                break
            chain.append(k)
            if not self._may_inherit(k):
                self._background[k] = False
                break
            k -= 1
        for k in reversed(chain):
            if self._background[k] is None:
                self._background[k] = bool(self._background[k - 1])
        return bool(self._background[i])


# Not slotted: the mentions that place its facts are remembered on it (``_placing``).
@dataclass(frozen=True)
class SentenceContext:
    """What an extractor needs to know about one sentence beyond its words."""

    sentence: Sentence
    mentions: tuple[Mention, ...]
    place: Place | None
    # The place the sentences before were about, whatever this one names.
    carried: Place | None
    timeline: Timeline
    index: int
    # The sentence, or one before it in its paragraph, opens a new incident ("In another attack, ..."): what it
    # tells is not what the story told before.
    new_incident: bool = False

    @property
    def event_date(self) -> date | None:
        return self.timeline.when(self.index)[0]

    @property
    def date_precision(self) -> DatePrecision:
        return self.timeline.when(self.index)[1]

    @property
    def background(self) -> bool:
        return self.timeline.background(self.index)

    @property
    def historical(self) -> bool:
        return self.timeline.historical(self.index)

    @cached_property
    def _placing(self) -> list[Mention]:
        """The mentions that can place a fact of the sentence: read once, where each of its facts asks, and the
        passes before them."""
        # Not a country across a border from the place ("an army post near the border with Mali").
        return [m for m in self.mentions if not owner(self.sentence.text, m)
                and not across_border(self.sentence.text, m) and not origin(self.sentence.text, m)]

    def place_near(self, offset: int) -> Place | None:
        """The most precise place the sentence names, the one nearest ``offset`` on a tie."""
        mentions = self._placing
        if not mentions:
            return self.place
        best = min(mentions, key=lambda m: (PRECISION_RANK[m.place.precision], abs(m.start - offset)))
        if (best.place.precision == "country" and self.place is not None and self.place.country == best.place.country
                and PRECISION_RANK[self.place.precision] < PRECISION_RANK["country"]):
            return self.place  # a lede's "a village in eastern Congo", named in the sentences after
        return best.place


def owner(text: str, m: Mention) -> bool:
    """A country in the possessive owns a thing and places nothing: "a dam built by China's biggest firm",
    "Britain's BP". The mention ends before the "'s" or after it, as the name was read. Nor does the town a
    statement came from: "killing 19, officials in Juba said" (a country so named still tells the story's). Nor the
    land a group's branch is named by: "JNIM, al Qaeda's affiliate in the Sahel, said it killed 60"."""
    return (m.place.precision == "country" and (text[m.end - 2:m.end] in _POSSESSIVE
                                                or text[m.end:m.end + 2] in _POSSESSIVE)) or (
        # The verb after the place first: one match where it stands, where the speakers' pattern is tried across forty
        # characters.
        m.place.precision != "country" and text.startswith(" in ", m.start - 4) and bool(_SAID_AFTER.match(text, m.end))
        and bool(_SPEAKERS_IN.search(text, max(0, m.start - 40), m.start - 3))) or (
        _BRANCHES.held_by(lowered(text)) and bool(_BRANCH_IN.search(text, max(0, m.start - 30), m.start))) or (
        # "while Moscow claimed the capture", "Kyiv denied it": a capital as the subject of a verb of saying is its
        # government, not where anything happened.
        m.place.precision != "country" and bool(_SUBJECT_SAID.match(text, m.end))
        and not _PREPOSITION_BEFORE.search(text, max(0, m.start - 12), m.start)) or (
        # "the mayor told the Tribune by telephone": who was told, an outlet, not a town of that name.
        m.place.precision != "country" and text.endswith(("told ", "told the "), max(0, m.start - 9), m.start))


# Who speaks from a place: "officials in Juba said", "a spokesman in Kyiv told reporters".
_SPEAKERS_IN = Regex(r"\b(?:officials?|spokes(?:man|woman|person)|authorities|sources?|diplomats?|analysts?|"
                     r"ministry|government|military|army|police|governor|reporters|journalists)\s*$", re.I)
_SUBJECT_SAID = Regex(r"\s+(?:said|says|claimed|claims|denied|denies|insisted|insists|announced|accused|warned|"
                      r"rejected|rejects)\b")
_PREPOSITION_BEFORE = Regex(r"\b(?:in|at|near|from|of|to|into|outside|around|across|towards?)\s+(?:the\s+)?$", re.I)
_SAID_AFTER = Regex(r"\s+(?:said|say|says|told|reported|confirmed|announced)\b")
_BRANCH_IN = Regex(r"\b(?:affiliates?|branch(?:es)?|franchises?|offshoots?|chapters?)\s+in\s+(?:the\s+)?$")
# Every match of _BRANCH_IN holds one of these: read with the sentence's cue words, where every place of every
# sentence would run the pattern.
_BRANCHES = Cues("affiliate", "branch", "franchise", "offshoot", "chapter")


_POSSESSIVE = ("'s", "’s")


def most_precise(mentions: tuple[Mention, ...]) -> Place | None:
    if not mentions:
        return None
    return min(mentions, key=lambda m: PRECISION_RANK[m.place.precision]).place


# Every dateline ends in a colon or a dash: a sentence holding none is not matched against the pattern.
_DATELINED = Gated((DATELINE,), (":", "-", "–", "—"))


def _without_dateline(text: str) -> str:
    """Blank out a wire dateline ("Naypyitaw [Myanmar], May 24 (ANI):"): where it was filed, not where it happened."""
    m = dateline(text) if _DATELINED.where(text) else None
    return " " * m.end() + text[m.end():] if m else text


# How far a dateline's day may lie behind the article's: the time zones between the place filed from and the feed.
_DATELINE_LAG = timedelta(days=1)
# The city a dateline opens on: "KYIV", "Port-au-Prince", "ADDIS ABABA". "GOMA, Congo", "LVIV (AFP) —", "BOGOTÁ —",
# and "RAIPUR:" as South Asian papers write it.
_DATELINE_CITY = re.compile(r"\s*([A-Za-z][\w'’. -]{1,30}?)\s*(?:,|\(|\[|:|\s[-–—])")


# A liveblog's day on a line of its own before its entries: "Saturday 21 November. All times are Kyiv time."
_DAY_LINE = Regex(r"^\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
                  r"(?:\d{1,2}\s+[a-z]{3,9}|[a-z]{3,9}\.?\s+\d{1,2})(?:,?\s+\d{4})?\s*\.?\s*$", re.I)


def _blog_day(body: list[Sentence], published: date | None) -> date | None:
    """The day a liveblog's first line gives its entries, which tell no other, or None."""
    if not body or published is None or not _DAY_LINE.match(body[0].text):
        return None
    day = month_day(body[0].text, published)
    return day if day is not None and day <= published else None


def _local_day(article: Article, country: str | None, gazetteer: Gazetteer) -> date | None:
    """The day the article was published where its story is, where its hour and its country's clock are known: a
    Peshawar story published at 23:30 UTC on Wednesday counts "Thursday" as that day, not the one before."""
    published, moment = article.published, article.published_at
    offset = gazetteer.utc_offset(country) if country else None
    if offset is None or published is None or moment is None:
        return None
    local = (moment + timedelta(hours=offset)).date()
    return local if abs((local - published).days) == 1 else None


def _dateline_day(first: str, published: date | None) -> date | None:
    """The day a dateline writes ("NAY PYI TAW, 18 Nov —"), where it is a day or two before the article's: the day
    in the place it was filed, which "today" and "on Monday" count from. None where it writes none."""
    if published is None or (m := dateline(first)) is None:
        return None
    day = month_day(first[:m.end()], published)
    return day if day is not None and timedelta(0) < published - day <= _DATELINE_LAG else None


def _dateline_city(first: str) -> str | None:
    """The city the story was filed from, by its dateline."""
    m = dateline(first)
    city = _DATELINE_CITY.match(first, 0, m.end()) if m else None
    return city.group(1) if city else None


def _without_marker(text: str) -> str:
    """Blank out a leading `` date YYYY-MM-DD`` marker, which dates the article and says nothing itself: on the
    line of the text's first words, its digits would be read as figures. Offsets are kept."""
    m = date_marker(text)
    return " " * m.end() + text[m.end():] if m else text


# A web page's links to other stories: "READ MORE: Rebels seize ...", or a heading ("Related stories") over
# their headlines, each a line of its own without a stop.
_LINK_LINE = re.compile(r"^[ \t]*(?:read\s+more|also\s+read|see\s+also|related(?:\s+\w+)?|more\s+on\s+this\s+story)"
                        r"[ \t]*(?::[^\n]*)?$", re.I | re.M)
_HEADLINE_LINE = re.compile(r"^[^\n]{1,150}$|^[ \t]*$", re.M)
# The same after a line break: the engine skips from break to break instead of trying the pattern at every
# character (ten times fewer instructions on an article). The text's first line is matched on its own.
_LINK_AFTER_BREAK = re.compile("\n" + _LINK_LINE.pattern.removeprefix("^"), _LINK_LINE.flags)


def _without_links(text: str) -> str:
    """Blank out the links to other stories a web page carries, offsets kept: their headlines are other news."""
    if not (_LINK_LINE.match(text) or _LINK_AFTER_BREAK.search(text)):
        return text
    spans: list[tuple[int, int]] = []
    for m in _LINK_LINE.finditer(text):
        spans.append(m.span())
        if m.group(0).rstrip().endswith(":") or ":" not in m.group(0):  # a heading: its list follows
            at = m.end() + 1
            while at < len(text):
                line = _HEADLINE_LINE.match(text, at)
                if line is None or line.group(0).rstrip().endswith((".", "!", "?", "”", '"')):
                    break
                spans.append(line.span())
                at = line.end() + 1
    for start, end in spans:
        text = text[:start] + re.sub(r"\S", " ", text[start:end]) + text[end:]
    return text


def _placed(mentions: tuple[Mention, ...], around: Place) -> tuple[Mention, ...]:
    """A local place named with no known place beside it lies where the story already is. A country is
    named whole: it takes no state or region from the story."""
    def local(m: Mention) -> bool:
        return m.place.admin1 is None and m.place.precision != "country"

    if not mentions or not any(local(m) for m in mentions):
        return mentions  # most sentences name no place
    return tuple(m._replace(place=placed_in(m.place, around)) if local(m) else m for m in mentions)


# A sentence that announces a summary of a period: what its paragraph goes on to count is the period's.
_SUMMARY_OF = Regex(r"\b(?:summary|tally|round-?up|overview|breakdown|review)\s+of\b", re.I)


def _main_country(places: list[list[Mention]]) -> str | None:
    """The country more than half the story's towns and states lie in, if one does."""
    counts = Counter(m.place.country for found in places for m in found
                     if m.place.precision != "country" and m.place.country)
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    return country if n * 2 > sum(counts.values()) else None


def lede(contexts: list[SentenceContext]) -> str:
    """The text of the article's first sentence past its headline, or "" for an article without a body."""
    return next((ctx.sentence.text for ctx in contexts if not ctx.sentence.headline), "")


def _is_item(text: str) -> bool:
    """The line is an item of a list: "- 41,000 people newly displaced", "• 12 killed"."""
    return text.lstrip()[:2] in ("- ", "• ", "* ", "– ")


# "(27) soldiers were killed": a count in brackets, as armed groups' statements write their figures.
_BRACKETED_COUNT = re.compile(r"(?<!\S)\((\d{1,3}(?:,\d{3})*)\)(?=\s+[a-z])")


def _without_number_brackets(text: str) -> str:
    """Counts written in brackets read as counts, offsets kept: "(27) soldiers" as " 27  soldiers"."""
    if ") " not in text or _BRACKETED_COUNT.search(text) is None:
        return text
    return _BRACKETED_COUNT.sub(lambda m: f" {m[1]} ", text)


def article_contexts(article: Article, gazetteer: Gazetteer) -> list[SentenceContext]:
    """Contexts for every sentence; one that names no time or place inherits from the one before."""
    body = split_sentences(_without_number_brackets(_without_links(_without_marker(article.text))))
    if body and opens_with(article.title, article.text):
        first = next((i for i, s in enumerate(body[:3]) if (article.title or "").strip()[:40] in s.text), None)
        if first is not None:
            body[first] = body[first]._replace(heading=True)
    sentences = [*headline(article.title, article.text), *body]
    # A dateline opens the body: only its first sentences can hold one.
    datelined = {id(s) for s in body[:3]}
    readable = [_without_dateline(s.text) if id(s) in datelined else s.text for s in sentences]
    # The headline too: "Sudan's RSF ..." over a body that names only El Fasher and Darfur. And a capital's dateline:
    # "KYIV, March 12 - ..." over a body that names only Kharkiv. That country is the story's home: where it is filed
    # from, or, in a story that names no country, where its dateline's city or its states lie.
    whole = f"{article.title or ''}\n{article.text}"
    countries = countries_named(whole, gazetteer)
    city = _dateline_city(body[0].text if body else "")
    home = gazetteer.capital_of(city) if city else None
    if home and home not in countries:
        countries = countries | {home}
    first_pass = [places_and_villages(text, gazetteer, (), countries) for text in readable]
    if not any(m.place.precision in _HOME_LEVELS for found, _ in first_pass for m in found):
        # No state or township at home. A story that names no country may be a local outlet's abroad ("JOS - Gunmen
        # killed 12 in Plateau State"), whose readers need not be told the country of; one whose named countries hold
        # none of its states names its own by them alone ("a market town in North Darfur close to the border with
        # Chad" names Chad, and Sudan only by its state).
        if not countries:
            home = unnamed_country(city, whole, gazetteer)
            added = frozenset({home}) if home else frozenset()
        else:
            # Or by its dateline's city: "CUCUTA - ..." over a story that names only Venezuela, where people went,
            # and none of its places. Not "GENEVA - ..." over Masisi in Congo: a briefing's city.
            placed = any(m.place.country in countries and m.place.precision != "country"
                         for found, _ in first_pass for m in found)
            filed = gazetteer.city_country(city) if city and not placed else None
            added = (countries_of_divisions(whole, gazetteer) | ({filed} if filed else set())) - countries
        if added:
            countries = countries | added
            first_pass = [places_and_villages(text, gazetteer, (), countries) for text in readable]
    townships = sorted({m.place.name for found, _ in first_pass for m in found if m.place.precision == "township"})
    # Villages resolve only against the townships the whole article names: read again the sentences
    # holding a name some village bears, now that those are known.
    places = [find_places(text, gazetteer, townships, countries) if townships and maybe_village else found
              for text, (found, maybe_village) in zip(readable, first_pass, strict=True)]
    places = without_common_openers(places, readable, article.text)
    if home and city and (covered := covered_from_abroad(places, readable, home, city, countries, gazetteer)):
        home = covered
    # Without a home, the country most of its places lie in: a liveblog's Poltavka is the Ukrainian village, not
    # the Siberian one, beside Zaporizhzhia and Huliaipole.
    main = home or _main_country(places)
    if main and len(countries) > 1:
        places = at_home(places, readable, main, gazetteer)
    places = in_apposed_states(in_named_states(places, readable, gazetteer), readable)
    # An article without a date of its own is read against the day it was received; a liveblog, against its day; one
    # published at an hour that is already the next day where its story is (or still the day before), against that.
    day = _local_day(article, main, gazetteer) or article.published or article.received
    opening = body[0].text if body else ""
    timeline = Timeline(readable, sentences, places,
                        _blog_day(body, day) or _dateline_day(opening, day) or day,
                        dated=article.published is not None)
    contexts: list[SentenceContext] = []
    previous: SentenceContext | None = None
    new_incident = False
    # Where a town no gazetteer knows lies, unless the story is already somewhere in that country.
    filed_in = Place(name=home, precision="country", country=home) if home else None
    # Before the story names a known place, one no gazetteer knows lies in the country most of its places lie in:
    # "RSF fighters stormed Abu Shouk camp" in a Sudan story is Sudan's, and a desk hears of it under Sudan.
    # A story whose places are all unknown, and that names one country, is that country's.
    story_country = main or (next(iter(countries)) if len(countries) == 1 else None)
    main_in = Place(name=story_country, precision="country", country=story_country) if story_country else None
    lede_paragraph = next((s.paragraph for s in sentences if not s.headline), 0)
    for i, sentence in enumerate(sentences):
        text = readable[i]
        same_paragraph = previous is not None and previous.sentence.paragraph == sentence.paragraph
        new_incident = (text.lstrip()[:1] in _INCIDENT_OPENS and bool(NEW_INCIDENT.match(text))) or (
            same_paragraph and new_incident)
        mentions = tuple(places[i])
        # A town no gazetteer knows lies where the story already is; not abroad, where a story filed from its home
        # is only in passing ("fled into Ethiopia's Gambella"), but in the dateline's country.
        around = previous.place if previous else None
        if filed_in is not None and (around is None or around.country != home):
            around = filed_in
        around = around or main_in
        if around is not None:
            mentions = _placed(mentions, around)
        # A line of three words or fewer is a heading, dateline or byline: its place is not passed on. Split at most
        # thrice: a fourth word is all it takes.
        own_place = (most_precise(tuple(m for m in mentions if not (owner(sentence.text, m)
                                                                    or across_border(sentence.text, m)
                                                                    or refuge(text, m) or origin(text, m)
                                                                    or road_end(text, m))))
                     if mentions and len(text.split(None, 3)) > 3 else None)
        # A lede often names the place only in the next sentences: look ahead when nothing came before. Not to one
        # told as history ("In October, clashes killed dozens before Qatar brokered a truce"): another time's places.
        ahead = (most_precise(tuple(found)) for k, found in enumerate(places[i + 1:i + 4], start=i + 1)
                 if found and not timeline.historical(k))
        place = own_place or (previous.place if previous else None) or next(ahead, None)
        if place is not None and place.precision == "country" and sentence.paragraph in (0, lede_paragraph) and (
                _COUNTRY_PART.search(text) or (sentence.paragraph == 0 and _UNNAMED_SITE.search(text))):
            # "an overnight attack on a village in eastern Congo": the lede's one site, named in the sentences after;
            # "a checkpoint in northwest Pakistan" in a lede under its headline too.
            place = next((p for p in ahead if p is not None and p.country == place.country
                          and PRECISION_RANK[p.precision] < PRECISION_RANK["admin1"]), place)
        carried = previous.place if previous else None
        context = SentenceContext(sentence, mentions, place, carried, timeline, i, new_incident)
        contexts.append(context)
        previous = context
    return contexts
