"""The gazetteer key nearest a misspelt name: rapidfuzz's ratio, with a table of deletions for short names."""

from __future__ import annotations

import math
from collections.abc import Sequence

from rapidfuzz import fuzz, process


class NearestKey:
    """``process.extractOne(name, keys, scorer=fuzz.ratio, score_cutoff=cutoff)``, the same answer sooner.

    ``fuzz.ratio`` is 100 * (1 - d / (a + b)), d the letters inserted or deleted to turn one string
    into the other, so d >= |a - b|: a key much longer or shorter than the name never reaches the
    cutoff and is not scored. For a short name the cutoff allows two insertions or deletions at most.
    Such a key and the name then share a spelling with at most one letter deleted from the name and
    two from the key, or the key is the name less two letters: a table of every key under each
    spelling less up to two letters finds the few worth scoring, where extractOne would score some
    three hundred (a news stream sends thousands of unknown names, people and outlets, through here).
    """

    def __init__(self, keys: Sequence[str], cutoff: float) -> None:
        self._keys = list(dict.fromkeys(keys))
        self._cutoff = cutoff
        self._rank = {k: i for i, k in enumerate(self._keys)}
        self._near_length: dict[int, list[str]] = {}
        self._exact_length: dict[int, list[str]] = {}
        self._by_deletion: dict[str, list[str]] | None = None  # built at the first short name
        self._by_length: dict[int, tuple[int, int, bool]] = {}

    def bounds(self, n: int) -> tuple[int, int]:
        """The shortest and longest key that can reach the cutoff against a name of ``n`` letters."""
        slack = (100 - self._cutoff) / 100
        return math.ceil(n * (1 - slack) / (1 + slack) - 1e-9), math.floor(n * (1 + slack) / (1 - slack) + 1e-9)

    def _max_edits(self, n: int) -> int:
        return math.floor((100 - self._cutoff) / 100 * (n + self.bounds(n)[1]) + 1e-9)

    def of_length_near(self, n: int) -> list[str]:
        """The keys of a length that can reach the cutoff against a name of ``n`` letters, in order."""
        if n not in self._near_length:
            low, high = self.bounds(n)
            self._near_length[n] = [k for k in self._keys if low <= len(k) <= high]
        return self._near_length[n]

    def _of_length(self, n: int) -> list[str]:
        if n not in self._exact_length:
            self._exact_length[n] = [k for k in self._keys if len(k) == n]
        return self._exact_length[n]

    def _limits(self, n: int) -> tuple[int, int, bool]:
        """(shortest key, longest key, whether the deletion table serves) for names of ``n`` letters."""
        if n not in self._by_length:
            self._by_length[n] = (*self.bounds(n), self._max_edits(n) <= 2)
        return self._by_length[n]

    def __call__(self, name: str) -> str | None:
        n = len(name)
        low, high, short = self._limits(n)
        if not short:
            hit = process.extractOne(name, self.of_length_near(n), scorer=fuzz.ratio, score_cutoff=self._cutoff)
            return hit[0] if hit else None
        if self._by_deletion is None:
            self._by_deletion = self._deletion_table()
        table = self._by_deletion
        # The name and each spelling of it less one letter, looked up directly: most find no key at all.
        found = table.get(name, [])
        for i in range(n):
            keys = table.get(name[:i] + name[i + 1:])
            if keys:
                found = found + keys
        scored = [(score, key) for key in set(found)
                  if low <= len(key) <= high and (score := fuzz.ratio(name, key, score_cutoff=self._cutoff))]
        # The one case the table misses: a key that is the name less two letters.
        hit = process.extractOne(name, self._of_length(n - 2), scorer=fuzz.ratio,
                                 score_cutoff=self._cutoff) if n - 2 >= low else None
        if hit:
            scored.append((hit[1], hit[0]))
        # The best score, and of equals the first key, as extractOne answers.
        return max(scored, key=lambda s: (s[0], -self._rank[s[1]]))[1] if scored else None

    def _deletion_table(self) -> dict[str, list[str]]:
        """Every key a short name can reach, under each of its spellings less up to two letters."""
        longest = max((self.bounds(n)[1] for n in range(1, 64) if self._max_edits(n) <= 2), default=0)
        table: dict[str, list[str]] = {}
        for key in self._keys:
            if len(key) <= longest:
                for variant in _deletions(key, 2):
                    table.setdefault(variant, []).append(key)
        return table


def _deletions(word: str, depth: int) -> set[str]:
    """The word and every spelling of it with up to ``depth`` letters deleted."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found
