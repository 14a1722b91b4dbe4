"""Killed and injured: "13 soldiers were killed", "killing three civilians", "47 deaths and 134 injuries"."""

from __future__ import annotations

import re
from dataclasses import replace

from stream.core.extract.actors import OPPONENT, ROLE_WORDS, Actors
from stream.core.extract.context import SentenceContext, most_precise
from stream.core.extract.figures import NOT_PEOPLE, Figure, find_figures
from stream.core.extract.findings import (
    Finding,
    clause_before,
    framing,
    has_cue,
    of_violence,
    same_side,
    words_before,
)
from stream.core.extract.mentions import Mention
from stream.core.lexicon import phrases, words
from stream.core.records import Place, Side
from stream.core.text import Cues, Regex, WordRegex, contains_any, lowered

# The words live in stream/data/lang/en/casualties.txt.
_KILL = phrases(words("casualties", "killed"))
# "38 people have now been buried": the dead, counted at their graves. Not the living "buried under rubble" or "alive".
_BURIED = r"buried(?!\s+(?:under|beneath|alive|in\s+(?:the\s+)?rubble|in\s+debris))"
# "shot" alone is a wound: "shot dead", "shot down" and "shot at" are not.
_INJURE = phrases(words("casualties", "injured")) + r"|shot(?!\s+(?:down|at|dead|and\s+killed))"
# _KEYWORD, _NOUN, _ACTIVE and _PART read the lower-cased sentence: re.I costs two to four times more.
_KEYWORD = WordRegex(rf"(?:(?P<kill>{_KILL}|{_BURIED})|(?P<injure>{_INJURE}))\b")
# "three more injuries": a word may say the figure adds to one told before.
_NOUN = Regex(rf"^\s*(?:(?:additional|more|other|further|new|serious)\s+)?"
              rf"(?:(?P<kill>{phrases(words('casualties', 'deaths'))})|"
              rf"(?P<injure>{phrases(words('casualties', 'injuries'))}))\b")
# A figure that a noun of death or injury governs: "caused the deaths of 17 recruits", "the death toll
# from the ambush climbed to 41", "a toll of 12 dead". The figure is the dead (or wounded) themselves.
# "The number of people killed has risen to 171" is a toll too.
# Between the noun and its verb may stand the whole incident: "the death toll from Sunday's attack on the camp in North
# Darfur, Sudan, has risen to 47".
_TOLL_TO = r"(?:,?\s+[\w'’-]+){0,24}?,?\s+(?:to|at|of|reached|hit|is|was|stood\s+at|stands\s+at)"
_GOVERNED = Regex(
    rf"\b(?:(?P<kill>deaths?\s+of|(?:lives|killings?|bodies|corpses|martyrdom)\s+of|(?:(?:death\s+)?toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|"
    rf"fatalities|(?P<dead>(?:[\w-]+\s+){{0,2}}?)killed)){_TOLL_TO})|(?P<injure>(?:injur(?:y|ies|ing)|wounding)\s+of|"
    rf"number\s+of\s+(?:the\s+)?(?P<hurt>(?:[\w-]+\s+){{0,2}}?)(?:injured|wounded){_TOLL_TO}))"
    # A source's words may open on the figure: "putting the provisional toll at \"more than 30\"".
    r"(?:\s+[\"“']?(?:at\s+least|some|about|around|nearly|almost|more\s+than|over|up\s+to))?\s*[\"“']?$")
# A toll's words: "put the number of dead at 13, saying four of the injured died later" counts the four in the 13.
_TOLL_WORDS = ("toll", "number of dead", "number of the dead", "number of deaths", "death count", "dead at ")
_GOVERNED_REACH = 180  # characters from a toll's noun to its figure
# Between two figures of one toll, a word that says the second replaced the first.
_RISE = Regex(r"\b(?:rose|risen|rising|climbed|climbing|increased|jumped|grown|grew|then|later|since|now|revised|"
              r"updated|reached)\b")
# Lives a sentence puts at risk or saves, not lives lost: "threatens the lives of thousands", "saved the lives of 30".
_AT_RISK = Regex(r"\b(?:threat\w*|endanger\w*|risk\w*|sav(?:e|es|ed|ing)|protect\w*|spar(?:e|es|ed|ing)|put)\s+"
                 r"(?:the\s+)?(?:[\w-]+\s+)?(?=lives\b)")
# Between a victim phrase and its verb, only these may stand: "13 members ... were reportedly killed".
_AUX = Regex(
    r"^[\s,]*(?:who\s+|that\s+)?(?:(?:were|was|are|is|had|have|has|being|been|got|get|reportedly|also|all|later|"
    r"allegedly|confirmed|reported|said|believed|feared|known|to|have|be|subsequently|either|both|critically|"
    r"seriously|severely|fatally|badly|slightly|mortally|instantly|immediately|then|each|now)\s+)*$", re.I)
# "three farmers who had stayed behind were injured": a relative clause between the victims
# and their verb.
_RELATIVE = Regex(r"^\s*(?:who|that)\s+[^,.;]{0,60}?\s+(?:were|was|are|is|had\s+been|have\s+been)\s+(?:\w+ly\s+)?$",
                  re.I)
_ACTIVE = WordRegex(
    rf"(?:(?P<kill>{phrases(words('casualties', 'killing'))})|"
    rf"(?P<injure>{_INJURE}))(?:\s+and\s+(?:injuring|wounding|injured|wounded))?"
    rf"(?:\s+(?:at\s+least|some|another|a\s+further|an\s+additional))?"
    rf"[\s\"“']*$")  # killed "as many as 70" people: a figure quoted from a source
