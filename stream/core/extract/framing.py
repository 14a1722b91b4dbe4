"""How a sentence frames its facts: a running total, a denial, a threat, or a new incident."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from stream.core.dates import MONTH_STEMS, MONTHS, telling_day, written_day
from stream.core.text import (
    LETTERS,
    UPPER,
    Gated,
    Regex,
    SentenceGate,
    WordRegex,
    alternation,
    contains_any,
    fold,
    has_digit,
    lowered,
)

_MONTH = alternation(MONTHS)


def _each(openings: tuple[str, ...], rest: str) -> str:
    """``(?:a|b)rest`` written ``arest|brest``, the same alternatives tried in the same order: the engine passes over
    an alternative that opens on a letter not the text's in a few instructions, and enters one opening on a group
    (_PERIOD's nine such cost as much as its other forty-four together, at every character past a space)."""
    return "|".join(opening + rest for opening in openings)

# The calendar's own period a start opens: "since the start of the month", "of this week".
_OF_THE_MONTH = r"\s+of\s+(?:the|this)\s+(?:month|week)\b"
# Running totals and period statistics: "since the coup", "last month", "this year", "so far".
_PERIOD = Regex(
    r"\b(?:since\s+(?:the\s+)?(?:(?:[\w'’.-]+\s+){0,3}(?:coup|takeover|putsch)|"
    # "since 2021", "since April 2023", "since late 2024": a war's years, however the month is written.
    # Not "since the start of the month": a calendar's start, this month's news.
    r"(?:the\s+)?(?:start|beginning|outbreak|onset)\b(?!" + _OF_THE_MONTH + r")|"
    r"(?:(?:early|late|mid-?)\s*)?(?:(?:" + _MONTH + r")\.?\s+)?"
    r"(?:19|20)\d\d|"
    r"it\s+(?:began|started)|then|"
    r"last\s+year|the\s+military\s+(?:seized|took)|independence)"
    r"|so\s+far|to\s+date|in\s+total|a\s+total\s+of|running\s+total|death\s+toll\s+since|"
    # "the number of people killed since the attack began ... rises to 611": a running count, however told, and
    # wherever it is counted ("the number of fatalities in the fighting around the dam since December 8").
    r"number\s+of\s+(?:[\w-]+\s+){0,3}?(?:killed|dead|deaths|fatalities|displaced)\s+"
    r"(?:(?:in|at|around|from|among|across)\s[^.;]{0,80}?\s)?since|"
    # Each alternative opens on its first word, not on a group of words: the engine passes over an alternative
    # whose first letter is not the text's in a few instructions, and enters every group.
    r"this\s+(?:year|month|quarter)|last\s+(?:year|month|quarter)|the\s+previous\s+(?:year|month|quarter)|"
    r"the\s+past\s+(?:year|month|quarter)|"
    r"over\s+the\s+(?:past|last)\s+(?:\w+\s+){0,2}(?:weeks|months|years|decades?)|"
    # "newly displaced within Sagaing over the month": a monthly briefing's count.
    r"over\s+the\s+month\b|during\s+the\s+month\b|"
    r"in\s+the\s+(?:past|last)\s+(?:\w+\s+){0,2}(?:weeks|months|years|decades?)|"
    r"during\s+the\s+(?:past|last)\s+(?:\w+\s+){0,2}(?:weeks|months|years|decades?)|"
    # "had spent the previous nine months seizing towns": a campaign's course, told over its months.
    r"spent\s+the\s+(?:previous|past|last)\s+(?:\w+\s+){0,2}(?:weeks|months|years)|"
    r"in\s+the\s+previous\s+(?:\w+\s+){0,2}(?:weeks|months|years)|"
    r"over\s+the\s+previous\s+(?:\w+\s+){0,2}(?:weeks|months|years)|"
    r"during\s+the\s+previous\s+(?:\w+\s+){0,2}(?:weeks|months|years)|"
    r"for\s+the\s+(?:past|last)\s+(?:\w+\s+){0,2}(?:months|years|decades?)|"
    # "who fled in previous months", "in recent weeks": earlier news, summed.
    r"in\s+(?:previous|recent|preceding|earlier)\s+(?:weeks|months|years)|"
    r"over\s+(?:previous|recent|preceding|earlier)\s+(?:weeks|months|years)|"
    r"during\s+(?:previous|recent|preceding|earlier)\s+(?:weeks|months|years)|"
    # "for a decade the region has bled ...", "years of war": a period, not a day.
    r"for\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?(?:\w+|\d+)\s+(?:years|decades)|"
    r"years\s+of\s+(?:war|conflict|fighting|violence|insurgency)|"
    r"decades\s+of\s+(?:war|conflict|fighting|violence|insurgency)|"
    # "killed 90 insurgents over a week-long period": a tally of an operation, not one clash.
    r"over\s+(?:a|the)\s+(?:[\w-]+\s+)?period|over\s+a\s+period\s+of|"
    # "displaced across the state during the same period", "months of airstrikes, killing dozens": a stretch summed.
    r"during\s+the\s+same\s+(?:period|month|year)|in\s+the\s+same\s+(?:period|month|year)|"
    # "during the month of February": a month, however it is written.
    + _each(("in", "during", "over", "throughout"), r"\s+the\s+month\s+of\s+(?:" + _MONTH + r")\b") + "|"
    r"months\s+of\s+(?:air\s*strikes|air\s+raids|bombing|bombardments?|shelling|attacks|raids)|"
    # "between July and September", "in the first 29 days of November", "its quarterly report": a monitor's tally
    # of a stretch of time. Not "between January 26 and 30": a battle's days.
    r"between\s+(?:" + _MONTH + r")(?:\s+(?:19|20)\d\d)?\s+and\s+(?:" + _MONTH + r")\b|"
    + _each(("in", "during", "over"), r"\s+the\s+first\s+(?:\w+|\d+)\s+(?:days|weeks|months)\s+of") + "|"
    # "in the first half of the year": half a year's sum.
    + _each(("in", "during", "over"), r"\s+the\s+(?:first|second|latter)\s+half\s+of\b") + "|"
    # "at least 80 killed in the first weeks": a stretch of time, summed.
    + _each(("in", "during", "over"),
            r"\s+(?:the|its|their)\s+first\s+(?:(?:few|two|three|four|five|six)\s+)?(?:weeks|months)\b") + "|"
    # "occupied Kherson in the first days of the full-scale invasion": the opening of a war, told looking back.
    + _each(("in", "during"), r"\s+the\s+(?:first|opening|early)\s+(?:days|weeks|months)\s+of\s+(?:the\s+)?"
                              r"(?:[\w-]+\s+)?(?:war|invasion)\b") + "|"
    + _each(("quarterly", "monthly", "annual", "yearly", "weekly"),
            r"\s+(?:[\w-]+\s+){0,2}(?:report|update|tally|bulletin)") + "|"
    r"in\s+(?:(?:19|20)\d\d|(?:" + _MONTH + r")(?:\s+(?:19|20)\d\d)?)\b(?!\s*\d)|"
    r"during\s+(?:(?:19|20)\d\d|(?:" + _MONTH + r")(?:\s+(?:19|20)\d\d)?)\b(?!\s*\d)|"
    r"throughout\s+(?:(?:19|20)\d\d|(?:" + _MONTH + r")(?:\s+(?:19|20)\d\d)?)\b(?!\s*\d)|"
    # "As of October", "as of the end of May": a count to a month's turn. "As of October 25" dates a toll as it
    # stands, as "as of 25 October" does: the day it was counted, no period.
    r"as\s+of\s+(?:the\s+)?(?:end|first|start|beginning|(?:" + _MONTH + r")\b(?!\.?\s+\d))|"
    r"at\s+the\s+end\s+of\s+(?:19|20)\d\d|decades\s+of|months\s+since|years\s+since|"
    r"assistance\s+association\s+for\s+political\s+prisoners|aapp\b|"
    # "said it had recorded more than 30 air strikes since the offensive began, killing 22": a monitor's tally.
    + _each(("recorded", "documented", "counted", "registered"), r"\s+[^.;]{0,80}?\bsince\b") + "|"
    r"already\s+(?:been\s+)?(?:counted|displaced|killed|sheltering|living|staying|hosted)\b|"
    # "12,000 displaced people were now sheltering in schools": how many are housed, not how many fled.
    + _each(("are", "were"), r"\s+now\s+(?:sheltering|staying|living|hosted|housed)\b") + "|"
    # "brings to more than 100 the number killed in the area in a week": a running count, not the day's toll ("bringing
    # the toll from Monday's raid to 60" names no period, and stays the incident's).
    + _each(("brings?", "bringing", "brought"),
            r"\s+(?:to\s+[^,.;]{1,30}?\s+)?the\s+(?:number|total|tally)\b[^.;]{0,80}?"
            r"\b(?:(?:in|over|during)\s+(?:a|one|the\s+past|the\s+last)\s+(?:week|month|year)|this\s+(?:week|month|year)|"
            r"since)\b") + "|"
    # "brought the toll among soldiers in the ground offensive to 377": a campaign's running toll.
    # So does "bring to 14 the number of soldiers killed in the ground operation", and a death that "raised the toll
    # of soldiers killed in the ground offensive to 318".
    + _each(("brings?", "bringing", "brought", "raised", "raising", "raises"),
            r"\s+(?:to\s+[^,.;]{1,30}?\s+)?the\s+(?:(?:death\s+)?toll|number|total|tally)\b[^.;]{0,80}?\b"
            r"(?:in|during|of|since)\s+the\s+(?:[\w-]+\s+){0,2}?"
            r"(?:war|offensive|operations?|campaign|invasion|conflict|insurgency)\b") + "|"
    # "displaced by the end of the year", "lost three towns within a year": a count or a course over a period.
    r"by\s+the\s+end\s+of\s+(?:the\s+|last\s+|that\s+)?(?:year|month|(?:19|20)\d\d)|by\s+year['’]s\s+end|"
    r"within\s+(?:a|one|two|three|four|five|six|a\s+few|several|the\s+(?:past|last))\s+(?:years?|months)|"
    # "two million remain displaced": how many are away from home, not how many fled in the news.
    + _each(("remains?", "remained", "still"), r"\s+(?:internally\s+)?displaced") + "|"
    # "are estimated to be displaced across the state", "are currently displaced": a stock, told as a state.
    + _each(("are", "is"),
            r"\s+(?:(?:estimated|believed|thought|said)\s+to\s+be|now|currently)\s+(?:internally\s+)?displaced") + "|"
    # "half a million are displaced across the state", "are registered as temporarily displaced", "80,000 people
    # displaced inside the state", "more than 500,000 people are displaced, according to the UN": a stock.
    + _each(("are", "is"), r"\s+(?:internally\s+)?displaced\s+(?:across|throughout|nationwide|countrywide|"
                          r"in\s+the\s+(?:state|region|country|province))") + "|"
    + _each(("are", "is", "were"), r"\s+registered\s+as\s+\W?(?:temporarily\s+|internally\s+)?displaced") + "|"
    + _each(("are", "is"), r"\s+(?:internally\s+)?displaced\s*(?:[,;]|\.|$|according\b|internally\b)") + "|"
    r"displaced\s+(?:inside|within|across|throughout)\s+the\s+(?:state|country|region|province)\b|"
    # "displaced by the war", "the conflict has killed": a war's whole toll, told of no day.
    # And "the conflict in the two regions, which began in 2017, has killed ...", read without its start (see
    # _without_comparisons): a war told with its start. Not "the fighting in the town has left 31 dead": the
    # town's fighting of the news.
    r"by\s+the\s+(?:war|conflict|insurgency)\b|the\s+(?:war|conflict|insurgency)\s+(?:has|had|have)\s+(?!been\b)\w+|"
    r"the\s+(?:war|conflict|insurgency|crisis)\b[^.;]{0,60}?,\s+(?:has|have)\s+(?!been\b)\w+)",
)  # read in the lower-cased sentence, as are _COMPARISON and _SINCE_DATE
# The same alternatives after the character before their first word: a pattern opening on \W is tried only after
# spaces and punctuation, one opening on \b at every character. See _period.
_PERIOD_AFTER = Regex(r"\W" + _PERIOD.pattern.removeprefix(r"\b"))
# "Naypyitaw [Myanmar], May 24 (ANI):", "YANGON, Nov 6 (Reuters) -", "GOMA, Congo, Nov 6 -" or "BEIRUT/JERUSALEM,
# Nov 3 (Reuters) -" before the first sentence.
# A word of a dateline's city: "Bamako", "BOGOTÁ".
_CITY_WORD = rf"[{UPPER}][{LETTERS}'.-]+"
_CAPS_WORD = rf"[{UPPER}][{UPPER}'.-]+"
DATELINE = Regex(
    r"^\s*(?:date\s+\d{4}-\d{2}-\d{2}\s+)?[A-Z][\w'/ -]{1,40}(?:\s*[\[(][\w ]+[\])])?,\s*(?:[A-Z][\w' -]{1,30},\s*)?"
    r"(?:(?:" + _MONTH + r")\.?\s+\d{1,2}|\d{1,2}\s+(?:" + _MONTH + r"))(?:,?\s+\d{4})?\s*"
    # The agency after the day, in brackets or after a comma: "(Reuters) -", "TUBAS, February 17, 2026, WAFA –".
    r"(?:\([\w .]+\)|,\s*(?-i:[A-Z]{2,10}))?\s*[:\-–—]+\s*"
    # "BAMAKO, Mali (AP) —", "LVIV (AFP) —", "Beira, Mozambique - ": a city, then its
    # country or the agency, then a dash.
    rf"|^\s*(?-i:{_CITY_WORD}(?:\s+{_CITY_WORD}){{0,2}})"
    # "GOMA, Democratic Republic of Congo (Reuters) -": a country's name may hold "of" and "the".
    rf"(?:,\s*(?-i:{_CITY_WORD}(?:\s+(?:of\s+(?:the\s+)?)?{_CITY_WORD}){{0,3}})\s*(?:\((?-i:[A-Z][\w .]{{0,20}})\))?"
    # "Port Sudan (Sudan) (AFP) -": the country and the agency, each in brackets.
    r"|(?:\s*\((?-i:[A-Z][\w .]{0,20})\)){1,2})\s+[—–-]{1,2}\s+"
    # "KHARTOUM: ...", "PORT SUDAN - ...", "BOGOTÁ —": a city in capitals and a colon or a dash.
    rf"|^\s*(?-i:{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,2}})(?::|\s+[—–-]{{1,2}})\s+"
    # "Addis Abeba – Fano fighters ...": a local outlet's city, then a dash and the sentence.
    rf"|^\s*(?-i:{_CITY_WORD}(?:\s+{_CITY_WORD}){{0,2}})\s+[—–-]\s+(?=(?-i:[A-Z]))", re.I)


@lru_cache(maxsize=64)
def dateline(text: str) -> re.Match[str] | None:
    """``DATELINE.match(text)``, remembered: an article's opening is asked for its dateline's city and day and for its
    text past it, and its lede for the words past it, at some microseconds a reading."""
    return DATELINE.match(text)


# Only these words make a whole state or country the thing taken: "took control of the entire state".
WHOLE = Regex(r"\b(?:entire|whole|all\s+of|full\s+control\s+of\s+(?:the\s+)?(?:state|region|province|country))\b",
              re.I)


# "Separately, ...", "In another attack, ...": the sentence opens a new incident, which the rest of its paragraph tells.
NEW_INCIDENT = Regex(r"\W*(?:separately|elsewhere|in\s+(?:another|a\s+separate)|in\s+a\s+second)\b", re.I)
# "the worst strike on a school in years" compares an incident with the past; it is no total.
# "The first days of March" are a stretch of time, not a comparison: "first" there is kept. So is "the first phase
# of the offensive": a part of a campaign, dated as the campaign is.
_COMPARISON = Gated((WordRegex(
    # "The deadliest single attack"; "a single strike on Oct. 6 killed 40" is one strike, and its day stands.
    r"(?:deadliest|worst|bloodiest|biggest|largest|heaviest|most\s+(?!of\b)\w+|highest|(?<!a\s)single|"
    # "The first occurred on May 18, the second ...": the first of a series told, which its own day dates.
    r"first(?!\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|\d+)\s+)?"
    r"(?:week|month|day|half|quarter|year|phase|stage|wave|round)s?\b)"
    r"(?!\s+(?:occurred|came|happened|took\s+place)\b))\b"
    # Compared with a past the sentence names: "since the coup", "in years", "of the war". "The deadliest incident
    # was a strike on November 25" compares it with the others the story tells: its day stands.
    # And "so far", "this year": a running count's words, compared with. Not "the deadliest incident of the month":
    # a scope the fact lies in, whose date it keeps.
    # The words between never pass a date of its own between commas: "seized the town, the largest on the road, in
    # March 2025, and have since held it" is dated March 2025.
    # Nor a clause of time after a comma: "seized X, the largest town in the state, earlier this year" is dated so.
    r"(?:(?!,\s+(?:in|on)\s+(?:\w+\s+)?(?:19|20)\d\d\b|,\s+(?:earlier|later)\s+(?:this|in\s+the|that)\b)[^.;])*?"
    # Nor "in the month", as "of the month": the month the story counts, a scope.
    r"\s(?:since|after|before|in\s+(?!the\s+(?:month|week)\b)(?:more\s+than\s+|nearly\s+|over\s+|at\s+least\s+)?"
    r"(?:a\s+|\w+\s+)?"
    r"(?:years?|decades?|months?|weeks?|history|memory)|ever|on\s+record|so\s+far|to\s+date|this\s+(?:year|month|week)|"
    # "The deadliest attack recorded", but not "recorded in September": the month it lies in, a scope.
    r"in\s+(?:19|20)\d\d|recorded(?!\s+(?:in|during)\s+(?:the\s+(?:month|week)\b|(?:" + _MONTH + r")\b))|yet|"
    # "the deadliest of several incidents reported across the region over the weekend": the others it is set beside.
    r"of\s+(?:several|many|numerous|the|all\s+the)\s+(?:[\w-]+\s+)?(?:incidents|attacks|strikes|raids|clashes|"
    r"bombings|shellings))\b"
    # Then to the sentence's end, short of a month and year after it: "the first town taken after the coup, in
    # November 2023" and "the heaviest battles in years in October 2025" are dated so. A colon ends it: "one of the
    # worst massacres since the coup: on 24 December 2021, soldiers killed 35" tells the massacre after it.
    r"(?:(?!,?\s+(?:in|on)\s+(?:\w+\s+)?(?:19|20)\d\d\b)[^.;:])*"),),
    ("deadliest", "worst", "bloodiest", "biggest", "largest", "heaviest", "first", "most", "highest", "single"))


# "since the attacks began on June 2": the start of a period, which does not date what happened in it ("since it
# bombed the village on October 9, killing 29" dates its own fact, and is left).
_SINCE_CLAUSE = Gated((Regex(r"\bsince\s+[^,.;]{0,50}?\b(?:began|begun|started|erupted|broke\s+out|resumed|"
                             r"escalated|intensified|launched|launching|starting|beginning)\b[^,.;]{0,40}"),),
                      ("since",))

# "after an offensive that began on November 27": when the campaign started, not when the sentence's fact happened.
_START_CLAUSE = Gated((Regex(r"\b(?:offensive|campaign|operation|war|siege|assault|advance|uprising|conflict|"
                             r"insurgency|fighting)\s+(?:that|which)\s+(?:had\s+)?(?:began|begun|started|erupted|"
                             r"broke\s+out|was\s+launched)\b[^,.;]{0,40}"),), ("began", "begun", "started", "erupted",
                                                                              "broke out", "launched"))

# "the generals who seized power in 2021", "a junta that took power in a 2023 coup": the date of the coup, which
# names who rules, not when the sentence's fact happened.
_POWER_CLAUSE = Gated((Regex(r"\b(?:seized|took|grabbed|snatched|came\s+to)\s+power\b[^,.;]{0,60}"),
                       # "since the generals toppled the civilian government in 2021": the coup, told another way.
                       Regex(r"\b(?:ousted|overthrew|toppled|deposed)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?"
                             r"(?:government|president|leader|prime\s+minister)\b[^,.;]{0,80}")),
                      ("power", "ousted", "overthrew", "toppled", "deposed"))


# Asked of a sentence for its own date, then again for each fact found in it (stream.core.extract.doubts).
@lru_cache(maxsize=256)
def dating_text(sentence: str) -> str:
    """The sentence with what does not date its fact blanked out, offsets kept: a comparison with the past ("the
    deadliest attack since the coup last year"), the start of a period ("since the attacks began on June 2", "an
    offensive that began on June 2") and a coup that says who rules ("the generals who seized power in 2021")."""
    low = lowered(sentence)
    spans = [m.span() for gate in _UNDATING for pattern in gate.where(low) for m in pattern.finditer(low)]
    for start, end in spans:
        sentence = sentence[:start] + " " * (end - start) + sentence[end:]
    return sentence


# "recaptured the town of Nasir, which the militia overran in March": an aside about a place or a group, at the
# sentence's end or between commas, tells its own time.
_RELATIVE_ASIDE = Gated((Regex(r",\s+(?:which|who|whom|whose)\s+[^,;]{3,100}(?=,|[.;]?\s*$)"),
                         # "pushing back fighters who had captured it in July": a clause in the past perfect is
                         # earlier than the sentence it stands in.
                         Regex(r"\b(?:who|which|that)\s+had\s+(?:been\s+)?\w+[^,.;]{0,80}")),
                        (", which", ", who", "who had", "which had", "that had"))


def in_aside(sentence: str, offset: int) -> bool:
    """``offset`` lies in a relative clause that tells its own time ("rebels who had seized the town in March"):
    what is found there is dated by the clause, not by the sentence around it."""
    return aside_around(sentence, offset) is not None


def aside_around(sentence: str, offset: int) -> str | None:
    """The relative clause ``offset`` lies in, as written, or None."""
    low = lowered(sentence)
    return next((sentence[m.start():m.end()] for pattern in _IN_ASIDE.where(low) for m in pattern.finditer(low)
                 if m.start() <= offset < m.end()), None)


# An aside about who acted, between commas: "the RSF, which captured the city in 2023, shelled ...". Its time is the
# aside's, not the sentence's news.
_ASIDE = Gated((Regex(r",\s+(?:which|who)\s+[^,;]{3,80},"),), (", which", ", who"))


# What dates no fact in a sentence, gated by the sentence's cue words (read once for all the gates and finders).
# "declared Tuesday a day of mourning": a day set for grief, after the news, not the day it happened.
_MOURNING = Gated((Regex(r"\b(?:declared|announced|proclaimed|declaring|announcing)\s+[^.;]{0,30}?\bdays?\s+of\s+"
                         r"(?:national\s+)?mourning\b"),), ("mourning",))
_UNDATING = tuple(map(SentenceGate.of, (_COMPARISON, _SINCE_CLAUSE, _START_CLAUSE, _POWER_CLAUSE, _MOURNING,
                                        _RELATIVE_ASIDE)))
_IN_ASIDE = _UNDATING[-1]
# "groups that sprang up after the army seized power in February": the coup's month tells when the groups began, not
# a period the sentence's figures are summed over. "Since the army seized power" stays a period.
_AFTER_THE_COUP = Gated((Regex(r"\b(?:after|when|before)\s+(?:the\s+)?(?:army|military|junta|generals|tatmadaw)\s+"
                               r"(?:seized|took|grabbed)\s+power\b[^,.;]{0,60}"),), ("power",))
_COMPARED = tuple(map(SentenceGate.of, (_COMPARISON, _ASIDE, _AFTER_THE_COUP)))


def _without_comparisons(text: str) -> str:
    # Most sentences hold no comparative nor aside: the gates spare the scans (4 us a sentence).
    for pattern in [pattern for gate in _COMPARED for pattern in gate.where(text)]:
        text = pattern.sub(",", text)
    return text


_SINCE_DATE = Regex(r"\bsince\s+(?P<what>[^,.;]{3,90})")
# "since May", "since early March": a month with no day, the start of a period at least weeks long.
_SINCE_MONTH = Regex(r"\bsince\s+(?P<part>early\s+|late\s+|mid-?)?(?P<mon>" + _MONTH + r")\b(?!\.?\s*\d)")
# Where in its month a period told by a part of it starts: "since late September" is weeks, not a month and more.
_PART_DAY = {"late": 20}
# "A civil war that has left thousands dead" counts as "has killed thousands" does.
_PERFECT_TOLL = Regex(r"\b(?:has|have)\s+(?:been\s+)?(?:killed|died|claimed)|\bhave\s+been\s+killed|"
                      r"\b(?:has|have)\s+left\s+(?:[\w,]+\s+){1,4}?dead\b")
# Time words that tie a sentence to a specific recent moment, in two gated patterns: one pattern with
# a word boundary before all the alternatives would be tried at every letter of every sentence.
_ANCHOR_WORDS = Gated((WordRegex(
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|today\b|yesterday\b|"
    r"(?:this|last)\s+(?:morning|night|evening|week)\b|tonight\b|early\s+on\b)"),),
    ("day", "night", "morning", "evening", "week", "early"))
# "At" names an hour only with a clock's marks ("at 5 a.m.", "at 21:30", "at 0400 GMT"): "put the toll at 27" is a
# figure.
_ANCHOR_TIME = Gated((WordRegex(
    r"(?:(?:" + _MONTH + r")\.?\s+\d{1,2}\b|\d{1,2}\s+(?:" + _MONTH + r")\b|at\s+(?:around\s+|about\s+)?"
    r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\b|p\.?m\b|o['’]clock)|\d{1,2}:\d\d|\d{4}\s*(?:gmt|utc|local|hrs|hours)\b))"),),
    (*MONTH_STEMS, "at"))  # read in the lower-cased sentence, as all of these
# The day alone, without a clock's hour: "at about 6 p.m." tells the hour of a day told before it.
_ANCHOR_DAY = Gated((WordRegex(r"(?:(?:" + _MONTH + r")\.?\s+\d{1,2}\b|\d{1,2}\s+(?:" + _MONTH + r")\b)"),),
                    MONTH_STEMS)
# These and _PERFECT, _PERFECT_TOLL and _UNSPECIFIC read folded text: re.I costs two to four times more.
_NEGATION = Regex(
    # Not a source's wish to stay unnamed: "an official, who asked not to be named, said 27 soldiers were killed", "as
    # he was not authorised to speak to the media".
    r"\b(?:not(?!\s+to\s+be\s+(?:named|identified|quoted)\b|\s+authori[sz]ed\s+to\b)|no|never|denied|denies|deny|"
    r"without|neither|nor|none|nobody|no\s+one|n't|failed\s+to|unable\s+to|rejected|false|"
    # "the army's account contradicts reports that the base was overrun": a report a speaker says is wrong.
    r"(?:dismiss|disput|contradict|refut)\w*\s+(?:the\s+|these\s+|those\s+)?(?:reports?|claims?|accounts?|rumou?rs?))\b|n't\b")
_HYPOTHETICAL = WordRegex(
    r"(?:threaten(?:s|ed|ing)?\s+to|plan(?:s|ned|ning)?\s+to|vow(?:s|ed)?\s+to|want(?:s|ed)?\s+to|"
    r"aim(?:s|ed)?\s+to|tr(?:y|ies|ied|ying)\s+to|attempt(?:s|ed|ing)?\s+to|seek(?:s|ing)?\s+to|could|would|"
    r"efforts?\s+to|bid\s+to|push(?:es|ed|ing)?\s+to|battl(?:e|es|ed|ing)\s+to|fight(?:s|ing)?\s+to|"
    r"prevent(?:s|ed|ing)?|stop(?:s|ped)?\s+\w+\s+from|"
    r"might|if|unless|to\s+avoid|for\s+fear|fear(?:s|ed)?\s+of|risk\s+of|feared|preparing\s+to|"
    # "said they were prepared to take in up to 50,000 people fleeing": room made ready, no one yet fled.
    r"(?:prepared|ready)\s+to|"
    r"expected\s+to|about\s+to|warned|warning|"
    # "a step towards liberating the city": the taking is what the step leads to.
    r"towards?\s+$|"
    # "has repeatedly announced the capture of settlements": what a side does again and again, no one taking.
    r"(?:repeatedly|routinely|regularly|frequently|often)\s+(?:\w+\s+){0,2}$|"
    # "the town will be liberated soon", "we will retake it within weeks": a promise, not a taking (the verb follows
    # the clause read). Not an estimate opening on "there will be": how many are on the move.
    r"(?<!there\s)(?:will|shall)\s+(?:soon\s+|surely\s+|also\s+)?(?:be\s*)?$|going\s+to\s+(?:be\s+)?$)")


# Remembered: a sentence is asked for its day by its timeline, its doubts and each of its records' clauses.
@lru_cache(maxsize=256)
def has_anchor(sentence: str) -> bool:
    """True when the sentence names a specific recent day or hour."""
    text = lowered(sentence)
    return bool(_ANCHOR_WORDS.search(text) or (has_digit(text) and _ANCHOR_TIME.search(text)))


@lru_cache(maxsize=256)
def names_a_day(sentence: str, tellings: bool = False) -> bool:
    """``has_anchor`` without an hour alone or, unless ``tellings``, the day of a telling: "the gate was blown open
    at about 6 p.m.", and "police confirmed the toll in a statement on Monday", are of the day told before."""
    text = lowered(sentence)
    if has_digit(text) and _ANCHOR_DAY.search(text):
        return True
    return any(tellings or not telling_day(text, m) for pattern in _ANCHOR_WORDS.where(text)
               for m in pattern.finditer(text))


def _period(text: str) -> re.Match[str] | None:
    """``_PERIOD.search(text)``, a third cheaper: every alternative opens on a letter, so a match starts the text
    or follows a character no word holds."""
    m = _PERIOD.match(text)
    if m is None:
        before = _PERIOD_AFTER.search(text)
        m = _PERIOD.match(text, before.start() + 1) if before else None
    return m


# "the October 7 attack, which triggered the war, killed 1,198": the war's first day, recalled in an aside (read
# before the asides are put aside).
_WAR_BEGAN = Regex(r"\b(?:which|that)\s+(?:triggered|sparked|started|ignited|unleashed|set\s+off)\s+(?:the|this)\s+"
                   r"(?:current\s+)?(?:war|conflict|crisis)\b")


# "October was one of the deadliest months for the forces, with 62 killed": the month's count, however compared.
_DEADLIEST_MONTH = Regex(r"\b(?:deadliest|bloodiest|most\s+violent|worst)\s+months?\b")


# "Before Monday, more than 600 people had been killed in the country": the count up to the news, not of it. Not a
# blow of its own day: "Before that, gunmen had killed 12 villagers on Sunday".
_BEFORE_THEN = Regex(r"\W*before\s+[^,;.]{1,40},(?P<clause>[^;]*?\bhad\s+(?:\w+ly\s+)?(?:been\s+)?(?:killed|died)\b)")


def is_background(sentence: str, published: date | None) -> bool:
    """True when the sentence gives a running total or a period statistic rather than an incident."""
    low = lowered(sentence)
    if (m := _BEFORE_THEN.match(low)) and not has_anchor(m["clause"]):
        return True  # anchored at the sentence's start: it fails at once on any other first word
    if contains_any(low, ("war", "conflict", "crisis")) and _WAR_BEGAN.search(low):
        return True
    if "month" in low and _DEADLIEST_MONTH.search(low):
        return True  # read before the comparisons go: its words are one
    text = _without_comparisons(low)
    if _period(text):
        return True
    if "since" not in text:
        return False  # every match of the two patterns below holds it: most sentences run neither
    for m in _SINCE_DATE.finditer(text):
        when = _since_date(m["what"], published)
        # "since 26 October" in an article of 7 November is the current offensive, not a running total.
        if when and published and published - when > timedelta(days=30):
            return True
    month = _SINCE_MONTH.search(text)
    if not month:
        return False
    # Without the article's date, a period since a month cannot be told from the current offensive: a total.
    if published is None:
        return True
    start = _month_start(MONTHS[month["mon"]], published)
    start = start.replace(day=_PART_DAY.get((month["part"] or "").strip(" -"), 1))
    return published - start > timedelta(days=30)


def _month_start(month: int, anchor: date) -> date:
    """The first day of ``month`` on or before ``anchor``."""
    year = anchor.year if month <= anchor.month else anchor.year - 1
    return date(year, month, 1)


def _since_date(text: str, published: date | None) -> date | None:
    if published is None:
        return None
    return written_day(text, published)


def background_words(sentence: str) -> str | None:
    """The words that make a sentence background ("since the coup", "so far"), for explanations."""
    text = lowered(sentence)
    m = _WAR_BEGAN.search(text) or _period(_without_comparisons(text)) or _SINCE_DATE.search(text)
    return m.group(0) if m else None


# "claimed to have killed", "claimed it had killed", "claims its fighters killed": the killers' count of their dead.
# So does a side's word of what it or its own fighters did: "ISWAP said its fighters had killed 34 soldiers", "the
# group claimed the attack, saying it had killed more than 50".
# Where the claim was made may stand between the verb and what it claims: "said in a statement to media that".
# So may when or how, before a "that": "said last week that", "claimed in a video posted online that", "said in a
# statement on Monday night that".
_IN_A_STATEMENT = (r"(?:in\s+a\s+(?:[\w-]+\s+)?(?:statement|video|post|message|communique)"
                   r"(?:\s+(?:to|on)\s+(?:the\s+)?[\w-]+)?\s+|(?:[\w'’-]+\s+){1,6}?(?=that\s))?")
_CLAIMED_KILLING = Regex(r"\b(?:claim(?:ed|s|ing)?\s+" + _IN_A_STATEMENT + r"(?:to\s+have|(?:that\s+)?(?:it|they|"
                         r"its\s+\w+|their\s+\w+)(?:\s+had|\s+have)?)|(?:said|says|saying)\s+" + _IN_A_STATEMENT +
                         r"(?:that\s+)?(?:it|they)\s+(?:had|has|have)|(?:said|says|saying|claimed)\s+" +
                         _IN_A_STATEMENT +
                         r"(?:that\s+)?(?:its|their)\s+(?:fighters|forces|"
                         r"troops|men|members|militants|mujahideen|units)(?:\s+had|\s+have)?)\s+(?:\w+\s+)?"
                         # What else its fighters did may come first: "its fighters destroyed eight trucks and killed",
                         # "claimed to have overrun the base, killed 30 soldiers".
                         r"(?:[^.;]{0,60}?(?:,|\s+and)\s+)?[\"“']?"
                         # A side's word for the enemy dead: "said its forces had \"neutralised\" 32 \"terrorists\"".
                         r"(?:killed|neutrali[sz]ed|eliminated)[\"”']?\s+[\"“']?(?:\w+\s+){0,2}$")
# The claim told in the passive, of fighters' dead: "claimed that 27 'apostate' soldiers were killed", "up to 85
# servicemen had been". Not "claimed that seven civilians were killed": a monitor's or a side's word of the harm done
# to people, not of what its fighters did.
# The claimed figure may open on its qualifier, whichever side of the figure's start the pattern reads from.
_CLAIM_QUALIFIER = r"(?:(?:up\s+to|more\s+than|at\s+least|over|about|around)\s+)?"
_CLAIMED_THAT = Regex(r"\bclaim(?:ed|s|ing)?\s+(?:that\s+)?" + _CLAIM_QUALIFIER + r"[\"“']?$")
_FIGHTERS_AFTER = Regex(_CLAIM_QUALIFIER + r"[\d,]*\s+"
                        r"(?:[\"“'][\w-]+[\"”']\s+|[\w-]+\s+)?(?:soldiers|troops|servicemen|fighters|"
                        r"militants|militiamen|personnel|policemen|police\s+officers)\b")


# One side's word of the other's dead: "with the rebels saying more than 20 soldiers were killed", "the army said 30
# insurgents died". A side's word of its own dead ("the army said seven soldiers were killed") is its loss, told.
# Where it spoke may stand between ("the ministry of information said in a statement that more than 70 militants"); and
# a group claiming an attack speaks for its fighters ("claimed responsibility ..., saying 16 soldiers had been killed").
_SIDE_SAYS = (r"\s+(?:had\s+)?(?:said|saying|says|claimed|claiming|claims)\s+" + _IN_A_STATEMENT + r"(?:that\s+)?"
              + _CLAIM_QUALIFIER + r"$")
_REBELS_SAY = Regex(r"\b(?:rebels?|insurgents?|militants?|jihadists?|guerrillas?|separatists?|the\s+group|"
                    r"the\s+militia)" + _SIDE_SAYS + r"|\bclaimed\s+responsibility\b[^.;]{0,100}?,\s+saying\s+"
                    r"(?:that\s+)?" + _CLAIM_QUALIFIER + r"$")
_STATE_SAYS = Regex(r"\b(?:army|military|junta|ministry|government|regime|police)(?:\s+of\s+[\w-]+(?:\s+[\w-]+)?)?"
                    + _SIDE_SAYS)
_SOLDIERS_AFTER = Regex(_CLAIM_QUALIFIER + r"[\d,]*\s+(?:[\w-]+\s+)?(?:soldiers|troops|servicemen|policemen|"
                        r"personnel|security\s+forces)\b")
_REBELS_AFTER = Regex(_CLAIM_QUALIFIER + r"[\d,]*\s+(?:[\w-]+\s+)?(?:rebels|insurgents|militants|fighters|"
                      r"terrorists|militiamen|attackers|jihadists|gunmen)\b")


# A side's account of what its fighters did, then a toll: "said in a video that its fighters had taken the town
# and that more than 100 soldiers had been killed" is the side's word of the enemy's dead.
# So is "its news agency said fighters of the group had taken control of the barracks and killed seven soldiers", and
# "the group said it had taken control of the town and killed around 60 soldiers".
_SIDE_ACCOUNT = Regex(r"\b(?:said|says|claimed|claims)\s+(?:[^.;]{0,60}?\s)?(?:that\s+)?(?:(?:its|their)\s+(?:fighters|"
                      r"forces|troops|men|militants|mujahideen|units)|(?:fighters|militants|mujahideen)\s+of\s+"
                      r"[^.;]{0,60}?|it|they)\s+had\b[^.;]{0,160}?\band\s+(?:that\s+)?(?:killed\s+)?(?:(?:more|fewer)\s+than\s+|"
                      r"at\s+least\s+|over\s+|some\s+|about\s+|around\s+|nearly\s+|up\s+to\s+)?[\"“']?$")


def claimed_killing(sentence: str, offset: int) -> str | None:
    """The words before a figure at ``offset`` that make it the killers' claim ("the group claimed to have killed
    43"), or None."""
    low = lowered(sentence)
    m = (_CLAIMED_KILLING.search(low, max(0, offset - 120), offset)
         or (_SIDE_ACCOUNT.search(low, 0, offset) if " had " in low else None)
         or (_CLAIMED_THAT.search(low, max(0, offset - 40), offset) if _FIGHTERS_AFTER.match(low, offset) else None))
    return m.group(0).strip() if m else enemys_dead_claimed(sentence, offset)


def enemys_dead_claimed(sentence: str, offset: int) -> str | None:
    """The words before a figure at ``offset`` that make it one side's word of the other's dead ("the rebels saying
    more than 20 soldiers", "the ministry said in a statement that more than 70 militants"), or None."""
    low = lowered(sentence)
    m = ((_REBELS_SAY.search(low, max(0, offset - 160), offset) if _SOLDIERS_AFTER.match(low, offset) else None)
         or (_STATE_SAYS.search(low, max(0, offset - 60), offset) if _REBELS_AFTER.match(low, offset) else None))
    return m.group(0).strip() if m else None


# The story's own doubt of a count it reports: ", a claim that could not be verified", "a figure dismissed by the
# military as fabrication".
_UNVERIFIED = Regex(r"\b(?:a|the|which|this)\s+(?:(?:claims?|figures?|numbers?|tolls?|counts?|tally)\s+)?"
                    r"(?:that\s+|which\s+)?(?:could\s+not|cannot|can\s*not|has\s+not|had\s+not)\s+"
                    r"(?:immediately\s+)?be(?:en)?\s+(?:independently\s+)?(?:verified|confirmed)|"
                    # "a figure dismissed by the military", "a claim the army dismissed as lies".
                    r"\b(?:claims?|figures?|numbers?|tolls?|counts?)\s+(?:(?:which|that)\s+)?(?:the\s+)?"
                    r"(?:[\w-]+\s+){0,2}?(?:dismissed|denied|rejected|disputed)\b")
# A speaker's own words for the enemy's dead, in quotation marks: 19 "terrorists", "more than 200 mercenaries",
# "neutralised" dozens. Words a story puts in quotation marks it does not make its own; not seven "security
# personnel": a side's name for its own dead.
_QUOTES = "\"“”"
_QUOTED = Regex(r"[\"“]([^\"“”]{1,80})(?:[\"”]|$)")  # 19 "terrorists." : a quote may close past the stop
_ENEMY = (r"terrorists?|khawarij|kharijites?|mercenar(?:y|ies)|bandits?|extremists?|insurgents?|rebels?|militants?|"
          r"apostates?|enemy|enemies|infidels?|invaders?|occupiers?")
_ENEMY_WORDS = Regex(r"\b(?:" + _ENEMY + r"|neutrali[sz]ed|eliminated|liquidated|dozens|scores|hundreds)\b", re.I)
# The enemy named, whoever the count does not say they were: "more than 30 members of the enemy".
ENEMY_NAMED = Regex(r"\b(?:" + _ENEMY + r")\b", re.I)
_ATTRIBUTED = Regex(r"\b(?:said|says|saying|statement|according|claimed|claims|told|announced|posted)\b")


def unadopted_count(sentence: str, start: int, end: int) -> str | None:
    """The words that make the count at ``start:end`` a side's word the story does not adopt, or None: its speaker's
    own words in quotation marks beside it, or the story's doubt told after it."""
    low = lowered(sentence)
    if contains_any(low, ("verified", "confirmed", "dismissed", "denied", "rejected", "disputed")) and (
            m := _UNVERIFIED.search(low, end)):
        return m.group(0)
    if any(q in sentence for q in _QUOTES) and _ATTRIBUTED.search(low):
        for m in _QUOTED.finditer(sentence):
            if m.start() <= end + 1 and m.end() >= start - 15 and (
                    _ENEMY_WORDS.search(m[1]) or (m.start() <= start <= m.end() and has_digit(m[1]))):
                return m.group(0)  # or its own figure: had killed "more than 30" members of the security forces
    return None


def denial_words(clause: str) -> str | None:
    m = _NEGATION.search(fold(clause))
    return clause[m.start():m.end()] if m else None


def hypothetical_words(clause: str) -> str | None:
    m = _HYPOTHETICAL.search(fold(clause)) or _MAY.search(clause)
    return clause[m.start():m.end()] if m else None


def battle_total(sentence: str, count: int) -> bool:
    """Thousands told of a battle or a siege as a whole, with no day: "more than a thousand people were killed in
    the fighting, and hundreds of thousands were forced to flee"."""
    text = lowered(sentence)
    return count >= 1000 and "the " in text and _IN_THE_BATTLE.search(text) is not None and not has_anchor(sentence)


def battle_flight(sentence: str, count: int) -> bool:
    """Thousands told as fled in a battle whose dead the sentence sums too; not "15,000 fled the town during the
    fighting": a day's flight, however large."""
    return battle_total(sentence, count) and contains_any(lowered(sentence), (" killed", " dead", " died", " lives"))


def is_toll(sentence: str, count: int) -> bool:
    """A large count in the perfect tense ("have been killed") is a toll, not one incident; so is any count in the
    perfect since an event the sentence gives no day ("35 have been killed since the handover", "had killed 30 in
    ambushes since the column left"). So is a count of the whole of a war or a siege, in any tense: "more than 4,000
    people were killed in Lebanon during the war, which began on October 8"."""
    text = lowered(sentence)
    if count >= 100 and _PERFECT_TOLL.search(text):
        return True
    if contains_any(text, _DURING_WORDS) and (m := _DURING_THE_WAR.search(text)) and m["whole"] not in _STRETCHES:
        return True  # not "two soldiers were killed during the siege on Monday": a day of a siege is news
    if "week" in text and _PERFECT_VICTIMS.search(text) and _THIS_WEEK.search(text):
        return True  # "at least 11 civilians have been killed in the area this week": the week's count so far
    if "another" in text and _ANOTHER_SO_FAR.search(text) and not has_anchor(sentence):
        # "In Lebanon, another 60 fighters, a soldier and dozens of civilians have been killed": more of a count
        # that runs, told with no day.
        return True
    if battle_total(sentence, count):
        return True  # "more than a thousand people were killed in the fighting": a battle's dead, told as a whole
    stretch = _STRETCH_OF_FIGHTING.search(text) if "week" in text or "month" in text else None
    if stretch and text[:stretch.start()].strip() and not names_a_day(sentence[:stretch.start()]):
        # "says it killed about 60 soldiers during a month of clashes": the stretch's dead, summed. Not "During two
        # weeks of fighting, rebels shelled Kani on Wednesday, killing 12": a scene the day's news is set in.
        return True
    if "since" in text and _SINCE_CALENDAR.search(text):
        return True  # "killed more than 1,000 fighters since the start of the month": the month's dead, summed
    if "side" in text and _ON_ONE_SIDE.match(text) and _PERFECT_VICTIMS.search(text) and not has_anchor(sentence):
        # "On the Israeli side, 10 soldiers and seven civilians have been killed": one side's count of a war, no day.
        return True
    if "since" not in text or not _PERFECT_VICTIMS.search(text):
        return False
    return _since_an_undated_event(text)


# The whole of a battle, a siege or a war: "in the fighting", "during the siege".
_IN_THE_BATTLE = WordRegex(r"(?:in|during)\s+the\s+(?:battle|siege|fighting|war|offensive|campaign|insurgency)\b")
# Weeks or months of fighting, counted as one: "during a month of clashes", "over three weeks of fighting", a
# headline's "in week of operations". Not days: a battle of two or three days is told as its news.
_STRETCH_OF_FIGHTING = WordRegex(r"(?:during|over|in|through|throughout)\s+(?:(?:a|one|two|three|four|five|"
                                 r"six|several|many|nearly\s+a|more\s+than\s+a)\s+)?(?:weeks?|months?)\s+of\s+"
                                 r"(?:heavy\s+|fierce\s+)?(?:fighting|clashes|battles?|combat|operations|offensives?|"
                                 r"attacks|raids|air\s*strikes|bombing|shelling)\b")


# Opening the sentence, a side's count of its own: not "on the other side of the river".
_ON_ONE_SIDE = Regex(r"\W*(?:on|for)\s+the\s+(?!other\b|far\b|opposite\b|same\b)[\w-]+\s+side\s*,")


def is_flight_since(sentence: str) -> bool:
    """People told in the perfect as displaced since an event the sentence gives no day, or in the whole of a war,
    are a stock, not one flight: "60,000 have been displaced since the fighting began", "have fled since the war
    broke out", "have been killed and 60,000 displaced in the conflict between the two communities". So are those
    who left "after the incursion began", in any tense."""
    text = lowered(sentence)
    if "after" in text and _AFTER_IT_BEGAN.search(text) is not None:
        return True
    if "as of" in text and _DISPLACED_AS_OF.search(text) is not None:
        return True  # "780,000 people displaced as of 16 October": the count as it stands on a day, a stock
    if _WAR_HAS_DISPLACED.search(text) is not None or (contains_any(text, _DURING_WORDS)
                                                        and _DURING_THE_WAR.search(text) is not None):
        return True
    if "arriv" in text and "since" in text and _SINCE_MONTH.search(text) is not None:
        return True  # "had arrived in Gambella since late January": an agency's tally of arrivals over weeks
    if not _PERFECT_FLIGHT.search(text):
        return False
    # "Since the start of the month": a flight of this month's weeks, which the news tells as its own.
    return ("since" in text and _since_an_undated_event(text, _CALENDAR_START)) or bool(_IN_THE_WAR.search(text)) or (
        contains_any(text, (" of ", "liv")) and _STILL_AWAY_NOW.search(text) is not None)


# "500,000 people are displaced in Rakhine", "560,000 people already displaced", "141,230 internally displaced persons
# in the region": how many are away from home, in the present, not a flight of the news.
# Matched at the figure, in the folded sentence, whose span may open on its qualifier ("more than 600,000").
_ABOUT = r"(?:(?:more\s+than|over|about|around|some|nearly|almost|at\s+least|an\s+estimated)\s+)?"
_ARE_DISPLACED = Regex(_ABOUT + r"[\d,.]+(?:\s+million)?(?:\s+(?:people|persons|civilians|residents|others))?"
                       # "120,000 people in the Yaw region are displaced": where they are, then the stock.
                       r"(?:\s+(?:in|across|around|throughout)\s+[^,.;]{1,40}?)?\s+"
                       r"(?:(?:who\s+)?(?:are\s+(?:now\s+|still\s+|currently\s+|already\s+)?|already\s+)"
                       r"(?:internally\s+)?displaced\b|internally\s+displaced(?:\s+(?:persons|people))?"
                       r"(?!\s+(?:were|have|had|fled|from|by)\b))")


def fled_so_far(sentence: str) -> bool:
    """The sentence tells a flight in the perfect and names no day: "tens of thousands more have fled to Malakal"."""
    return _PERFECT_FLIGHT.search(lowered(sentence)) is not None and not has_anchor(sentence)


def are_displaced(sentence: str, start: int) -> bool:
    """The figure at ``start`` counts people who "are displaced": a stock told in the present, what the fighting
    "has left" ("has left more than 600,000 people displaced"), or whom a place is a refuge for."""
    text = lowered(sentence)
    return _ARE_DISPLACED.match(text, start) is not None or (
        _HAS_LEFT.search(text, max(0, start - 40), start) is not None
        and _LEFT_DISPLACED.match(text, start) is not None) or (
        _REFUGE_FOR.search(text, max(0, start - 40), start) is not None)


_HAS_LEFT = Regex(r"\b(?:has|have|had)\s+left\s+" + _ABOUT + "$")
# "a town that has become a refuge for hundreds of thousands", "home to 200,000 displaced": who a place shelters.
_REFUGE_FOR = Regex(r"\b(?:refuge|home|haven)\s+(?:for|to)\s+" + _ABOUT + "$")
_LEFT_DISPLACED = Regex(_ABOUT + r"[\d,.]+(?:\s+million)?(?:\s+(?:people|persons|civilians|residents))?\s+"
                        r"(?:internally\s+)?displaced\b")
# "evacuated from border districts after the incursion began": all who left since the start, as "since" tells it.
_AFTER_IT_BEGAN = Regex(r"\bafter\s+the\s+(?:[\w-]+\s+){0,2}?(?:incursion|invasion|war|offensive|fighting|conflict|"
                        r"operation|clashes|crisis)\s+(?:began|started|broke\s+out|erupted)\b")
# "The conflict between the two communities has claimed 260 lives and displaced 60,000": the war's own count. So is
# one a clause of its start stands in: "the crisis, which began in 2016, has forced 600,000 from their homes".
# So is the violence's, where it sums its dead too: "the violence between the two communities has claimed 250 lives
# and left tens of thousands displaced". Not "the violence has forced up to 15,000 to flee": an offensive's week.
_WAR_HAS_DISPLACED = Regex(r"\b(?:(?:war|conflict|crisis|insurgency)(?P<war>)|violence|unrest)(?:\s+(?:between|in|on|"
                           r"against|with|over)\s+"
                           r"[^,.;]{1,60}?)?(?:,\s+(?:which|that)\s+[^.;]{1,80}?,)?\s+(?:has|have)\s+"
                           r"(?:(?:now|so\s+far|already)\s+)?"
                           r"(?:(?:claimed|killed|cost)\s+[^.;]{1,40}?\s+and\s+|(?P=war))"
                           r"(?:displaced|uprooted|forced|driven|left)\b")
# "150,000 were evacuated from the border districts during the incursion": the whole of a war or a siege, summed.
_DURING_THE_WAR = Regex(r"\b(?:during|throughout|(?:over|in)\s+the\s+course\s+of)\s+the\s+(?:[\w-]+\s+){0,2}?"
                        r"(?P<whole>incursion|invasion|war|occupation|siege|conflict|insurgency)\b(?!\s+zone)")
_DURING_WORDS = ("during", "throughout", "course of")
# Of those, the ones whose days are news in their own right.
_STRETCHES = ("siege", "incursion")
_IN_THE_WAR = Regex(r"\bin\s+the\s+(?:war|conflict|crisis|insurgency)\b(?!\s+zone)")
# "have been displaced, with many still living in relief camps": those still away, counted as a stock.
# So do "many of whom live in informal settlements".
# And "with around 1,000 of them staying in collective shelters".
_STILL_AWAY_NOW = Regex(r"\b(?:(?:many|most|some|thousands|half)\s+(?:of\s+(?:them|whom)\s+)?(?:are\s+|now\s+)?"
                        r"(?:still\s+(?:living|sheltering|staying|housed)|live|living)|"
                        r"[\d,]+\s+of\s+(?:them|whom)\s+(?:are\s+)?(?:still\s+)?(?:living|sheltering|staying|housed))\b")


def share_of_a_running_toll(sentence: str, before: str) -> bool:
    """"Of them, 198 were killed in four districts", after "217 have been killed since January": a share of a toll told
    in the perfect is a running count too, whatever its own tense."""
    return _SHARE_OPENING.match(sentence) is not None and _PERFECT_TOLL.search(lowered(before)) is not None


_SHARE_OPENING = Regex(r"\W*(?:of|among)\s+(?:them|these|those|the\s+dead|the\s+victims)\s*,", re.I)


def dead_since_a_start(sentence: str) -> str | None:
    """The clause a count of the dead in the perfect runs from, where it is a campaign's start ("had been killed
    since the army resumed strikes on March 18"), or None."""
    return _since_a_start(sentence, _PERFECT_VICTIMS)


def fled_since_a_start(sentence: str) -> str | None:
    """The same for people displaced in the perfect: "since hostilities resumed on 13 November, more than 52,000
    people have been newly displaced"."""
    return _since_a_start(sentence, _PERFECT_FLIGHT)


def counted_since_a_start(sentence: str) -> bool:
    """The sentence counts from a campaign's start ("killed since the escalation began on December 12"), in any
    tense: a running count, not one incident's toll."""
    return "since" in sentence and _SINCE_CLAUSE.search(lowered(sentence)) is not None


def _since_a_start(sentence: str, perfect: Regex) -> str | None:
    text = lowered(sentence)
    if "since" not in text or not perfect.search(text):
        return None
    m = _SINCE_CLAUSE.search(text)
    return sentence[m.start():m.end()] if m else None


def _since_an_undated_event(text: str, dated: Regex | None = None) -> bool:
    """A period the sentence counts from an event it gives no day, nor ``dated`` a start of the calendar."""
    return any(not has_digit(m.group(1)) and not has_anchor(m.group(1)) and not (dated and dated.match(m.group(1)))
               for m in _SINCE_EVENT.finditer(text))


_CALENDAR_START = Regex(r"the\s+(?:start|beginning)" + _OF_THE_MONTH)
_SINCE_CALENDAR = Regex(r"\bsince\s+" + _CALENDAR_START.pattern)


# "have been killed", "had killed": the perfect a running count is told in.
_PERFECT_VICTIMS = Regex(r"\b(?:has|have|had)\s+(?:\w+ly\s+)?(?:been\s+)?(?:killed|died|claimed)\b")
# "have been displaced", "had fled", "have been forced out", "have been killed and 60,000 displaced": the
# perfect a stock of the displaced is told in.
_PERFECT_FLIGHT = Regex(r"\b(?:has|have|had)\s+(?:\w+ly\s+)?(?:been\s+)?(?:newly\s+)?"
                        r"(?:(?:killed|wounded|injured)\s+and\s+[^.;]{0,30}?)?"
                        r"(?:displaced|uprooted|fled|forced\s+(?:from|out))\b")
_THIS_WEEK = Regex(r"\b(?:this|the\s+past|the\s+last)\s+week\b")
_DISPLACED_AS_OF = Regex(r"\b(?:displaced|idps|displaced\s+(?:people|persons))\s+as\s+of\b")
_ANOTHER_SO_FAR = Regex(r"\banother\s+[^.;]{0,120}?\b(?:have|has)\s+(?:also\s+)?been\s+killed\b")
# "since the handover", "since the column left Tagaung": the start of a period told by an event, not a date. So is
# "since fighting resumed", the fighting named without its article.
_SINCE_EVENT = Regex(r"\bsince\s+((?:the|they|it|he|she|its|their|his|her|then)\b[^,.;]{0,60}|"
                     r"(?:fighting|clashes|hostilities|violence)\b[^,.;]{0,90})")


_PERFECT = Regex(r"\b(?:has|have)\s+(?:\w+ly\s+)?(?:been\s+)?\w+ed\b")
# "across four Ukrainian regions", "in three provinces": a count of states no one names.
_N_REGIONS = (r"(?:in|across)\s+(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:[\w-]+\s+)?"
              r"(?:regions|provinces|states|oblasts|governorates|departments)")
_ACROSS_REGIONS = Gated((WordRegex(_N_REGIONS),), ("regions", "provinces", "states", "oblasts", "governorates",
                                                    "departments"))
# Not "a village elsewhere in the state": one place, unnamed.
_UNSPECIFIC = WordRegex(r"(?:in\s+other\s+(?:places|areas|parts|regions)|"
                        r"(?<!village\s)(?<!town\s)(?<!camp\s)(?<!market\s)(?<!hamlet\s)elsewhere|"
                        r"across\s+the\s+country|"
                        r"nationwide|across\s+(?:myanmar|the\s+region)|"
                        # "across the region's southern townships", "across its seven districts": units no one
                        # names, summed.
                        r"across\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:townships|districts|counties|municipalities|"
                        r"localities)|"
                        # "across northern Syria": a part of a country, summed.
                        r"across\s+(?:the\s+)?(?:(?:north|south)(?:-?(?:east|west))?ern|eastern|western|"
                        r"central)\s+[a-z]+|"
                        # "in several remote border regions": regions no one names.
                        r"(?:in|across)\s+(?:(?:remote|northern|southern|eastern|western|central|frontier|border|rural|"
                        r"several|many|various|other|the|and|,)\s+){1,6}(?:regions|provinces|states|areas)|"
                        + _N_REGIONS + r")\b")
# Every match of _UNSPECIFIC holds one of these: most sentences hold none, and the pattern is not run.
_UNSPECIFIC_WORDS = Gated((_UNSPECIFIC,), ("other", "elsewhere", "across", "nationwide", "regions", "provinces",
                                           "states", "areas", "oblasts", "governorates", "departments"))
_UNSPECIFIC_IN_SENTENCE = SentenceGate.of(_UNSPECIFIC_WORDS)
# "may" only in lower case: "in May" is a month.
_MAY = Regex(r"\bmay\b")


def is_generic(sentence: str) -> bool:
    """A habitual or nationwide statement ("has responded with air strikes in other places"), no incident."""
    text = lowered(sentence)
    return bool(_UNSPECIFIC_IN_SENTENCE.search(text)) or (bool(_PERFECT.search(text)) and not has_anchor(sentence))


def across_regions(sentence: str) -> str | None:
    """The words that count states no one names ("across four Ukrainian regions"), or that list three places or more
    a figure spreads across ("displaced across Dawei, Palaw and Yebyu townships"), or None."""
    m = _ACROSS_REGIONS.search(lowered(sentence)) or (_ACROSS_LIST.search(sentence) if "across" in sentence else None)
    return m.group(0) if m else None


_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
# Three names or more, the last after "and": "Dawei, Palaw and Yebyu".
_LISTED = rf"\s+(?:the\s+)?{_NAME}(?:,\s+{_NAME})+,?\s+and\s+[A-Z][\w'’-]*"
_ACROSS_LIST = Regex(r"\bacross" + _LISTED)
# "Displaced in Kyaukme, Nawnghkio, Hsipaw and Lashio townships": a flight spread over three places or more is a
# sum over them, no one place's. (Where people went, "towards A, B and C", says nothing of where they fled from.)
_IN_LIST = Regex(r"\bin" + _LISTED)


def over_places(sentence: str) -> str | None:
    """The words listing three places or more a flight spreads over ("in A, B and C"), or None; one "across" them is
    told by ``across_regions``."""
    m = _IN_LIST.search(sentence) if " and " in sentence else None
    return m.group(0) if m else None


def is_unspecific(sentence: str) -> bool:
    """Figures "in other places" or "across the country" are no one incident. "Elsewhere" opening a sentence turns to
    another incident ("Elsewhere in the south, a strike on a house in X killed six"): the words after it tell."""
    text = _without_comparisons(lowered(sentence))
    if text.startswith("elsewhere"):
        comma = text.find(",", 0, 60)
        text = text[comma + 1 if comma > 0 else len("elsewhere"):]
    return bool(_UNSPECIFIC_IN_SENTENCE.search(text))


def negated(clause: str) -> bool:
    """True when the words before a fact deny it ("fighting has not resumed", "no one was killed")."""
    return denial_words(clause) is not None


def hypothetical(clause: str) -> bool:
    """True when the fact is threatened, planned, attempted or feared rather than done."""
    return hypothetical_words(clause) is not None
