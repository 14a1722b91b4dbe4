"""One fact told twice in one article is one fact: repeats merged before records are made, and after."""

from __future__ import annotations

import re
from dataclasses import replace

from stream.core.extract.casualties import told_when
from stream.core.extract.context import SentenceContext
from stream.core.extract.figures import find_figures
from stream.core.extract.findings import Finding, Found, same_side
from stream.core.extract.framing import names_a_day
from stream.core.extract.kinds import Kinds, type_of
from stream.core.records import EventBase, Side
from stream.core.text import Cues, Regex, lowered

_SITE = ("village", "facility", "town")


def same_site(ctx_a: SentenceContext, a: Finding, ctx_b: SentenceContext, b: Finding, carried: bool = False) -> bool:
    """Two reports of one figure are one fact unless they name two different villages or towns, or two states. A
    sentence that names no place ("six dead and ten hurt") is where the story was: it tells no other,
    unless ``carried`` asks where the sentences before it had the story."""
    if not carried and not (ctx_a.mentions and ctx_b.mentions):
        return True
    place_a, place_b = ctx_a.place_near(a.start), ctx_b.place_near(b.start)
    if not (place_a and place_b):
        return True
    if place_a.admin1 and place_b.admin1 and place_a.admin1 != place_b.admin1:
        return False  # "a farmer was shot in Ywa Ma" and "a driver was shot in Yangon Region"
    if place_a.precision in _SITE and place_b.precision in _SITE:
        return place_a.name == place_b.name
    return True


# Four "terrorists": a victim named in quotation marks is one party's label for them, not the reporter's word.
_QUOTED = Regex(r"[\"“][^\"”]{2,30}[\"”]")


def _labelled(f: Finding) -> bool:
    """True when the victims' side was read from a word in quotation marks: it cannot tell two reports apart."""
    return bool(_QUOTED.search(f.trigger))


# "Up to 60" and "more than 60" are two accounts that disagree, not one figure told twice.
_BOUNDS = {"up_to", "at_least"}


def _two_people(a: Finding, b: Finding) -> bool:
    """"A villager" and "a 40-year-old teacher", each killed: one death each, told of two people."""
    return a.figure == 1 and bool(a.actor and b.actor) and (a.actor or "").lower() != (b.actor or "").lower()


def _retaken(earlier: Finding, later: Finding, kinds: Kinds) -> bool:
    return kinds[later.type].changes_hands and not same_side(earlier.side, later.side)


# "Initial reports had said four", "officials earlier put the toll at 20", "an earlier toll of 12": a figure the
# story tells as overtaken by the one it reports now. "Initial reports put the toll at 100" (no "had", no
# "earlier") may still stand beside a lower count, as another source's.
# What a count is called, there and in _INITIAL: "initial reports", "the first official toll".
_COUNT_NOUNS = r"(?:[\w-]+\s+){0,2}?(?:reports?|tolls?|figures?|counts?|estimates?|accounts?)"
_SUPERSEDED = Regex(
    r"\b(?:(?:initial|first|early|earlier|previous|preliminary|provisional)\s+" + _COUNT_NOUNS + r"\s+had\b|"
    r"(?:had\s+)?(?:earlier|initially|previously)\s+(?:put|given|gave|said|reported|set|placed|told|spoken\s+of|"
    r"spoke\s+of|cited|counted|announced|confirmed|documented|recorded|registered)\b|"
    r"(?:an?|the)\s+(?:earlier|initial|previous)\s+(?:death\s+)?(?:toll|figure|count)\s+of\b)", re.I)


# Every match of _SUPERSEDED holds one of these: most sentences hold none, and the pattern is not run. Read with the
# sentence's cue words.
_SUPERSEDED_STEMS = Cues("initial", "first", "earl", "previous", "prelimin", "provisional")
# "An initial count put the toll at nine": a first count, which a larger toll the story gives has overtaken (tolls
# rise as bodies are found). Beside a smaller toll it stands, as another source's.
_INITIAL = Regex(r"\b(?:initial|first|preliminary|provisional|early)\s+" + _COUNT_NOUNS + r"\b", re.I)


