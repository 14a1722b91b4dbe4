"""Text folded once for the many patterns that read it in lower case, and the substring tests before them."""

from __future__ import annotations

from functools import lru_cache


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


@lru_cache(maxsize=256)
def lowered(sentence: str) -> str:
    """``fold``, remembered: several finders and the framing test read each sentence in lower case.

    Folding text with curly quotes costs five times a substring scan.
    """
    return fold(sentence)
