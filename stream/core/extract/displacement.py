"""People displaced: "30,000 were evacuated", "forcing 5,000 to flee", "10,000 IDPs"."""

from __future__ import annotations

import re

from stream.core.extract.actors import ROLE_WORDS, Actors
from stream.core.extract.context import SentenceContext
from stream.core.extract.figures import NOT_PEOPLE, Figure, find_figures
from stream.core.extract.findings import Finding, framing, has_cue, of_violence
from stream.core.extract.framing import has_anchor, hypothetical
from stream.core.extract.mentions import local_name
from stream.core.lexicon import phrases, words
from stream.core.records import Place
from stream.core.text import Cues, Regex, lowered

# The words live in stream/data/lang/en/displacement.txt.
_VERB = phrases(words("displacement", "fled"))
# _AFTER, _NOUN_AFTER and _BEFORE read the folded sentence: re.I costs two to four times more.
_AFTER = Regex(
    rf"^(?P<gap>[^.;]{{0,90}}?)\b(?:(?:have|has|had|were|was|are|is|been|being|reportedly|now|also|already|"
    rf"newly|internally)\s+)*(?P<verb>{_VERB})\b")
# "a further 6,000 moved to Mindat": arrivals are flight only in a sentence that speaks of flight already.
_ARRIVED = Regex(rf"^(?P<gap>[^.;]{{0,40}}?)\b(?:(?:have|has|had|were|was|also)\s+)*"
                 rf"(?P<verb>{phrases(words('displacement', 'arrived'))})\b")
_NOUN_AFTER = Regex(
    rf"^\s*(?:(?:newly|internally)\s+)?(?:{phrases(words('displacement', 'displaced people'))})\b")
_BEFORE = Regex(
    rf"\b(?:{phrases(words('displacement', 'displacing'))})"
    r"(?:\s+(?:an\s+estimated|some|about|around|more\s+than|over|nearly|at\s+least))?\s*$")
# "camps that house 30,000 people", "the town hosts some 8,000 IDPs": how many people a place holds, not how many
# fled in the news.
# So do those aid reached: "provided assistance to some 14,600 newly displaced people", "reached 12,000 IDPs".
_HOUSED = Regex(r"\b(?:hous(?:e|es|ed|ing)|host(?:s|ed|ing)?|shelter(?:s|ed|ing)?|accommodat(?:e|es|ed|ing)|"
                r"(?:assistance|aid|support|relief|food|supplies|services)\s+(?:to|for)|assisted|reached|served)\s+"
                r"(?:(?:an\s+estimated|some|about|around|more\s+than|over|nearly|at\s+least|almost)\s+)?$")
# "IDPs live in", "displaced people are sheltering in": a noun of the displaced, then where they stay.
# So do "IDPs face food shortages", "refugees returned to X", "displaced people in camps have received no aid".
_LIVING = Regex(r"(?:\s+(?:in|at|near|around|across)\s+[^,.;]{1,40}?)?"  # "IDPs in Kani Township face ..."
                r"\s+(?:(?:now|still|currently)\s+)?(?:(?:are|were|have\s+been)\s+)?(?:live|living|lives|"
                r"shelter(?:s|ing)?|stay(?:s|ing)?|resid(?:e|es|ing)|remain(?:s|ing)?|housed|crammed|crowded|packed|"
                r"face[sd]?|facing|need(?:s|ed)?|lack(?:s|ed)?|depend(?:s|ed)?|rel(?:y|ies|ied)|await(?:s|ed)?|"
                r"return(?:s|ed|ing)?|went\s+home|received|receive[sd]?|in\s+(?:the\s+)?(?:camps?|sites?|shelters?)\s+"
                r"(?:have|has|had|are|were|face|need|lack))\b")
