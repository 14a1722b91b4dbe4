"""Why a fact may not be the article's news: the doubts the precision gate holds an alert on.

Each doubt is a rule of news writing that usually, not always, marks a fact a desk should not hear about
at once: a name that may not be a place, a place outside the story's conflict, a fact told as history, a
figure that may be a total. A doubted fact is kept with its doubts; an alert that needs it waits on the desk
for a person (stream.core.gate).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from stream.core.dates import MONTHS
from stream.core.extract.context import HISTORY as NEWS_WINDOW
from stream.core.extract.context import PRECISION_RANK, SentenceContext
from stream.core.extract.findings import Finding, clause_before
from stream.core.extract.framing import (
    WHOLE,
    across_regions,
    background_words,
    dating_text,
    has_anchor,
    in_aside,
    over_places,
)
from stream.core.extract.mentions import Mention, countries_named, title_case
from stream.core.places import Gazetteer
from stream.core.records import Place
from stream.core.text import Gated, Regex, WordRegex, alternation, contains_any, lowered

_MONTH = alternation([m for m in MONTHS if len(m) > 3 or m == "may"])
# A month without a day: "in March", "by early December". The day's news is told by its day ("on Tuesday",
# "on March 3"); a month alone sums up a period, as a recap of earlier gains does.
_MONTH_ALONE = rf"(?:early\s+|mid-?|late\s+)?(?:{_MONTH})"
_MONTH_BEFORE = WordRegex(rf"(?:in|by|during)\s+{_MONTH_ALONE}\b(?![\s.]*\d)")
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|(?:this|last)\s+(?:morning|night|week)"
# The words for a war as a whole: what happened "earlier in" one is its course, not the news.
_WAR = r"(?:(?:civil\s+)?war|conflict|uprising|revolution|insurgency)\b"
# Words of a clause that tell its fact as earlier than the news: "already", "had seized",
# "having taken", "since it took", "a week after the army shelled", "as it did in", "last May".
_HISTORY_BEFORE = Regex(
    r"\b(?:already|recently|"
    # "It is worth noting that the factions took control of X on December 9": a monitor's reminder of the past.
    r"worth\s+noting|"
    # "since" a day or a date is weighed by its date (stream.core.extract.framing); "since it took" is history.
    # ... nor "since the offensive began": the start of the period the news is in.
    # "SOHR has previously reported that ...", "the UN said at the time that ...": a voice's earlier report, recalled.
    r"previously\s+(?:reported|documented|announced)|at\s+the\s+time(?!\s+of)|"
    # Not "X, previously held by the army, was seized on Sunday": who held the place taken.
    r"(?:previously|formerly)(?!\s+(?:held|controlled|occupied|under|in\s+the\s+hands))|having|"
    r"since(?!\s+(?:then|dawn|early|the\s+morning|last\s+night|\d|" + _DAY + "|"
    + _MONTH + r"))(?![^,.;]{0,50}?\b(?:began|begun|started|erupted|broke\s+out|resumed|escalated|intensified|"
    r"launched)\b)|"
    r"as\s+(?:it|they|he|she)\s+did|"
    # "the deadliest since 2017, when a truck bomb killed 500": the year's event, recalled.
    # So is a month of that year: "the deadliest since October 2023, when a strike on a camp killed 29".
    # And a stretch of years: "a shift from 2023 and 2024, when resistance forces captured X".
    r"(?:in|since|of|from)\s+(?:(?:early|mid-?|late)\s*)?(?:(?:" + _MONTH + r")\s+(?:\d{1,2},?\s+)?)?(?:19|20)\d\d"
    r"(?:\s+(?:and|to|or)\s+(?:19|20)\d\d)?,?\s+when|"
    # And a month alone after "since": "the largest since March, when 17 were killed", months before the news.
    r"since\s+(?:(?:early|mid-?|late)\s*)?(?:" + _MONTH + r"),?\s+when|"
    # "had seized": the past before the past (but see _REPORTED). Not a toll that "had risen to 13 by Saturday
    # evening": the count as the news leaves it.
    r"had\s+(?:(?:\w+ly|just|only|also)\s+){0,3}(?:been\s+)?(?!to\b|risen\b|climbed\b|increased\b|jumped\b|grown\b)"
    r"\w+(?:ed|en|ken|wn|ew|ught|ook|ut|eld)|"
    r"(?:(?:a|an|one|two|three|four|five|six|several|few|\d+)\s+)?(?:days?|weeks?|months?|years?)\s+"
    r"(?:and\s+a\s+half\s+)?(?:after|before|since)|"
    # "The group, which took control of X earlier this month, ...": told as before the news.
    r"earlier\s+(?:this|in\s+the)\s+(?:month|year)|"
    # "Earlier in the war, the group took X": a war's course is told looking back.
    r"earlier\s+in\s+the\s+" + _WAR + "|"
    # "It was a year ago this week that rebels raised their flag over X": a month or more back is history.
    r"(?:a|an|one|two|three|four|five|six|several|few|\d+)\s+(?:months?|years?)\s+(?:and\s+a\s+half\s+)?ago)\b")
# Reported speech puts the day's events in the past perfect: "the army said its troops had retaken the town".
_REPORTED = Regex(r"\b(?:said|says|told|reported|claimed|announced|added|stated|confirmed|according)\b")
# How far before a past perfect the verb of saying that backshifts it may stand: past a subject described at length
# ("said dozens of soldiers and members of the militia, the auxiliaries who fight beside the army, had been killed").
_SPEECH_REACH = 160
# What a group is known for, in a relative clause: "a militia that has killed scores", "a brigade which has seized".
# Every match of _HISTORY_BEFORE holds one of these: most clauses hold none, and the pattern is not run.
_HISTORY_STEMS = ("already", "recently", "worth noting", "previously", "at the time", "formerly", "having", "since",
                  " did", "had ",
                  "after", "before",
                  "when", " ago", "earlier")
# Also what its arms have done: "a militia whose rocket fire has driven thousands from their homes".
# And as a voice tells it: "strikes that rights groups say have killed scores".
_HABIT = Gated((Regex(r"\b(?:(?:that|who|which)|whose\s+(?:\w+\s+){1,4}?)\s*"
                      r"(?:(?:[\w’'-]+\s+){1,3}?(?:say|says|said|believe|estimate|estimates)\s+)?"
                      r"(?:have|has)\s+(?:\w+\s+){0,2}?"
                      r"(?:killed|seized|captured|taken|displaced|forced|attacked|prompted|driven|uprooted|"
                      r"caused)\b"),),
               ("have", "has"))
_TOLD_AS_PAST = ("having", "worth noting", "already", "previously reported", "previously documented",
                 "previously announced", "at the time")
# The taking itself told in a relative clause of the perfect: what the group is known for, not the day's news.
_HABIT_TAKING = Regex(r"\b(?:that|who|which)\s+(?:has|have)\s+(?:\w+\s+){0,2}$")
# A day's toll of many strikes, as a ministry sums it: "over the past 24 hours".
_HOURS = Gated((Regex(r"\b(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+(?:\d+|twenty-four|"
                      r"forty-eight)\s+hours\b"),), ("hours",))
# "Strikes have killed at least 31 people across the territory since dawn": the day's strikes, summed as they come.
_SINCE_DAWN = Gated((Regex(r"\b(?:strikes|attacks|raids|bombardments?|shelling)\s+[^.;]{0,80}?\s+since\s+"
                           r"(?:dawn|daybreak|midnight)\b"),), ("dawn", "daybreak", "midnight"))
# A situation report's dead: "47 people were killed during the reporting period" sums the incidents it then lists
# (its strikes, and the people who fled, are each the period's news).
_REPORTING_PERIOD = Gated((Regex(r"\b(?:over|in|during)\s+the\s+reporting\s+period\b"),), ("reporting",))
# "in August 2024" too: a month and its year are told looking back, news of the day by its day.
_HISTORY_AFTER = Regex(rf"^[^,;.]{{0,100}}?\b(?:last\s+(?:{_MONTH}|year|month|spring|summer|autumn|fall|winter)|"
                       rf"(?:(?:a|an|one)\s+(?:month|year)|months|years)\s+ago|"
                       rf"earlier\s+(?:this|in\s+the)\s+(?:month|year|spring|summer|autumn|fall|winter)|"
                       rf"in\s+(?:(?:early|mid-?|late)\s*)?(?:19|20)\d\d|in\s+{_MONTH_ALONE})\b(?![\s.]*\d)|"
                       # "seized the villages of A, B and C in the spring": a season, told looking back from the news,
                       # past the commas of a list.
                       rf"^[^;.]{{0,100}}?\bin\s+the\s+(?:early\s+|late\s+)?(?:spring|summer|autumn|fall|winter)\b"
                       rf"(?!\s+of\s+this)|"
                       # "captured the provincial capital, El Fula, earlier in the war": past a name set off by commas.
                       rf"^[^;.]{{0,100}}?\bearlier\s+in\s+the\s+{_WAR}|"
                       # "were overrun several times during the insurgency": a war's course.
                       rf"^[^;.]{{0,60}}?\b(?:several|many|numerous|multiple)\s+times\s+(?:during|in|over)\s+the\s+"
                       rf"(?:{_WAR}|fighting|years)|"
                       rf"^[^,;.]{{0,60}}?\bin\s+{_MONTH_ALONE},?\s+(?:19|20)\d\d\b")
# A place held since a month or a year: "have occupied Kanyabayonga and Kayna since the end of June".
_HELD_SINCE = Regex(rf"^[^,;.]{{0,60}}?\bsince\s+(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?"
                    rf"(?:{_MONTH}|(?:19|20)\d\d)\b")
# One figure for the dead and the wounded, captured or missing together: "killed and wounded dozens", "dead or
# injured", "more than 100 soldiers were killed or captured".
_COMBINED = Regex(r"\b(?:killed|dead|deaths)\s+(?:and|or|and/or)\s+(?:wounded|injured|injuries|hurt|captured|"
                  r"missing|detained|taken\s+prisoner)\b|\b(?:wounded|injured|captured|missing)\s+(?:and|or)\s+killed\b")
# A unit's code or an acronym, not a place: "IB 268", "LIB 54", "MOC-7", "LIB" read without its number.
_UNIT_CODE = Regex(r"^(?-i:[A-Z]{2,5})(?:\s*-?\s*\d+)?$")
# A name before the force or office it describes: "the Chad army garrison", "the Mali police headquarters".
_DESCRIBES = Regex(r"^\s+(?:army|armed\s+forces|military|police|forces|troops|soldiers|government|authorities|"
                   r"rebels|fighters|militias?|junta|regime)\b")
_POSTED_IN_TOWNS = frozenset({"army", "military", "police", "forces", "troops", "soldiers"})
# "Units of its Dnepr group": a force named for a river or a town, wherever the name stands.
_QUOTE_MARKS = "\"”’'"
_FORCE_NAMED = Regex(rf"^[{_QUOTE_MARKS}]?\s+(?:group\s+of\s+forces|group|grouping)\b")
# What may follow a place's name in a longer name of the place itself.
_PLACE_WORDS = frozenset("""town city township district region state division village villages ward wards hamlet
    camp base outpost post hill province oblast governorate county municipality area border river valley
    airport port bridge junction road highway market""".split())
# A capitalised word, not an acronym: "Tamu PDF" is a group named after its town, which stays the place.
_NEXT_WORD = Regex(r"^\s+(?-i:[A-Z][a-z])[\w’'-]*")
# "in the provinces of Al Bayda and Hajjah": names after a division's noun are divisions.
_AREA_OF = Regex(r"\b(?i:provinces?|regions?|governorates?|states?|oblasts?|prefectures?)\s+of\s+"
                 r"(?:[A-Z][\w’'-]*\s*(?:,|and)?\s*)*$")
# A site taken "near" a place: the place says where the base stood, and was not what changed hands.
# "the base of the junta's Light Infantry Battalion (LIB) 345 near Kani": a unit's name may stand between.
# A site taken near a town is the town's, as the news names such sites ("the army base outside Kutkai"), and so is one
# "near" any place ("the checkpoint near Nam Hpat village"). Outside, overlooking or north of a village or township,
# the site is named for itself ("the hill overlooking Nam Hpat" is the hill's), and so are several ("two hills
# overlooking Nam Hpat").
_SITE_NEAR = Regex(r"\b(?:base|camp|outpost|post|position|checkpoint|headquarters|garrison|stronghold|height|hill|"
                   r"hilltop|ridge|peak)s?\s+(?:[\w’'(),-]+\s+){0,8}?(?:(?P<near>near|close\s+to)|outside|overlooking|"
                   r"(?:north|south|east|west)(?:east|west)?\s+of)\s+"
                   r"(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$")
# The site told again with a place of its own: "the outpost at Kyaukkyi village", "the base, known as Hill 702", "the
# camp, on a ridge above the village of Khuasak". The news then names the site by it, not by the town nearby.
_SITE_PLACED = Regex(r"\b(?i:the)\s+(?:[\w-]+\s+)?(?i:outpost|camp|base|post|position|hill|garrison|headquarters)\b"
                     r"[^.;]{0,80}?\b(?:(?i:village\s+of)\s+[A-Z]|(?i:at)\s+[A-Z][\w'’-]+\s+(?i:village)|"
                     r"(?i:known\s+as|called|call|named)\s+[A-Z]|"
                     # "the base in Sabon Gari, about 20 kilometres from the town": a place of its own, measured.
                     r"(?i:in|at)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?,\s+(?i:(?:about|some|around|nearly|roughly)\s+)?"
                     r"\d+\s*(?i:km|kilomet))")
# Every match of _SITE_PLACED holds one of these: most sentences hold none, and the pattern is not run.
_SITE_PLACED_STEMS = ("village", "known as", "call", "named", "km", "kilomet")
_SITE_REACH = 8  # sentences after the taking in which the site is told again


# The site told by a name of its own: "the junta's Lal Long base". Not a unit's or a force's ("the Border Guard Police
# outpost", "the Light Infantry Battalion 345 camp"), nor the place's own ("the Kone Thar checkpoint").
_FORCE_WORDS = frozenset("""Army Force Forces Police Guard Guards Battalion Brigade Division Regiment Command Militia
    Junta Tatmadaw Rangers Marines Front Council Military""".split())
_SITE_OWN_NAME = Regex(r"(?-i:\b[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){0,2})\s+(?=(?:base|camp|outpost|hill)\b)")


def _site_near(before_name: str, place: Place, ctx: SentenceContext) -> re.Match[str] | None:
    """The words saying a site taken stands by the place named after them, when the news names the site by something
    else. A site by a town is the town's unless the story places the site itself; one "near" a village is the
    village's unless the story places it or calls it by a name of its own."""
    near = _SITE_NEAR.search(before_name)
    if near is None:
        return None
    if place.precision == "town":
        return near if _site_placed_after(ctx) else None
    if near["near"]:
        return near if _site_placed_after(ctx) or _site_named_after(ctx, place) else None
    return near