_ACTOR_END = Regex(
    r"\b(?:were|was|are|is|had|have|has|killed|killing|died|dead|wounded|injured|in|at|on|during|when|after|"
    r"while|near|from|by|and|who|as|since|including|among|but|with|sustained|suffered|received|"
    # "three security sources told reporters that 11 people ...": who spoke, not who died.
    r"said|says|told|that)\b|[,;:.()]", re.I)
# ", including a captain," between a victim phrase and its verb is an aside.
# So is ", who were stuck in the monastery," or ", a 20-year-old teacher,".
_ASIDE = Regex(
    r",\s*(?:including|among\s+them|mostly|most\s+of\s+them|many\s+of\s+them|who\s|which\s|an?\s|"
    r"\d{1,3}-year-old|(?:\w+|\d+)\s+of\s+(?:them|whom)\s)[^,]{0,120},")
# "three people including a girl were killed": the same aside, written without its commas, before the verb.
_INCLUDED = Regex(r"^\s*(?:including|among\s+them)\s+(?:[\w-]+\s+){1,3}?(?=(?:were|was|had|have|are|is)\b)", re.I)
# "the toll had risen to 31, after the bodies of eight people were found": the rise's cause, counted in the toll. So
# with "saying", "because" or "when" for "after": "raised the toll to 34, saying seven more bodies had been found".
# Every figure of the clause after "after": "has risen to 16, ..., after three of the wounded died and rescuers pulled
# two more bodies from the ruins".
_RISE_EXPLAINED = Regex(r"\b(?:(?:risen|rose|climbed|increased)|(?:raised|raising|brought|bringing|pushed|pushing)\s+"
                        r"the\s+(?:death\s+)?toll\b[^.;]{0,100}?)\s+to\s+[^.;]{1,80}?\b(?:after|saying|because|when)\b"
                        r"[^.;]{0,120}$")
_EXPLAINING = ("after", "saying", "because", "when")
# "two of the wounded died overnight", "three of those injured later died in hospital".
_WOUNDED_DIED = Regex(r"\s+of\s+(?:the|those)\s+(?:wounded|injured)\s+"
                      r"(?:(?:later|also|have|had|subsequently|since)\s+)?(?:died|succumbed)\b", re.I)
_PART = Regex(r"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|such\s+as)\s*$")
# Bodies found, after a larger toll in the same sentence: "more than 20 died, and we found 12 bodies on the hill".
_BODIES = Regex(r"\s+(?:of\s+the\s+)?(?:bodies|corpses)\b")
_FOUND_BEFORE = Regex(r"\b(?:found|recovered|retrieved|collected|counted)\s+(?:the\s+)?(?:\w+\s+)?$")
# "four women among those killed", "two children among the dead": who some of a toll were.
_AMONG_THOSE = Regex(r"\s*(?:[\w-]+\s+){0,3}?among\s+(?:those|the\s+(?:dead|victims|bodies|killed))\b")
# A number set off by commas after a name is its bearer's age: "Kyaw Min, 31, a farmer".
_AGE_AFTER_NAME = Regex(r"[A-Z][\w'’.-]+,\s*$")
# ", four of them children", ", six of whom were women": the part told after the figure. Not "two of them were later
# killed": a verb says what befell the part, which is its own count.
_PART_AFTER = Regex(r"\s+of\s+(?:them|whom|those)\b(?!\s+(?:were|was|are|is|have|had|died|later|also|then)\b)")
_DISTINCT = Regex(r"\b(?:another|other|separate(?:ly)?|further|additional|also)\s*$", re.I)
_PERSON = (r"man|woman|girl|boy|child|baby|civilian|villager|resident|farmer|student|teacher|monk|soldier|"
           r"officer|policeman|fighter|captain|sergeant|member|person|journalist|doctor|nurse|teenager|youth|"
           r"driver|trader|vendor|shopkeeper|labou?rer|worker")
# "a female Lwe Kone villager": up to three words before the noun. Not "a doctors' group": whose group it is.
_ONE_PERSON = (rf"(?:a|an|one)\s+(?:(?!(?:a|an|the|one|and|or|of|in|on|at|by|was|were|is|are|killed|kills|shot|hit|"
               rf"struck|wounded|injured|died)\b)[\w-]+\s+){{0,3}}?(?P<noun>{_PERSON})(?!s['’])")
_KIN = r"(?:his|her|their)\s+(?:wife|husband|son|daughter|mother|father|brother|sister|child|baby)"
# "Another was killed" is one more victim; "Another killed 40" is another attack, whose toll follows.
_ANOTHER = rf"another(?=\s+(?:were|was|{_INJURE}|{_KILL})\b(?!\s+(?:at\s+least\s+|some\s+|about\s+|over\s+)?\d))"
# The word after an age names the person ("girl", "farmer"); a preposition or a verb does not.
_NOUN_WORD = r"(?!(?:in|on|at|and|or|was|were|is|are|as|by|from|after|during|when|who|with|near|killed|died)\b)[a-z]+"
_SINGLE = Regex(
    rf"\b(?:{_ONE_PERSON}|{_KIN}|"
    rf"\d{{1,3}}-year-old(?:\s+{_NOUN_WORD})?(?:\s+(?-i:[A-Z])[\w’'-]*)+|\d{{1,3}}-year-old(?:\s+{_NOUN_WORD})?|"
    rf"{_ANOTHER})", re.I)