# "displaced from the villages live in and around the town": where they live now, told in the present.
# "displaced people from rural Kordofan and from Darfur sheltering in schools": those sheltering, named.
_LIVING_NOW = Regex(r"(?:\s+(?:people|persons|civilians|residents|families))?(?:\s+from\s+[^,.;]{1,60}?)?"
                    r"\s+(?:now\s+|still\s+)?(?:live|lives|remain|remains|living|sheltering|staying|"
                    r"are\s+(?:now\s+|still\s+)?(?:living|sheltering|staying))\b")
# "20,000 people who fled the fighting have not returned": those still away, a stock, not a flight.
_STILL_AWAY = Regex(r"[^.;]{0,80}?\b(?:(?:have|has|had)\s+(?:not|yet\s+to|never)\s+(?:returned|return|gone\s+back)|"
                    r"(?:remain|remains|are\s+still|were\s+still|still\s+live)\s+(?:displaced|away|in\s+camps)|"
                    r"(?:cannot|could\s+not|can\s+not|unable\s+to)\s+(?:yet\s+)?(?:return|go\s+(?:back|home)))\b")
# Those displaced before who went back: "people previously displaced have returned", "displaced ... have gone home".
_RETURNED = Regex(r"(?:(?!\band\b|\bbut\b)[^.;,]){0,40}?\b(?:have|has|had)\s+(?:now\s+|since\s+|already\s+)?"
                  r"(?:returned|gone\s+(?:back|home))\b")
# "At least 60,000 of the town's roughly 100,000 residents have fled": a share of those who live there, counted.
_SHARE_OF = Regex(r"(?:\b(?:most|many|half|some|much|part|a\s+third|a\s+quarter|two\s+thirds|the\s+majority)|"
                  r"\d[\d,]*)\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+['’]s\s+)?"
                  r"(?:(?:estimated|some|about|around|roughly|nearly)\s+)?$")
# "El Obeid, a city of hundreds of thousands swollen by displaced families", "a town of 40,000 people": how many live
# there.
# So is a population that grew: "the town's population has swelled to 300,000 as villagers sought refuge there",
# "the population of X had grown to".
_POPULATION_OF = Regex(r"\b(?:(?:city|town|village|camp|community|settlement|district)\s+of|"
                       r"population\s+(?:of\s+[^,.;]{1,40}?\s+)?(?:(?:has|have|had)\s+)?(?:now\s+)?(?:swelled|swollen|grown|grew|risen|rose|"
                       r"climbed|jumped|doubled|tripled|increased)\s+(?:to|from)(?:\s+(?:just\s+)?under)?)\s+"
                       r"(?:(?:an\s+estimated|some|about|around|more\s+than|over|nearly|almost|roughly)\s+)?$")
# "300,000 people live in and around the town, most of them displaced": how many live there, whatever brought them.
_PEOPLE_LIVE = Regex(r"\s+(?:of\s+)?(?:displaced\s+)?(?:people|persons|residents|civilians|inhabitants)\s+(?:now\s+|"
                     r"still\s+)?(?:live|living|lives|reside)\b")
_WHO = Regex(r"\b(?:who|that)\b")
# "There are now 25,000 IDPs in X", "X is home to some 30,000 displaced people": a count of those there.
_THERE_ARE = Regex(r"\b(?:there\s+(?:are|were)|home\s+to)\s+(?:now\s+)?(?:(?:an\s+estimated|some|about|around|"
                   r"more\s+than|over|nearly|at\s+least|almost)\s+)?$")
# "killed at least 29 people ... in a displaced persons' camp": a figure a verb of killing governs counts the dead.
_KILLED_BEFORE = Regex(r"\b(?:killed|killing|kills|wounded|wounding|injured|injuring)\s+(?:(?:at\s+least|some|about|"
                       r"around|more\s+than|over|nearly|up\s+to|an\s+estimated)\s+)?$")
_COMBATANT = {"military", "police", "resistance"}
# Who is moved without fleeing: the wounded and the dead.
_NOT_FLEEING = Regex(r"\s+(?:\w+\s+)?(?:wounded|injured|casualties|bodies|dead|patients)\b")
# Fewer than this are no displacement figure ("one displaced local told reporters").
MIN_DISPLACED = 10
_CASUALTY_WORD = Regex(r"\b(?:killed|killing|wounded|injured|died|dead|shot)\b", re.I)