def _superseded(ctx: SentenceContext, f: Finding) -> bool:
    text = ctx.sentence.text
    if ":" in text and _COUNT_AT_HOUR.match(text, f.end):
        return True  # "the governor's posts tracked the search: 'Four dead' at 04:15, 'seven' at 07:30"
    return _SUPERSEDED_STEMS.held_by(lowered(text)) and bool(
        _SUPERSEDED.search(text, 0, f.start) or _CORRECTED.search(text, 0, f.start))


# "Earlier today, the monitor reported that 19 people had been killed": the count as it stood hours before, told in
# the past perfect; a larger toll the story gives now has overtaken it.
_EARLIER_TODAY = Regex(r"\bearlier\s+(?:today|this\s+(?:morning|afternoon|evening)|in\s+the\s+day|on\s+\w+day)\b"
                       r"[^.;]{0,60}?\b(?:reported|said|announced|stated)\s+(?:that\s+)?", re.I)
_AS_IT_STOOD = Regex(r"\bhad\s+(?:been\s+)?(?:killed|died)\b", re.I)


def _initial(ctx: SentenceContext, f: Finding) -> bool:
    text = ctx.sentence.text
    return _SUPERSEDED_STEMS.held_by(lowered(text)) and bool(
        _INITIAL.search(text, 0, f.start) or (_EARLIER_TODAY.search(text, 0, f.start)
                                              and _AS_IT_STOOD.search(text, f.start, f.end + 30)))


# A count told with the hour it stood at: one of the counts a toll went through, not the toll.
_COUNT_AT_HOUR = Regex(r"\s*(?:dead|killed|people)?\s*[\"”'’]?\s*at\s+\d{1,2}[:.]\d\d\b", re.I)


# "The first three dead were brothers", "the two wounded", "the bodies of four fighters were buried": a definite
# figure points back at victims already told.
_DEFINITE = Regex(r"\bthe\s+(?:first\s+|last\s+|other\s+|remaining\s+|(?:bodies|corpses)\s+of\s+)?$", re.I)


# "More than 80 of the villagers killed had been buried": a part of the dead told before, not who they
# were ("eight of those killed were fighters" says who: a breakdown, kept).
_PART_OF_THE_DEAD = Regex(r"\bof\s+(?:the|those)\s+(?:(?:people|persons|civilians|villagers)\s+)?(?:(?:who|that)\s+"
                          r"(?:were|had\s+been|have\s+been)\s+)?(?:killed|dead|victims|wounded|injured)$", re.I)
_SAYS_WHO = Regex(r"\s+(?:were|was|are|included)\s", re.I)


# "Thirty-one of them were killed near the aid site": a sentence opening on a part of the toll told before it.
_PART_OF_THEM = Regex(r"^[\W]{0,3}[\w-]+(?:\s+[\w-]+)?\s+of\s+(?:them|whom)\b", re.I)


# "One strike hit a house in X, killing 11", after "strikes killed 25 across the strip": one of the strikes told.
_ONE_OF_THEM = Regex(r"\bone\s+(?:of\s+the\s+)?(?:air\s*)?(?:strikes?|attacks?|raids?|shells?|bombs?|blasts?|"
                     r"bombings?)\b", re.I)


def _referred_to(ctx: SentenceContext, f: Finding) -> bool:
    text = ctx.sentence.text
    return bool(_DEFINITE.search(text, max(0, f.start - 25), f.start)) or bool(
        " of " in f.trigger and _PART_OF_THE_DEAD.search(f.trigger) and not _SAYS_WHO.match(text, f.end)) or (
        f.start <= 3 and bool(_PART_OF_THEM.match(f.trigger)))