# Without an age in the sentence only the words can match: those are read in the folded sentence.
_SINGLE_UNAGED = WordRegex(rf"{_ONE_PERSON}|{_KIN}|{_ANOTHER}")
# "a farmer and militia member": a second person joined to the first without an article.
_AND_SINGLE = Regex(rf"^\s+and\s+(?:an?\s+|one\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_PERSON})\b", re.I)


# A figure whose people flee: "hundreds of families flee", "2,000 residents have fled".
_FLED_AFTER = Regex(r"(?:\s+of)?\s+(?:(?:[\w-]+\s+){0,2}?(?:families|households|people|residents|villagers|civilians)"
                    r"\s+)?(?:have\s+|had\s+|were\s+|are\s+|to\s+)?(?:flee|flees|fled|fleeing|displaced|evacuated|uprooted)\b"
                    # Not "seven displaced people were killed": the word then describes the dead.
                    r"(?!\s+(?:[\w-]+\s+)?(?:people|persons|families|civilians|residents|villagers|children|women|"
                    r"men)\b)")

# A figure of those who told the news: "killing at least nine soldiers, two militia sources said".
_SPEAKERS_AFTER = Regex(r"(?:\s+[\w-]+){0,2}?\s+(?:sources|officials|witnesses|residents|diplomats|medics|doctors)\s+"
                        r"(?:said|say|says|told|reported|confirmed|added)\b")

# A figure whose people gave up or got away: "we killed eight of them, and five surrendered", "two soldiers escaped".
_GAVE_UP_AFTER = Regex(r"(?:\s+(?:others|more|of\s+them|(?:[\w-]+\s+){0,2}?(?:soldiers|troops|fighters|militants|"
                       r"policemen|personnel|men)))?\s+(?:have\s+|had\s+|were\s+)?(?:surrendered|defected|deserted|"
                       r"escaped)\b")


# "33 hostages, eight of whom were dead": the dead are the part, the whole is of the living and the dead.
_SOME_OF_WHOM_DEAD = Regex(r"(?:\s+[\w'’-]+){0,3},\s+(?:[\w-]+|\d+)\s+of\s+whom\s+"
                           r"(?:were|was|had\s+been|have\s+been)\s+(?:dead|killed)\b")


def _figures(sentence: str) -> list[Figure]:
    figures = find_figures(sentence)
    taken = [(f.start, f.end) for f in figures]
    low = lowered(sentence)
    for m in _SINGLE.finditer(sentence) if "-year-old" in low else _SINGLE_UNAGED.finditer(low):
        if not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
            figures.append(Figure(1, 1, 1, "exact", False, m.start(), m.end(), sentence[m.start():m.end()]))
            second = _AND_SINGLE.match(sentence[m.end():])
            if second:
                start = m.end() + len(second.group(0)) - len(second.group(0).lstrip()) + 4
                figures.append(Figure(1, 1, 1, "exact", False, start, m.end() + second.end(),
                                      sentence[start:m.end() + second.end()]))
    if "couple" in low:
        figures += [Figure(2, 2, 2, "exact", False, m.start(), m.end(), sentence[m.start():m.end()])
                    for m in _COUPLE.finditer(low) if not any(a <= m.start() < b for a, b in taken)]
    return sorted(figures, key=lambda f: f.start)


# "killing a married couple", "an elderly couple were shot": two people, named as one (a couple alone may be a few).
_COUPLE = Regex(r"\b(?:a|an|one)\s+(?:married|elderly|young|old|retired)\s+couple\b")


def _is_single(figure: Figure) -> bool:
    """A person counted by the words naming them ("a farmer", "52-year-old U Tin Maung"), not a number."""
    return figure.best == 1 and not find_figures(figure.text)


_NEXT_WORD = Regex(r"\s*[\w-]*")
# Every keyword _ACTOR_END does not already stop at holds one of these.
_VERB_STEMS = ("kill", "die", "dead", "death", "buried", "slain", "massac", "execut", "perish", "behead", "burn",
               "lost", "laid", "injur", "wound", "hurt", "shot", "neutrali", "slaughter", "murder", "gunned", "martyr",
               "fell")


def _actor(sentence: str, figure: Figure, low: str) -> tuple[str, int]:
    """The victim phrase after a figure ("members of the security forces") and where it ends."""
    if figure.text.lower() == "another":
        return "", figure.end
    if _is_single(figure) or figure.text.lower().startswith(("a ", "an ", "one ")):
        return figure.text, figure.end
    rest = sentence[figure.end:]
    m = _MEMBERS_OF.match(rest)
    phrase_end = m.end() if m else 0
    stop = _ACTOR_END.search(rest, phrase_end)
    end = stop.start() if stop else min(len(rest), 60)
    # "two soldiers lost their lives", "three civilians perished": the verb of death ends the phrase too, unless it
    # describes the victims named after it ("seven more slain fighters").
    start, stop_at = figure.end + phrase_end, figure.end + end
    verb = _KEYWORD.search(low, start) if contains_any(low[start:stop_at], _VERB_STEMS) else None
    if verb and verb.start() >= stop_at:
        verb = None  # a verb may run past the phrase's end ("fell on the field of honour") but must start inside it
    if verb and ROLE_WORDS.side_of(_NEXT_WORD.match(sentence, verb.end()).group(0)) is None:  # type: ignore[union-attr]
        end = verb.start() - figure.end
    return rest[:end].strip(" “”\"'"), figure.end + end


