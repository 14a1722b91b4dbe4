"""Air and drone strikes: "the army carried out airstrikes on a village", "jets dropped four bombs"."""

from __future__ import annotations

from dataclasses import replace

from stream.core.extract.actors import Actors
from stream.core.extract.context import PRECISION_RANK, SentenceContext, owner
from stream.core.extract.figures import find_figures
from stream.core.extract.findings import Finding, framing, has_cue
from stream.core.extract.framing import is_unspecific
from stream.core.extract.mentions import Mention
from stream.core.extract.sites import Site, refined
from stream.core.records import Place
from stream.core.text import Cues, Regex, WordRegex, lowered

# Forces whose strikes come from the air, as the news names them before a bare "strike".
_AIR_POWER = (r"(?:israeli|u\.\s?s\.|us|u\.\s?k\.|uk|american|british|coalition|saudi(?:-led)?|emirati|turkish|"
              r"junta|regime)")
_STRIKE = WordRegex(  # read in the folded sentence, as the re.I it replaces
    r"(?:air\s*-?\s*strikes?|airstrikes?|air\s+raids?|air\s+attacks?|air\s+interdictions?|aerial\s+(?:bombardments?|attacks?|"
    r"strikes?|bombings?)|bombing\s+raids?|drone\s+(?:strikes?|attacks?)|helicopter\s+(?:attacks?|strikes?)|"
    # The aircraft, or the air force, as the subject of a verb of striking in any tense: "jets bombed", a headline's
    # "warplanes pound", "warplanes continue to bombard", "air forces struck a house", and with the reporter's
    # hedge or a manner between: "gunships reportedly went on strafing", "jets again heavily bombed".
    # Not "anti-aircraft guns fired", and not what they did not do: "its aircraft did not target civilians".
    r"(?<!anti-)(?<!anti\s)(?:jets?|aircraft|warplanes?|planes?|helicopters?|gunships?|drones?|uavs?|"
    r"air\s+forces?(?!\s+(?:base|station|academy|chief|commander|spokes)))\s+"
    r"(?:(?!not\b|never\b|no\b)\w+\s+){0,3}?(?:bomb(?:s|ed|ing)?|bombard(?:s|ed|ing)?|"
    # What aircraft drop may be no strike: "helicopters dropped reinforcements".
    r"(?:dropped|drops?)(?!\s+(?:[\w-]+\s+){0,2}?(?:troops|soldiers|reinforcements|supplies|aid|food|leaflets|"
    r"paratroopers|commandos|personnel))|struck|strikes?|"
    # "planes hit by rebel fire" were struck, not striking.
    r"attack(?:s|ed)?|fired|fires|strafe[sd]?|strafing|shell(?:s|ed)|hits?(?!\s+by\b)|pound(?:s|ed|ing)?|have\s+struck|launched|"
    r"target(?:s|ed|ing)?|(?:carried\s+out|conducted)\s+(?:[\w-]+\s+){0,4}?(?:raids?|strikes?|attacks?|bombings?|sorties))\b|"
    r"dropped\s+(?:\w+\s+){0,2}?bombs?|"
    r"bomb(?:ed|ing)\s+(?:by|from)\s+(?:the\s+)?(?:air|jets?|aircraft|helicopters?)|"
    # A strike with no "air" in it, by a force whose strikes come from the air: "an Israeli strike on a house",
    # "junta strikes on three villages", "US strikes in Yemen". A missile or artillery strike names its weapon.
    # "US-British strikes", "US and British strikes", "Saudi-led strikes".
    rf"{_AIR_POWER}(?:(?:-|\s+and\s+){_AIR_POWER})?\s+strikes?\b|"
    # Such a force as what struck, often in its own words: "the Israeli military said it struck a command centre",
    # "the Israeli army said it had carried out strikes on", "US and British forces struck 36 targets".
    r"(?:israel(?:i\s+(?:military|army|forces|defen[cs]e\s+forces))?|idf|"
    rf"{_AIR_POWER}(?:(?:-|\s+and\s+){_AIR_POWER})?\s+(?:military|forces|warships))\s+"
    r"(?:said\s+(?:it|they)\s+(?:had\s+)?)?(?:struck|bombed|targeted|(?:carried\s+out|conducted|launched)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:air\s*)?strikes)\b|"
    # What aircraft drop, as what hit: "Russian glide bombs hit Kharkiv", "a guided aerial bomb".
    r"glide\s+bombs?|(?:guided\s+)?aerial\s+bombs?|barrel\s+bombs?|"
    # "air and mortar strikes", "air and drone attacks": the air strike shares its noun.
    r"air\s+and\s+\w+\s+(?:strikes?|attacks?)|(?:aerial|air)\s+support|"
    # "bombed the hills from land and air", "raked the road with fire from helicopters".
    r"(?:bombed|bombing|shelled|shelling|strafed|strafing|attacked|fired\s+on)\b[^.;]{0,50}?\b(?:by|from)\s+"
    r"(?:(?:land|sea|ground)(?:\s*,\s*|\s+and\s+))*(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:air|jets?|aircraft|helicopters?|warplanes?)|"
    # "a grenade dropped from a drone", "explosives dropped by drones"; not "aid dropped from a helicopter".
    r"(?:bombs?|grenades?|explosives?|munitions?|shells?|mortar\s+rounds?)\s+(?:were\s+|was\s+)?dropped\s+(?:by|from)\s+"
    r"(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:jets?|aircraft|helicopters?|warplanes?|planes?|drones?|uavs?))\b")