def _site_named_after(ctx: SentenceContext, place: Place) -> bool:
    """Whether the sentences from the taking on name a site by a name that is neither the place's nor a force's."""
    own = place.name.lower()
    for text in ctx.timeline.texts[ctx.index:ctx.index + 1 + _SITE_REACH]:
        for m in _SITE_OWN_NAME.finditer(text):
            words = m.group(0).split()
            if own not in m.group(0).lower() and _FORCE_WORDS.isdisjoint(words) and words[0] != "The":
                return True
    return False


def _site_placed_after(ctx: SentenceContext) -> bool:
    texts = ctx.timeline.texts[ctx.index:ctx.index + 1 + _SITE_REACH]
    return any(contains_any(lowered(text), _SITE_PLACED_STEMS) and _SITE_PLACED.search(text) for text in texts)


# "liberated the village, which lies east of the town of X": where the place taken lies.
_LIES_NEAR = Regex(r",\s+which\s+(?:lies|is|stands|sits)\s+(?:\w+\s+){0,3}?(?:near|outside|close\s+to|"
                   r"(?:north|south|east|west)(?:east|west)?\s+of)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$")
# "control of a section of the road linking Kyauktaw and Sittwe": the towns a road runs between are not taken with it.
_ROAD_END = Regex(r"\b(?:road|highway|route|railway|rail\s+line|supply\s+line)s?\s+(?:that\s+)?(?:links?|linking|"
                  r"connects?|connecting|between|from|runs?\s+from|leading\s+to|to)\b")