def _victim_side(actor: str, sentence: str, figure: Figure, actors: Actors) -> Side | None:
    side = actors.side_of(_MORE.sub("", actor))
    if side is None and _AGED.match(actor):
        side = "civilian"  # "kills 11-year-old": a victim known only by age
    if side is None and _NAMED.match(actor):
        # A named person is a civilian unless the words beside the name say otherwise.
        side = actors.side_of(_appositive(sentence, figure.end)) or "civilian"
    those = _OF_THOSE.match(sentence, figure.end) if side is None else None
    if those:
        side = actors.side_of(those.group(1))  # "eight of those killed were militiamen": who that part was
    if side is None and _OF_THEM.match(sentence[figure.end:]):
        side = actors.nearest_side(sentence[:figure.start])  # "troops were camped, killing three of them"
    if _OF_OWN.match(sentence[figure.end:]):
        # "the militia said three of its men died": the group's own people, whatever it calls them.
        side = actors.nearest_side(sentence[:figure.start]) or side
    # "scores, among them villagers, monks and PDF members" are of several sides.
    rest = sentence[figure.end + len(actor) + 1:]
    including = _INCLUDING.match(rest)
    # The list the word opens, up to its verb: "including a girl were shot by the police" names no police.
    listed = _LIST_END.split(including.group(1), maxsplit=1)[0] if including else ""
    if including and side in (None, "civilian") and len(actors.sides_in(listed) | {side} - {None}) >= 2:
        return "mixed"
    if including and side is None:
        # "five others, including two teachers, were hurt": the part named is of the side the whole's word hides.
        named = actors.sides_in(listed.split(",", 1)[0])
        if len(named) == 1:
            return named.pop()
    return side


# A verb of telling: who stands before it told the figure after it.
_TELLING = Regex(r"\b(?:said|says|say|told|reported|confirmed|announced|added|stated)\b")


def _after_telling(before: str) -> str:
    """The words before a figure past the last verb of telling: "an army spokesman said 17 bodies were found" names
    who told the dead, not who they were."""
    ends = [m.end() for m in _TELLING.finditer(before)]
    return before[ends[-1]:] if ends else before


def _unnamed_victims(killer_words: str, rest: str, actors: Actors) -> Side | None:
    """Victims the sentence does not name ("it killed seven") belong to the killer's enemy.

    Where the sentence names who stood there ("at an outpost where soldiers and police were
    stationed"), those of them not on the killer's side are the victims: of two sides, mixed.
    """
    killer = actors.side_of(killer_words)
    if killer is None:
        return None
    garrison = _PRESENT.search(rest)
    present = actors.sides_in(garrison.group(1)) - {killer, "civilian"} if garrison else set()
    if len(present) >= 2:
        return "mixed"
    return present.pop() if present else OPPONENT.get(killer)


# "at a checkpoint where about 40 troops and police were posted"
_PRESENT = Regex(r"\bwhere\s+([^.;]{0,80}?)\s+(?:were|was|are|had\s+been)\s+(?:stationed|based|posted|deployed|"
                 r"garrisoned|positioned|staying|camped)\b", re.I)
# "14 villagers sustained serious injuries", "five others suffered gunshot wounds": the noun after the verb, read as
# the keyword, is what they suffered; only the verb and a word or two of its kind stand between.
_SUFFERED = Regex(r"^\s*(?:also\s+|reportedly\s+|had\s+|have\s+)?(?:sustained|suffered|received)\s+"
                  r"(?:[a-z-]+\s+){0,2}$", re.I)
_WOUND_NOUNS = ("injuries", "wounds")
# "two soldiers and several rebels were killed": others, not counted, killed with the counted.
_AND_UNCOUNTED = Regex(r"^\s*and\s+(?:several|many|some|numerous|other|scores\s+of|an\s+unknown\s+number\s+of|"
                       r"a\s+number\s+of)\s+(?:[a-z-]+\s+){1,3}?(?:were|had\s+been|have\s+been)\s+"
                       r"(?:[a-z]+ly\s+)?$", re.I)
# "nine soldiers and police officers were killed": a second people joined to the counted without a figure of its own,
# counted with them. Its words must name a side, or "three soldiers and the commander's car were hit" would count.
_AND_NAMED = Regex(r"^\s*and\s+((?:[\w’'-]+\s+){1,3}?)(?:were|had\s+been|have\s+been)\s+(?:[a-z]+ly\s+)?$", re.I)
# "two farmers from Lwe Kone village were killed": where the victims lived or stood, between them and their verb.
_FROM_PLACE = Regex(r"^\s*(?:(?i:in|from|of|near)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,4}"
                    r"(?i:(?:township|village|town|district|region|state|province|city|camp)\s+)?){1,2}"
                    r"(?i:were|was|had\s+been|have\s+been|has\s+been)\s+(?:[a-z]+ly\s+)?$|"
                    # "six soldiers from the battalion were killed", "from Light Infantry Battalion (LIB) 250".
                    r"^\s*(?i:from|of)\s+(?:(?i:the|its|their)\s+)?(?:[\w’'-]+\s+){0,3}?"
                    r"(?i:battalion|brigade|division|regiment|unit|company|column|garrison|outpost|post|base|camp)"
                    r"(?:\s*\([A-Z]{2,6}\))?(?:\s+\d+)?\s+(?i:were|was|had\s+been|have\s+been)\s+(?:[a-z]+ly\s+)?$")
# "30 students with wounds", "two men with gunshot injuries"
_WITH_WOUNDS = Regex(r"^\s*with\s+(?:[\w-]+\s+)?$", re.I)
# ", including villagers and PDF members" after the victims, perhaps past their place and day.
_INCLUDING = Regex(r"[^.;\d]{0,50}?(?:including|among\s+them)\s+([^.;]{0,80})", re.I)
# Also where who told it begins: "including five schoolchildren, according to locals and the resistance
# administration", "including a teacher, local resistance officials said" name no resistance victims.
_LIST_END = Regex(r"\b(?:were|was|are|is|had|have|has|killed|killing|died|dead|wounded|injured|when|after|while|by|"
                  r"during|said|told|according)\b|[;:()]|,\s+(?:[\w'’-]+\s+){1,5}(?:said|says|say|told|reported)\b",
                  re.I)
