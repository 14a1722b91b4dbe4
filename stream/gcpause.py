"""Pausing Python's cyclic garbage collector around bulk folds, which allocate much and free no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc() -> Iterator[None]:
    """Folding a million events creates millions of small objects and no reference cycles; the collector's
    repeated scans of them cost 2-3 times the fold itself (measured in bench/backtest_million.py)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def spare_loaded() -> None:
    """Keep what is loaded now (the gazetteer's 150,000 objects) out of every later full collection.

    They live as long as the process, and each full collection would scan them again: 0.1 s a time,
    five to seven times in an extraction of 3,000 articles.
    """
    gc.freeze()