# "secured the Djibo-Namsiguia axis", "the Kalay-Falam road": a road named for the places it runs between.
# A road's number may close its name: "the Quetta-Karachi N-25 highway".
_ROAD_AFTER = Regex(r"\d*\s+(?i:axis|road|highway|route|corridor|motorway)\b")
# A seizure's place named this far (in characters) after its verb is not what the verb took: "the taking of the
# town, officials said, leaves the army weaker ... around Hsipaw".
_FAR = 90
# The claimant taking its claim back: "the council withdrew its claim", "the announcement was premature", "the post
# was later removed". A denial by the other side holds nothing back, nor does its word that it still holds the place
# ("the town remains under army control"), in its sentence or after it: a claimed capture is news of a taking, and
# the alert's words carry the denial told beside it.
_RETRACTED = Gated((Regex(r"\b(?:withdrew|withdrawn|withdraws|retracted|retracts|retract)\s+"
                          r"(?:its\s+|their\s+|the\s+)?claims?\b|"
                          r"\b(?:claim|statement|report|announcement|post)\s+(?:is|was|had\s+been|has\s+been)\s+"
                          r"(?:premature|(?:later\s+)?(?:removed|deleted|withdrawn|retracted|taken\s+down))\b"),),
                   ("withdr", "retract", "premature", "removed", "deleted", "taken down"))