_AND_VERB = Regex(r"\s*,?\s*(?:and|while)\s+")
_OF_THEM = Regex(r"\s+of\s+(?:them|whom)\b", re.I)
# "eight of those killed were fighters", "two of the dead were children": a part of a toll, and who they were.
_OF_THOSE = Regex(r"\s+of\s+(?:those|the)\s+(?:killed|dead|slain|victims|wounded|injured)\s+"
                  r"(?:were|was|are|included)\s+([^,.;:]{1,60})", re.I)
_OF_OWN = Regex(r"\s+of\s+(?:its|their)\s+(?:own\s+)?(?:troops|soldiers|fighters|members|men|forces|personnel|"
                r"commanders|leaders|comrades|officers|militants)\b", re.I)
# "30 bodies of insurgents", "the deaths of 12 of its fighters": who the dead were, after the noun.
_NOUN_OF = Regex(r"\s+of\s+([^,.;]{0,40})", re.I)
# "four more children", "two other soldiers": the word that adds them to a count told before, then who they are.
_MORE = Regex(r"^(?:more|other|further|additional)\s+(?=[a-z])", re.I)
# "a 41-year-old Maung Hla": an age and a name.
_NAMED = Regex(r"^\d{1,3}-year-old\s+[A-Z]")
_AGED = Regex(r"^\d{1,3}-year-old\b(?!\s+[a-z]+\s)")


# "members of the", "personnel from their" before the group a victim belongs to.
_MEMBERS_OF = Regex(r"[\s\"“”']*(?:(?:members?|officers?|personnel)\s+)?(?:of|from)\s+(?:the|their|its|his)?\s*")
_BETWEEN_COMMAS = Regex(r"\s*,\s*([^,]{0,60}),")
# What joins two figures of one list: "three civilians and 15 fighters".
_JOINED = Regex(r"\s*(?:,|and|,\s*and|as\s+well\s+as)\s*")
# A toll split by place with its verb left out: "four were killed in Gaza City and two in Nuseirat", "killed 12 in
# the state: seven in Kani and five in a strike on Yinmabin". The words from the toll before to the next figure, and
# after it.
_ELLIPTIC_BRIDGE = Regex(r"(?:\s+(?:in|at|near|on)\s+[^,;.:]{1,60}?(?:,\s*(?:and\s+|while\s+)?|\s+(?:and|while)\s+)|"
                         r"[^;.]{0,80}?:\s*)")
_ELLIPTIC_PLACE = Regex(r"\s+(?:more\s+|others?\s+)?(?:(?:in|at|near)\s+(?:the\s+)?(?-i:[A-Z])|(?:in|by|from)\s+"
                        r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:strike|attack|shelling|fire|raid|clash|blast|"
                        r"explosion|bombing|ambush)e?s?\b)")
_JOINED_PLUS = Regex(r"\s*(?:,|and|,\s*and|as\s+well\s+as|plus)\s*(?:(?:his|her|their)\s+)?")


def _appositive(sentence: str, offset: int) -> str:
    """", a PDF member," right after a named person, where their side would be said."""
    m = _BETWEEN_COMMAS.match(sentence, offset)
    return m.group(1) if m else ""


# Every sentence this finder reports holds one of these: the others are skipped with a substring test.
CUES = Cues("kill", "dead", "die", "death", "slain", "buried", "massac", "execut", "perish", "behead", "decapitat",
            "burn", "lives", "life", "injur", "wound", "hurt", "shot", "fatal", "bodies", "toll", "neutrali",
            "slaughter", "murder", "gunned down", "martyr", "fell ")


