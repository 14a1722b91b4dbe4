"""The quality floor: extraction and alerts on the four labelled sets may not fall below the figures recorded.

Each set is extracted and replayed as a user would, scored by the shared scorers in ``../shared/eval``, and
every figure compared with its floor in tests/quality_floors.json (the figures reached, less 0.02). When a
change raises quality, raise the floors with ``python -m bench.quality --write-floors``.
Without the eval folder the test skips, unless SIGNALFIRE_REQUIRE_EVAL is set (as .ci/run sets it): in CI
the folder is there, and a quality floor that silently skipped would guard nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench import quality


def test_quality_floor(tmp_path: Path) -> None:
    if not quality.EVAL_DIR.is_dir():
        reason = f"no eval folder at {quality.EVAL_DIR} (shared/eval beside the repository)"
        if os.environ.get("SIGNALFIRE_REQUIRE_EVAL"):
            pytest.fail(f"{reason}, and SIGNALFIRE_REQUIRE_EVAL is set: the quality floor must run here")
        pytest.skip(reason)
    if missing := quality.missing_eval_files(quality.EVAL_DIR):
        pytest.fail(f"the eval folder {quality.EVAL_DIR} lacks {', '.join(missing)}")
    below = quality.shortfalls(quality.measure(quality.EVAL_DIR, tmp_path), quality.read_floors())
    if below:
        pytest.fail("figures below their floors in tests/quality_floors.json:\n" + "\n".join(map(str, below)),
                    pytrace=False)