# Every sentence this finder reports holds one of these: the others are skipped with a substring test.
CUES = Cues("fled", "flee", "displac", "evacu", "uproot", "refuge", "shelter", "forced", "forcing", "driven", "driving",
        "homes", "escap", "idp", "exodus", "homeless", "crossed", "streamed", "poured",
        "arrived in camps", "arrived at camps", "arrived in displacement", "on the move", "new arrivals", "movements")


# "600 villagers from four nearby hamlets fled": a word that describes the places may stand before them.
_DESCRIBING = Regex(r"\s+(?:nearby|neighbou?ring|surrounding|other|more|separate|different|remote|border|small)\b")


def _not_people(low: str, end: int) -> bool:
    """The figure ending at ``end`` counts things, not people ("three villages", "three nearby villages")."""
    if NOT_PEOPLE.match(low[end:]):
        return True
    described = _DESCRIBING.match(low, end)
    return bool(described and NOT_PEOPLE.match(low[described.end():]))


# "20,000 people fled Kalehe", "families fleeing from Minova": the name after a verb of flight is the place fled,
# when it ends as a place's name ends, not before a noun ("fled Boko Haram attacks").
_FLED_FROM = Regex(r"\b(?:fled|flee|flees|fleeing|escaped|evacuated)\s+(?:from\s+)?"
                   r"(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})"
                   r"(?=\s*(?:[,.;:)]|$)|\s+(?:in|on|to|for|after|as|and|into|towards|over|last|this|early|late|"
                   r"since|when|amid|while|during|before|because|following)\b)")


def _place_fled(ctx: SentenceContext, start: int, actors: Actors) -> Place | None:
    """The place the sentence says the people fled, after ``start``: known, or named only there."""
    text = ctx.sentence.text
    m = _FLED_FROM.search(text, start, start + 120)
    if m is None or actors.actor_in(m["name"]) is not None:  # "fled Al-Shabaab": a group, not a place
        return None
    known = next((mention.place for mention in ctx.mentions if mention.start == m.start("name")), None)
    if known is not None:
        return known if known.precision not in ("admin1", "country") else None
    name = local_name(m["name"])
    around = ctx.place or ctx.carried
    if name is None or around is None:
        return None
    return Place(name=name, precision="town", admin1=around.admin1 if around.precision != "country" else None,
                 country=around.country)


# "14,500 individuals (2,900 households) were displaced": the count told again in other units, in brackets.
_RESTATED = Regex(r"\s*(?:households?|famil(?:y|ies)|people|persons|individuals|idps)?\s*\)")
# So are households counted, then their people: "2,520 households (12,600 individuals)", "1,900 newly displaced
# households (about 11,400 people)", "2,150 families, or some 10,700 people".
_HOUSEHOLDS_OF = Regex(r"\s*(?:(?:newly\s+)?displaced\s+|new\s+)?(?:households?|famil(?:y|ies))\s*(?:\(|,\s*or\b)\s*"
                       r"(?:(?:an\s+estimated|some|about|around|roughly|approximately|nearly|almost|over|more\s+than|"
                       r"at\s+least)\s+)?[\d,.]+\s*(?:people|persons|individuals)\b")


_LIVES = Regex(r"\s+lives\b")


def _people_counted(figures: list[Figure], low: str) -> list[Figure]:
    """The figures that count people, each once. Households told with their people ("2,520 households (12,600
    individuals) fled") are the people, read where the households stand, before the words that say what befell them;
    a count restated in brackets is none of its own."""
    counted: list[Figure] = []
    restated = -1  # where the people of the households counted last end
    for figure in figures:
        if figure.start < restated or _not_people(low, figure.end) or _LIVES.match(low, figure.end):
            continue  # "claimed 260 lives and displaced 60,000": the lives are the dead
        if households := _HOUSEHOLDS_OF.match(low, figure.end):
            people = next((f for f in figures if figure.end <= f.start < households.end()), None)
            if people is not None:
                counted.append(figure._replace(best=people.best, low=people.low, high=people.high,
                                               qualifier=people.qualifier, vague=people.vague))
            restated = households.end()
        elif not (low[figure.start - 1:figure.start] == "(" and _RESTATED.match(low, figure.end)):
            counted.append(figure)
    return counted