def find_casualties(ctx: SentenceContext, actors: Actors = ROLE_WORDS) -> list[Finding]:
    """Every killed or injured figure in the sentence, with the victims' side when it is said."""
    sentence = ctx.sentence.text
    if not has_cue(sentence, CUES):
        return []
    figures = _figures(sentence)
    low = lowered(sentence)
    found: list[Finding] = []
    pending: list[tuple[Figure, str, Side | None]] = []
    last_side: Side | None = None
    chained: tuple[str, int] | None = None
    # A list a governing noun opens ("the lives of two boys, five women and a man"): its victims are
    # named, so no verb after it takes their side as "killing six police and wounding a dozen" does.
    listed: tuple[str, int] | None = None
    assigned_until = 0
    tolls: dict[int, int] = {}  # where a toll's noun stands: the finding of its figure
    for index, figure in enumerate(figures):
        if figure.start < assigned_until:
            continue  # inside words already counted: ", 20-year-old teacher Naing Lin," after "one member"
        head_start = max(0, figure.start - 80)  # the words before a figure that say who did what
        if contains_any(low, _EXPLAINING) and _RISE_EXPLAINED.search(low, max(0, figure.start - 220), figure.start):
            continue  # "had risen to 31, after the bodies of eight people were found": why the toll rose, in it
        died = _WOUNDED_DIED.match(sentence, figure.end)
        if died:
            # "Two of the wounded died overnight": dead now, of the side told before; but "the toll has risen to 15
            # after two of the wounded died" tells why the toll rose, and is in it, as does "three of the injured
            # died, bringing the death toll to 26".
            if not contains_any(low, _TOLL_WORDS):
                found.append(_finding(sentence, figure, "killed", last_side, "", figure.end + died.end()))
            continue
        if _PART.search(low, max(0, figure.start - 25), figure.start) or (
                index and low.endswith(", ", 0, figure.start) and _PART_AFTER.match(low, figure.end)):
            continue  # "including four pupils", ", four of them children": a part of the figure before it.
        if _AMONG_THOSE.match(low, figure.end):
            continue  # "four women cadres among those recovered": who some of a toll were, told elsewhere
        if _FLED_AFTER.match(low, figure.end) or _GAVE_UP_AFTER.match(low, figure.end):
            continue  # "clashes kill 12, hundreds of families flee", "killed eight, and five surrendered": own verbs
        if low.startswith(", ", max(0, figure.start - 2)) and _SPEAKERS_AFTER.match(low, figure.end):
            continue  # "..., two militia sources said": who told it
        if "of wh" in low and _SOME_OF_WHOM_DEAD.match(low, figure.end):
            continue  # "released 33 hostages, eight of whom were dead": the eight are the dead, not the 33
        if found and _BODIES.match(low, figure.end) and _FOUND_BEFORE.search(low, max(0, figure.start - 25),
                                                                              figure.start) and any(
                (f.killed or 0) >= figure.best for f in found):
            continue  # "more than 20 died, and we found 12 bodies on the hill": some of the dead, found
        if _AGE_AFTER_NAME.search(sentence, max(0, figure.start - 40), figure.start) and sentence.startswith(
                ",", figure.end):
            continue  # "Sgt Anuchit Kaewmanee, 31, died at the scene": a man's age, not a toll
        # Every governing noun ends in "of" just before the figure, or is a toll: most figures skip the pattern.
        governed = _GOVERNED.search(low, max(0, figure.start - _GOVERNED_REACH), figure.start) if (
            low.find(" of ", max(0, figure.start - 20), figure.start) >= 0
            or low.find("toll", max(0, figure.start - _GOVERNED_REACH), figure.start) >= 0
            or low.find("number of", max(0, figure.start - _GOVERNED_REACH), figure.start) >= 0) else None
        if governed and governed["kill"] and governed.start() < figure.start - 30 and (
                near := _GOVERNED.search(low, figure.start - 30, figure.start)) and near["injure"]:
            governed = near  # "a toll from the ministry: the deaths of four and the injury of 11": the nearer noun
        if governed and _AT_RISK.search(low, max(0, governed.start() - 30), governed.start() + 5):
            continue  # "threatens the lives of thousands": lives at risk, no one dead
        if governed and not NOT_PEOPLE.match(low[figure.end:]):
            kind = "killed" if governed["kill"] else "injured"
            actor, actor_end = _actor(sentence, figure, low)
            # A toll's bare figure opens no list: in "the toll rose to 52, thousands fled" and "rose to seven, a
            # member of the unit said" the figures after it are others.
            opens_list = bool(actor.strip(" ,"))
            side = _victim_side(actor, sentence, figure, actors)
            if side is None and not actor:
                # "the number of civilians killed rose to 45": the victims are named before the figure.
                actor = (governed["dead"] or governed["hurt"] or "").strip()
                side = actors.side_of(actor)
            toll = _finding(sentence, figure, kind, side, actor, actor_end)
            earlier = tolls.get(governed.start())
            if earlier is not None and _RISE.search(low, found[earlier].end, figure.start):
                found[earlier] = toll  # "put the toll at nine, but it rose to 12 and then to 14": the toll now
            else:
                tolls[governed.start()] = len(found)
                found.append(toll)
            last_side = side or last_side
            chained, listed = None, ((kind, actor_end) if opens_list else None)
            continue
        noun = _NOUN.match(low[figure.end:])
        if noun:
            kind = "killed" if noun["kill"] else "injured"
            of = _NOUN_OF.match(sentence, figure.end + noun.end())
            # "... while junta forces suffered three injuries": the group named last before the figure suffered them.
            side = (actors.side_of(of.group(1)) if of else None) or actors.nearest_side(
                _after_telling(clause_before(sentence, figure.start, 80))) or last_side
            found.append(_finding(sentence, figure, kind, side, "", figure.end + noun.end()))
            continue
        if NOT_PEOPLE.match(low[figure.end:]):
            continue
        actor, actor_end = _actor(sentence, figure, low)
        side = _victim_side(actor, sentence, figure, actors)
        active = _ACTIVE.search(low, head_start, figure.start)
        if active:
            kind = "killed" if active["kill"] else "injured"
            if side is None and chained and _AND_VERB.fullmatch(low, chained[1], active.start()):
                side = last_side  # "killing six police and wounding a dozen": the same attack's victims
            if side is None:
                killer_words = words_before(sentence, active.start(), min(60, active.start() - head_start))
                side = _unnamed_victims(killer_words, sentence[actor_end:], actors) or last_side
            found.append(_finding(sentence, figure, kind, side, actor, actor_end))
            last_side = side or last_side
            chained, listed = (kind, actor_end), None
            continue
        before = found[-1] if found else None
        if (before is not None and not actor.strip(" .,") and _ELLIPTIC_PLACE.match(sentence, figure.end)
                and _ELLIPTIC_BRIDGE.fullmatch(sentence, before.end, figure.start)):
            kind = "killed" if before.killed else "injured"
            part_end = figures[index + 1].start if index + 1 < len(figures) else len(sentence)
            found.append(replace(_finding(sentence, figure, kind, before.side, "", figure.end),
                                 place=_part_place(ctx, figure.end, part_end)))
            continue
        link = chained or listed
        if link and _JOINED.fullmatch(sentence, link[1], figure.start):
            kind = link[0]  # "killing four farmers and 12 militia members"
            found.append(_finding(sentence, figure, kind, side or last_side, actor, actor_end))
            _join_one_side(found, sentence, actors)
            chained, listed = ((kind, actor_end), None) if chained else (None, (kind, actor_end))
            continue
        chained = listed = None
        keyword = _KEYWORD.search(low, actor_end)
        gap = _ASIDE.sub(" ", sentence[actor_end:keyword.start()]) if keyword else ""
        gap = _INCLUDED.sub(" ", gap) if "includ" in gap or "among" in gap else gap
        if keyword and (_AUX.match(gap) or _RELATIVE.match(gap) or _FROM_PLACE.match(gap) or _AND_UNCOUNTED.match(gap)
                        or _named_with(gap, figures, actor_end, keyword.start(), actors)
                        or (keyword["injure"] and (
                _WITH_WOUNDS.match(gap) or (keyword.group(0) in _WOUND_NOUNS and _SUFFERED.match(gap))))):
            kind = "killed" if keyword["kill"] else "injured"
            group = [*pending, (figure, actor, side)]
            for position, (member, member_actor, member_side) in enumerate(group):
                who = member_side or side or last_side
                found.append(_finding(sentence, member, kind, who, member_actor, keyword.end()))
                if position:
                    _join_one_side(found, sentence, actors)
                last_side = who or last_side
            pending = []
            assigned_until = keyword.start()
            continue
        following = figures[index + 1] if index + 1 < len(figures) else None
        bridge = sentence[actor_end:following.start] if following else ""
        if following and _JOINED_PLUS.fullmatch(bridge):
            pending.append((figure, actor, side))  # "Three farmers and at least two policemen were killed"
        else:
            pending = []
        last_side = side or last_side
    found = _without_restated_parts(found, sentence, ctx.mentions)
    if contains_any(low, _BRINGING_STEMS):
        found = _without_those_brought_into_a_toll(found, low)
    if sum(1 for f in found if f.killed) >= 2 and told_when(low):
        found = _one_toll_of_when_they_died(found, sentence)
    found = [f for f in found if not (f.killed and _dead_and_wounded_together(low, f))
             and not (f.figure == 1 and _SPEAKS.match(low, f.start + len(f.trigger.rstrip())))]
    return of_violence(low, found)