def drop_superseded_reports(found: Found, kinds: Kinds) -> Found:
    """A figure the story tells as an earlier report ("initial reports had said four were killed") gives way to
    the figures it reports now: one of the same kind elsewhere in the article is the toll as it stands. A figure
    that points back ("the first three dead were brothers") gives way to a toll at least as large, and one strike's
    toll to the larger toll of the strikes told before it."""
    # How each figure is told as earlier, read once: as an earlier report, as a first count, or as pointing back.
    told = [(ctx, f, superseded, initial, superseded or initial or _referred_to(ctx, f))
            for ctx, f in found if kinds[f.type].victims and f.figure
            for superseded, initial in [(_superseded(ctx, f), _initial(ctx, f))]]
    figures = [(ctx, f, earlier) for ctx, f, _, _, earlier in told]
    old = [(ctx, f, superseded, initial) for ctx, f, superseded, initial, earlier in told if earlier]
    parts = _one_of_the_strikes(figures) | _toll_told_again_by_place(figures) if len(figures) > 1 else set()
    if not old and not parts:
        return found
    current = [(ctx, f) for ctx, f, earlier in figures if not earlier and not ctx.background]

    def overtaken(ctx: SentenceContext, f: Finding, superseded: bool, initial: bool) -> bool:
        # An earlier report gives way to the toll told anywhere; a first count, to a larger one; a figure that points
        # back, only to one told before it: "the bodies of 11 villagers were found" opening a story points at none.
        return any(bool(c.killed) == bool(f.killed) and c_ctx is not ctx
                   and (superseded or (initial and (c.figure or 0) > (f.figure or 0))
                        or ((c.figure or 0) >= (f.figure or 0) and c_ctx.index < ctx.index))
                   for c_ctx, c in current)

    dropped = {id(f) for ctx, f, superseded, initial in old
               if overtaken(ctx, f, superseded, initial) or _CORRECTED.search(ctx.sentence.text, 0, f.start)}
    return [(ctx, f) for ctx, f in found if id(f) not in dropped | parts]


# "An earlier version of this story said 30 were killed": a figure the story withdraws, whatever it now gives.
_CORRECTED = Regex(r"\b(?:an?|the)\s+(?:earlier|previous|first)\s+version\s+of\s+(?:this|the)\s+(?:story|article|"
                   r"report)\b", re.I)


def _one_of_the_strikes(figures: list[tuple[SentenceContext, Finding, bool]]) -> set[int]:
    """"One strike hit a house in X, killing 11", after "strikes killed at least 25 across the strip" in a sentence
    before it: a part of that toll, not more dead. Told before any larger toll, or after none, it stands."""
    parts = set()
    for i, (ctx, f, _) in enumerate(figures):
        if _ONE_OF_THEM.search(ctx.sentence.text, 0, f.start) and any(
                bool(c.killed) == bool(f.killed) and (c.figure or 0) > (f.figure or 0)
                and c_ctx.index < ctx.index and not c_ctx.background for c_ctx, c, _ in figures[:i]):
            parts.add(id(f))
    return parts


_INCLUDING = Regex(r"\bincluding\s+$", re.I)
_HURT = Regex(r"\b(?:injur|wound|hurt)", re.I)


def _toll_told_again_by_place(figures: list[tuple[SentenceContext, Finding, bool]]) -> set[int]:
    """"Fifteen were killed in Lin Tha and seven in Kyee Pin", a sentence or two after "strikes killed 22": the toll
    told again place by place, its figures adding up to it, not more dead. "Two soldiers were also killed" adds."""
    parts = set()
    for i, (ctx, f, _) in enumerate(figures):
        text = ctx.sentence.text
        counts = [figure.best for figure in find_figures(text)
                  if not _INCLUDING.search(text, max(0, figure.start - 12), figure.start)]
        if len(counts) < 2 or _HURT.search(text) or told_when(lowered(text)):
            continue  # most sentences tell one figure; one of dead and hurt tells no toll again, and one of when
            # they died ("five were killed instantly, two died in hospital") is read below, with its day
        whole = sum(counts)
        if any(c.figure == whole and bool(c.killed) == bool(f.killed) and c_ctx.index < ctx.index <= c_ctx.index + 2
               and not c_ctx.background for c_ctx, c, _ in figures[:i]):
            parts.add(id(f))
    return parts


