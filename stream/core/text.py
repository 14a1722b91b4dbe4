"""Text folded once for the many patterns that read it in lower case."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=256)
def lowered(text: str) -> str:
    """The text in lower case, letter for letter, so that offsets into it hold in ``text``.

    Several finders and the framing test read a sentence in lower case: it is folded once (folding
    text with curly quotes costs five times a substring scan). The rare letter whose lower case is
    longer ("İ") is kept as it is.
    """
    folded = text.lower()
    if len(folded) != len(text):
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return folded