def _named_with(gap: str, figures: list[Figure], start: int, end: int, actors: Actors) -> bool:
    """The gap before a verb of death joins a people with no figure to the counted: "and police officers were"."""
    joined = _AND_NAMED.match(gap) if gap.lstrip().startswith("and ") else None
    return joined is not None and actors.side_of(joined.group(1)) is not None and not any(
        start <= f.start < end for f in figures)


# "Eight more bodies were found, bringing to 35 the number killed in the attack", "... raising the toll to 35": the
# figures before are in the toll they bring it to.
_BRINGING = Regex(r"\b(?:bringing|brings|brought|raising|raises|raised|pushing|pushes|pushed|taking|takes|took)\s+"
                  r"(?:the\s+(?:death\s+|overall\s+)?toll\s+(?:[\w'’-]+\s+){0,6}?)?to\s+"
                  r"(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?$")
_BRINGING_STEMS = ("bring", "brought", "rais", "push", "tak", "took")
# A period the toll runs over: its figure is the period's, and the figures before it the news.
_OVER_A_PERIOD = Regex(r"\b(?:this|last|past|the)\s+(?:week|month|year)\b|\bsince\b")


def _without_those_brought_into_a_toll(found: list[Finding], low: str) -> list[Finding]:
    """The killed figures before one a toll is brought to, in the same sentence, are in it: drop them."""
    for f in found:
        brought = _BRINGING.search(low, max(0, f.start - 80), f.start) if f.killed else None
        if brought is None:
            continue
        if _OVER_A_PERIOD.search(low, brought.start(), f.end + 60):
            return found  # "bringing the toll this week to 20": a period's count, the day's dead news of their own
        return [g for g in found if not (g.killed and g.start < f.start)]
    return found


# "killing 11 soldiers, a KNLA officer said", "wounded 12, one source said": who told it, not one more victim.
_SPEAKS = Regex(r"\s*(?:said|says|told|added|reported|confirmed|claimed|wrote|posted)\b")


# Deaths told apart by when they came: at once, then later, on the way or in hospital.
WHEN_DIED = Regex(
    r"\b(?:(?:died|succumbed)\s+(?:[\w-]+\s+){0,3}?(?:later|(?:in|at)\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){0,2}?hospital|"
    r"on\s+(?:the|their|his|her)\s+way|(?:up)?on\s+arrival)|later\s+(?:died|succumbed)|"
    r"died\s+of\s+(?:their|his|her)\s+(?:wounds|injuries)|"
    r"(?:killed|died|dead)\s+(?:instantly|immediately|on\s+the\s+spot|at\s+the\s+scene))\b")


# Every match of WHEN_DIED holds one of these, read with the sentence's cue words.
_WHEN_STEMS = Cues("later", "hospital", "way", "arrival", "wounds", "injuries", "instantly", "immediately", "spot",
                   "scene")


def told_when(low: str) -> bool:
    """The folded sentence tells when someone died: at once, later, on the way or in hospital."""
    return _WHEN_STEMS.held_by(low) and bool(WHEN_DIED.search(low))


