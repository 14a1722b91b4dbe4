"""Sample strings a regular expression matches, one for each alternative it offers: to test the cheap
substring checks that stand before the patterns.

Each sample takes one branch of one alternation and the first branch everywhere else, and every
optional part once present and once absent, so every word the pattern can require shows up in some
sample. Assertions are left out; callers keep the samples the pattern really matches.
"""

from __future__ import annotations

import re
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_CATEGORY = {"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " ", "CATEGORY_WORD": "a", "CATEGORY_NOT_DIGIT": "a",
             "CATEGORY_NOT_SPACE": "a", "CATEGORY_NOT_WORD": " "}


def _char(items: list[tuple[Any, Any]]) -> str:
    """A character of a class like [a-z\\s], or one outside a negated class."""
    if items and str(items[0][0]) == "NEGATE":
        excluded = re.compile(f"[{''.join(_class_text(items[1:]))}]")
        return next(c for c in "ax1 " if not excluded.match(c))
    op, av = items[0]
    name = str(op)
    if name == "LITERAL":
        return chr(av)
    if name == "RANGE":
        return chr(av[0])
    if name == "CATEGORY":
        return _CATEGORY[str(av)]
    raise ValueError(f"unsupported class item {name}")


def _class_text(items: list[tuple[Any, Any]]) -> list[str]:
    out = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.append(re.escape(chr(av)))
        elif name == "RANGE":
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif name == "CATEGORY":
            out.append({"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}[str(av)])
    return out


def _first(items: Any) -> str:
    """The plainest string a parsed pattern matches: first branches, fewest repeats."""
    return "".join(_node_first(op, av) for op, av in items)


def _node_first(op: Any, av: Any) -> str:
    name = str(op)
    if name == "LITERAL":
        return chr(av)
    if name == "NOT_LITERAL" or name == "ANY":
        return "a" if name == "ANY" or av != ord("a") else "b"
    if name == "IN":
        return _char(av)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _, body = av
        return _first(body) * low
    if name == "SUBPATTERN":
        return _first(av[-1])
    if name == "BRANCH":
        return _first(av[1][0])
    if name == "ASSERT" and av[0] == 1:  # a lookahead: what must follow
        return _first(av[1])
    return ""  # other assertions, boundaries, anchors


def _variants(items: Any) -> list[str]:
    """Strings for ``items``: the plainest, then each with one node varied."""
    plain = [_node_first(op, av) for op, av in items]
    out = ["".join(plain)]
    for i, (op, av) in enumerate(items):
        for variant in _node_variants(op, av):
            out.append("".join(plain[:i]) + variant + "".join(plain[i + 1:]))
    return out


def _node_variants(op: Any, av: Any) -> list[str]:
    name = str(op)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _, body = av
        prefix = _first(body) * max(0, low - 1)
        return [prefix + v for v in _variants(body)]
    if name == "SUBPATTERN":
        return _variants(av[-1])
    if name == "BRANCH":
        return [v for branch in av[1] for v in _variants(branch)]
    if name == "ASSERT" and av[0] == 1:
        return _variants(av[1])
    return []


def samples(pattern: re.Pattern[str]) -> list[str]:
    """Strings covering every alternative of ``pattern`` that it matches, each padded with spaces."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    found = dict.fromkeys(f" {s} " for s in _variants(list(parsed)))
    return [s for s in found if pattern.search(s)]