def find_displacement(ctx: SentenceContext, actors: Actors = ROLE_WORDS) -> list[Finding]:
    """Each figure of people who fled or were displaced in the sentence."""
    sentence = ctx.sentence.text
    if not has_cue(sentence, CUES):
        return []
    found: list[Finding] = []
    low = lowered(sentence)
    figures = _people_counted(find_figures(sentence), low)
    for index, figure in enumerate(figures):
        if figure.best < MIN_DISPLACED:
            continue
        after = low[figure.end:]
        following = figures[index + 1:]
        if following and _SHARE_OF.search(low, max(figure.start, following[0].start - 50), following[0].start) and (
                "pre-war" not in low and "prewar" not in low):
            # "20,000 of the town's 45,000 residents have fled": the verb after the whole tells of the share. Not a
            # share of its "pre-war residents": those gone since the war began, a stock.
            following = following[1:]
        nxt = following[0].start - figure.end if following else len(after)
        m = _AFTER.match(after) or _ARRIVED.match(after)
        gap = sentence[figure.end:figure.end + m.end("gap")] if m else ""  # as written: "May" is no modal
        noun = _NOUN_AFTER.match(after)
        before = _BEFORE.search(low[max(0, figure.start - 80): figure.start])
        if _SHARE_OF.search(low, max(0, figure.start - 50), figure.start) or _POPULATION_OF.search(
                low, max(0, figure.start - 50), figure.start):
            continue  # "most of the town's 30,000 people had fled": the figure is how many live there
        if _PEOPLE_LIVE.match(low, figure.end):
            continue
        if _HOUSED.search(low, max(0, figure.start - 40), figure.start) or _KILLED_BEFORE.search(
                low, max(0, figure.start - 40), figure.start):
            continue
        if noun and (_LIVING.match(low, figure.end + noun.end())
                     or _THERE_ARE.search(low, max(0, figure.start - 40), figure.start)):
            continue  # "18,000 displaced people live in camps around X": how many are there, not how many fled
        if m and not has_anchor(sentence) and _LIVING_NOW.match(low, figure.end + m.end()):
            continue  # "tens of thousands displaced from the villages live in and around the town": a stock
        if m and _RETURNED.match(low, figure.end + m.end()):
            continue  # "20,000 people previously displaced have returned to their villages": returnees
        if m and _WHO.search(gap) and _STILL_AWAY.match(low, figure.end + m.end()):
            continue  # the flight is told in a clause of who they are; what the sentence says of them is a stock
        if noun:
            end = figure.end + noun.end()
        elif m and m.start("verb") < nxt and actors.side_of(gap) not in _COMBATANT and not _CASUALTY_WORD.search(gap):
            end = figure.end + m.end()
        elif before and not _NOT_FLEEING.match(low, figure.end) and \
                actors.side_of(sentence[figure.end:figure.end + 30]) not in _COMBATANT:
            end = figure.end  # "evacuated 40,000 residents", not "evacuated 40 wounded soldiers"
        else:
            continue
        neg, hyp = framing(sentence, figure.start)
        # "7,000 villagers could be displaced": the modal stands between the figure and its verb.
        hyp = hyp or bool(m and end == figure.end + m.end() and hypothetical(gap))
        found.append(Finding(
            type="displacement", start=figure.start, end=end, trigger=sentence[figure.start:end],
            displaced=figure.best, qualifier=figure.qualifier, vague=figure.vague, negated=neg, hypothetical=hyp,
            place=_place_fled(ctx, figure.end, actors) if " fle" in low or "escaped" in low or "evacuated" in low
            else None,
        ))
    return of_violence(low, found)