# The doubt of a claim its maker withdrew.
TAKEN_BACK = "a claim its maker takes back"
# How far on a retraction is looked for: the sentences a wire story takes to come back to a claim. A lede may tell
# the retraction first and the claim after: so far back too.
_BACK_REACH = 5
_BACK_BEFORE = 2


# Another place told as taken: a retraction after it is of that one ("The army also claimed it had captured Dachne.
# It later withdrew the claim" takes back Dachne, not the village claimed before it).
_ANOTHER_TAKING = Gated((Regex(r"\b(?:captured|seized|took|taken|overran|overrun|liberated|retook|retaken|"
                               r"recaptured)\s+(?:the\s+(?:village|town|city)\s+of\s+)?[A-Z]"),),
                        ("captured", "seized", "took", "taken", "overr", "liberated", "ret", "recaptured"))


def _taken_back(ctx: SentenceContext, name: str) -> str | None:
    """Why a sentence after the taking, or one of the two before it, takes its claim back, quoting its words; or
    None. A retraction after another taking named between is that taking's."""
    texts = ctx.timeline.texts
    for text in texts[ctx.index + 1:ctx.index + 1 + _BACK_REACH]:
        if back := _RETRACTED.search(lowered(text)):
            return f"{TAKEN_BACK}: '{back.group(0)}'"
        if name not in text and _ANOTHER_TAKING.search(text):
            break
    for text in texts[max(0, ctx.index - _BACK_BEFORE):ctx.index]:
        if back := _RETRACTED.search(lowered(text)):
            return f"{TAKEN_BACK}: '{back.group(0)}'"
    return None