def drop_deaths_told_by_when(found: Found, kinds: Kinds) -> Found:
    """"Two women were killed instantly", after the story told seven civilians killed, says when two of the seven
    died: a part of the toll told before, of its side and site, not more dead."""
    told: Found = []
    kept: Found = []
    for ctx, f in found:
        if not (kinds[f.type].victims and f.killed and not ctx.background):
            kept.append((ctx, f))
            continue
        if not ctx.new_incident and told_when(lowered(ctx.sentence.text)) and any(
                (t.killed or 0) > f.killed and t_ctx.sentence is not ctx.sentence and same_side(t.side, f.side)
                and same_site(t_ctx, t, ctx, f) for t_ctx, t in told):
            continue
        told.append((ctx, f))
        kept.append((ctx, f))
    return kept


# "The bodies of 11 villagers were found on Wednesday": the day of the finding, not of the killing.
_FOUND_ON = Regex(r"\b(?:bodies|body|corpses?|remains)\b[^.;]{0,100}?\b(?:were|was|had\s+been)\s+(?:found|discovered|"
                  r"recovered)\b", re.I)


def _says_when(earlier: SentenceContext, later: SentenceContext) -> bool:
    """The later report of one toll names its day ("on Sunday") where the earlier named none, or only the day its
    bodies were found: it is the one kept, so the toll is dated when it happened, not on the day of the news. Not
    the day a statement told it on."""
    if earlier.sentence.headline or not later.timeline.anchored(later.index) or not names_a_day(later.sentence.text):
        return False
    if not earlier.timeline.anchored(earlier.index):
        return later.event_date != earlier.event_date
    found_day = earlier.event_date
    return bool(_FOUND_ON.search(earlier.sentence.text)) and later.event_date is not None and found_day is not None \
        and later.event_date < found_day


def merge_repeats(found: Found, kinds: Kinds) -> Found:
    """One article restating a fact (headline, then body) reports it once; "another four" is new. A figure told
    as an earlier report gives way to the current one."""
    found = drop_deaths_told_by_when(drop_superseded_reports(found, kinds), kinds)
    kept: Found = []
    seen: dict[tuple[object, ...], int] = {}
    for ctx, f in found:
        key = kinds[f.type].repeat_key(ctx, f)
        if key is None and not f.distinct and not ctx.new_incident:
            for i, (other_ctx, other) in enumerate(kept):
                if (other.type == f.type and other.killed == f.killed and other.injured == f.injured
                        and {other.qualifier, f.qualifier} != _BOUNDS and not _two_people(other, f)
                        and (same_side(other.side, f.side) or _labelled(other) or _labelled(f))
                        and same_site(other_ctx, other, ctx, f)):
                    key = ("casualty", i)
                    if _says_when(other_ctx, ctx):
                        kept[i] = (ctx, replace(f, side=f.side if f.side not in (None, "unknown") else other.side,
                                                actor=f.actor or other.actor))
                    break
            if key is not None:
                continue
        if key is not None and key in seen and _retaken(kept[seen[key]][1], f, kinds):
            key = (*key, f.side)  # taken, then taken back by the other side: two changes of hands
        if key is not None and key in seen:
            index = seen[key]
            earlier_ctx, earlier = kept[index]
            if earlier.side in (None, "unknown") and f.side not in (None, "unknown"):
                # The later report says who: the earlier keeps its words and sentence, and takes the side.
                kept[index] = (earlier_ctx, replace(earlier, side=f.side, by=f.by or earlier.by,
                                                    actor=f.actor or earlier.actor))
            continue
        if key is not None:
            seen[key] = len(kept)
        kept.append((ctx, f))
    return kept


