"""How deep YAML nests, bounded before the parser sees it: ruamel's scanner slows with the square of flow depth."""

from __future__ import annotations

import re

# A rules file nests a handful of levels (the file, its rules, a rule, its match, a list in it); the feeds and
# rule tests files no more. Past this a file is refused: 40 KB of '[' once took 68 s to refuse.
MAX_DEPTH = 16
_MARKS = re.compile(r"""[\[\]{}'"#]""")
# Possessive: a quote left open is found so in one pass, with no backtracking.
_QUOTED = {"'": re.compile(r"'(?:[^']|'')*+'"), '"': re.compile(r'"(?:[^"\\]|\\.)*+"', re.S)}


def too_deep(text: str) -> tuple[int, int] | None:
    """(line, column), 1-based, of the bracket that opens a flow collection (``[...]``, ``{...}``) deeper than
    MAX_DEPTH, or None; linear in the text. Brackets in quoted scalars and comments are not counted; one in a
    plain scalar may be, which can only refuse a file already nested near the bound. Block nesting, which the
    parser reads fast, is bounded on its events (``stream.core.rules.load``)."""
    depth, at = 0, 0
    while (found := _MARKS.search(text, at)) is not None:
        mark, start, at = found.group(), found.start(), found.end()
        if mark == "#":
            if start == 0 or text[start - 1] in " \t\r\n":  # a comment: the rest of its line
                at = text.find("\n", at)
                if at < 0:
                    return None
        elif mark in "'\"":
            if _node_starts(text, start, flow=depth > 0):
                quoted = _QUOTED[mark].match(text, start)
                if quoted is None:
                    return None  # a quote left open: the parser says where
                at = quoted.end()
        elif mark in "[{":
            if depth or _node_starts(text, start, flow=False):
                depth += 1
                if depth > MAX_DEPTH:
                    return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
        elif depth:
            depth -= 1
    return None


def _node_starts(text: str, at: int, flow: bool) -> bool:
    """Whether a node may begin at ``at``: first on its line, after a flow indicator, or after ': ', '- ', '? '."""
    before = at - 1
    while before >= 0 and text[before] in " \t\r":
        before -= 1
    if before < 0 or text[before] == "\n" or (flow and text[before] in "[{,:"):
        return True
    return text[before] in ":-?" and before < at - 1
