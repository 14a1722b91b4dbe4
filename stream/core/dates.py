"""Dates in news text: absolute mentions, and relative ones ("on Tuesday", "last Sunday") from the article date."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from stream.core.lexicon import numbers
from stream.core.records import DatePrecision
from stream.core.text import Gated, Regex, WordRegex, alternation, contains_any, has_digit, lowered

MONTHS = numbers("time", "months")  # names and abbreviations: "sept" is 9
# Every month name above starts with one of these: where none stands, no month is named.
MONTH_STEMS = tuple(dict.fromkeys(name[:3] for name in MONTHS))
WEEKDAYS = numbers("time", "weekdays")

# The patterns read lower-cased text: two to four times faster than re.I. Most are gated: run only
# where a word every match of theirs holds stands in the sentence.
_MONTH = rf"(?P<mon>{alternation(MONTHS)})\.?"
# "\b[0-3]?\d" written to open on a digit, not on "\b": the engine then skips to the digits instead of trying a
# match at every position (the patterns opening on it 1.6 times faster). A first digit after no letter or
# digit, then a second after a 0-3, tried first as there.
_DAY = r"(?P<d>\d(?<!\w\d)(?:(?<=[0-3])\d)?)"
# The same for ISO dates, "\b(?:19|20)\d\d" written so.
_ISO = Regex(r"(?P<y>(?:19|20)(?<!\w..)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_DMY = Regex(_DAY + r"(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>(?:19|20)\d\d)\b")
# A month's name opens these: searched from the character before each word, not tried at every character.
_MDY = WordRegex(_MONTH + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b")
# "November 13 last year": the day a year before the one that puts it last before the article.
_LAST_YEAR = r"(?:,?\s+(?P<ly>last\s+year)\b)?"
_MD = WordRegex(_MONTH + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d\d)" + _LAST_YEAR)
_DM = Regex(_DAY + r"(?:st|nd|rd|th)?\s+" + _MONTH + r"\b(?!,?\s*(?:19|20)\d\d)" + _LAST_YEAR)
_WEEKDAY = Gated((WordRegex(
    r"(?P<last>last\s+|this\s+|on\s+|early\s+|late\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b"),), ("day",))
_REL = Gated((Regex(r"\b(?P<w>today|yesterday|this morning|last night|tonight)\b"),),
             ("day", "night", "morning"))
# "last week", "earlier this month", "in October": a date known only to the week or month.
# The names of a fight a month or a year may stand before: "the July fighting", "a 2023 bombing", "the April 2021
# ambush".
_FIGHT_NAMES = (r"fighting|clashes|attacks?|offensive|assault|battle|massacre|violence|strikes?|air\s*strikes?|"
                r"bombings?|raids?|killings|war|unrest|uprising|sieges?|ambush(?:es)?|shelling|blasts?|explosions?|"
                r"bombardment|shootings?|incursions?")
_PERIOD_WORDS = Gated((WordRegex(
    r"(?:(?P<week>last\s+week|this\s+week|earlier\s+this\s+week)|(?P<month>last\s+month|this\s+month|"
    r"earlier\s+this\s+month)|(?:in|during|since\s+early|in\s+early|in\s+late|in\s+mid|(?P<the>the|an?)|"
    # "Last December, militants killed ...": the last such month before the current one, a year back at most.
    # "In mid-February": the hyphen too.
    r"(?P<lastmon>last))(?:\s+|(?<=mid)-)"
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d)\b|\s+(?P<ly>last\s+year)\b)?"
    # "The July fighting killed 1,000", "an October 2024 attack": a month naming what happened in it, before the name
    # of a fight.
    rf"(?(the)(?=\s+(?:{_FIGHT_NAMES}|coup)\b)))"),),
    ("week", "month", *MONTH_STEMS))
# "in 2012", "during the 2012 fighting", "last year": a date known only to the year.
# "Earlier this year" is a time already past when the news broke: the year's start, not the article's day.
# "In its 2019 incursion": a side's year, as "the 2019 incursion" is.
_IN_YEAR = Gated((Regex(r"\b(?:(?:(?:in|during)\s+(?:an?\s+|the\s+|its\s+|their\s+)?|(?P<attr>an?\s+|the\s+|its\s+|"
                        r"their\s+))"
                        r"(?:(?:early|late|mid-?)\s*)?(?P<y>(?:19|20)\d\d)\b(?!\s*[-/]\d)"
                        # "a 2023 bombing that killed 85": a year naming what happened in it, before a fight's name.
                        rf"(?(attr)(?=\s+(?:{_FIGHT_NAMES})\b))|"
                        # "on Christmas Eve 2023": a feast of a year gone by.
                        r"(?:christmas|easter|new\s+year['’]?s?|eid|ramadan|thanksgiving)(?:\s+(?:eve|day))?,?\s+"
                        r"(?:of\s+)?(?P<fy>(?:19|20)\d\d)\b|"
                        r"(?P<last>last\s+year)|"
                        r"(?P<this>earlier\s+(?:this|in\s+the)\s+year))"),),
                 ("19", "20", "last year", "earlier"))
# Each complete date ends in a year of this century or the last; each month-day names a month.
_FULL_DATES = Gated((_ISO, _DMY, _MDY), ("19", "20"))
_MONTH_DAYS = Gated((_MD, _DM), MONTH_STEMS)
DATE_MARKER = Regex(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b")


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# "(?<!\d)(?:19|20)\d\d(?!\d)", the look-behind after the first two digits: five times faster on an article.
_YEAR = Regex(r"(?:19|20)(?<!\d..)\d\d(?!\d)")
# The same for a whole article, in Unicode mode: ASCII mode would first scan the article for letters beyond
# ASCII, which costs as much as this search, where the engine tries the digits only after a "19" or a "20".
_YEAR_IN_TEXT = re.compile(_YEAR.pattern)


# A date that closes a clause of "since": the start of a period the story counts from.
_SINCE_BEFORE = Regex(r"\b(?i:since)\b[^.;]{0,90}$")
# "Hamas's October 7, 2023 attack", "the 1 February 2021 coup": a date naming an event of its own, recalled by it. An
# article tells its news on a day; it names by its date only what a reader already knows.
_NAMES_AN_EVENT = Regex(r"\s+(?:[A-Z][\w'’-]*\s+|\w+-\w+\s+)?(?:attacks?|massacres?|offensive|assault|bombings?|"
                        r"coup|invasion|incursion|uprising|raids?|siege|war|elections?|ceasefire|truce|accord|"
                        r"agreement|deal)\b")


def latest_full_date(text: str) -> date | None:
    """The latest complete date in ``text`` that does not name a past event: an article rarely mentions days after
    its own."""
    days, starts = _days_written(text)
    # A period's start is a day before the news wherever else the story writes it ("an attack on May 3, 2023").
    found = days_of_the_news([d for d in days if d not in starts], text)
    return max(found) if found else None


def days_of_the_news(days: list[date], text: str, sentences: list[str] | None = None) -> list[date]:
    """The days a story writes, less the days it recalls: a day whose anniversary it marks, and a day of a year
    before one it looks back on ("In 2023 alone, three attacks were recorded" is written after 2023, whatever day of
    2022 it also recalls). ``sentences`` are the text's, split once by the caller that has them."""
    days = past_anniversaries(days, text)
    # The year looked back on is asked only where a year later than the first day's is written at all.
    if days and max((int(year) for year in _YEAR_IN_TEXT.findall(text)), default=0) > min(days).year:
        since = year_looked_back_on(_SENTENCE.findall(text) if sentences is None else sentences)
        days = [day for day in days if day.year >= since]
    return days


