"""Text folded once for the many patterns that read it in lower case, and the substring tests before them."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple


def fold(text: str) -> str:
    """The text in lower case, letter for letter, so that offsets into it hold in ``text``.

    Patterns compiled without re.I and run on folded text are two to four times faster. The rare
    letter whose lower case is longer ("İ") is kept as it is.
    """
    folded = text.lower()
    if len(folded) != len(text):
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return folded


def contains_any(text: str, parts: tuple[str, ...]) -> bool:
    """True when ``text`` holds one of ``parts``: the cheap test before a pattern that needs one of them.

    A loop, not any() over a generator: a third faster, and every finder asks it of every sentence.
    """
    for part in parts:
        if part in text:
            return True
    return False


class Gated(NamedTuple):
    """Patterns with the substrings every match of them holds: where none stands in a text, none is run.

    A pattern that starts with a word boundary is tried at every letter of the text; a substring
    test runs at C speed. A test samples each pattern to check its stems leave out no match.
    """

    patterns: tuple[re.Pattern[str], ...]
    stems: tuple[str, ...]

    def where(self, text: str) -> tuple[re.Pattern[str], ...]:
        """The patterns worth running on ``text``: all of them, or none."""
        return self.patterns if contains_any(text, self.stems) else ()

    def search(self, text: str) -> re.Match[str] | None:
        """The first pattern's first match in ``text``, then the next pattern's."""
        if contains_any(text, self.stems):
            for pattern in self.patterns:
                found = pattern.search(text)
                if found:
                    return found
        return None


@lru_cache(maxsize=256)
def lowered(sentence: str) -> str:
    """``fold``, remembered: several finders and the framing test read each sentence in lower case.

    Folding text with curly quotes costs five times a substring scan.
    """
    return fold(sentence)
