"""A finding made a record: its place refined, its flags, doubts and trust, and its provenance."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from stream.core.dates import MONTHS
from stream.core.extract.airstrikes import strike_place, struck_there
from stream.core.extract.confidence import confidence
from stream.core.extract.context import SentenceContext, lede
from stream.core.extract.doubts import HISTORY, RECORD, TALLY, doubts, story_countries
from stream.core.extract.findings import Finding, Found, clause_span
from stream.core.extract.framing import (
    are_displaced,
    battle_flight,
    dateline,
    dating_text,
    dead_since_a_start,
    fled_since_a_start,
    fled_so_far,
    has_anchor,
    is_background,
    is_flight_since,
    is_generic,
    is_toll,
    is_unspecific,
    share_of_a_running_toll,
)
from stream.core.extract.kinds import Kind, Kinds
from stream.core.extract.sites import SITES, Site, main_place, refined, story_sites
from stream.core.extract.story_places import as_written, spellings
from stream.core.extract.territory import INSTALLATION
from stream.core.extract.units import is_unit_post
from stream.core.ids import content_id
from stream.core.places import Gazetteer
from stream.core.records import Article, EventBase, Evidence, Place, PlacePrecision
from stream.core.text import Gated, Regex, WordRegex, alternation, contains_any, lowered

EXTRACTOR_VERSION = "signalfire-extract/0.2"  # 0.2: world places, history, confidence, language as data


@dataclass(frozen=True, slots=True)
class Story:
    """What every record of one article is made with: the article, and what its sentences tell as a whole."""

    article: Article
    gazetteer: Gazetteer
    fallback: Place | None  # the place the article is mostly about
    sites: list[Site]
    home: frozenset[str]  # the countries the story is in
    # The sites named where the story tells of a place changing hands: "the fall of the Hill 60 base".
    taken: list[Site]
    # The label of a piece that recounts rather than reports ("Analysis", "Opinion", "Explainer"), if it bears one.
    genre: str | None = None
    # The words of a piece told from an anniversary ("two years after"): its facts with no day of their own recount.
    anniversary: str | None = None
    # The story's own spelling of the towns the gazetteer spells otherwise, by code: places taken are named by it.
    written: dict[str, str] = field(default_factory=dict)
    # The posts it tells as taken by a name of their own: where "captured a camp in X Township" was taken.
    posts: tuple[tuple[int, Place], ...] = ()

    @classmethod
    def of(cls, article: Article, contexts: list[SentenceContext], gazetteer: Gazetteer, found: Found,
           kinds: Kinds) -> Story:
        sites = story_sites(contexts)
        taking = [ctx for ctx, f in found if kinds[f.type].changes_hands]
        told = {m.place.name for ctx in taking for m in ctx.mentions}
        return cls(article, gazetteer, main_place(contexts), sites, story_countries(contexts),
                   [site for site in sites if site.place.name in told], genre_of(article.title, article.text),
                   anniversary_of(article.title, lede(contexts)),
                   spellings(contexts) if taking else {},  # only a place taken is named as written
                   _posts_taken(found, kinds) if taking else ())


def record(story: Story, ctx: SentenceContext, f: Finding, kind: Kind[EventBase]) -> EventBase:
    """The record of one finding, with what the story around it tells of its place, time and trust."""
    article, sentence = story.article, ctx.sentence
    place = _place(story, ctx, f, kind)
    # Only a figure can be a running total; a seizure or a single strike is an incident or history.
    counted = not kind.at_place or f.count is not None
    doubted = doubts(ctx, f, place, story.home, story.gazetteer)
    if story.genre:
        doubted = (*doubted, f"{RECOUNTED}: '{story.genre}'")
    elif story.anniversary and not ctx.timeline.anchored(ctx.index):
        doubted = (*doubted, f"{RECOUNTED}: '{story.anniversary}'")
    cumulative = _cumulative(ctx, f, kind, place, counted, doubted)
    if kind.changes_hands and place is not None:
        place = as_written(place, story.written)  # the alert names the town as the news does
    side_known = not kind.side_told or f.side not in (None, "unknown")
    anchor = _anchor(article)
    # A fact told in a relative clause of its own day is of that day, not the sentence's.
    when, precision = ctx.timeline.aside_when(ctx.index, f.start) or (ctx.event_date, ctx.date_precision)
    trust = confidence(place, precision, anchor, vague=f.vague, in_title=sentence.headline,
                       side_known=side_known)
    base: dict[str, Any] = dict(
        id=content_id("ev", article.id, f.type, sentence.start + f.start, f.figure, place and place.name,
                      *(("title",) if sentence.in_title else ())),
        article_id=article.id, source=article.source, url=article.url, copy_of=article.copy_of,
        event_date=when,
        date_precision=precision, date_anchor=anchor, place=place, cumulative=cumulative,
        negated=f.negated, hypothetical=f.hypothetical,
        # Dated well before the news, or told in words that make it earlier than the news (the first doubt).
        historical=not cumulative and (ctx.historical or any(d.startswith(HISTORY) for d in doubted)),
        confidence=trust.score, confidence_reasons=trust.reasons, extractor_version=EXTRACTOR_VERSION,
        doubts=doubted,
        evidence=Evidence(article_id=article.id, sentence=sentence.text, start=sentence.start, end=sentence.end,
                          in_title=sentence.in_title, trigger=sentence.text[f.start:f.end],
                          trigger_start=f.start, trigger_end=f.end),
    )
    return kind.build(base, f)


def _place(story: Story, ctx: SentenceContext, f: Finding, kind: Kind[EventBase]) -> Place | None:
    # Strikes on several named places ("on Kalay, Tamu and Mawlaik") fell where named, as places taken in one
    # list ("captured Kawlin and Pinlebu") were taken where named; a strike on one town ("air strikes on
    # Loikaw") is the strike the story tells of at its site inside that town.
    split = kind.at_place and f.distinct and f.place is not None
    if split:
        return f.place
    if kind.strike:
        return strike_place(ctx, f, story.fallback, story.sites)
    if kind.changes_hands and f.place is not None:
        if f.target in INSTALLATION and f.place.precision not in SITES and (
                site := _site_taken(f.place, story.posts, ctx.index) or _village_of_the_post(ctx, f.place)):
            # "Captured an army camp in Kyaukkyi Township", then "the camp at Maw Khee fell" or "attacked the outpost
            # at Thaw Le village": the post the story names, not the township or the town it lies by.
            return site
        # "Captured Goma": a town named as taken is what was taken. "Overran a base in Myawaddy Township" took
        # the base the story tells of as taken, not a hill it says was fought over.
        # So is a district told as taken by its name: "seized control of Jabal Murad district".
        return f.place if f.place.precision == "town" or f.target == f.place.precision else refined(
            f.place, ctx, story.taken)
    return refined(f.place or ctx.place_near(f.start) or story.fallback, ctx, story.sites,
                   into=_fled_from(f) if kind.flight else SITES)


# More people than a village holds: "600,000 displaced in Sagaing" fled a region, not the village the story is at.
_MORE_THAN_A_VILLAGE = 50_000


def _fled_from(f: Finding) -> tuple[PlacePrecision, ...]:
    """The sites a flight may be placed at inside the coarse place it is told in: homes, not army posts."""
    return () if (f.displaced or 0) >= _MORE_THAN_A_VILLAGE else ("village",)


def _site_taken(area: Place, posts: Iterable[tuple[int, Place]], index: int) -> Place | None:
    """The one named post of ``area``'s state the story tells was taken, or of those, the one told around the
    taking at sentence ``index``: a story of two posts taken tells each where it tells its taking."""
    sites = {post.name: post for _, post in posts if post.admin1 == area.admin1}
    if len(sites) > 1:
        sites = {post.name: post for at, post in posts
                 if post.admin1 == area.admin1 and index - _POST_BEFORE <= at <= index + _POST_AFTER}
    return next(iter(sites.values())) if len(sites) == 1 else None


# "The outpost at Thaw Le village", "the camp near Thaw Le village", "the camp ... in the village of Thaw Le": the
# village a post the story tells of stands at.
_POST_VILLAGE = Regex(r"\b(?i:the)\s+(?:[\w-]+\s+){0,2}?(?:outpost|camp|base|post|garrison|headquarters)\b[^.;]{0,60}?"
                      r"\b(?:(?:at|near|in)\s+(?P<before>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+village\b|"
                      r"(?:at|near|in)\s+the\s+village\s+of\s+(?P<after>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}))")
# The sentences around a taking in which the story may say where its post stands.
_POST_BEFORE, _POST_AFTER = 1, 4


def _village_of_the_post(ctx: SentenceContext, area: Place) -> Place | None:
    """The one village the story says the post it tells of stands at, in the sentences around the taking."""
    texts = ctx.timeline.texts[max(0, ctx.index - _POST_BEFORE):ctx.index + 1 + _POST_AFTER]
    names = {m["before"] or m["after"] for text in texts if "village" in text
             for m in _POST_VILLAGE.finditer(text)}
    if len(names) != 1:
        return None
    return Place(name=names.pop(), precision="village", admin1=area.admin1, country=area.country)


def _posts_taken(found: Found, kinds: Kinds) -> tuple[tuple[int, Place], ...]:
    """The posts the story tells as taken by a name of their own ("the camp at Maw Khee fell"). Not a unit's post
    ("the base of LIB 542"): a taking told in a township without the unit may be of another post."""
    return tuple((ctx.index, f.place) for ctx, f in found
                 if kinds[f.type].changes_hands and f.place is not None and f.place.precision == "facility"
                 and not (is_unit_post(f.place) or ctx.background or ctx.historical or f.negated))


# "More than 20 soldiers were killed over the six days", "at least 30 over the final three days": a battle's dead
# summed over three days or more, no one day's toll. (A flight over three days is the flight: this is for the dead.)
# So are the dead of weeks ("in two weeks of operations", "over the past week"), of a stretch of dates ("between 2
# and 7 June"), of two days named together ("on Tuesday and Wednesday") and of a period told before ("during the
# period"): a bulletin's or a battle's sum. Read with comparisons blanked: "the deadliest in two weeks" sums nothing.
_DAYS_SUMMED = WordRegex(r"(?:(?:over|in|during|across|throughout)\s+(?:the\s+)?"
                         r"(?:(?:past|last|final|first|previous)\s+)?"
                         r"(?:(?:three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|[3-9]|[1-9]\d)\s+days|"
                         r"(?:a|one|two|three|four|five|six|several|\d+)\s+weeks?)|"
                         r"(?:over|in|during|across|throughout)\s+the\s+(?:past|last|previous)\s+week|"
                         r"(?:during|over|throughout)\s+the\s+week|"
                         # "in the week to 20 November", "in the fortnight ending Sunday": a week's sum, whatever its
                         # end.
                         r"(?:in|during|over)\s+the\s+(?:week|fortnight|ten\s+days)\s+(?:to|ending|until|up\s+to)\b|"
                         r"(?:in|during|over)\s+the\s+(?:past|last)\s+fortnight|"
                         # "bombed villages for three consecutive days, killing 27"; "three days of airstrikes kill 27"
                         # (not "after three days of fighting": the days before the fact).
                         r"for\s+(?:two|three|four|five|six|seven|several|[2-9])\s+(?:consecutive\s+|straight\s+|successive\s+)?"
                         r"days|(?<!after\s)(?:two|three|four|five|six|seven|several|[2-9])\s+days\s+of\s+(?:\w+\s+)?"
                         r"(?:fighting|clashes|airstrikes|strikes|shelling|bombing|bombardment|raids|attacks|violence)|"
                         r"(?:during|in|over|for|across)\s+(?:the|that|this)\s+(?:same\s+)?period|"
                         # "during the five-month siege", "over the weeks-long offensive": a battle's sum of weeks.
                         r"(?:during|over|throughout|in)\s+(?:the\s+)?(?:course\s+of\s+the\s+)?(?:[a-z]+\s+)?"
                         r"(?:[a-z0-9]+-(?:week|month|year)|(?:weeks?|months?|years?)-long|yearlong)\s+"
                         r"(?:siege|offensive|campaign|battle|war|fighting|blockade|operation|standoff|assault)|"
                         r"(?:on|between)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+and\s+"
                         r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b")
# "Between 2 and 7 June", "from June 2 to June 7", "from 2-7 June": a stretch of three days or more.
_MONTH_NAME = alternation(MONTHS)
# "Between the afternoons of 9 and 12 August": a situation report's hours of each day, the stretch the same; so
# is an hour in brackets after each day ("between 6 April (afternoon) and 15 April (afternoon)").
_HOUR_IN_BRACKETS = r"(?:\s*\([^()]{1,16}\))?"
_DATES_BETWEEN = WordRegex(rf"(?:between|from)\s+(?:the\s+(?:mornings?|afternoons?|evenings?|nights?)\s+of\s+)?"
                           rf"(?:(?P<m1>{_MONTH_NAME})\.?\s+)?(?P<d1>\d{{1,2}})"
                           rf"(?:\s+(?P<m1b>{_MONTH_NAME}))?{_HOUR_IN_BRACKETS}\s*(?:and|to|-|–)\s*"
                           rf"(?:(?P<m2>{_MONTH_NAME})\.?\s+)?(?P<d2>\d{{1,2}})(?:\s+(?P<m2b>{_MONTH_NAME}))?\b")


def _days_between(text: str) -> int:
    """The longest stretch of days the folded ``text`` names by its dates ("between 2 and 7 June": 5; "from 28 June
    to 2 July": more than any month's days), or 0."""
    longest = 0
    for m in _DATES_BETWEEN.finditer(text):
        first, last = m["m1"] or m["m1b"], m["m2"] or m["m2b"]
        if not (first or last):
            continue  # "between 12 and 17 people": a range of a figure, not of days
        other_month = bool(first and last and first.lower()[:3] != last.lower()[:3])
        longest = max(longest, int(m["d2"]) - int(m["d1"]) + (30 if other_month else 0))
    return longest


def _weeks_between(sentence: str) -> bool:
    """The sentence names a stretch of a week or more by its days ("between 16 and 29 June"): a flight told over it
    is a situation report's sum of many, not one flight (three days of flight are still the flight)."""
    text = lowered(sentence)
    return ("between" in text or "from" in text) and _days_between(text) >= 7


def _days_summed(sentence: str) -> bool:
    """The sentence's dead are summed over days: no one day's toll."""
    # Folded, as the re.I the patterns were written for: read without it, they cost a third as much.
    text = lowered(dating_text(sentence))
    return bool(_DAYS_SUMMED.search(text)) or _days_between(text) >= 2


# Remains found long after the killing: "bodies recovered from under the rubble of buildings destroyed earlier in the
# war", "the remains of five people in a clandestine grave", "exhumed". No day's dead.
# Read in the folded sentence, and only where one of the words every match holds stands.
# So are the bodies two sides hand back to each other: "received the bodies of 909 soldiers in an exchange", "agreed to
# return the bodies of thousands of fallen soldiers". Not those a hospital received, or handed to families: the day's.
_OLD_REMAINS = Gated((Regex(r"\b(?:mass|clandestine|shallow|unmarked)\s+graves?\b|\bexhum\w+|\bdestroyed\s+(?:earlier|"
                            r"months|weeks|years)\b|\bearlier\s+in\s+the\s+war\b|\bremains\s+had\s+been\b|"
                            r"\b(?:return\w*|repatriat\w+|exchang\w+|swap\w*)\s+(?:the\s+)?(?:bodies|remains)\s+of\b|"
                            r"\b(?:bodies|remains)\s+of\s+[^.;]{1,60}?\b(?:in|as\s+part\s+of|under)\s+(?:an?\s+|the\s+)?"
                            r"(?:[\w-]+\s+)?(?:exchange|swap|repatriation)\b"),),
                     ("grave", "exhum", "destroyed", "earlier", "remains", "bodies"))


def _cumulative(ctx: SentenceContext, f: Finding, kind: Kind[EventBase], place: Place | None, counted: bool,
                doubted: tuple[str, ...]) -> bool:
    sentence = ctx.sentence
    # A figure summed over a day of strikes, or a group's record ("a militia that has killed scores"), is background.
    return (counted and any(d.startswith((TALLY, RECORD)) for d in doubted)) or (
        ctx.background and counted and not _news_in_its_clause(sentence.text, f)) or (
        kind.victims and bool(f.figure) and (
        is_toll(sentence.text, f.figure or 0) or (ctx.historical and (f.figure or 0) >= 100))) or (
        kind.flight and (is_flight_since(sentence.text) or _weeks_between(sentence.text)
                         or battle_flight(sentence.text, f.figure or 0)
                         or (f.vague and (f.figure or 0) >= _ROUND_TENS and fled_so_far(sentence.text))
                         or _SHARE_OF_RESIDENTS.search(lowered(sentence.text), 0, f.start) is not None
                         or _FIRST_PERIOD.search(lowered(sentence.text)) is not None
                         or are_displaced(sentence.text, f.start)
                         or ((start := fled_since_a_start(sentence.text)) is not None
                             and ctx.timeline.weeks_before(start)))) or (
        kind.strike and is_generic(sentence.text) and _plural(f.trigger) and not struck_there(ctx, f, place)) or (
        counted and is_unspecific(sentence.text) and not _news_in_its_clause(sentence.text, f)) or (
        _regional_total(sentence.text, f, place)) or _beyond_one_incident(f) or _compared_with(sentence.text, f) or (
        kind.victims and bool(f.figure) and (
            _days_summed(sentence.text) or _OLD_REMAINS.search(lowered(sentence.text)) is not None
            or (ctx.index > 0 and share_of_a_running_toll(sentence.text, ctx.timeline.texts[ctx.index - 1]))
            or ((start := dead_since_a_start(sentence.text)) is not None and ctx.timeline.weeks_before(start))))


# "Tens of thousands have fled" with no day: an estimate of a war's weeks. "Several thousand villagers have fled" is
# a village's flight, however round.
_ROUND_TENS = 10_000


# "Of the town's roughly 100,000 residents, an estimated 80,000 have fled": a share of those who lived there, gone
# over the war, not one flight.
_SHARE_OF_RESIDENTS = Regex(r"(?:^|\W)of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:roughly\s+|about\s+|some\s+|around\s+|"
                            r"an\s+estimated\s+|nearly\s+)?\d[\d,.]*\s+(?:million\s+)?(?:pre-?war\s+)?(?:residents|"
                            r"inhabitants|people|population)\b[^.;]{0,40}$")


# "Fled in the first month", "in the first three weeks of the offensive", "displaced in a matter of weeks": a
# period's sum, longer than the news.
_FIRST_PERIOD = Regex(r"\b(?:in|during|over|within)\s+(?:the|its|their)\s+first\s+(?:(?:two|three|four|five|six|few|"
                      r"several|\d+)\s+)?(?:months?|years?)\b|\b(?:in|during|over|within)\s+(?:the|its|their)\s+first\s+"
                      r"(?:two|three|four|five|six|few|several|\d+)\s+weeks\b|"
                      r"\b(?:in|within|over)\s+(?:a\s+matter\s+of|just|only|a\s+few|several)\s+(?:weeks|months)\b|"
                      r"\bwithin\s+(?:weeks|months)\b")


# Where one clause of a sentence ends and another, with its own figures, begins: ", and the UN says ...",
# ", adding to the 50,000 who fled last year", ", bringing the year's total to ...".
_CLAUSES = Regex(r",\s+(?:and|adding|bringing|while|but|whereas)\b|;\s")


def _news_in_its_clause(sentence: str, f: Finding) -> bool:
    """The figure's own clause is dated to a recent day and tells no period: the sentence's background is in
    another clause ("forced 12,000 to flee on Monday, and the UN says 3.5 million are displaced nationwide")."""
    start, end = clause_span(sentence, f.start, f.start, _CLAUSES)
    clause = sentence[start:end]
    if len(clause) == len(sentence):
        return False  # one clause: the sentence's own reading stands
    return has_anchor(clause) and not is_background(clause, None)


# A piece labelled as one that recounts and weighs what happened, not as the day's news: its facts wait for a person.
RECOUNTED = "told in a piece that recounts rather than reports"
_GENRE = Regex(r"^\W*(?P<label>analysis|opinion|commentary|editorial|explainer|op-ed|year\s+in\s+review|"
               r"in\s+depth|long\s+read|perspective|column)\b\s*(?::|\||-|–|—|$)", re.I | re.M)


def genre_of(title: str | None, text: str) -> str | None:
    """The label a title or the text's first line gives the piece ("Analysis: ...", "Opinion | ...", a line
    "Explainer" over the text), or None for news."""
    for line in (title or "", text.lstrip().split("\n", 1)[0]):
        m = _GENRE.match(line)
        if m and (line is title or len(line.split()) <= 3):
            return m["label"]
    return None


# "Two years after the fall of Lashio, ...", "A year ago this month, ...", "Five years on, ...": a piece told from an
# anniversary, looking back. So is one told weeks on: "Six weeks after the worst fighting ...", "Weeks after clashes".
_ANNIVERSARY = Regex(r"^\W*(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|a|an|several|some)\s+)?"
                     r"(?:years?|months?|decades?|weeks)\s+(?:after|since|ago|on)\b", re.I)


def anniversary_of(title: str | None, lede: str) -> str | None:
    """The words that open a headline or a lede (past its dateline) on an anniversary, or None."""
    opening = dateline(lede)
    for line in (title or "", lede[opening.end():] if opening else lede):
        m = _ANNIVERSARY.match(line)
        if m:
            return m.group(0).strip(" \t\n\"'“‘")
    return None


def _anchor(article: Article) -> Literal["published", "received", "none"]:
    return "published" if article.published else "received" if article.received else "none"


def _plural(trigger: str) -> bool:
    """"has carried out airstrikes" is a habit; "the airstrike ... has killed nine" is one strike."""
    return trigger.lower().rstrip().endswith("s")


# Figures no single incident of the news reaches: a million people displaced, ten thousand dead, are a war's toll.
_WAR_SIZED = {"killed": 10_000, "displaced": 1_000_000}


def _beyond_one_incident(f: Finding) -> bool:
    return any((getattr(f, kind) or 0) >= bound for kind, bound in _WAR_SIZED.items())


# "45 deaths this week, compared with 31 the week before", "up from 12": the figure another period is measured by.
# Not across a comma: "Compared with last week, 45 were killed" is the news.
_COMPARED = Regex(r"\b(?:compared\s+(?:with|to)|up\s+from|down\s+from)\b[^.;:,]{0,60}$")


def _compared_with(sentence: str, f: Finding) -> bool:
    return bool(f.figure) and contains_any(sentence, ("compared", " from ")) and (
        _COMPARED.search(lowered(sentence), max(0, f.start - 80), f.start) is not None)


# Without a day or a town, figures this large for a whole state or country are tallies, not one incident.
_TALLY = {"killed": 100, "injured": 100, "displaced": 50_000}


# "Scores killed in militia attack on a market": one attack, however large and vaguely placed. Headlines
# drop the article ("ambush on convoy"), so there the noun of one target stands for it.
_ONE_INCIDENT = WordRegex(r"(?:attack|strike|airstrike|raid|ambush|bombing|massacre|explosion|blast|shelling)\s+"
                          r"(?:on|in|at|against)\s+(?:an?|the|(?:village|market|camp|convoy|school|hospital|"
                          r"mosque|church|wedding|funeral|checkpoint|bus|base|hamlet))\b")


def _regional_total(sentence: str, f: Finding, place: Place | None) -> bool:
    if (place is not None and place.precision not in ("admin1", "country")) or has_anchor(sentence):
        return False
    if _ONE_INCIDENT.search(lowered(sentence)):  # folded, as the re.I it was written for
        return False
    return any((getattr(f, kind) or 0) >= bound for kind, bound in _TALLY.items())
