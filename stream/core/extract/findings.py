"""What a finder reports about one sentence, before it becomes a record with ids and provenance."""

from __future__ import annotations

from dataclasses import dataclass

from stream.core.extract.context import SentenceContext, lede
from stream.core.extract.framing import hypothetical, negated
from stream.core.records import Place, Qualifier, Side
from stream.core.text import Cues, Gated, Regex, SentenceGate, contains_any, lowered


@dataclass(frozen=True, slots=True)
class Finding:
    """One fact in one sentence; ``start``/``end`` span the words that led to it."""

    type: str
    start: int
    end: int
    trigger: str
    killed: int | None = None
    injured: int | None = None
    displaced: int | None = None
    count: int | None = None
    side: Side | None = None
    actor: str | None = None
    by: str | None = None
    target: str = "place"
    place: Place | None = None
    qualifier: Qualifier = "exact"
    vague: bool = False
    distinct: bool = False
    # Told only as one more of its kind ("another strike on a building"): a fact only if the story told one before.
    follows: bool = False
    negated: bool = False
    hypothetical: bool = False

    @property
    def figure(self) -> int | None:
        return self.killed or self.injured or self.displaced or self.count


# An article's findings so far, each with the sentence it was found in: what the clean-up passes take and give.
Found = list[tuple[SentenceContext, Finding]]


# Soldiers and police are reported as one force: a report naming either may tell of the other's.
_COMPATIBLE = {frozenset({"military", "police"})}


def same_side(a: str | None, b: str | None) -> bool:
    """True when two reports' sides may be one: the same, soldiers and police, or one not known."""
    return a == b or frozenset({a, b}) in _COMPATIBLE or "unknown" in (a, b)


def has_cue(sentence: str, cues: Cues) -> bool:
    """True when the sentence holds one of the cue words: far cheaper than a finder's full patterns."""
    return cues.held_by(lowered(sentence))


def words_before(text: str, offset: int, limit: int) -> str:
    """Up to ``limit`` characters before ``offset``, from the start of a word: a cut through "JUBA" reads no "BA"."""
    start = max(0, offset - limit)
    if start and text[start - 1].isalnum() and text[start].isalnum():
        space = text.find(" ", start, offset)
        start = space + 1 if space >= 0 else offset
    return text[start:offset]


def clause_before(sentence: str, offset: int, limit: int = 60) -> str:
    """The words of the same clause before ``offset``, where a denial or a threat would stand."""
    head = words_before(sentence, offset, limit)
    for stop in (";", ":", "—", " – ", " but ", " while ", " whereas "):
        if stop in head:
            head = head.rsplit(stop, 1)[1]
    return head


def clause_span(text: str, start: int, end: int, breaks: Regex, reach_before: int | None = None,
                reach_after: int | None = None) -> tuple[int, int]:
    """The span of the clause holding ``start``..``end``: from the last of ``breaks`` ending before ``start`` to the
    first beginning after ``end``, looked for at most ``reach_before`` and ``reach_after`` characters away."""
    first = 0 if reach_before is None else max(0, start - reach_before)
    last = len(text) if reach_after is None else min(len(text), end + reach_after)
    before = [m.end() for m in breaks.finditer(text, first, start)]
    after = breaks.search(text, end, last)
    return (before[-1] if before else first), (after.start() if after else last)


# "had fabricated news that civilians were killed and that the camps had fallen": every clause of news called false
# is denied, however far along the sentence it runs. Not a side's claim the other side calls false ("rejected as
# fabricated a claim that rebels had captured the town"): a claimed capture is sent, with the denial beside it.
# So is what a sentence opens by contradicting: "Contrary to claims circulating on social media that militants had
# taken over X, officials said the town had at no point left their control".
_FALSE_REPORT = Regex(r"\b(?:(?:fabricated|fake|false|baseless|unfounded|untrue)\s+(?:news|reports?|rumou?rs?|"
                      r"information|stories)\s+(?:that|of)|contrary\s+to\s+(?:the\s+)?(?:\w+\s+)?(?:claims|reports|"
                      r"rumou?rs)|"
                      # "dismissed reports circulating on social media that the base was overrun": however far the
                      # report's words run before what it said.
                      r"(?:dismiss|disput|contradict|refut)\w*\s+(?:the\s+)?(?:reports?|claims?|rumou?rs?)\s+"
                      r"[^.;]{0,60}?\bthat)\b")  # read in the folded sentence
