"""Extraction: ``extract(article, gazetteer) -> list[Event]``, pure and deterministic."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

from stream.core.extract.actors import ROLE_WORDS, Actors
from stream.core.extract.airstrikes import find_airstrikes
from stream.core.extract.casualties import find_casualties
from stream.core.extract.confidence import confidence
from stream.core.extract.context import PRECISION_RANK, SentenceContext, article_contexts
from stream.core.extract.displacement import find_displacement
from stream.core.extract.doubts import HISTORY, RECORD, TALLY, doubts, story_countries
from stream.core.extract.findings import Finding
from stream.core.extract.framing import has_anchor, is_generic, is_toll, is_unspecific
from stream.core.extract.mentions import Mention
from stream.core.extract.territory import find_seizures
from stream.core.ids import content_id
from stream.core.places import Gazetteer
from stream.core.records import (
    Airstrike,
    Article,
    Casualties,
    Displacement,
    Event,
    Evidence,
    Place,
    Side,
    TerritorySeized,
)
from stream.core.text import Regex

EXTRACTOR_VERSION = "signalfire-extract/0.2"  # 0.2: world places, history, confidence, language as data
_COMPATIBLE = {frozenset({"military", "police"})}


def extract(article: Article, gazetteer: Gazetteer, actors: Actors = ROLE_WORDS) -> list[Event]:
    """Every sourced fact the article reports, flagged when it is background, denied or hypothetical."""
    contexts = article_contexts(article, gazetteer)
    found: list[tuple[SentenceContext, Finding]] = []
    for ctx in contexts:
        text = ctx.sentence.text
        for finding in (*find_seizures(ctx, actors), *find_casualties(text, actors), *find_displacement(text, actors)):
            found.append((ctx, finding))
        found.extend((ctx, strike) for finding in find_airstrikes(text) for strike in _per_target(ctx, finding))
    found = _drop_superseded(_one_side(_generic_people(_drop_strikes_referred_to(_headline_told_again(found)))))
    found = _merge_repeats(found, contexts)
    found = _drop_totals(found)
    fallback = _main_place(contexts)
    sites = _sites(contexts)
    home = story_countries(contexts)
    return _merge_repeats_by_place(
        [_record(article, ctx, finding, fallback, sites, home, gazetteer) for ctx, finding in found])


def _headline_told_again(found: list[tuple[SentenceContext, Finding]]) -> list[tuple[SentenceContext, Finding]]:
    """A headline sums up the story: its fact goes where the body tells the same kind of fact.

    A seizure or strike in the headline gives way to any the body reports (the body names the place
    the headline only describes); a headline's figure gives way to a body figure of the same kind
    no more than a quarter below it: the body tells it again ("over 40 killed" and "43 people were
    killed") or tells the whole it is part of ("four pupils killed" and "nine people, including
    four pupils").
    """
    told = {f.type for ctx, f in found if ctx.sentence.headline}
    if not told:
        return found
    # Only a body fact that is news takes the headline's place: a total since the coup tells no headline again.
    body = [f for ctx, f in found
            if f.type in told and not ctx.sentence.headline and not _told_as_background(ctx, f)]

    def told_again(f: Finding) -> bool:
        if f.type in ("territory_seized", "airstrike"):
            return any(b.type == f.type for b in body)
        if f.vague:  # "dozens dead, soldiers and villagers among them": _drop_superseded passes on who died
            return False
        return any(b.type == f.type and bool(b.killed) == bool(f.killed) and b.figure and f.figure
                   and b.figure >= 0.75 * f.figure for b in body)

    return [(ctx, f) for ctx, f in found if not (ctx.sentence.headline and told_again(f))]


def _told_as_background(ctx: SentenceContext, f: Finding) -> bool:
    """Background before its record is made: a period total, history, or a large toll in the perfect."""
    return ctx.background or ctx.historical or (f.type == "casualties" and is_toll(ctx.sentence.text, f.figure or 0))


# "those who died in the Kalay air raid": a definite noun phrase names a strike already told.
_DEFINITE = Regex(r"\bthe\s+(?:(?-i:[A-Z])[\w’'-]*\s+){0,3}$", re.I)


def _drop_strikes_referred_to(found: list[tuple[SentenceContext, Finding]]) -> list[tuple[SentenceContext, Finding]]:
    """A strike the story only refers to ("the Kalay air raid") is the one it tells of elsewhere.

    A caption may refer to the strike before the body tells of it: where some sentence tells of a
    strike, every reference goes; where all only refer, the first is kept.
    """
    def referred(ctx: SentenceContext, f: Finding) -> bool:
        return bool(_DEFINITE.search(ctx.sentence.text[max(0, f.start - 60):f.start]))

    strikes = [(ctx, f) for ctx, f in found if f.type == "airstrike"]
    told = {id(f) for _, f in [item for item in strikes if not referred(*item)] or strikes[:1]}
    return [(ctx, f) for ctx, f in found if f.type != "airstrike" or id(f) in told]


# "an air strike on Tha Pyay Kone and Mong Hsuu wards": the words between the strike and its targets.
# "dropped three shells on Ywa Thit village": a few words may stand between the strike and "on".
_ON_TARGETS = Regex(r"\s+(?:[\w-]+\s+){0,3}?(?:on|at|in|against|near)\s+(?:the\s+)?$")
_TARGETS_JOINED = Regex(r"\s*(?:,|and|,\s*and)\s*$")
_TARGETS = ("village", "facility", "town", "township")


def _per_target(ctx: SentenceContext, strike: Finding) -> list[Finding]:
    """One strike finding per village, post or town the strike is said to hit: two wards hit are two strikes."""
    text = ctx.sentence.text
    targets: list[Mention] = []
    for m in ctx.mentions:
        if m.start < strike.end or m.place.precision not in _TARGETS:
            continue
        gap = text[targets[-1].end if targets else strike.end:m.start]
        if not (_TARGETS_JOINED.match(gap) if targets else _ON_TARGETS.match(gap)):
            break
        targets.append(m)
    if not targets:
        return [strike]
    if len(targets) == 1:
        return [replace(strike, place=targets[0].place)]
    return [replace(strike, place=m.place, distinct=True) for m in targets]


def _record(article: Article, ctx: SentenceContext, f: Finding, fallback: Place | None,
            sites: list[_Site], home: frozenset[str], gazetteer: Gazetteer) -> Event:
    sentence = ctx.sentence
    # Strikes on several named places ("on Kalay, Tamu and Mawlaik") fell where named, as places taken in one
    # list ("captured Kawlin and Pinlebu") were taken where named; a strike on one town ("air strikes on
    # Loikaw") is the strike the story tells of at its site inside that town.
    split = f.type in ("airstrike", "territory_seized") and f.distinct and f.place is not None
    place = f.place if split else _refined(f.place or ctx.place_near(f.start) or fallback, ctx, sites)
    # Only a figure can be a running total; a seizure or a single strike is an incident or history.
    counted = f.type in ("casualties", "displacement") or f.count is not None
    doubted = doubts(ctx, f, place, home, gazetteer)
    # A figure summed over a day of strikes, or a group's record ("a militia that has killed scores"), is background.
    cumulative = (counted and any(d.startswith((TALLY, RECORD)) for d in doubted)) or (
        ctx.background and counted) or (f.type == "casualties" and bool(f.figure) and (
        is_toll(sentence.text, f.figure or 0) or (ctx.historical and (f.figure or 0) >= 100))) or (
        f.type == "airstrike" and is_generic(sentence.text) and _plural(f.trigger)) or (
        counted and is_unspecific(sentence.text)) or (
        _regional_total(sentence.text, f, place))
    side_known = f.type not in ("casualties", "territory_seized") or f.side not in (None, "unknown")
    anchor = _anchor(article)
    trust = confidence(place, ctx.date_precision, anchor, vague=f.vague, in_title=sentence.headline,
                       side_known=side_known)
    base: dict[str, Any] = dict(
        id=content_id("ev", article.id, f.type, sentence.start + f.start, f.figure, place and place.name,
                      *(("title",) if sentence.in_title else ())),
        article_id=article.id, source=article.source, url=article.url, copy_of=article.copy_of,
        event_date=ctx.event_date,
        date_precision=ctx.date_precision, date_anchor=anchor, place=place, cumulative=cumulative,
        negated=f.negated, hypothetical=f.hypothetical,
        # Dated well before the news, or told in words that make it earlier than the news (the first doubt).
        historical=not cumulative and (ctx.historical or any(d.startswith(HISTORY) for d in doubted)),
        confidence=trust.score, confidence_reasons=trust.reasons, extractor_version=EXTRACTOR_VERSION,
        doubts=doubted,
        evidence=Evidence(article_id=article.id, sentence=sentence.text, start=sentence.start, end=sentence.end,
                          in_title=sentence.in_title, trigger=sentence.text[f.start:f.end],
                          trigger_start=f.start, trigger_end=f.end),
    )
    if f.type == "territory_seized":
        return TerritorySeized(**base, side=f.side or "unknown", by=f.by, target=f.target)
    if f.type == "casualties":
        return Casualties(**base, killed=f.killed, injured=f.injured, side=f.side or "unknown", actor=f.actor,
                          qualifier=f.qualifier)
    if f.type == "displacement":
        return Displacement(**base, displaced=f.displaced or 0, qualifier=f.qualifier)
    return Airstrike(**base, count=f.count, side=f.side or "military")


def _anchor(article: Article) -> Literal["published", "received", "none"]:
    return "published" if article.published else "received" if article.received else "none"


def _plural(trigger: str) -> bool:
    """"has carried out airstrikes" is a habit; "the airstrike ... has killed nine" is one strike."""
    return trigger.lower().rstrip().endswith("s")


# Without a day or a town, figures this large for a whole state or country are tallies, not one incident.
_TALLY = {"killed": 100, "injured": 100, "displaced": 50_000}


# "Scores killed in militia attack on a market": one attack, however large and vaguely placed. Headlines
# drop the article ("ambush on convoy"), so there the noun of one target stands for it.
_ONE_INCIDENT = Regex(r"\b(?:attack|strike|airstrike|raid|ambush|bombing|massacre|explosion|blast|shelling)\s+"
                      r"(?:on|in|at|against)\s+(?:an?|the|(?:village|market|camp|convoy|school|hospital|"
                      r"mosque|church|wedding|funeral|checkpoint|bus|base|hamlet))\b", re.I)


def _regional_total(sentence: str, f: Finding, place: Place | None) -> bool:
    if has_anchor(sentence) or (place is not None and place.precision not in ("admin1", "country")):
        return False
    if _ONE_INCIDENT.search(sentence):
        return False
    return any((getattr(f, kind) or 0) >= bound for kind, bound in _TALLY.items())


def _same_side(a: str | None, b: str | None) -> bool:
    return a == b or frozenset({a, b}) in _COMPATIBLE or "unknown" in (a, b)


def _drop_superseded(found: list[tuple[SentenceContext, Finding]]) -> list[tuple[SentenceContext, Finding]]:
    """A vague figure ("dozens", "thousands") restates a larger or precise one of the same kind: drop it.

    A headline's "scores dead, villagers and militiamen among them" says who died, the body's "at
    least 50 people" how many: the figure kept takes the side the vague one gave. A vague figure
    naming a more precise place than the larger one ("thousands fled Mindat township" beside "10,000
    in Chin state") is news of its own.
    """
    figures = [(ctx, f) for ctx, f in found if f.figure]

    def superseding(ctx: SentenceContext, f: Finding) -> Finding | None:
        if not f.vague:
            return None
        return next((p for p_ctx, p in figures
                     if p is not f and p.type == f.type and bool(p.killed) == bool(f.killed)
                     and _same_side(p.side, f.side) and _as_coarse(ctx, f, p_ctx, p)
                     and ((p.figure or 0) > (f.figure or 0) or (not p.vague and p.figure == f.figure))), None)

    kept: list[tuple[SentenceContext, Finding]] = []
    sides: dict[int, Side] = {}
    for ctx, f in found:
        by = superseding(ctx, f)
        if by is None:
            kept.append((ctx, f))
        elif f.side == "mixed" and by.side in (None, "unknown"):
            sides[id(by)] = "mixed"
    return [(ctx, replace(f, side=sides[id(f)]) if id(f) in sides else f) for ctx, f in kept]


def _as_coarse(ctx: SentenceContext, f: Finding, other_ctx: SentenceContext, other: Finding) -> bool:
    """True unless ``f`` names a more precise place than ``other``, or another place at the same level."""
    place, other_place = f.place or ctx.place_near(f.start), other.place or other_ctx.place_near(other.start)
    if place is None or other_place is None:
        return True
    rank, other_rank = PRECISION_RANK[place.precision], PRECISION_RANK[other_place.precision]
    # One place may be written two ways in one story ("El Fasher", "Al-Fasher"): its code tells it.
    same = place.name == other_place.name or (place.code is not None and place.code == other_place.code)
    return rank > other_rank or (rank == other_rank and same)


# "people" says nothing of a side; it reads as civilians only while no victim of the story was a fighter.
_GENERIC_VICTIMS = frozenset({"people", "persons", "individuals", "others"})


def _generic_people(found: list[tuple[SentenceContext, Finding]]) -> list[tuple[SentenceContext, Finding]]:
    """In a story whose dead were of several sides, "100 people were injured" are of no known side."""
    if not any(f.type == "casualties" and f.side == "mixed" for _, f in found):
        return found
    return [(ctx, replace(f, side="unknown")
             if f.type == "casualties" and f.side == "civilian" and (f.actor or "").lower() in _GENERIC_VICTIMS else f)
            for ctx, f in found]


def _one_side(found: list[tuple[SentenceContext, Finding]]) -> list[tuple[SentenceContext, Finding]]:
    """Where every victim whose side the story says is of one side, victims it does not name are of it too.

    "Six farmers were killed ... a mortar round caused three more injuries": the injured of a
    story whose dead are all civilians are civilians; a fighting force's "two others were injured" are
    its own.
    """
    sides = {f.side for _, f in found if f.type == "casualties" and f.side not in (None, "unknown", "mixed")}
    if len(sides) != 1:
        return found
    (side,) = sides
    return [(ctx, replace(f, side=side) if f.type == "casualties" and f.side in (None, "unknown") and not f.actor
             else f) for ctx, f in found]


# Deaths told apart by when they came: at once, then later or in hospital.
_DIED_LATER = Regex(r"\b(?:(?:died|succumbed)\s+(?:\w+\s+){0,3}(?:later|in\s+(?:a\s+|the\s+)?hospital)|"
                    r"later\s+(?:died|succumbed)|died\s+of\s+(?:their|his|her)\s+(?:wounds|injuries))\b", re.I)


def _drop_totals(found: list[tuple[SentenceContext, Finding]]) -> list[tuple[SentenceContext, Finding]]:
    """A total the article then breaks down ("25 killed": 18 here, 7 there) is dropped for its parts.

    The parts must come after the total and from at least two sentences: "a villager and a fighter
    were shot dead" is one account, not the breakdown of an earlier "two brothers". One sentence may break
    a total down by when each died: "three died at the scene and a fourth later in hospital".
    """
    def is_total(index: int) -> bool:
        ctx, total = found[index]
        for kind in ("killed", "injured"):
            figure = getattr(total, kind)
            if not figure:
                continue
            parts = [(c.sentence, getattr(f, kind)) for c, f in found[index + 1:]
                     if getattr(f, kind) and getattr(f, kind) < figure and not c.background]
            told_apart = (len({sentence.start for sentence, _ in parts}) >= 2
                          or any(_DIED_LATER.search(sentence.text) for sentence, _ in parts))
            if told_apart and len(parts) >= 2 and abs(sum(n for _, n in parts) - figure) <= 0.1 * figure:
                return True
        return False

    return [(ctx, f) for i, (ctx, f) in enumerate(found) if not (f.type == "casualties" and is_total(i))]


def _key(ctx: SentenceContext, f: Finding) -> tuple[object, ...] | None:
    if f.type == "territory_seized":
        return (f.type, f.place and (f.place.code or f.place.name))
    if f.type == "airstrike":
        place = f.place or ctx.place_near(f.start)
        return (f.type, place and place.name)  # one name is one place in a story: Loikaw town or township
    if f.type == "displacement":
        return (f.type, f.displaced)
    return None


# "Separately, ...", "In another attack, ...": the sentence opens a new incident.
_NEW_INCIDENT = Regex(r"\W*(?:separately|elsewhere|in\s+(?:another|a\s+separate)|in\s+a\s+second)\b", re.I)
_SITE = ("village", "facility", "town")


def _same_site(ctx_a: SentenceContext, a: Finding, ctx_b: SentenceContext, b: Finding) -> bool:
    """Two reports of one figure are one fact unless they name two different villages or towns, or two states."""
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


def _retaken(earlier: Finding, later: Finding) -> bool:
    return later.type == "territory_seized" and not _same_side(earlier.side, later.side)


def _merge_repeats(found: list[tuple[SentenceContext, Finding]],
                   contexts: Iterable[SentenceContext]) -> list[tuple[SentenceContext, Finding]]:
    """One article restating a fact (headline, then body) reports it once; "another four" is new."""
    kept: list[tuple[SentenceContext, Finding]] = []
    seen: dict[tuple[object, ...], int] = {}
    for ctx, f in found:
        key = _key(ctx, f)
        if key is None and not f.distinct and not _NEW_INCIDENT.match(ctx.sentence.text):
            for i, (other_ctx, other) in enumerate(kept):
                if (other.type == f.type and other.killed == f.killed and other.injured == f.injured
                        and (_same_side(other.side, f.side) or _labelled(other) or _labelled(f))
                        and _same_site(other_ctx, other, ctx, f)):
                    key = ("casualty", i)
                    break
            if key is not None:
                continue
        if key is not None and key in seen and _retaken(kept[seen[key]][1], f):
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


# A headline says "an airstrike in Kachin"; the body names the village. Places this coarse give way to it.
_COARSE = ("town", "township", "district", "admin1")


@dataclass(frozen=True, slots=True)
class _Site:
    """A village or post the article's news happened at, and the places named beside it."""

    place: Place
    beside: frozenset[str]

    def inside(self, area: Place) -> bool:
        if self.place.admin1 != area.admin1:
            return False
        # Within a state any of its sites will do; a town or township must be named with the site.
        return area.precision in ("admin1", "district") or area.name in self.beside


def _sites(contexts: list[SentenceContext]) -> list[_Site]:
    """The villages and posts the article's news happened at, most named first."""
    counts: Counter[str] = Counter()
    places: dict[str, Place] = {}
    beside: dict[str, set[str]] = {}
    for ctx in contexts:
        local = [m for m in ctx.mentions if m.place.precision in ("village", "facility")]
        if not local or ctx.background or ctx.historical:
            continue
        for m in local:
            counts[m.place.name] += 1
            places.setdefault(m.place.name, m.place)
            beside.setdefault(m.place.name, set()).update(o.place.name for o in ctx.mentions)
    return [_Site(places[name], frozenset(beside[name])) for name, _ in counts.most_common()]


def _refined(place: Place | None, ctx: SentenceContext, sites: list[_Site]) -> Place | None:
    """The article's site inside a coarse place: the one the story is at, else the one it names most."""
    if place is None or place.precision not in _COARSE:
        return place
    here = [_Site(p, frozenset(m.place.name for m in ctx.mentions) | {p.name})
            for p in (ctx.carried, ctx.place) if p and p.precision in ("village", "facility")]
    return next((site.place for site in (*here, *sites) if site.inside(place)), place)


def _merge_repeats_by_place(events: list[Event]) -> list[Event]:
    """Once places are refined, a headline strike or seizure and the body's account are one incident."""
    seen: dict[tuple[str, str | None], list[Side]] = {}
    kept: list[Event] = []
    for event in events:
        if isinstance(event, (Airstrike, TerritorySeized)) and not event.cumulative:
            key = (event.type, event.place.code or event.place.name if event.place else None)
            sides = seen.setdefault(key, [])
            # A place taken back by the other side changed hands twice; any other repeat is one account.
            if sides and (event.type == "airstrike" or any(_same_side(side, event.side) for side in sides)):
                continue
            sides.append(event.side)
        kept.append(event)
    return kept


def _main_place(contexts: list[SentenceContext]) -> Place | None:
    """The place the article is mostly about: its most named town or township."""
    counts: Counter[str] = Counter()
    places: dict[str, Place] = {}
    for ctx in contexts:
        for m in ctx.mentions:
            if m.place.precision in ("town", "township", "village", "district"):
                counts[m.place.name] += 1
                places.setdefault(m.place.name, m.place)
    if counts:
        return places[counts.most_common(1)[0][0]]
    admin = [m.place for ctx in contexts for m in ctx.mentions if m.place.precision == "admin1"]
    return admin[0] if admin else None


__all__ = ["EXTRACTOR_VERSION", "extract"]