# Between a count and the strike it counts: "four more airstrikes".
_COUNT_GAP = Regex(r"\s*(?:more\s+|further\s+|separate\s+)?")
# Every sentence this finder reports holds one of these: the others are skipped with a substring test.
CUES = Cues("air", "aerial", "bomb", "drone", "helicopter", "jet", "aircraft", "plane", "gunship", "strike", "struck",
        "uav", "targeted")


# A strike the sentence names without telling one: a warning of it ("air raid sirens sounded"), a call
# for it ("called for air support", "air support was asked for"), what people hide from ("safe from the
# junta's airstrikes", "for fear of air strikes", "residents fear further strikes"), a habit ("the army
# routinely launches airstrikes") and a guess ("it seems to have been a drone strike").
_NOT_TOLD_BEFORE = Regex(
    r"(?:\bcall(?:s|ed|ing)?\s+(?:in\s+|for\s+)(?:\w+\s+){0,2}?|\brequest(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?|"
    r"\b(?:safe|safety|shelter|hid(?:e|ing)?|protect(?:ed|ion)?|refuge)\s+from\s+(?:[\w'’-]+\s+){0,3}?|"
    r"\b(?:fears?|threats?|risk|danger)\s+of\s+(?:[\w'’-]+\s+){0,3}?|\bfear(?:s|ed|ing)?\s+(?:further|more|new|renewed|fresh|future|possible)\s+(?:[\w'’-]+\s+)?|\bto\s+(?:avoid|escape|evade)\s+(?:[\w'’-]+\s+){0,3}?|"
    r"\b(?:frequently|often|routinely|regularly|habitually|usually|typically)\s+(?:\w+\s+){0,3}?|"
    # A guess at what a blast was: "it appears to have been an air strike", "it may have been a drone attack".
    r"\b(?:appears?|appeared|seems?|seemed|looks?\s+like|(?:may|might|could)\s+have\s+been)\s+"
    r"(?:to\s+(?:have\s+been|be)\s+)?(?:an?\s+)?(?:[\w-]+\s+)?)$")
_NOT_TOLD_AFTER = Regex(r"\s*(?:alerts?|sirens?|warnings?|shelters?|(?:had|has|have|was|were)\s+(?:been\s+)?called)\b")


# "Another strike on a building", "a second overnight strike": one more of the strikes the story told before.
_ONE_MORE = Regex(r"\b(?:another|a\s+(?:second|third|separate|further|fresh)|separate|further|subsequent)\s+"
                  r"(?:(?:overnight|deadly|fresh|new|israeli|russian|army|junta)\s+)?strikes?\b(?!\s+force)")


def find_airstrikes(sentence: str) -> list[Finding]:
    """At most one airstrike finding per sentence, with a count when one stands right before it."""
    if not has_cue(sentence, CUES):
        return []
    low = lowered(sentence)
    m = _STRIKE.search(low)
    follows = False
    if not m:
        m = _ONE_MORE.search(low)
        follows = True
    if not m or _NOT_TOLD_BEFORE.search(low, max(0, m.start() - 60), m.start()) or _NOT_TOLD_AFTER.match(low, m.end()):
        return []
    count = None
    for figure in find_figures(sentence[: m.start()]):
        if _COUNT_GAP.fullmatch(sentence, figure.end, m.start()):
            count = figure.best
    neg, hyp = framing(sentence, m.start())
    return [Finding(type="airstrike", start=m.start(), end=m.end(), trigger=sentence[m.start():m.end()], count=count,
                    side="military", follows=follows, negated=neg, hypothetical=hyp)]


# "an air strike on Tha Pyay Kone and Mong Hsuu wards": the words between the strike and its targets.
# "dropped three shells on Ywa Thit village": a few words may stand between the strike and "on".
# "airstrikes hit Kyaukme and Hsipaw": the verb may stand for the preposition.
_ON_TARGETS = Regex(r"\s+(?:[\w-]+\s+){0,3}?(?:on|at|in|against|near|hit|struck|targeted|pounded|bombed)\s+"
                    r"(?:the\s+)?$")
_TARGETS_JOINED = Regex(r"\s*(?:,|and|,\s*and)\s*$")
_TARGETS = ("village", "facility", "town", "township")


def find_strikes(ctx: SentenceContext, actors: Actors) -> list[Finding]:
    """The strikes of one sentence, one per target it names."""
    strikes = find_airstrikes(ctx.sentence.text)
    return [each for strike in strikes for each in per_target(ctx, strike)] if strikes else strikes