_ORDINALS = numbers("numbers", "ordinals")
_COUNTS = numbers("numbers", "units") | numbers("numbers", "tens")
_ANNIVERSARY = WordRegex(r"(?P<nth>\d{1,2}(?:st|nd|rd|th)|" + alternation(_ORDINALS) + r")\s+anniversary\b|"
                         r"(?P<n>\d{1,2}|" + alternation(_COUNTS) + r")\s+years\s+(?:since|after|on)\b")


def past_anniversaries(days: list[date], text: str) -> list[date]:
    """The days, less those the text marks an anniversary of: "the ninth anniversary of the siege", "nine years
    since", over "On May 23, 2017, fighters attacked the city" put the story nine years after that day."""
    if days and contains_any(lowered(text), ("anniversary", "years ")) and (years := years_gone_by(text)):
        first = min(days).year
        return [day for day in days if day.year >= first + years]
    return days


def years_gone_by(text: str) -> int:
    """The most years the text says have passed since a day it recalls ("the ninth anniversary", "nine years
    since"), or 0."""
    most = 0
    for m in _ANNIVERSARY.finditer(lowered(text)):
        word = m["nth"] or m["n"]
        most = max(most, int(word.rstrip("stndrh")) if word[0].isdigit() else (_ORDINALS | _COUNTS)[word])
    return most