def _one_toll_of_when_they_died(found: list[Finding], sentence: str) -> list[Finding]:
    """"Two died where the shell fell and one more later in hospital" is one toll of three: the sentence tells when each
    died, not two incidents. The dead of one side, or of no side said, are summed; the wounded stay apart."""
    dead = [f for f in found if f.killed]
    if len(dead) < 2 or len({f.side for f in dead} - {"unknown"}) > 1:
        return found
    first = dead[0]
    side: Side | None = next((f.side for f in dead if f.side != "unknown"), "unknown")
    end = max(f.end for f in dead)
    toll = Finding(type="casualties", start=first.start, end=end, trigger=sentence[first.start:end],
                   killed=sum(f.killed or 0 for f in dead), side=side, actor=first.actor,
                   qualifier=first.qualifier, vague=any(f.vague for f in dead), distinct=first.distinct,
                   negated=first.negated, hypothetical=first.hypothetical)
    return [toll if f is first else f for f in found if f is first or not f.killed]


def _without_restated_parts(found: list[Finding], sentence: str, mentions: tuple[Mention, ...]) -> list[Finding]:
    """A toll a colon then tells part by part, of its own side ("eight were militiamen: five died in the fighting
    and three were executed"), is told once: the parts say how they died, not more dead. Parts of several sides
    ("twelve died: five soldiers and seven civilians") or at several places ("four died in Kawlin and three in
    Tamu") are the breakdown: they stay, and the whole goes."""
    colon = sentence.find(":")
    if colon < 0 or len(found) < 3:
        return found
    for whole in (f for f in found if f.end <= colon):
        parts = [f for f in found if f.start > colon and bool(f.killed) == bool(whole.killed)]
        if len(parts) < 2 or sum(p.figure or 0 for p in parts) != whole.figure:
            continue
        if all(same_side(p.side, whole.side) for p in parts) and len(_places_of(parts, mentions)) < 2:
            return [f for f in found if not any(f is p for p in parts)]
        return [f for f in found if f is not whole]
    return found


def _places_of(parts: list[Finding], mentions: tuple[Mention, ...]) -> set[str]:
    """The places named with each part, from its figure to the next part's."""
    bounds = [p.start for p in parts[1:]] + [1 << 30]
    return {m.place.name for part, end in zip(parts, bounds, strict=True)
            for m in mentions if part.start <= m.start < end}


def _dead_and_wounded_together(low: str, f: Finding) -> bool:
    """One figure for the dead and the wounded together ("killed and wounded scores of troops", "hundreds were
    killed or injured") counts neither: no death toll can be read from it. "Left eight dead and wounded 30" gives
    each its own figure."""
    m = _COMBINED.search(low, max(0, f.start - 30), f.end + 15)
    if m is None:
        return False
    return m.end() <= f.start or not find_figures(low[m.end():m.end() + 30])


_COMBINED = Regex(r"\b(?:killed|killing|dead|deaths)\s+(?:and|or|and/or)\s+"
                  r"(?:wounded|wounding|injured|injuring|hurt)\b")


# A victim phrase that names people, not a part of others ("of them") or nothing at all.
_VICTIM_NOUN = Regex(r"(?!(?:of|them|whom|whose|those)\b)[A-Za-z]", re.I)


def _join_one_side(found: list[Finding], sentence: str, actors: Actors) -> None:
    """Victims listed for one verb, all of one side, are one toll: "three women and seven men were killed" is ten
    civilians, "a man and his three daughters" four. The news breaks a toll down by sex and age within one side,
    and by side only where the sides differ ("a villager and a resistance fighter"), which stay apart, as do the
    dead of two named groups of one side ("three KNLA soldiers and one PDF member"): each group's toll."""
    last, first = found[-1], found[-2]
    if last.side != first.side or last.side == "unknown" or (last.killed is None) != (first.killed is None):
        return
    if not (_VICTIM_NOUN.match(first.actor or "") and _VICTIM_NOUN.match(last.actor or "")):
        return  # a figure with no victim noun ("between March 3 and 9, 1,150 people") or a part ("three of them")
    groups = {actors.actor_in(sentence[f.start:f.end]) for f in (first, last)}
    if None not in groups and len(groups) == 2:
        return
    killed = (first.killed or 0) + (last.killed or 0) if last.killed is not None else None
    injured = (first.injured or 0) + (last.injured or 0) if last.injured is not None else None
    found[-2:] = [Finding(
        type="casualties", start=first.start, end=max(first.end, last.end),
        trigger=sentence[first.start:max(first.end, last.end)], killed=killed, injured=injured, side=first.side,
        actor=first.actor, qualifier=first.qualifier if first.qualifier != "exact" else last.qualifier,
        vague=first.vague or last.vague, distinct=first.distinct, negated=first.negated,
        hypothetical=first.hypothetical)]


def _part_place(ctx: SentenceContext, start: int, end: int) -> Place | None:
    """The place a part of a split toll names after its figure: "four by artillery fire on Natchaung village"."""
    return most_precise(tuple(m for m in ctx.mentions if start <= m.start < end))


def _finding(sentence: str, figure: Figure, kind: str, side: Side | None, actor: str, end: int) -> Finding:
    neg, hyp = framing(sentence, figure.start)
    return Finding(
        type="casualties", start=figure.start, end=end, trigger=sentence[figure.start:end],
        killed=figure.best if kind == "killed" else None, injured=figure.best if kind == "injured" else None,
        side=side or "unknown", actor=actor or None, qualifier=figure.qualifier, vague=figure.vague,
        distinct=bool(_DISTINCT.search(sentence[:figure.start][-20:]) or figure.text.lower() == "another"),
        negated=neg, hypothetical=hyp,
    )