# A sentence telling how the war began: "The war began when militants stormed the border on 7 October, killing ...".
# "The war began after Hamas-led attacks on ... in which 1,200 were killed": the same backstory, told by "after".
# "The war was triggered by Hamas's attack ..., which killed 1,199": what set it off.
_WAR_BEGAN = Regex(r"\W*(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:war|conflict|crisis|insurgency|uprising)\s+"
                   r"(?:(?:began|started|erupted|broke\s+out)\b[^.;]{0,30}?\b(?:when|after)\b|"
                   r"was\s+(?:triggered|sparked|set\s+off|started)\s+by\b)")
_RECENT_DAY = Regex(rf"\b(?:{_DAY})\b")
# "Correction: an earlier version of this story said ...": what the story no longer says.
_CORRECTED = Gated((Regex(r"\b(?:an?\s+)?(?:earlier|previous)\s+version\s+of\s+this\s+(?:story|article|report)\b"),),
                   ("version",))
# What began after a taking: "clashes around the dam began in December, after the SNA seized Manbij". The taking
# started what the story tells, and came before it.
_BEGAN_AFTER = Regex(r"\b(?:began|begun|started|erupted|broke\s+out)\b[^.;]{0,60}?\bafter\s+(?:[\w'’-]+\s+){0,5}$")
# What the news "comes after", a week or more before it or with no stretch told: "the attack comes a week after",
# "came after the fall of X". Not "came hours after": a blow of the same days, told as news beside it.
_CAME_AFTER = Regex(r"\b(?:comes|came)\s+(?:(?:just|only|barely|more\s+than|nearly|almost)\s+)?"
                    r"(?:(?:a|one|two|three|four|several|few|\d+)\s+(?:weeks?|months?|years?)\s+)?after\b")
# The blow the news is weighed against: "the deadliest day since July 27, when a rocket killed 12 children". What the
# clause after "when" tells is that day's, recalled.
_SINCE_WHEN = Regex(r"\b(?:deadliest|bloodiest|worst|heaviest|largest|biggest|most\s+\w+)\b[^.;]{0,80}?\b"
                    r"(?P<since>since\s+(?:[\w'’.-]+\s+){0,3}?[\w'’.-]+),?\s+when\s+[^;]*$")
