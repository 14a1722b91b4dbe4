"""Air and drone strikes: "the junta conducted airstrikes on a village", "jets dropped four bombs"."""

from __future__ import annotations

from stream.core.extract.figures import find_figures
from stream.core.extract.findings import Finding, framing, has_cue
from stream.core.text import Regex, lowered

_STRIKE = Regex(  # read in the folded sentence, as the re.I it replaces
    r"\b(?:air\s*-?\s*strikes?|airstrikes?|air\s+raids?|air\s+attacks?|aerial\s+(?:bombardments?|attacks?|"
    r"strikes?|bombings?)|bombing\s+raids?|drone\s+(?:strikes?|attacks?)|helicopter\s+(?:attacks?|strikes?)|"
    r"(?:jets?|aircraft|warplanes?|planes?|helicopters?|gunships?)\s+(?:\w+\s+){0,2}?(?:bombed|dropped|struck|"
    r"attacked|fired|strafed|shelled|hit|have\s+struck|launched)|dropped\s+(?:\w+\s+){0,2}?bombs?|"
    r"bomb(?:ed|ing)\s+(?:by|from)\s+(?:the\s+)?(?:air|jets?|aircraft|helicopters?)|"
    # "air and mortar strikes", "air and drone attacks": the air strike shares its noun.
    r"air\s+and\s+\w+\s+(?:strikes?|attacks?)|(?:aerial|air)\s+support|"
    # "bombed the hills from land and air", "raked the road with fire from helicopters".
    r"(?:bombed|bombing|shelled|shelling|strafed|strafing|attacked|fired\s+on)\b[^.;]{0,50}?\b(?:by|from)\s+"
    r"(?:(?:land|sea|ground)(?:\s*,\s*|\s+and\s+))*(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:air|jets?|aircraft|helicopters?|warplanes?))\b")


# Between a count and the strike it counts: "four more airstrikes".
_COUNT_GAP = Regex(r"\s*(?:more\s+|further\s+|separate\s+)?")
# Every sentence this finder reports holds one of these: the others are skipped with a substring test.
_CUE = ("air", "aerial", "bomb", "drone", "helicopter", "jet", "aircraft", "plane", "gunship")


def find_airstrikes(sentence: str) -> list[Finding]:
    """At most one airstrike finding per sentence, with a count when one stands right before it."""
    if not has_cue(sentence, _CUE):
        return []
    m = _STRIKE.search(lowered(sentence))
    if not m:
        return []
    count = None
    for figure in find_figures(sentence[: m.start()]):
        if _COUNT_GAP.fullmatch(sentence, figure.end, m.start()):
            count = figure.best
    neg, hyp = framing(sentence, m.start())
    return [Finding(type="airstrike", start=m.start(), end=m.end(), trigger=sentence[m.start():m.end()], count=count,
                    side="military", negated=neg, hypothetical=hyp)]
