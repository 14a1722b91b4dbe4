"""The clean-up of an article's findings before records are made, declared as the passes ``extract`` runs in order."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from stream.core.extract.context import PRECISION_RANK, SentenceContext
from stream.core.extract.figures import find_figures
from stream.core.extract.findings import Finding, Found, same_side
from stream.core.extract.framing import (
    ENEMY_NAMED,
    claimed_killing,
    counted_since_a_start,
    dead_since_a_start,
    enemys_dead_claimed,
    has_anchor,
    is_toll,
    is_unspecific,
    unadopted_count,
)
from stream.core.extract.kinds import Kinds
from stream.core.extract.repeats import merge_repeats, same_site
from stream.core.extract.sentences import Sentence
from stream.core.records import Side
from stream.core.text import Regex, WordRegex, contains_any, lowered


def headline_told_again(found: Found, kinds: Kinds) -> Found:
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
            if f.type in told and not ctx.sentence.headline and not _told_as_background(ctx, f, kinds)]

    def told_again(f: Finding) -> bool:
        if kinds[f.type].at_place:
            return any(b.type == f.type for b in body)
        if f.vague and kinds[f.type].victims:  # "dozens dead, soldiers and villagers among them": drop_superseded
            return False                         # passes on who died
        return any(b.type == f.type and bool(b.killed) == bool(f.killed) and b.figure and f.figure
                   and b.figure >= 0.75 * f.figure for b in body)

    return [(ctx, f) for ctx, f in found if not (ctx.sentence.headline and told_again(f))]


def _told_as_background(ctx: SentenceContext, f: Finding, kinds: Kinds) -> bool:
    """Background before its record is made: a period total, history, or a large toll in the perfect."""
    return ctx.background or ctx.historical or (kinds[f.type].victims and is_toll(ctx.sentence.text, f.figure or 0))


# "those who died in the Kalay air raid": a definite noun phrase names a strike already told.
_DEFINITE = Regex(r"\bthe\s+(?:(?-i:[A-Z])[\w’'-]*\s+){0,3}$", re.I)
# Only a noun refers so: "the jets bombed the school" and "the Israeli army struck" tell a strike, with their subject.
_NOUN_END = Regex(r"(?:strikes?|raids?|attacks?|bombings?|bombardments?|support|interdictions?)$", re.I)


def drop_strikes_referred_to(found: Found, kinds: Kinds) -> Found:
    """A strike the story only refers to ("the Kalay air raid") is the one it tells of elsewhere.

    A caption may refer to the strike before the body tells of it: where some sentence tells of a
    strike, every reference goes; where all only refer, the first is kept.
    """
    def referred(ctx: SentenceContext, f: Finding) -> bool:
        text = ctx.sentence.text
        return bool(_DEFINITE.search(text[max(0, f.start - 60):f.start])) and bool(_NOUN_END.search(f.trigger))

    strikes = [(ctx, f) for ctx, f in found if kinds[f.type].strike]
    told = {id(f) for _, f in [item for item in strikes if not referred(*item)] or strikes[:1]}
    return [(ctx, f) for ctx, f in found if not kinds[f.type].strike or id(f) in told]


def drop_unfollowed(found: Found, kinds: Kinds) -> Found:
    """"Another strike hit a building" is a strike of the kind the story told before it, or nothing: a story
    that told no air strike before may mean a missile, a shell or a strike by workers."""
    told: set[str] = set()
    kept: Found = []
    for ctx, f in found:
        if f.follows and f.type not in told:
            continue
        if not f.follows:
            told.add(f.type)
        kept.append((ctx, f))
    return kept


# "had to seize that base", "took this town back": the object points back to a place the story already told of.
_POINTED_BACK = Regex(r"^\S+(?:\s+\w+){0,3}?\s+(?:that|this|the\s+same)\s+(?:\w+\s+)?(?:base|camp|post|outpost|"
                      r"position|garrison|headquarters|checkpoint|town|village|city|hill)\b|"
                      # "The RSF said it had \"liberated\" the town": the town taken, told again without its name.
                      r"^\S+[\"”']?\s+the\s+(?:town|village|city)\b(?!\s+of\b)(?!\s+[A-Z])")
# A side's own account of a taking told before: "the militia said it had withdrawn from the village".
_WITHDRAWN_FROM_THE = Regex(r"^(?:withdr\w*|pulled\s+out|retreated|abandoned)\s+(?:\w+\s+){0,2}?(?:the|their|its)\s+"
                            r"(?:[a-z][\w-]*\s+)?(?:bases?|camps?|posts?|outposts?|positions?|garrisons?|headquarters|"
                            r"checkpoints?|town|village|city|hill|ridge)\b(?!\s+of\b)")
# Where the clause of a taking ends: a name past it ("withdrew from the village but vowed to defend Sweida") is not
# the place taken.
_CLAUSE_ENDS = Regex(r"[;:,]|\s+but\s")


def drop_seizures_told_again(found: Found, kinds: Kinds) -> Found:
    """A taking the story points back to ("we had to seize that base", a spokesman says; "the militia said it had
    withdrawn from the village") is one it told before.

    Its sentence names no place of its own, so it would take the last one named, which need not be the one
    taken. Where the story tells of no other taking, it is kept: the pointing may be to a place in the headline.
    """
    def pointed_back(ctx: SentenceContext, f: Finding) -> bool:
        stop = _CLAUSE_ENDS.search(ctx.sentence.text, f.end)
        end = stop.start() if stop else len(ctx.sentence.text)
        named = f.place is not None and any(m.place.name == f.place.name and m.start < end for m in ctx.mentions)
        told = ctx.sentence.text[f.start:f.end + 80]
        return not named and bool(_POINTED_BACK.match(told) or _WITHDRAWN_FROM_THE.match(told))

    takings = [(ctx, f) for ctx, f in found if kinds[f.type].changes_hands]
    told = [item for item in takings if not pointed_back(*item)]
    if not told or len(told) == len(takings):
        return found
    again = {id(f) for _, f in takings} - {id(f) for _, f in told}
    return [(ctx, f) for ctx, f in found if id(f) not in again]


# "people" says nothing of a side; it reads as civilians only while no victim of the story was a fighter.
_GENERIC_VICTIMS = frozenset({"people", "persons", "individuals", "others", "combatants"})


def generic_people(found: Found, kinds: Kinds) -> Found:
    """In a story whose dead were of several sides, "100 people were injured" are of no known side."""
    sides = {f.side for _, f in found if kinds[f.type].victims and f.killed and f.side not in (None, "unknown")}
    if "mixed" not in sides and len(sides - {"police"} | ({"military"} if "police" in sides else set())) < 2:
        return found
    return [(ctx, replace(f, side="unknown")
             if kinds[f.type].victims and f.side == "civilian" and (f.actor or "").lower() in _GENERIC_VICTIMS
             and not _told_as_background(ctx, f, kinds) else f)
            for ctx, f in found]


def one_side(found: Found, kinds: Kinds) -> Found:
    """Where every victim whose side the story says is of one side, victims it does not name are of it too.

    "Six farmers were killed ... a mortar round caused three more injuries": the injured of a
    story whose dead are all civilians are civilians; a fighting force's "two others were injured" are
    its own.
    """
    sides = {f.side for _, f in found if kinds[f.type].victims and f.side not in (None, "unknown", "mixed")}
    if len(sides) != 1:
        return found
    (side,) = sides
    return [(ctx, replace(f, side=side) if kinds[f.type].victims and f.side in (None, "unknown") and not f.actor
             else f) for ctx, f in found]


def drop_superseded(found: Found, kinds: Kinds) -> Found:
    """A vague figure ("dozens", "thousands") restates a larger or precise one of the same kind: drop it.

    A headline's "scores dead, villagers and militiamen among them" says who died, the body's "at
    least 50 people" how many: the figure kept takes the side the vague one gave. A vague figure that
    names no victims ("drone kills dozens") has its side only guessed from who struck: any side's count
    restates it. A vague figure naming a more precise place than the larger one ("thousands fled Mindat
    township" beside "10,000 in Chin state") is news of its own.
    """
    # Not a toll of another time ("in July 2020 a landslide killed more than 170"): "dozens were killed on Monday"
    # restates none.
    figures = [(ctx, f) for ctx, f in found if f.figure and not ctx.historical]

    def superseding(ctx: SentenceContext, f: Finding) -> Finding | None:
        if not f.vague:
            return None
        return next((p for p_ctx, p in figures
                     if p is not f and p.type == f.type and bool(p.killed) == bool(f.killed)
                     and (same_side(p.side, f.side) or not f.actor) and _as_coarse(ctx, f, p_ctx, p)
                     and ((p.figure or 0) > (f.figure or 0) or (not p.vague and p.figure == f.figure))), None)

    kept: Found = []
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


# Deaths told apart by when they came: at once, then later or in hospital.
_DIED_LATER = Regex(r"\b(?:(?:died|succumbed)\s+(?:\w+\s+){0,3}(?:later|in\s+(?:a\s+|the\s+)?hospital)|"
                    r"later\s+(?:died|succumbed)|died\s+of\s+(?:their|his|her)\s+(?:wounds|injuries))\b", re.I)


def drop_totals(found: Found, kinds: Kinds) -> Found:
    """A total the article then breaks down ("25 killed": 18 here, 7 there) is dropped for its parts.

    The parts come after the total, the first of them adding up to it: "killing 11 ... nine civilians and two
    guards were killed ... all four attackers were killed" breaks the 11 down and adds the attackers. A pair
    told in one sentence is one account: "a villager and a fighter were shot dead" is not the breakdown of an
    earlier "two brothers". One sentence may break a larger total down by who died ("nine civilians and two
    guards") or by when ("three died at the scene and a fourth later in hospital").
    """
    def adds_up(figure: int, parts: list[tuple[Sentence, int]]) -> bool:
        total = 0
        for k, (_, n) in enumerate(parts):
            total += n
            if total > 1.1 * figure:
                return False
            if k and total >= 0.9 * figure:
                first = parts[:k + 1]
                return (figure > 2 or len({sentence.start for sentence, _ in first}) >= 2
                        or any(_DIED_LATER.search(sentence.text) for sentence, _ in first))
        return False

    def is_total(index: int) -> bool:
        ctx, total = found[index]
        words = (total.actor or "").split()
        one_side_named = (total.side not in (None, "mixed", "unknown") and bool(words)
                          and words[0].lower() not in _GENERIC_VICTIMS)  # "14 people" name no side
        for kind in kinds[total.type].figures:
            figure = getattr(total, kind)
            if not figure:
                continue
            # "Eight civilians were killed", then "five civilians killed" and "three assailants neutralised": a
            # total that names its victims' side breaks down into parts of that side, or parts told as its own
            # ("eight of those killed were fighters").
            later = [(c, f) for c, f in found[index + 1:]
                     if getattr(f, kind) and getattr(f, kind) < figure and not c.background and not c.historical
                     and (not one_side_named or same_side(total.side, f.side) or _OF_THE_DEAD.match(f.trigger))]
            if sum(getattr(f, kind) for _, f in later) < 0.9 * figure:
                continue  # however placed, the parts cannot add up to it
            # A part told at another town or state ("a woman was shot in Mandalay") is not of a total told at one
            # place elsewhere; a total over several places ("in Magway and Sagaing") has its parts in each.
            several = _several_places(ctx)
            if adds_up(figure, [(c.sentence, getattr(f, kind)) for c, f in later
                                if several or same_site(ctx, total, c, f, carried=True)]):
                return True
        return False

    # "Officials put the day's toll at more than 70", after the day's attacks told one by one: their sum, told last.
    # So is a country's count running since the news began ("at least 13 people have been killed in Israel since Iran
    # began firing missiles on Friday"), after the strikes it counts.
    def sums_what_came_before(index: int) -> bool:
        ctx, total = found[index]
        country = ctx.place.country if ctx.place is not None and ctx.place.precision == "country" else None
        if not (total.killed and (_SUMMED_UP.search(lowered(ctx.sentence.text))
                                  or (country and dead_since_a_start(ctx.sentence.text) is not None))):
            return False
        # Each place's toll once, at its largest; and a count told again, wherever the sentence placed it: the
        # headline's nine and the body's, or "the toll rose ... to nine in the evening", are one toll.
        tolls: dict[str | None, int] = {}
        for c, f in found[:index]:
            if (f.killed and kinds[f.type].victims and not c.background and not c.historical
                    and (_same_region(c, ctx) or (country and c.place is not None and c.place.country == country))
                    and f.killed not in tolls.values()):
                at = f.place or c.place
                where = at.name if at else None
                tolls[where] = max(tolls.get(where, 0), f.killed)
        before = sum(tolls.values())
        return 0.5 * total.killed <= before <= 1.1 * total.killed

    kept = [(ctx, f) for i, (ctx, f) in enumerate(found)
            if not (kinds[f.type].victims and (is_total(i) or sums_what_came_before(i)))]

    # "Four of the dead were women", after a toll of seven that stays whole: who some of them were, not more dead.
    def part_of_a_toll(index: int) -> bool:
        ctx, f = kept[index]
        return (bool(f.killed) and _OF_THE_DEAD.match(f.trigger) is not None
                and any(c.index < ctx.index and (k.killed or 0) > (f.killed or 0) and not c.background
                        for c, k in kept[:index]))

    kept = [(ctx, f) for i, (ctx, f) in enumerate(kept) if not part_of_a_toll(i)]
    return _without_parts_of_period_totals(_without_parts_of_spanning_totals(kept, kinds), kinds)


# A count told as a report's: "..., the report said", "according to the tally".
_REPORT_SAID = WordRegex(r"(?:the|its|their|this)\s+(?:weekly\s+|monthly\s+)?(?:report|tally|update|bulletin|review|"
                         r"summary|figures|data)\s+(?:said|says|showed|shows|added|found)|according\s+to\s+the\s+"
                         r"(?:report|tally|update|bulletin|review|summary|figures|data)\b")


# A report's week or month: "during the past week", "over the last month".
_PAST_WEEK = WordRegex(r"(?:during|in|over)\s+the\s+(?:past|last|previous)\s+(?:week|fortnight|month)\b")


def _without_parts_of_period_totals(found: Found, kinds: Kinds) -> Found:
    """A report's count for a week or a month, then its parts, told as the report's: "214 soldiers were killed
    across the country during the past week ... In Sagaing, resistance forces killed 73, the report said". The parts
    are the period's too, not a day's news."""
    periods = [(ctx, f) for ctx, f in found if kinds[f.type].victims and f.killed
               and (_told_as_background(ctx, f, kinds) or _PAST_WEEK.search(lowered(ctx.sentence.text)))]
    if not periods:
        return found

    def part(ctx: SentenceContext, f: Finding) -> bool:
        return (kinds[f.type].victims and bool(f.killed) and not ctx.background
                and any(0 < ctx.index - c.index <= 3 and (t.killed or 0) > (f.killed or 0) and same_side(t.side, f.side)
                        for c, t in periods)
                and _REPORT_SAID.search(lowered(ctx.sentence.text)) is not None)

    return [(ctx, f) for ctx, f in found if not part(ctx, f)]


# A toll told over several attacks or places: "killed in three villages", "in two attacks", "on several fronts".
_SPANS = WordRegex(r"(?:in|across|on|at)\s+(?:two|three|four|five|six|several|multiple|separate|simultaneous|"
                   r"coordinated)\s+(?:separate\s+|simultaneous\s+|different\s+|coordinated\s+)?(?:attacks|raids|"
                   r"villages|places|locations|incidents|areas|fronts|districts|townships|strikes|ambushes|assaults)\b")


# The words that open a span, looked for before the pattern runs.
_SPAN_WORDS = ("two ", "three ", "four ", "five ", "six ", "several ", "multiple ", "separate ", "simultaneous ",
               "coordinated ")


def _spans_places(ctx: SentenceContext) -> bool:
    """The sentence tells one day's toll over several attacks or places; not a count running "since Sunday" over
    them, whose parts fall on days of their own."""
    low = lowered(ctx.sentence.text)
    return contains_any(low, _SPAN_WORDS) and "since" not in low and _SPANS.search(low) is not None


def _without_parts_of_spanning_totals(found: Found, kinds: Kinds) -> Found:
    """The parts a story tells of a toll it gave over several attacks or places, where it tells only some of them:
    "13 civilians were killed in three villages", then five in one and four in another. They are in the 13: the
    story did not name the third village's dead, or the finder did not read them."""
    spanning = {ctx.index for ctx, _ in found if _spans_places(ctx)}  # each sentence read once, not per finding
    dropped: set[int] = set()
    for index, (ctx, total) in enumerate(found):
        if not (kinds[total.type].victims and total.killed and not ctx.background and ctx.index in spanning):
            continue
        left = total.killed
        for c, f in found[index + 1:]:
            if c.index - ctx.index > 8 or not (kinds[f.type].victims and f.killed) or c.background:
                continue
            if (f.killed < left and same_side(total.side, f.side) and c.event_date == ctx.event_date
                    and c.index not in spanning):
                dropped.add(id(f))
                left -= f.killed
    return [(ctx, f) for ctx, f in found if id(f) not in dropped]


# Words that make a toll the sum of those told before it: "the day's toll", "the day's strikes across the province
# killed 13".
_SUMMED_UP = Regex(r"\b(?:the\s+day['’]s\s+(?:death\s+toll|toll|strikes|air\s*strikes|attacks|shelling|bombardments?|"
                   r"violence|fighting)|(?:overall|total|combined)\s+(?:death\s+)?toll|"
                   r"in\s+all\b|in\s+total\b|altogether\b|together\s+with\b)")


def _several_places(ctx: SentenceContext) -> bool:
    """The sentence names two places of one level: "in Magway and Sagaing", "in Kani and Ye-U townships". A village,
    its township and its region ("Inn Ma village in Kani township, Sagaing Region") are one place."""
    levels: dict[str | None, set[str]] = {}
    for m in ctx.mentions:
        levels.setdefault(m.place.precision, set()).add(m.place.name)
    return any(len(names) >= 2 for names in levels.values())


# "Four of the dead", "eight of those killed", "two of the victims": a part of a toll told before.
_OF_THE_DEAD = Regex(r"^[\w-]+\s+of\s+(?:the|those)\s+(?:(?:people|persons|civilians|villagers)\s+)?"
                     r"(?:killed|dead|victims)$", re.I)


# Words that add victims to a toll told before, rather than tell it again: "four more died", "two others".
# "Another said 40 had died" is another voice, not another victim; "more than 50 wounded" opens a figure.
_ADDS = Regex(r"\b(?:more(?!\s+than\b)|another(?!\s+(?:\w+\s+)?(?:said|says|told|added|put))|other|others|also|"
              r"further|additional|second|new|later|separately|both)\b", re.I)


# A second voice giving its count in the same sentence: "..., while police confirmed seven deaths".
_OTHER_VOICE = Regex(r"\b(?:while|but|whereas|although)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:confirmed|said|says|put|"
                     r"reported|gave|counted|recorded)\b")


# Another voice's count of a toll told before it: "residents put the toll higher, at 27", "a rights group put the
# death toll at 20".
# Read in the folded sentence, as are _RISEN, _RECEIVED and _TOLL_NOW: re.I costs three times as much.
# A voice may also give its own, lower figure: "confirmed the attack but gave a lower figure of 11 dead". Not "gave a
# higher toll": a count of the dead found later, as often as another account.
_PUT_TOLL = WordRegex(r"(?:put|puts|putting|placed|places|gave|gives)\s+(?:the|their|its|a)\s+(?:death\s+)?toll\s+"
                      r"(?:(?:even\s+|much\s+|far\s+)?(?:higher|lower)\b|at\b)|"
                      r"(?:gave|gives|giving|cited|cites|citing|reported|offered)\s+(?:a|an)\s+(?:much\s+)?"
                      r"(?:lower|smaller)\s+(?:figure|toll|count|number|tally)\b")


def drop_other_accounts(found: Found, kinds: Kinds) -> Found:
    """A toll told again by another voice, with no place, day or victims of its own, is another account of it.

    "Dozens were killed in the region on Tuesday. One resident counted 34 bodies. Another said at least 40 had
    died": accounts of one toll, not 74 dead. An account no larger than the toll just before it is dropped; a
    larger one replaces it ("killing at least 75 in El Fasher on Friday. A doctors' group put the death toll at
    78": 78 dead there that day, not 153), and stands where it stood. Words that add to a toll ("four
    more died", "two others") tell new victims, and a sentence naming a place or a day may tell another incident;
    a state named in a voice's title ("the Plateau State police spokesman said seven bodies had been recovered") is
    no such place. A toll the headline told, and the lede again, is as near as the lede's.
    """
    def account(ctx: SentenceContext, before: SentenceContext, put: bool) -> bool:
        text = ctx.sentence.text
        if put:
            return True  # "put the toll higher, at 27, saying bodies were found in the bush on Saturday"
        where = before.place
        return (all(m.place.precision == "admin1" and where is not None and m.place.admin1 == where.admin1
                    for m in ctx.mentions)
                and not ctx.sentence.headline and not has_anchor(text) and not _ADDS.search(text))

    dropped: set[int] = set()
    told: list[tuple[SentenceContext, Finding]] = []
    for ctx, f in found:
        if not (kinds[f.type].victims and f.figure) or ctx.background:
            continue
        p_ctx, p = told[-1] if told else (None, None)
        put = _PUT_TOLL.search(lowered(ctx.sentence.text)) is not None
        if told and put:
            # Another voice's toll is of the dead told last, not of the wounded told beside them: "16 killed and 25
            # wounded. A rights group put the toll at 20."
            p_ctx, p = next(((c, k) for c, k in reversed(told)
                             if k.type == f.type and bool(k.killed) == bool(f.killed)), told[-1])
        # "Gunmen killed between eight and 12, residents said, while police confirmed seven": two voices, one toll.
        voiced = p_ctx is ctx and p is not None and bool(_OTHER_VOICE.search(ctx.sentence.text, p.end, f.start))
        if p_ctx is not None and p is not None and (voiced or account(ctx, p_ctx, put)):
            if (p.type == f.type and bool(p.killed) == bool(f.killed) and (voiced or same_side(p.side, f.side))
                    and (voiced or 0 < ctx.index - p_ctx.index <= 2 + p_ctx.sentence.headline)
                    and p.figure != f.figure):
                if (f.figure or 0) < (p.figure or 0):
                    dropped.add(id(f))
                    continue
                if not (_told_as_background(ctx, f, kinds) or is_unspecific(ctx.sentence.text)):
                    dropped.add(id(p))  # not "over the week, 60 were killed across the country": a total, kept apart
        told.append((ctx, f))
    return [(ctx, f) for ctx, f in found if id(f) not in dropped]


# A side's claim of what it did: "JNIM claimed it had killed dozens of soldiers", "saying its fighters had killed".
_CLAIMED = Regex(r"\b(?:claim(?:ed|s|ing)?|boasted|propaganda)\b", re.I)


# The sides whose dead a side at war counts as its kills.
_FIGHTERS: frozenset[Side | None] = frozenset({"military", "resistance", "police"})


def drop_claims_beside_counts(found: Found, kinds: Kinds) -> Found:
    """A side's vague claim of the dead ("dozens of soldiers", said the attackers), or one it claims to have killed
    ("the group claimed to have killed 43"), beside a count of the same victims ("nine soldiers died", said the
    army, or "more than 70 people were killed", of no side told) is another account of that toll, and the least
    sure. So is a precise claim beside a vague count ("dozens of people were killed", said the government; the
    attackers "claimed to have killed 55 people, including soldiers"), and one of several sides beside a count of
    any of them."""
    tolls = [f for ctx, f in found if kinds[f.type].victims and f.killed and not ctx.background]
    counted = [f for f in tolls if not f.vague]

    # A count of fighters in their killers' words, or one the story doubts, is dropped beside any count it adopts:
    # "the ministry said \"more than 40 terrorists\" were killed" beside the six soldiers and three civilians elders
    # counted.
    # Fighters, whichever side the words name, or "members of the enemy" in a quote.
    unadopted = {id(f) for ctx, f in found
                 if kinds[f.type].victims and f.killed
                 and (((words := unadopted_count(ctx.sentence.text, f.start, f.end)) is not None
                       and (f.side in _FIGHTERS or ENEMY_NAMED.search(words) is not None))
                      or enemys_dead_claimed(ctx.sentence.text, f.start) is not None)}
    adopted = [f for f in tolls if id(f) not in unadopted]

    def claim(ctx: SentenceContext, f: Finding) -> bool:
        if not (kinds[f.type].victims and f.killed):
            return False
        if id(f) in unadopted and adopted:
            return True
        if f.vague:
            return bool(_CLAIMED.search(ctx.sentence.text)) and any(
                c is not f and same_side(c.side, f.side) for c in counted)
        return claimed_killing(ctx.sentence.text, f.start) is not None and any(
            c is not f and (same_side(c.side, f.side) or "mixed" in (c.side, f.side))
            and c.side not in (None, "unknown") for c in tolls)

    return [(ctx, f) for ctx, f in found if not claim(ctx, f)]


# "The toll has risen to 22 from 14", "rose from 14 to 22": the story's later figures may be the rise.
_RISEN = WordRegex(r"(?:rose|risen|climbed|increased|jumped)\s+(?:to\s+(?:at\s+least\s+)?(?P<to>\d[\d,]*)\s+from\s+"
                   r"(?P<from>\d[\d,]*)|from\s+(?P<from2>\d[\d,]*)\s+to\s+(?:at\s+least\s+)?(?P<to2>\d[\d,]*))\b")


def drop_rises_told_apart(found: Found, kinds: Kinds) -> Found:
    """Where a toll rose to 22 from 14, "eight more bodies were found" tells the rise: part of the 22, not more dead."""
    rises = set()
    for ctx in {id(ctx): ctx for ctx, _ in found}.values():
        for m in _RISEN.finditer(lowered(ctx.sentence.text)):
            to, start = (m["to"], m["from"]) if m["to"] else (m["to2"], m["from2"])
            rises.add((ctx.index, int(to.replace(",", "")) - int(start.replace(",", ""))))
    if not rises:
        return found
    return [(ctx, f) for ctx, f in found if not (
        kinds[f.type].victims and f.killed and any(f.killed == rise and ctx.index != at for at, rise in rises))]


def _same_region(a: SentenceContext, b: SentenceContext) -> bool:
    """The two sentences are one, or their places lie in one state or region."""
    return a.index == b.index or (a.place is not None and b.place is not None and a.place.admin1 == b.place.admin1)


# "Nasser Hospital said it had received 11 bodies": one hospital's share of the dead.
_RECEIVED = Regex(r"\b(?:hospitals?|morgues?|clinics?|medical\s+(?:centres?|centers?))\b[^.;]{0,60}?"
                  r"\b(?:received|took\s+in|counted)\b")
# "He said 11 bodies had been brought to the hospital": the same, told from the bodies.
_BROUGHT_TO = Regex(r"\bbod(?:y|ies)\s+(?:[\w-]+\s+){0,3}?(?:brought|taken|carried|delivered)\s+to\s+(?:the\s+|a\s+)?"
                    r"(?:[\w-]+\s+){0,2}?(?:hospitals?|morgues?|mortuar(?:y|ies)|clinics?)\b")


def drop_hospital_shares(found: Found, kinds: Kinds) -> Found:
    """The bodies one hospital received after a larger toll of its state or region told before are part of that
    toll: "strikes killed at least 24 across the Gaza Strip ... Nasser Hospital said it had received 11 bodies", "a
    strike killed 17 ... 11 bodies had been brought to the hospital"."""
    tolls: list[tuple[SentenceContext, Finding]] = []
    kept: Found = []
    for ctx, f in found:
        if kinds[f.type].victims and f.killed and not ctx.background:
            low = lowered(ctx.sentence.text)
            told = _RECEIVED.search(low, 0, f.start) or _BROUGHT_TO.search(low, f.start, f.end + 60)
            share = told is not None and any(
                (t.killed or 0) > f.killed and _same_region(t_ctx, ctx) for t_ctx, t in tolls)
            if share:
                continue
            tolls.append((ctx, f))
        kept.append((ctx, f))
    return kept


# "The Zaporizhzhia toll has risen to nine", "the death toll rose to 13": the incident's toll as it now stands. Read in
# the folded sentence, so in a liveblog's capitals too: "16:32 - Toll rises to 13". Between the noun and its verb may
# stand the whole incident: "the number killed in this morning's strike on Inn Ma village in Kani township,
# Sagaing Region, has risen to seven".
_TOLL_NOW = WordRegex(r"(?:toll|number\s+of\s+(?:dead|deaths|(?:[\w-]+\s+){0,2}?killed))\s+(?:[\w'’-]+,?\s+){0,20}?"
                      r"(?:has\s+|had\s+)?(?:(?:risen|rose|rises|climbed|climbs|increased|increases|jumped|jumps|"
                      r"reached)\s+to|(?:now\s+)?stands?\s+at)\b|"
                      # "four more bodies were found, taking the number of militants killed to 11": the toll now.
                      r"(?:bringing|brings|brought|taking|takes|took|raising|raises|raised|pushing|pushed)\s+"
                      # "... bringing the civil society count to 26 dead".
                      r"(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,2}?(?:toll|count|tally|"
                      r"number\s+of\s+(?:[\w-]+\s+){0,2}?(?:dead|deaths|killed))"
                      r"\s+(?:[\w'’-]+\s+){0,6}?to\b")
# A liveblog's entry opens on its hour, the day before it or not: "20:50 - The toll now stands at 12", "16 March,
# 17:05 – UPDATE: ...", "March 16, 5:05 pm -". Its entries run newest first.
# Its hour may carry its zone: "18:40 GMT - Nuseirat toll rises to 19".
_STAMPED = Regex(r"^\s*(?:\d{1,2}\s+[A-Z][a-z]+,?\s+|[A-Z][a-z]+\.?\s+\d{1,2},?\s+)?\d{1,2}[:.]\d\d\s*"
                 r"(?:[ap]\.?m\.?\s*)?(?:(?:GMT|UTC|[A-Z]{2,4}T)(?:[+-]\d{1,2})?\s*)?[-–—:]")


# "Four more bodies", "two more people": dead added to a toll told before.
_MORE_DEAD = Regex(r"[\w-]+\s+(?:more|further|additional)\b", re.I)
# "Three of the wounded died": dead who were counted among the wounded.
_WOUNDED_WHO_DIED = Regex(r"\bof\s+the\s+(?:wounded|injured)\b", re.I)


# ", up from the eight it reported earlier", ", raising an earlier toll of nine": the count a toll rose from.
_UP_FROM = Regex(r"[^.;]{0,100}?\b(?:up\s+from|(?:raising|revising|updating|increasing)\s+(?:an?\s+|the\s+|its\s+)?"
                 r"(?:earlier|initial|previous|first)\s+(?:death\s+)?(?:toll|count|figure|tally)\s+of)\s+"
                 r"(?:the\s+|an?\s+)?(?:earlier\s+|initial\s+|previous\s+)?")
_UP_FROM_WORDS = ("up from", "toll of", "count of", "figure of", "tally of")


def _count_up_from(sentence: str, end: int) -> int | None:
    """The count a toll told at ``end`` rose from, where the sentence says so ("..., up from the eight reported")."""
    if not contains_any(sentence, _UP_FROM_WORDS):
        return None
    m = _UP_FROM.match(sentence, end)
    figures = find_figures(sentence[m.end():m.end() + 30]) if m else []
    return figures[0].best if figures and figures[0].start == 0 else None


# "Initially, police had said that eight were killed", "At first the army put the dead at five": the count before.
# So are "villagers first counted 20 dead", "an earlier toll issued in the afternoon put the number of dead at nine"
# and "it was initially reported that four people had been killed".
_FIRST_COUNT = Regex(r"^\W*(?:initially|at\s+first|originally)\b[^.;]{0,60}?\b(?:said|reported|put|gave|announced|"
                     r"claimed|spoke\s+of)\b|\b(?:first|initially|originally)\s+(?:counted|listed|put|gave|reported)\b|"
                     r"\b(?:an?|the)\s+(?:earlier|initial|previous|first|preliminary)\s+(?:death\s+)?"
                     r"(?:toll|count|figure|tally)\b|\b(?:was|were|had\s+been)\s+(?:initially|first|originally)\s+"
                     r"(?:reported|said|put|given)\b", re.I)


def _first_count(ctx: SentenceContext, f: Finding, found: Found, kinds: Kinds) -> bool:
    """A toll told as the first count of one the story gives larger in its state or region: a toll before it rose."""
    return bool(f.killed and kinds[f.type].victims and _FIRST_COUNT.search(ctx.sentence.text, 0, f.start)) and any(
        (k.killed or 0) > (f.killed or 0) and kinds[k.type].victims and _same_region(k_ctx, ctx)
        for k_ctx, k in found)


def keep_tolls_as_they_rose(found: Found, kinds: Kinds) -> Found:
    """A liveblog's "five dead so far", then "the toll has risen to nine", then "to 13": one incident's toll, at 13.
    A toll told as risen replaces the smaller tolls told before it in its state or region, in its own sentence too
    ("four more bodies were found, bringing the toll to 11"). A count told as the first ("initially, police had said
    eight") gives way to any larger toll of its state or region, wherever the story tells it."""
    # Each toll told as risen, with the count it rose from where the sentence gives it ("now says 11 were killed, up
    # from the eight it reported earlier": the eight, told anywhere, is that toll before). Not a running count since a
    # campaign began ("the number killed since the escalation began has risen to 431"): the day's tolls are in it, not
    # earlier counts of it.
    found = [(ctx, f) for ctx, f in found if not _first_count(ctx, f, found, kinds)]
    risen: list[tuple[SentenceContext, Finding, int | None]] = []
    for ctx, f in found:
        if kinds[f.type].victims and f.killed:
            up_from = _count_up_from(ctx.sentence.text, f.end)
            if (up_from or _TOLL_NOW.search(lowered(ctx.sentence.text), 0, f.start)) and not counted_since_a_start(
                    ctx.sentence.text):
                risen.append((ctx, f, up_from))
    if not risen:
        return found

    def entry(ctx: SentenceContext) -> bool:
        # The hour opens the entry, or stands on the heading line above it.
        return bool(_STAMPED.match(ctx.timeline.paragraph_opening(ctx.index))
                    or _STAMPED.match(ctx.timeline.heading_before(ctx.index)))

    # A headline's risen toll holds the dead its body tells as more ("toll rises to 21"; "four more bodies were
    # taken from the rubble this morning"): why it rose.
    # So does the sentence right after a risen toll: "has risen to 17 ... Three of the wounded died overnight, and
    # three more bodies were pulled from the rubble".
    def why_it_rose(r_ctx: SentenceContext, ctx: SentenceContext, f: Finding) -> bool:
        told = bool(_MORE_DEAD.match(ctx.sentence.text, f.start))
        return (r_ctx.sentence.headline and told) or (ctx.index == r_ctx.index + 1 and (
            told or _WOUNDED_WHO_DIED.search(f.trigger) is not None))

    # In a liveblog the toll told first is the latest: the smaller ones after it are earlier counts of it, unless
    # told as another incident ("Separately, a drone killed a man in Orikhiv"). A toll that rose in another incident
    # ("Separately, ... raising the toll from that attack to 19") overtakes nothing told before it.
    def overtaken(ctx: SentenceContext, f: Finding) -> bool:
        return kinds[f.type].victims and bool(f.killed) and any(
            ((r_ctx.index == ctx.index and r.start > f.start)
             or (f.killed == up_from and r is not f)
             or (not ctx.new_incident and ((r_ctx.index > ctx.index and not r_ctx.new_incident)
                                           or (entry(r_ctx) and entry(ctx)) or why_it_rose(r_ctx, ctx, f))))
            and (r.killed or 0) > (f.killed or 0) and _same_region(r_ctx, ctx)
            for r_ctx, r, up_from in risen)

    return [(ctx, f) for ctx, f in found if not overtaken(ctx, f)]


def drop_flights_told_twice(found: Found, kinds: Kinds) -> Found:
    """One flight told twice within a few sentences ("more than 12,000 have fled Macomia district"; "the agency said
    12,300 had been displaced over three days, most from Chai") is one flight, at the larger figure: two flights
    of nearly one size in one story are seldom two. Places named need not match: the second tells where from."""
    kept: Found = []
    for ctx, f in found:
        if f.displaced and not ctx.background:
            before = next((i for i, (c, k) in enumerate(kept) if k.displaced and not c.background
                           and 0 < ctx.index - c.index <= 3 and _close(k.displaced, f.displaced)), None)
            if before is not None:
                if f.displaced > (kept[before][1].displaced or 0):
                    kept[before] = (kept[before][0], replace(kept[before][1], displaced=f.displaced))
                continue
        kept.append((ctx, f))
    return kept


def _close(a: int, b: int) -> bool:
    """Two counts of one thousand or more within a tenth of each other: one count, rounded and exact."""
    return min(a, b) >= 1000 and abs(a - b) <= 0.1 * max(a, b)


# A pass reads what it needs of a finding's kind from the table: it never names one.
Pass = Callable[[Found, Kinds], Found]


class Passes(NamedTuple):
    """The clean-up of one article's findings, in the order ``extract`` runs them: each takes and gives findings."""

    drop_unfollowed: Pass
    headline_told_again: Pass
    drop_strikes_referred_to: Pass
    drop_seizures_told_again: Pass
    generic_people: Pass
    one_side: Pass
    drop_claims_beside_counts: Pass
    drop_superseded: Pass
    keep_tolls_as_they_rose: Pass
    merge_repeats: Pass
    drop_totals: Pass
    drop_other_accounts: Pass
    drop_rises_told_apart: Pass
    drop_hospital_shares: Pass
    drop_flights_told_twice: Pass


PASSES = Passes(drop_unfollowed, headline_told_again, drop_strikes_referred_to, drop_seizures_told_again,
                generic_people, one_side, drop_claims_beside_counts, drop_superseded, keep_tolls_as_they_rose,
                merge_repeats, drop_totals, drop_other_accounts, drop_rises_told_apart,
                drop_hospital_shares, drop_flights_told_twice)