# A taking told in a relative clause of the past perfect, right before its verb: "the rebels who had seized it".
_EARLIER_TAKING = Regex(r"\b(?:who|which|that)\s+had\s+(?:been\s+)?(?:\w+ly\s+)?$")
# A court's business: "opened the trial of 17 men over the attack, which killed 44", "were sentenced for".
_TRIED = Gated((Regex(r"\b(?:(?:opened|began|begun|started|resumed|adjourned)\s+(?:the\s+)?trials?|on\s+trial|"
                      r"convicted|sentenced|acquitted|indicted|accused\s+of|charged\s+(?:with|over|in\s+connection))\b"),),
               ("trial", "convicted", "sentenced", "acquitted", "indicted", "accused", "charged"))
# The doubt that makes a fact history (EventBase.historical): words that tell it as earlier than the news.
HISTORY = "told as history"
# The doubts that make a figure background (EventBase.cumulative): a tally of many incidents, or a group's record.
TALLY = "a day's toll summed"
RECORD = "told as what a group has done"


def story_countries(contexts: Sequence[SentenceContext]) -> frozenset[str]:
    """The countries a story is about: those with the most places it names (at least a third as many as the first).
    A country named whole says where people went or who spoke as often as where things happened: only its
    places count, unless the story names no place below a country. Each place counts once: a village named four
    times that shares its name with one abroad ("Bagan" in a story of Kurram) makes no country the story's."""
    mentions = {(m.place.country, m.place.precision, m.place.name) for ctx in contexts for m in ctx.mentions
                if m.place.country}
    local = [country for country, precision, _ in mentions if precision != "country"]
    counts: Counter[str] = Counter(local or [country for country, _, _ in mentions])
    if not counts:
        return frozenset()
    top = counts.most_common(1)[0][1]
    return frozenset(country for country, n in counts.items() if n * 3 >= top)


def doubts(ctx: SentenceContext, f: Finding, place: Place | None, home: frozenset[str],
           gazetteer: Gazetteer) -> tuple[str, ...]:
    """The doubts a fact raises, each a short reason quoting the words behind it."""
    text = ctx.sentence.text
    found: list[str] = []
    before = lowered(clause_before(text, f.start, limit=250))
    # What follows the trigger dates the fact, but not a comparison or a coup's year beside it.
    after = lowered((text if in_aside(text, f.start) else dating_text(text))[f.end:])
    # A clause that writes out a day within the news window is news, whatever words tell it.
    history = _history(before, after)
    # A day the sentence writes dates its main clause; "having taken" is told as before it, whatever the day, and a
    # reminder ("it is worth noting that ...") tells the past, whatever day it names.
    if history is not None and history not in _TOLD_AS_PAST and ctx.timeline.written_recently(ctx.index):
        history = None
    if history and history.endswith("earlier this month") and ctx.timeline.news_day.day <= NEWS_WINDOW.days:
        history = None  # early in the month, "earlier this month" is within the news window
    if history is None and f.type == "territory_seized" and " since " in after and (
            held := _HELD_SINCE.search(after)):
        history = held.group(0).strip()  # "have occupied X since the end of June": a hold told from its start
    if history is None and f.type == "territory_seized" and ctx.timeline.looking_back(ctx.index):
        # A town's taking dated so in an article without a date of its own: "seized X in August 2024".
        history = "a month or a year long before the article"
    if history is None and f.type == "territory_seized" and " after " in text and (
            began := _BEGAN_AFTER.search(lowered(text), 0, f.start)):
        history = began.group(0).strip()  # "clashes began in December, after the SNA seized X": what came before them
    if history is None and ", when " in text and (since := _SINCE_WHEN.search(lowered(text), 0, f.start)):
        history = since["since"]
    if history is None and " after " in text and (came := _CAME_AFTER.search(lowered(text), 0, f.start)):
        # "The raid comes a week after an assault on X in which 53 died": the earlier blow, recalled to weigh the news
        # by, however recent its day.
        history = came.group(0).strip()
    if history is None and f.type == "territory_seized" and (earlier := _EARLIER_TAKING.search(before)):
        # "driving out the groups who had occupied the camp on 12 November": the taking the news reverses, however
        # recent its day.
        history = earlier.group(0).strip()
    if (history is None and (" when " in text or " after " in text or " by " in text)
            and (began := _WAR_BEGAN.match(lowered(text)))
            and not _RECENT_DAY.search(lowered(text))):
        history = began.group(0).strip()  # how the war began is its backstory, unless told by a day of this week
    if history is None and f.figure and (tried := _TRIED.search(lowered(text))):
        history = tried.group(0)  # the dead of a crime a court tries are of the crime's day, long before
    if correction := _CORRECTED.search(lowered(text)):
        found.append(f"what a corrected version of the story said: '{correction.group(0)}'")
    if history:
        found.append(f"{HISTORY}: '{history}'")
    elif f.type == "territory_seized" and (step := _told_as_a_step(ctx, f, before)):
        found.append(f"{SEQUEL}: {step}")
    habit = _HABIT.search(before)  # a Gated search: only where "have" or "has" stands
    if habit is None and f.type == "territory_seized" and " ha" in before:
        habit = _HABIT_TAKING.search(before)  # "the coalition that has overrun most of the capital": its record
    if habit:
        found.append(f"{RECORD}: '{habit.group(0)}'")
    if f.figure:
        hours = _HOURS.search(lowered(text))
        local = place is not None and PRECISION_RANK[place.precision] <= PRECISION_RANK["district"]
        if hours and local and hours.group(0).endswith(("24 hours", "twenty-four hours")) and not contains_any(
                lowered(text), ("across", "total")):
            # "killed 134 fighters over the past 24 hours in the Al-Jubah and Al-Kassara areas": a day's fighting at
            # one place no larger than a district, not a ministry's count across a territory, nor one "bringing the
            # total" of the war (nor two days' dead).
            hours = None
        hours = hours or _SINCE_DAWN.search(lowered(text)) or (
            _REPORTING_PERIOD.search(lowered(text)) if f.killed or f.injured else None)
        if hours:
            found.append(f"{TALLY}: '{hours.group(0)}'")
        # A figure placed no closer than a state, in a sentence naming several: the states' total.
        regions = {m.place.admin1 for m in ctx.mentions if m.place.precision == "admin1"}
        if len(regions) >= 2 and (place is None or place.precision in ("admin1", "country")):
            found.append(f"a total over several states or regions: {', '.join(sorted(map(str, regions)))}")
        if across := across_regions(text):
            found.append(f"a total across several states or regions: '{across}'")
        if f.type == "displacement" and (place is None or place.precision == "country"):
            found.append("flight placed in no state, region or town: a national total")
        elif f.type == "displacement" and not across and (listed := over_places(text)):
            found.append(f"a flight over a list of places: '{listed}'")
        if f.type == "casualties" and f.killed:
            combined = _COMBINED.search(lowered(text[max(0, f.start - 40):f.end + 40]))
            if combined:
                found.append("one figure for the dead and the wounded, captured or missing together: "
                             f"'{combined.group(0)}'")
    if place is not None:
        found.extend(_place_doubts(ctx, f, place, home, gazetteer))
    return tuple(found)