# The words that make a sentence look ahead to a year ("elections due in 2027", "by 2030").
_LOOKING_AHEAD = Regex(r"\b(?:will|would|plans?|planned|due|expected|scheduled|until|by\s+(?:19|20)\d\d|next\s+year|"
                       r"target|aims?|hopes?|deadline)\b", re.I)
_SENTENCE = re.compile(r"[^.!?\n]+")


def year_looked_back_on(sentences: list[str]) -> int:
    """The latest year the sentences name without looking ahead to it, or 0: "In 2023 alone, three attacks were
    recorded" is written after 2023, whatever day of 2022 the story also recalls."""
    return max((int(year) for text in sentences if has_digit(text) and not _LOOKING_AHEAD.search(text)
                for year in _YEAR_IN_TEXT.findall(text)), default=0)


def days_counted_from(text: str) -> frozenset[date]:
    """The complete dates ``text`` counts a period from ("since violence broke out on May 3, 2023")."""
    return _days_written(text)[1] if "since" in lowered(text) else frozenset()


# "since Oct. 8", "since 8 October": a day a period is counted from, written right after "since".
_SINCE_A_DAY = Regex(r"\b[Ss]ince\s+(?=(?:\d{1,2}\s+)?(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s)")


def day_counted_from(text: str, anchor: date) -> date | None:
    """The day ``text`` counts a period from ("since Oct. 8, when the front opened"), in the year that puts it on or
    before ``anchor``; None where no "since" opens on a day."""
    m = _SINCE_A_DAY.search(text) if "ince " in text else None
    if m is None:
        return None
    return written_day(text[m.end():m.end() + 30], anchor)


def _days_written(text: str) -> tuple[list[date], frozenset[date]]:
    """The complete dates ``text`` writes that name no past event, and apart the ones it counts a period from."""
    # Every complete date ends in its year: reading only the words before each year is six times
    # cheaper than scanning a whole article for month names (dev articles: 1.1 ms against 6.5 ms).
    found: list[date] = []
    starts: set[date] = set()
    for year in _YEAR_IN_TEXT.finditer(text):
        start = max(0, year.start() - 30)
        while start and text[start - 1].isalnum():
            start -= 1
        if _NAMES_AN_EVENT.match(text, year.end()):
            continue
        window = text[start:year.end()].lower()
        for d, at in ((d, m.start()) for pattern in _full_date_patterns(window) for m in pattern.finditer(window)
                      if m.end() == len(window) and (d := _full(m))):
            # Nor a day that closes a clause of "since" ("since violence broke out on May 3, 2023"): a period's start.
            if _SINCE_BEFORE.search(text, max(0, start + at - 90), start + at):
                starts.add(d)
            else:
                found.append(d)
    return found, frozenset(starts)


def day_last_year(text: str) -> bool:
    """``text`` writes a day as of the year before ("on Nov. 9 last year")."""
    low = lowered(text)
    return "last year" in low and any(m["ly"] for pattern in _MONTH_DAYS.where(low) for m in pattern.finditer(low))


def names_events_only(text: str) -> bool:
    """Every complete date ``text`` writes names a past event ("the October 7, 2023 attack"): none is a day of news."""
    return first_full_date(text) is not None and latest_full_date(text) is None


def _full_date_patterns(text: str) -> tuple[Regex, ...]:
    """The complete-date patterns worth running on lower-cased ``text``: an ISO date holds a hyphen, the others
    a month's name; in that order, the order a sentence's first date is chosen in."""
    return (*((_ISO,) if "-" in text else ()), *((_DMY, _MDY) if contains_any(text, MONTH_STEMS) else ()))


def _full(m: re.Match[str]) -> date | None:
    month = int(m["m"]) if "m" in m.groupdict() and m["m"] else MONTHS[m["mon"]]
    return _safe(int(m["y"]), month, int(m["d"]))


# A sentence's written day is asked for its own dating and again for the article's news day: it and
# month_day below are read once.
@lru_cache(maxsize=1024)
def first_full_date(text: str) -> date | None:
    """The earliest complete date (with a year) written in ``text``, or None."""
    best: tuple[int, date] | None = None
    text = lowered(text)
    if not _YEAR.search(text):  # each of these dates ends in its year
        return None
    for pattern in _full_date_patterns(text):
        for m in pattern.finditer(text):
            found = _full(m)
            if found and (best is None or m.start() < best[0]):
                best = (m.start(), found)
            break
    return best[1] if best else None


