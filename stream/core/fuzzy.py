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
        self._by_deletion: dict[str, list[str]] | None = None  # built at the first short name
        self._by_ends: dict[tuple[int, str, str], list[str]] = {}  # (length, first, last letter) -> keys, so too
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
            for key in self._keys:
                self._by_ends.setdefault((len(key), key[0], key[-1]), []).append(key)
        table = self._by_deletion
        # The name and each spelling of it less one letter, looked up at once: most find no key at all.
        spellings = {name[:i] + name[i + 1:] for i in range(n)}
        spellings.add(name)
        found = {key for spelling in table.keys() & spellings for key in table[spelling]}
        # The one case the table misses: a key that is the name less two letters. Such a key starts with one of
        # the name's first three letters and ends with one of its last three: only those few keys are scored,
        # not every key of that length through extractOne (a short name's search 7% fewer instructions).
        if n - 2 >= low:
            by_ends = self._by_ends
            for first in set(name[:3]):
                for last in set(name[-3:]):
                    found.update(by_ends.get((n - 2, first, last), ()))
        scored = [(score, key) for key in found
                  if low <= len(key) <= high and (score := fuzz.ratio(name, key, score_cutoff=self._cutoff))]
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