def per_target(ctx: SentenceContext, strike: Finding) -> list[Finding]:
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
    # "Two airstrikes hit Kawlin and Tamu": one each.
    count = 1 if strike.count == len(targets) else strike.count
    return [replace(strike, place=m.place, distinct=True, count=count) for m in targets]


# After a strike: the town the story is in, named as such ("jets hit markets in the town centre", "on the city itself").
_AT_THE_TOWN = Regex(r"\s+(?:[\w-]+\s+){0,3}?(?:in|on|at|into|over)\s+(?:the|its)\s+(?:city|town)"
                     r"(?:\s+(?:cent(?:re|er)|itself|proper))?\b(?!\s+(?:of|hall|council)\b)")  # the folded sentence


def strike_place(ctx: SentenceContext, f: Finding, main: Place | None, sites: list[Site]) -> Place | None:
    """Where one strike fell: its target, else the sentence's place, refined to the story's site inside it.

    ``main`` is the place the story is mostly about: a strike "in the town centre" fell on that town, not on a
    camp around it, and a strike the lede places only in a state fell at it when it lies in that state.
    """
    place = f.place or _place_struck(ctx, f) or main
    low = lowered(ctx.sentence.text)
    if f.place is None and all(m.place.precision in ("admin1", "country") for m in ctx.mentions):
        # "jets struck the camp again", "bombed the area": the story's camp, or the place it is about.
        told = _ON_THE.search(low, f.start, min(len(low), f.end + 40))
        one = _the_one_told(told["noun"], main, sites) if told else None
        if one is not None:
            return one
    if _AT_THE_TOWN.match(low, f.end):
        for town in (place, main):
            if town is not None and town.precision == "town":
                return town
    place = refined(place, ctx, sites)
    return _in_main_place(place, main)


# "shelling from neighbouring Tamu township", "drones launched from Kassala": where the fire came from.
# Read in the folded words before a place; "a resident from Kawlin" says where one lived, not where fire came from.
_FROM = Regex(r"\b(?:shelling|shells|fire|fired|launched|strikes?|artillery|drones?|jets?|planes?|aircraft|"
              r"took\s+off|flew\s+in)\s+(?:[\w-]+\s+){0,2}?from\s+(?:the\s+)?(?:neighbou?ring\s+|nearby\s+|adjacent\s+)?$")


def _place_struck(ctx: SentenceContext, f: Finding) -> Place | None:
    """The sentence's most precise place, nearest the strike on a tie, but never one the fire came from or the
    one that struck."""
    text = ctx.sentence.text
    # "Israel struck targets in Lebanon": a country inside the words of the strike is who struck.
    origins = [m for m in ctx.mentions if _FROM.search(lowered(text[max(0, m.start - 60):m.start]))
               or f.start <= m.start < f.end]
    if not origins:
        return ctx.place_near(f.start)
    rest = [m for m in ctx.mentions if m not in origins and not owner(text, m) and not f.start <= m.start < f.end]
    return min(rest, key=lambda m: (PRECISION_RANK[m.place.precision], abs(m.start - f.start))).place if rest else None


# A target the story named before, now named by its noun alone: "jets struck the camp again", "bombed the area".
_ON_THE = Regex(r"\b(?:on|at|in|against|near|hit|struck|bombed|targeted|pounded)\s+the\s+"
                r"(?P<noun>camp|base|outpost|post|site|village|town|city|area)\b(?!\s+(?:of|in|near)\b)")
_NOUN_LEVEL = {"camp": "facility", "base": "facility", "outpost": "facility", "post": "facility", "site": "facility",
               "village": "village"}  # "the town", "the city": the town the story is about


def _the_one_told(noun: str, main: Place | None, sites: list[Site]) -> Place | None:
    """The place "the camp" or "the town" points back to: the story's most told site of that kind, or its town."""
    if noun in ("town", "city", "area") and main is not None and main.precision in ("town", "township"):
        return main
    # "The area" of a story about no town is around the post or camp it tells of.
    level = _NOUN_LEVEL.get(noun, "facility" if noun == "area" else None)
    return next((site.place for site in sites if site.place.precision == level), None)


def _in_main_place(place: Place | None, main: Place | None) -> Place | None:
    """"Jets struck a market in the Sagaing region": the body names the town ("in a small town called Nat Kone")."""
    if place is None or main is None or place.precision != "admin1" or main.precision == "admin1":
        return place
    return main if (main.admin1, main.country) == (place.admin1, place.country) else place


def struck_there(ctx: SentenceContext, f: Finding, place: Place | None) -> bool:
    """Uncounted strikes told in the perfect at a town or village the sentence names ("airstrikes have pounded
    Kawlin since the offensive began"): that place is being struck, not a habit told. Counted, they are a tally."""
    if place is None or f.count is not None or place.precision in ("admin1", "country"):
        return False
    return not is_unspecific(ctx.sentence.text) and any(m.place.name == place.name for m in ctx.mentions)