_FALSE_WORDS = ("fabricated", "fake", "false", "baseless", "unfounded", "untrue", "contrary", "dismiss", "disput",
                "contradict", "refut")


# "As many as 76 people may have been killed": a guess at the dead, told by its verb after the figure.
_MAY_HAVE = Regex(r"[^.;,]{0,60}?\b(?:may|might|could)\s+have\s+(?:been\s+)?(?:killed|died|perished)\b")


def framing(sentence: str, offset: int) -> tuple[bool, bool]:
    """(negated, hypothetical) for a fact whose trigger starts at ``offset``."""
    head = clause_before(sentence, offset)
    low = lowered(sentence)
    denied = negated(head) or (contains_any(low, _FALSE_WORDS) and bool(_FALSE_REPORT.search(low, 0, offset)))
    guessed = " have " in low and _MAY_HAVE.match(low, offset) is not None
    return denied, hypothetical(head) or guessed


# Where a clause of its own begins: "killing 12, as floods cut off the road" tells the floods apart.
_CLAUSE_BREAK = Regex(r",\s+(?:as|while|but|and|after|when|whereas)\b|;|\bbut\b")


# Deaths and flight no one's violence caused: disease, hunger, floods, accidents. A desk monitoring conflict is not
# alerted to them ("40 have died of cholera in the camps", "floods killed 25", "a boat capsized, killing 30",
# "heavy rains displaced 15,000").
NOT_VIOLENCE = Gated((Regex(
    r"\b(?:died\s+(?:of|from)\s+(?:\w+\s+){0,2}?(?:cholera|hunger|starvation|malnutrition|disease|illness|measles|"
    r"malaria|dengue|diarrh\w*|thirst|cold|exhaustion|heat(?:stroke)?)|cholera|famine|starvation|malnutrition|"
    r"floods?|flooding|flash\s+floods?|heavy\s+rains?|rainfall|downpours?|drought|landslides?|earthquake|quake|"
    r"cyclone|typhoon|hurricane|(?:by|from)\s+lightning|"  # not "a lightning offensive"
    r"accident|crash|capsiz\w+|drown\w*|stampede)\b(?!-)"),),  # "famine-hit Darfur" describes where, not of what
    ("cholera", "hunger", "starv", "malnutr", "disease", "illness", "measles", "malaria", "dengue", "diarrh", "thirst",
     "cold", "exhaust", "heat", "famine", "flood", "rain", "downpour", "drought", "landslide", "earthquake", "quake",
     "cyclone", "typhoon", "hurricane", "lightning", "accident", "crash", "capsiz", "drown", "stampede"))


# Its thirty stems read with the sentence's cue words: asked of every sentence a finder reports from.
_NOT_VIOLENCE_IN_SENTENCE = SentenceGate.of(NOT_VIOLENCE)


def of_violence(low: str, found: list[Finding]) -> list[Finding]:
    """The findings of ``low`` (a folded sentence) whose own clause tells no cause but violence."""
    for cause in _NOT_VIOLENCE_IN_SENTENCE.where(low) if found else ():
        found = [f for f in found if not cause.search(low, *clause_span(low, f.start, f.end, _CLAUSE_BREAK, 80, 60))]
    return found


# The words of violence a sentence about a disaster's victims would name if they were war's: "troops shelled the
# camp", "an airstrike hit the shelter", "gunmen attacked survivors".
_VIOLENCE = Regex(r"\b(?:attack|strike|shell|bomb|clash|fight|gun|shot|shoot|ambush|raid|militia|troops|soldier|"
                  r"rebel|insurgent|militant|jihadist|army|junta|military|drone|artillery|mortar|grenade|landmine|"
                  r"explosi|blast|massacre|execut|behead|abduct|kidnap|war\b|conflict|offensive|battle|fire[sd]?\s+on)")


def of_the_story_s_violence(contexts: list[SentenceContext], found: Found) -> Found:
    """A story whose lede tells of a flood, a quake or a cyclone and of no violence: the dead and the displaced of
    its sentences that name no violence either are the disaster's ("At least 11 people died when their homes
    collapsed", two sentences after "Flooding has displaced 15,000"), and no desk's news of war."""
    opening = lowered(lede(contexts))
    if _NOT_VIOLENCE_IN_SENTENCE.search(opening) is None or _VIOLENCE.search(opening):
        return found  # most stories open on no disaster
    return [(ctx, f) for ctx, f in found
            if not (f.figure and _VIOLENCE.search(lowered(ctx.sentence.text)) is None)]