# Counts this small often repeat by chance: "one killed in A, one in B".
_SAME_TOLL_LEAST = 5


def one_toll_a_region_day(events: list[EventBase]) -> list[EventBase]:
    """The same number of dead told twice in one article, of one day in one state or region, is one toll told
    twice ("Toll rises to 11" in the key points, "has risen to 11" in the entry), whatever town each sentence
    was placed at: two incidents of one size on one day in one region are rarer than a restated toll, once the
    size is more than a few."""
    seen: dict[tuple[object, ...], int] = {}  # each toll's sentence, by where it starts
    kept: list[EventBase] = []
    for event in events:
        killed = getattr(event, "killed", None)
        if (killed and killed >= _SAME_TOLL_LEAST and event.is_incident and event.place is not None
                and event.place.admin1):
            # "Up to 40" and "more than 40" are two accounts, not one toll told twice.
            bound = getattr(event, "qualifier", None) == "up_to"
            key = (killed, bound, event.event_date, event.place.country, event.place.admin1)
            told = seen.setdefault(key, event.evidence.start)
            # Not one sentence's two counts ("six in Myinmu on Wednesday, and another six on Thursday"), nor new dead.
            at = event.evidence.trigger_start or 0
            if told != event.evidence.start and not _ADDED.search(event.evidence.sentence, max(0, at - 20), at):
                continue
        kept.append(event)
    return kept


# "Another six", "six more": victims added to those told before.
_ADDED = Regex(r"\b(?:another|more|other|further|additional|new)\s+$", re.I)


def merge_repeats_by_place(events: list[EventBase], kinds: Kinds) -> list[EventBase]:
    """Once places are refined, a headline strike or seizure and the body's account are one incident."""
    seen: dict[tuple[str, str | None], list[Side | None]] = {}
    kept: list[EventBase] = []
    for event in events:
        type_ = type_of(event)
        kind = kinds[type_]
        if kind.at_place and not event.cumulative:
            # By name: "Mogok Township" and "the town" of Mogok are one place to a desk, though coded apart.
            key = (type_, event.place.name if event.place else None)
            sides = seen.setdefault(key, [])
            side: Side | None = getattr(event, "side", None)
            # A place taken back by the other side changed hands twice; any other repeat is one account.
            if sides and (not kind.changes_hands or any(same_side(other, side) for other in sides)):
                continue
            sides.append(side)
        kept.append(event)
    return _without_strike_summaries(kept, kinds)


_COARSE = ("admin1", "country")


def _without_strike_summaries(events: list[EventBase], kinds: Kinds) -> list[EventBase]:
    """A strike placed no closer than a state or a country, in a story that places a strike inside it, is the
    lede's summary of the strikes the body tells one by one: "strikes on villages in the south" and then "a
    strike on Lwe Kone". Told in one story, a state's strike and a town's in it are one account, not two.

    A country alone gives way to any strike placed closer: it is more often who struck or who spoke ("Russia
    said its jets ...") than where the bombs fell, and a village's country is read from the sentences around.
    """
    strikes = [e for e in events if kinds[type_of(e)].strike and not e.cumulative and e.place is not None]
    inside = {(e.place.country, e.place.admin1) for e in strikes if e.place and e.place.precision not in _COARSE}
    if not inside:
        return events

    def summary(event: EventBase) -> bool:
        place = event.place
        if place is None or place.precision not in _COARSE or event.cumulative or not kinds[type_of(event)].strike:
            return False
        return place.precision == "country" or any(country == place.country and admin1 == place.admin1
                                                   for country, admin1 in inside)

    return [e for e in events if not summary(e)]