def date_marker(text: str) -> re.Match[str] | None:
    """The leading `` date YYYY-MM-DD`` marker of a text, if it opens on one.

    Only a text whose first word is "date" is matched: the pattern's mode is chosen by a scan of the
    whole text, as costly as reading it, and most texts carry no marker.
    """
    return DATE_MARKER.match(text) if text.lstrip().startswith("date") else None


def marker_date(text: str) -> date | None:
    """The date of a leading `` date YYYY-MM-DD`` marker, as the seed files carry."""
    m = date_marker(text)
    if not m:
        return None
    return _safe(*(int(p) for p in m.group(1).split("-")))


def _on_or_before(anchor: date, weekday: int, strictly_before: bool) -> date:
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return anchor - timedelta(days=back)


def _month_day(anchor: date, month: int, day: int, last_year: bool = False) -> date | None:
    # News reports the past: a month-day after the article date belongs to the previous year.
    found = _safe(anchor.year, month, day)
    if found and found > anchor + timedelta(days=1):
        found = _safe(anchor.year - 1, month, day)
    if found and last_year:
        found = _safe(found.year - 1, month, day) if found.year == anchor.year else found
    return found


# "After an offensive that year", "the same year": the year the sentence wrote before it.
_THAT_YEAR = Regex(r"\b(?:that|the\s+same)\s+year\b")


def event_date(sentence: str, published: date | None) -> tuple[date | None, DatePrecision]:
    """When the sentence says its event happened, with a precision; falls back to the article date."""
    if published is None:
        full = first_full_date(sentence)
        return (full, "day") if full else (None, "unknown")
    text = lowered(sentence)
    # Each pattern below holds a digit, a year, a month or a word like "day": most sentences skip most of them.
    if has_digit(text):
        for pattern in _FULL_DATES.where(text):
            m = pattern.search(text)
            if m:
                found = _full(m)
                if found and found <= published:
                    return found, "day"
        # Asked with the sentence as written, as Timeline._written asks for its written day: one reading serves
        # both (month_day folds it itself).
        found = _event_month_day(sentence, published)
        if found:
            return found, "day"
    m = _event_weekday(text)
    if m:
        last = (m["last"] or "").strip() == "last"
        day = _on_or_before(published, WEEKDAYS[m["wd"]], strictly_before=last)
        # "killed 14 in an overnight attack, officials said Thursday": the night before the telling.
        return (day - timedelta(days=1) if "overnight" in text and telling_day(text, m) else day), "day"
    m = _REL.search(text)
    if m:
        back = 1 if m["w"] in ("yesterday", "last night") else 0
        return published - timedelta(days=back), "day"
    # "in May" is the month only as written with a capital: "in may" is no sentence's month.
    m = next((m for pattern in _PERIOD_WORDS.where(text) for m in pattern.finditer(text)
              if m["mon"] != "may" or sentence[m.start("mon")] == "M"), None)
    if m:
        return _period_start(m, published)
    m = _IN_YEAR.search(text)
    if m:
        if m["this"]:
            return date(published.year, 1, 1), "year"
        year = published.year - 1 if m["last"] else int(m["y"] or m["fy"])
        if year < published.year:
            return date(year, 1, 1), "year"
    # "A March 2020 ceasefire froze the lines after an offensive that year took X": the year written before.
    m = _THAT_YEAR.search(text) if "year" in text and has_digit(text) else None
    if m:
        years = [int(y) for y in _YEAR_IN_TEXT.findall(text, 0, m.start())]
        if years and years[-1] < published.year:
            return date(years[-1], 1, 1), "year"
    return published, "day"



# "said on Sunday", "on Wednesday condemned": the day of the telling, which a sentence gives beside its event's
# ("killed 25 ... on Friday").
_SAID_BEFORE = Regex(r"\b(?:said|says|told|announced|reported|stated|confirmed|claimed|added|statement)\s+(?:\w+\s+)?$")
_SAID_AFTER = Regex(r"\s+(?:said|says|told|announced|reported|stated|confirmed|claimed|condemned|denied|called|"
                    r"urged|warned|accused|blamed|demanded|vowed)\b")


def telling_day(text: str, m: re.Match[str]) -> bool:
    """The day ``m`` found in the folded ``text`` dates when something was said ("said on Sunday", "in a statement
    on Monday"), not what happened."""
    if text.startswith(("'s", "’s"), m.end()):
        return False  # "claimed Thursday's attack": the attack's day, whatever verb of saying comes before
    return bool(_SAID_BEFORE.search(text, max(0, m.start() - 30), m.start()) or _SAID_AFTER.match(text, m.end()))