# "It also captured A and B", "and later took C", past the lede and with no time of its own: a taking told as one
# more step of a course the story recounts (analyses and backgrounders do), not news of the day. Held for review.
SEQUEL = "told as a step in a course the story recounts, with no time of its own"
_SEQUEL = Regex(r"\b(?:also|later|then|subsequently|eventually)\s+$")
# "When rebels took Kawlin, jets flattened the market": a taking told as the time of another thing, known before.
_WHEN_CLAUSE = Regex(r"\W{0,3}(?:[Ww]hen|[Oo]nce)\s[^,;]{3,120}(?=,)")


def _told_as_a_step(ctx: SentenceContext, f: Finding, before: str) -> str | None:
    """The words that tell a taking as a step of a course the story recounts, with no time of its own, or None."""
    text = ctx.sentence.text
    anchored = ctx.timeline.anchored(ctx.index)
    if ctx.sentence.paragraph >= 1 and not anchored and (sequel := _SEQUEL.search(before)):
        return f"'{sequel.group(0).strip()}'"
    if (when := _WHEN_CLAUSE.match(text)) and f.end <= when.end() and not has_anchor(when.group(0)):
        return f"the time of what the sentence tells, '{when.group(0).strip()}'"
    if ctx.background and not anchored and (period := background_words(dating_text(text))):
        # "It lost Hpakant, Lashio and Ann within a year": the period's course, not the day's news. The coup's year
        # beside a taking ("generals who seized power in 2021") is no such period.
        return f"a course told over a period, '{period}'"
    return None


