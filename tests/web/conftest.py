"""The desk page's browser tests need Debian's Chromium and its driver: skipped, saying which packages, where they are
missing; failed instead under CI (where the variable CI is set), which must never pass by running none of them."""

from __future__ import annotations

import os
import shutil

import pytest

PACKAGES = "chromium chromium-driver"


@pytest.fixture(scope="session")
def chromium() -> None:
    missing = [name for name in ("chromium", "chromedriver") if shutil.which(name) is None]
    if not missing:
        return
    why = (f"{' and '.join(missing)} not found on PATH: the desk page's browser tests drive Debian's Chromium; "
           f"install it with 'apt-get install {PACKAGES}' (.ci/run does)")
    if os.environ.get("CI"):
        pytest.fail(f"CI runs the browser tests and cannot here: {why}", pytrace=False)
    pytest.skip(why)
