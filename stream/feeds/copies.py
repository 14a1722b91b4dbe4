"""Near-copies: a wire story republished with small edits is found by MinHash over word shingles."""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict, deque
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

PERMUTATIONS = 128
# Stored signatures are only comparable under one permutation scheme: named, never left to a default.
SCHEME = "affine32"
SHINGLE = 4  # words: long enough that two reporters' own sentences rarely share one
# Estimated Jaccard similarity of shingles from which a text is a copy. A six-paragraph story with one
# paragraph cut scores about 0.75, with its first paragraph reworded as well about 0.57; two outlets' own
# reports of one clash score under 0.2, even when both quote the same sentence of a spokesman.
THRESHOLD = 0.5
# Two texts share a bucket when one of their 25 bands of 5 values is equal: datasketch's optimum for a 0.5
# threshold over 128 permutations (false positives and negatives weighed alike).
BANDS, ROWS = 25, 5
PER_BUCKET = 16  # the latest articles a bucket keeps: at most 25 x 16 compared per text
KEPT = 50_000  # articles the index holds; the oldest are dropped
_WORD = re.compile(r"\w+")


def fingerprint(text: str) -> str:
    """The same text, whatever its spacing and case: one article."""
    return hashlib.sha256(" ".join(_WORD.findall(text.lower())).encode()).hexdigest()


def signature(text: str) -> bytes:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch([shingle.encode() for shingle in shingles])
    return bytes(minhash.hashvalues.astype(np.uint64).tobytes())


@dataclass(frozen=True)
class Original:
    article_id: str
    source: str | None


class CopyIndex:
    """The latest ``kept`` articles taken in, by MinHash bands: ``original_of`` finds the first one a text copies.

    The work a text costs is bounded whatever came before: each of its bands is looked up in a bucket that keeps
    its latest ``per_bucket`` articles, so a story republished a thousand times is compared with its latest
    copies (which name the same original), not with all of them; and the oldest articles are dropped."""

    def __init__(self, kept: int = KEPT, per_bucket: int = PER_BUCKET) -> None:
        self.kept, self.per_bucket = kept, per_bucket
        self._buckets: dict[bytes, deque[str]] = {}
        # article id -> its MinHash and the original it copies (or itself), oldest first
        self._items: OrderedDict[str, tuple[np.ndarray, Original]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def original_of(self, sig: bytes, source: str | None) -> Original | None:
        """The original this text copies, from another outlet; None when it is nobody's copy."""
        values = _values(sig)
        candidates = sorted({found for key in _bands(values) for found in self._buckets.get(key, ())})
        # An outlet updating its own story is not copying anyone.
        candidates = [c for c in candidates if (o := self._items[c][1]).source is None or o.source != source]
        if not candidates:
            return None
        scores = (np.stack([self._items[c][0] for c in candidates]) == values).mean(axis=1)
        score, best = max(zip(scores.tolist(), candidates, strict=True))
        return self._items[best][1] if score >= THRESHOLD else None

    def add(self, article_id: str, sig: bytes, source: str | None, copy_of: Original | None) -> None:
        if article_id in self._items:
            return
        values = _values(sig)
        self._items[article_id] = (values, copy_of or Original(article_id, source))
        for key in _bands(values):
            self._buckets.setdefault(key, deque(maxlen=self.per_bucket)).append(article_id)
        if len(self._items) > self.kept:
            self._drop(*self._items.popitem(last=False))

    def _drop(self, article_id: str, item: tuple[np.ndarray, Original]) -> None:
        for key in _bands(item[0]):
            bucket = self._buckets.get(key)
            if bucket is not None and article_id in bucket:
                bucket.remove(article_id)
                if not bucket:
                    del self._buckets[key]


def _values(sig: bytes) -> np.ndarray:
    return np.frombuffer(sig, dtype=np.uint64)


def _bands(values: np.ndarray) -> list[bytes]:
    return [bytes((band,)) + values[band * ROWS:(band + 1) * ROWS].tobytes() for band in range(BANDS)]