def _history(before: str, after: str) -> str | None:
    """The words that tell a fact as earlier than the news, in its clause before and after its trigger."""
    if contains_any(before, _HISTORY_STEMS):
        for m in _HISTORY_BEFORE.finditer(before):
            if not (m.group(0).startswith("had")
                    and _REPORTED.search(before, max(0, m.start() - _SPEECH_REACH), m.start())):
                return m.group(0).strip()
    month = _MONTH_BEFORE.search(before)
    if month and not has_anchor(before + after):  # "resumed in May, and on Sunday rebels seized X": the day tells
        return month.group(0)
    later = _HISTORY_AFTER.search(after)
    return later.group(0).strip() if later else None


def _place_doubts(ctx: SentenceContext, f: Finding, place: Place, home: frozenset[str],
                  gazetteer: Gazetteer) -> list[str]:
    text = ctx.sentence.text
    found: list[str] = []
    name = place.name
    if home and place.country and place.country not in home and place.country not in countries_named(text, gazetteer):
        found.append(f"'{name}' lies in {place.country}, outside the story's "
                     f"{' and '.join(sorted(home))}, and the sentence does not name it")
    # Names only matter where the alert is about the place itself: a seizure, or flight from it.
    if f.type not in ("territory_seized", "displacement"):
        return found
    if _UNIT_CODE.match(name) and not place.code:
        found.append(f"'{name}' is a unit's code or an acronym, not a place")
    mention = None if ctx.sentence.headline or title_case(text) else _mention_of(ctx.mentions, place)
    if mention is not None:
        following = _NEXT_WORD.match(text[mention.end:])
        if following and following.group(0).strip().lower() not in _PLACE_WORDS:
            found.append(f"'{name}' is part of a longer name: '{text[mention.start:mention.end]}"
                         f"{following.group(0)}'")
    end = _name_end(text, f, name)
    if f.type == "territory_seized" and (road := _ROAD_AFTER.match(text, end)):
        found.append(f"'{name}' names the road taken, not a place: '{name}{road.group(0)}'")
    described = _DESCRIBES.match(text[end:end + 40].lower()) or (
        _FORCE_NAMED.match(text[mention.end:mention.end + 40].lower()) if mention is not None else None)
    # A town's police or army post is a post in the town ("captured the Mirebalais police station"); a country's or a
    # state's army, and anyone's government, junta or group, is no place ("the Chad army garrison", "its Dnepr group").
    if described and not (place.code is not None and place.precision in ("town", "village", "township")
                          and described.group(0).split()[0] in _POSTED_IN_TOWNS):
        found.append(f"'{name}' names whose {described.group(0).lstrip(_QUOTE_MARKS).strip()} it is, not a place")
    # A headline's words are read too: "rebels seize junta outpost near Kawkareik" speaks of the post.
    at = mention.start if mention is not None else (text.find(name) if ctx.sentence.headline else -1)
    before_name = text[max(0, at - 80):at] if at > 0 else ""
    near = None if f.type != "territory_seized" else (
        _LIES_NEAR.search(before_name) or _site_near(before_name, place, ctx))
    if near:
        found.append(f"'{name}' is where the site taken stands, or what it overlooks: '{near.group(0).strip()}'")
    if f.type == "territory_seized" and _AREA_OF.search(before_name):
        found.append(f"'{name}' is named as a province or region: only part of it can have changed hands")
    if f.type == "territory_seized" and mention is not None and (road := _ROAD_END.search(text, f.end, mention.start)):
        found.append(f"'{name}' is an end of the road taken, not a place taken: '{road.group(0)}'")
    if f.type == "territory_seized" and mention is not None and mention.start - f.end > _FAR:
        found.append(f"'{name}' is named {mention.start - f.end} characters after the taking, not as what was taken")
    if f.type == "territory_seized" and ctx.sentence.headline and mention is None and name not in text:
        found.append(f"the headline does not name '{name}'")
    if f.type == "territory_seized" and (back := _taken_back(ctx, name)):
        found.append(back)
    if f.type == "territory_seized" and place.precision in ("admin1", "country") and not WHOLE.search(lowered(text)):
        found.append(f"'{name}' is a whole {'country' if place.precision == 'country' else 'state or region'}: "
                     "only part of it can have changed hands")
    return found


def _name_end(text: str, f: Finding, name: str) -> int:
    """Where the place's name ends in the sentence: after the trigger if it is named there, else its end."""
    at = text.find(name, f.start)
    return at + len(name) if at >= 0 else len(text)


def _mention_of(mentions: Sequence[Mention], place: Place) -> Mention | None:
    name = place.name
    for m in mentions:
        if m.place.name == name:
            return m
    return None