def _event_month_day(sentence: str, published: date) -> date | None:
    """``month_day``, passing over a day that dates only the telling when another follows: "reported on 19 November
    that the number killed in Bara on 15 November had risen to 31" is of the 15th."""
    text = lowered(sentence)
    found = sorted((m for pattern in _MONTH_DAYS.where(text) for m in pattern.finditer(text)
                    if _a_month(sentence, m, pattern)), key=lambda m: m.start())
    if len(found) < 2:
        return month_day(sentence, published)  # most sentences write one day at most: the remembered reading
    # The days of the event first, then the tellings', each in the order written (the sort is stable).
    ordered = sorted(found, key=lambda m: telling_day(text, m))
    return next((day for m in ordered
                 if (day := _month_day(published, MONTHS[m["mon"]], int(m["d"]), m["ly"] is not None))), None)


# "the funerals on Monday of the victims of Saturday's missile strike, as the toll rose to 13": a toll told of an
# attack named by its day is that day's, whatever else the sentence dates.
_ATTACK_OF_DAY = Regex(r"['’]s\s+(?:\w+\s+){0,2}?(?:strikes?|attacks?|bombings?|blasts?|raids?|shelling|massacre|"
                       r"ambush|explosions?|assault)\b")
_TOLL_TOLD = Regex(r"\b(?:toll|victims|bodies|funerals?)\b")


# "our coverage continues on Wednesday", "talks will resume on Monday": a day ahead, which dates nothing told.
_AHEAD = Regex(r"\b(?:will|shall|is\s+due|are\s+due|due\s+to|scheduled|expected\s+to|continues|resumes|reopens)"
               r"\b[^.;,]{0,30}$")


def _event_weekday(text: str) -> re.Match[str] | None:
    """The sentence's first weekday, passing over one that dates only the telling when another follows, and
    taking the day an attack is named by where the sentence tells its toll. A day ahead dates nothing."""
    found = [m for pattern in _WEEKDAY.where(text) for m in pattern.finditer(text)
             if not _AHEAD.search(text, max(0, m.start() - 40), m.start())]
    if len(found) > 1:
        if _TOLL_TOLD.search(text):
            named = next((m for m in found if _ATTACK_OF_DAY.match(text, m.end())), None)
            if named is not None:
                return named
        return next((m for m in found if not telling_day(text, m)), found[0])
    return found[0] if found else None


def _period_start(m: re.Match[str], published: date) -> tuple[date, DatePrecision]:
    if m["week"]:
        back = 7 if m["week"].startswith("last") else 0
        return published - timedelta(days=back + published.weekday()), "week"
    if m["month"]:
        if m["month"].startswith("last"):
            return (published.replace(day=1) - timedelta(days=1)).replace(day=1), "month"
        return published.replace(day=1), "month"
    if m["y"] or m["ly"]:  # "in February 2024", "in December last year": the year written, not the one that
        # puts the month last before the article
        start = date(int(m["y"]) if m["y"] else published.year - 1, MONTHS[m["mon"]], 1)
        return (start, "month") if start <= published else (published, "day")
    start = _safe(published.year, MONTHS[m["mon"]], 1) or published
    if start > published or (m["lastmon"] and start.month == published.month):
        start = start.replace(year=start.year - 1)
    return start, "month"


def _a_month(written: str, m: re.Match[str], pattern: object) -> bool:
    """Whether the month ``m`` found is one: "30 may have died" is a verb. "May 3" is the month, and so is "3 May"
    written with its capital."""
    return m["mon"] != "may" or pattern is _MD or written[m.start("mon")] == "M"


def written_day(text: str, anchor: date) -> date | None:
    """The day ``text`` writes out: its first complete date, else its first day of a month ("Nov 6") in the year that
    puts it on or before ``anchor``."""
    return first_full_date(text) or month_day(text, anchor)


@lru_cache(maxsize=1024)
def month_day(text: str, anchor: date) -> date | None:
    """The first "Nov 6" or "6 November" in ``text``, in the year that puts it on or before ``anchor``."""
    text_written, text = text, lowered(text)
    for pattern in _MONTH_DAYS.where(text):
        m = pattern.search(text)
        if m and _a_month(text_written, m, pattern):
            found = _month_day(anchor, MONTHS[m["mon"]], int(m["d"]), m["ly"] is not None)
            if found:
                return found
    return None
